package dev.jconcurrency.core.process;


import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Measures what the performance targets are about, on this machine (a benchmark, not a test: nothing is
 * asserted). Run it with:
 *
 * <pre>
 * mvn -q -B -pl concurrency-core test-compile
 * java -cp concurrency-core/target/classes:concurrency-core/target/test-classes \
 *     dev.jconcurrency.core.process.ProcessPoolBenchmark [rounds] [jvm flags for the workers...]
 * </pre>
 *
 * <ol>
 *   <li>one child JVM that sums 10⁶ squares, prints and exits: {@code start()} to exit code (target &lt; 40 ms);
 *   <li>a pool of 2 workers started and its first result back (target &lt; 100 ms), prestarted (both JVMs boot
 *       at once) and lazy (the first task starts one JVM); the first round is also the first in this JVM (cold
 *       parent), the others reuse the parent's warmed-up code;
 *   <li>2 warm workers, 1,000 trivial tasks {@code x -> x * x} submitted at once, then all results (target
 *       ≤ 25 µs per task);
 *   <li>{@code map(x -> x * x, 100,000 inputs, chunk size 100)} on 2 warm workers (target ≤ 2 µs per element).
 * </ol>
 * Each figure is reported as median and range over the rounds.
 */
public final class ProcessPoolBenchmark {

    private ProcessPoolBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        String[] flags = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length)
            : ProcessPool.DEFAULT_JVM_FLAGS.toArray(String[]::new);
        System.out.printf(Locale.ROOT, "JDK %s, %d CPUs, load %s, worker flags %s, %d rounds%n",
            Runtime.version(), Runtime.getRuntime().availableProcessors(), loadAverage(), Arrays.toString(flags),
            rounds);

        List<Double> child = new ArrayList<>();
        List<Double> firstResult = new ArrayList<>();
        List<Double> firstResultLazy = new ArrayList<>();
        List<Double> perTask = new ArrayList<>();
        List<Double> perElement = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            child.add(childJvmMillis());
            firstResult.add(poolStartToFirstResultMillis(flags, true));
            firstResultLazy.add(poolStartToFirstResultMillis(flags, false));
        }
        try (ProcessPool pool = ProcessPool.builder().workers(2).jvmFlags(flags).prestart(true).build()) {
            warmUp(pool);
            for (int round = 0; round < rounds; round++) {
                perTask.add(submitThousandMicrosPerTask(pool));
                perElement.add(mapMicrosPerElement(pool));
            }
        }
        report("child JVM sum of 10^6 squares, start() to exit code (ms), target < 40", child);
        System.out.printf(Locale.ROOT, "  (first round, cold parent: %.1f ms)%n", child.get(0));
        report("pool of 2, prestarted: start to first result (ms), target < 100", firstResult);
        System.out.printf(Locale.ROOT, "  (first round, cold parent: %.1f ms)%n", firstResult.get(0));
        report("pool of 2, lazy (one worker per task): start to first result (ms)", firstResultLazy);
        report("1,000 x -> x * x submitted at once on 2 warm workers (us per task), target <= 25", perTask);
        report("map(x -> x * x, 100,000, chunk 100) on 2 warm workers (us per element), target <= 2", perElement);
    }

    private static double childJvmMillis() throws Exception {
        ChildJvm.Result result = ChildJvm.of(ChildMains.SumOfSquares.class).run();
        if (!result.stdout().strip().equals("333332833333500000")) {
            throw new AssertionError(result);
        }
        return result.duration().toNanos() / 1e6;
    }

    private static double poolStartToFirstResultMillis(String[] flags, boolean prestart) throws Exception {
        long start = System.nanoTime();
        try (ProcessPool pool = ProcessPool.builder().workers(2).jvmFlags(flags).prestart(prestart).build()) {
            int x = 7;
            Future<Integer> first = pool.submit(() -> x * x);
            if (first.get() != 49) {
                throw new AssertionError();
            }
            double millis = (System.nanoTime() - start) / 1e6;
            pool.shutdownNow(); // not part of the measurement: the question is how soon work can start
            return millis;
        }
    }

    private static void warmUp(ProcessPool pool) throws Exception {
        for (int i = 0; i < 20; i++) {
            submitThousandMicrosPerTask(pool);
            mapMicrosPerElement(pool);
        }
    }

    private static double submitThousandMicrosPerTask(ProcessPool pool) throws Exception {
        int tasks = 1_000;
        long start = System.nanoTime();
        List<Future<Integer>> futures = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            int x = i;
            futures.add(pool.submit(() -> x * x));
        }
        long sum = 0;
        for (Future<Integer> future : futures) {
            sum += future.get();
        }
        double micros = (System.nanoTime() - start) / 1e3 / tasks;
        if (sum != 332_833_500L) {
            throw new AssertionError(sum);
        }
        return micros;
    }

    private static double mapMicrosPerElement(ProcessPool pool) throws Exception {
        List<Integer> inputs = IntStream.range(0, 100_000).boxed().toList();
        long start = System.nanoTime();
        List<Integer> squares = pool.map(x -> x * x, inputs, 100);
        double micros = (System.nanoTime() - start) / 1e3 / inputs.size();
        if (squares.size() != inputs.size() || squares.get(99_999) != 99_999 * 99_999) {
            throw new AssertionError();
        }
        return micros;
    }

    private static void report(String what, List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
            : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        System.out.printf(Locale.ROOT, "%s: median %.1f, range %.1f-%.1f, quartiles %.1f-%.1f%n", what, median,
            sorted[0], sorted[sorted.length - 1], sorted[sorted.length / 4], sorted[sorted.length * 3 / 4]);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

}
