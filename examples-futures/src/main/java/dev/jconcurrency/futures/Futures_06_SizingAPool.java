package dev.jconcurrency.futures;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.report.Table;
import dev.jconcurrency.core.timing.Speedup;
import dev.jconcurrency.core.timing.Stopwatch;
import dev.jconcurrency.core.workload.Workloads;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many threads should a pool have? It depends on what the tasks do while they run. Tasks that wait (I/O)
 * finish faster with every thread added, up to one thread per task, because a waiting thread uses no CPU; tasks
 * that compute stop getting faster once there is one thread per core, because the cores are all busy. Size an
 * I/O pool by the number of waits you want to overlap, a CPU pool by {@link Runtime#availableProcessors()}.
 */
public final class Futures_06_SizingAPool {

    private Futures_06_SizingAPool() {
    }

    /*
     * Suppose a batch of identical tasks and a choice of pool sizes: 1, 2, 4, 8, 32 threads. We run the batch
     * twice on each: once where every task waits (a sleep, the simulated I/O of the seed) and once where every
     * task computes (a sum of squares of fixed size, so every run does exactly the same work). Besides the time
     * we count how many tasks were running at once: the structure behind the timings.
     */

    /**
     * One batch on one pool.
     *
     * @param threads the pool size
     * @param tasks how many tasks the batch had
     * @param elapsed from the first submission until the last result
     * @param maxInFlight the most tasks seen running at the same moment
     * @param threadsUsed how many distinct threads ran a task
     * @param correct whether every task's result was the expected one
     */
    public record PoolRun(int threads, int tasks, Duration elapsed, int maxInFlight, int threadsUsed,
        boolean correct) {

        /** Tasks completed per second. */
        public double throughput() {
            return tasks / Speedup.seconds(elapsed);
        }
    }

    /** Counts the tasks running at each moment, and the threads that ran them. */
    static final class InFlight {
        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger max = new AtomicInteger();
        private final Set<String> threads = ConcurrentHashMap.newKeySet();

        <T> Callable<T> track(Callable<T> work) {
            return () -> {
                max.accumulateAndGet(now.incrementAndGet(), Math::max);
                threads.add(Thread.currentThread().getName());
                try {
                    return work.call();
                } finally {
                    now.decrementAndGet();
                }
            };
        }
    }

    /**
     * Runs {@code tasks} copies of {@code work} on a new pool of {@code threads} threads and times the batch.
     *
     * @param threads pool size, 1 or more
     * @param tasks how many tasks, 1 or more
     * @param work one task
     * @param expected what every task must return
     * @return the timing and the structure
     * @throws Exception if a task fails or we are interrupted
     */
    static PoolRun batch(int threads, int tasks, Callable<?> work, Object expected) throws Exception {
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be positive: " + tasks);
        }
        InFlight inFlight = new InFlight();
        List<Callable<Object>> batch = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            batch.add(inFlight.track(work::call));
        }
        try (ExecutorService pool = PoolKind.THREAD.open(threads)) {
            pool.submit(() -> { }).get(); // start one worker first: thread start-up is not what we measure
            Stopwatch watch = Stopwatch.start();
            List<Object> results = Futures_03_MapVsAsCompleted.map(pool, batch);
            Duration elapsed = watch.elapsed();
            boolean correct = results.stream().allMatch(expected::equals);
            return new PoolRun(threads, tasks, elapsed, inFlight.max.get(), inFlight.threads.size(), correct);
        }
    }

    /**
     * The waiting batch: each task sleeps {@code wait} and returns it.
     *
     * @param threads pool size
     * @param tasks how many tasks
     * @param wait each task's wait
     * @return the run
     * @throws Exception if interrupted
     */
    public static PoolRun io(int threads, int tasks, Duration wait) throws Exception {
        Objects.requireNonNull(wait, "wait");
        return batch(threads, tasks, () -> {
            Workloads.sleep(wait); // an interrupt ends the task: propagated to its future
            return wait;
        }, wait);
    }

    /**
     * The computing batch: each task sums the squares below {@code size}.
     *
     * @param threads pool size
     * @param tasks how many tasks
     * @param size each task's problem size
     * @return the run
     * @throws Exception if interrupted
     */
    public static PoolRun cpu(int threads, int tasks, long size) throws Exception {
        BigInteger expected = Workloads.sumOfSquaresClosedForm(size);
        return batch(threads, tasks, () -> Workloads.sumOfSquares(size), expected);
    }

    /**
     * Both batches on one pool size.
     *
     * @param io the waiting batch
     * @param cpu the computing batch
     */
    public record Row(PoolRun io, PoolRun cpu) {
    }

    /**
     * The whole comparison.
     *
     * @param cores {@link Runtime#availableProcessors()} on this machine
     * @param rows one per pool size, in the order given; the first is the baseline for speedups
     */
    public record Result(int cores, List<Row> rows) {
        /**
         * @param cores the core count
         * @param rows the rows, at least one
         */
        public Result {
            rows = List.copyOf(rows);
        }

        /** The waiting batch's speedup on {@code row} over the first row. */
        public double ioSpeedup(Row row) {
            return Speedup.of(rows.get(0).io().elapsed(), row.io().elapsed());
        }

        /** The computing batch's speedup on {@code row} over the first row. */
        public double cpuSpeedup(Row row) {
            return Speedup.of(rows.get(0).cpu().elapsed(), row.cpu().elapsed());
        }
    }

    /**
     * Runs both batches on each pool size: the waiting batch once, the computing batch three times keeping the
     * fastest (after one untimed computing batch, so the JIT has compiled the sum), as other processes on a
     * shared machine steal CPU time from single runs.
     *
     * @param poolSizes the sizes, the first being the baseline (normally 1)
     * @param tasks tasks per batch
     * @param wait each waiting task's wait
     * @param size each computing task's problem size
     * @return the table
     * @throws Exception if interrupted
     */
    public static Result run(List<Integer> poolSizes, int tasks, Duration wait, long size) throws Exception {
        Objects.requireNonNull(poolSizes, "poolSizes");
        if (poolSizes.isEmpty()) {
            throw new IllegalArgumentException("poolSizes must not be empty: []");
        }
        cpu(Runtime.getRuntime().availableProcessors(), tasks, size); // warm-up, not kept
        List<Row> rows = new ArrayList<>();
        for (int threads : poolSizes) {
            PoolRun fastest = cpu(threads, tasks, size);
            for (int repeat = 1; repeat < 3; repeat++) {
                PoolRun next = cpu(threads, tasks, size);
                fastest = next.elapsed().compareTo(fastest.elapsed()) < 0 ? next : fastest;
            }
            rows.add(new Row(io(threads, tasks, wait), fastest));
        }
        return new Result(Runtime.getRuntime().availableProcessors(), rows);
    }

    /*
     * It turns out the two columns tell opposite stories.
     *
     * Waiting: the time halves with every doubling of the pool, up to one thread per task. The most tasks in
     * flight is exactly min(threads, tasks): a sleeping thread costs no CPU, so the machine's two cores are
     * no limit at all. For waiting work the pool is sized by how many waits should overlap, bounded by what the
     * other side can take (a database's connection limit, a server's rate limit), not by the cores.
     *
     * Computing: the pool of 2 is about twice as fast as the pool of 1 on a 2-core machine, and then nothing:
     * 4, 8 or 32 threads are all in flight, yet they only take turns on the same 2 cores. Efficiency (speedup
     * per thread) falls as threads are added, and the Karp-Flatt serial fraction, computed with the cores
     * actually available, stays small: the loss is not serial code but simply no more cores.
     *
     * For a task that computes for C and waits for W, Goetz's rule of thumb ("Java Concurrency in Practice",
     * 8.2) puts the pool at cores * (1 + W / C): cores for pure computation, many more for mostly waiting.
     * Virtual threads (examples-async) remove the question for waiting work: one per task.
     */

    /*
     * How to run:
     *
     *   mvn -q -pl examples-futures -am test-compile -Drun=examples-futures -Dargs="--lesson 6"
     *
     * or directly, with options (--tasks, --wait, --size): see Futures_06_SizingAPool --help.
     *
     * Typical output (2-core Intel Xeon VM shared with other builds, load average about 4; Linux 6.18;
     * Temurin JDK 25.0.3; the run profile; 2026-11-25):
     *
     *   32 tasks per batch; waiting: sleep 0.1 sec; computing: sum of squares below 20000000; 2 cores
     *   threads  I/O time  I/O tasks/s  I/O speedup  I/O in flight  CPU time  CPU tasks/s  CPU speedup  CPU efficiency  CPU Karp-Flatt
     *   -------  --------  -----------  -----------  -------------  --------  -----------  -----------  --------------  --------------
     *         1  3.21 sec         9.97        1.00x              1  0.73 sec        44.01        1.00x            1.00  -
     *         2  1.60 sec        19.95        2.00x              2  0.38 sec        83.47        1.90x            0.95  0.05
     *         4  0.80 sec        39.89        4.00x              4  0.38 sec        85.01        1.93x            0.48  0.04
     *         8  0.40 sec        79.72        7.99x              8  0.39 sec        82.60        1.88x            0.23  0.07
     *        32  0.11 sec       303.78       30.46x             32  0.38 sec        83.90        1.91x            0.06  0.05
     */

    /**
     * Prints the comparison table.
     *
     * @param args {@code --tasks N}, {@code --wait TIME}, {@code --size N}, {@code --help}
     * @throws Exception if interrupted
     */
    public static void main(String[] args) throws Exception {
        CommandLine cli = CommandLine.builder(Futures_06_SizingAPool.class.getSimpleName(),
                "The same batch of waiting tasks and of computing tasks on pools of 1, 2, 4, 8 and 32 threads.")
            .intOption("tasks", 32, 1, 10_000, "tasks per batch")
            .durationOption("wait", Duration.ofMillis(100), Duration.ofMillis(1), Duration.ofSeconds(10),
                "each waiting task's wait")
            .longOption("size", 20_000_000, 1, 3_037_000_500L, "each computing task's sum-of-squares size")
            .build();
        CommandLine.exitOnFailure(cli.run(args, System.out, System.err, options -> {
            int tasks = options.intValue("tasks");
            Result result = run(List.of(1, 2, 4, 8, 32), tasks, options.duration("wait"), options.longValue("size"));
            Report report = Report.to(System.out);
            report.line(tasks + " tasks per batch; waiting: sleep " + Report.duration(options.duration("wait"))
                + "; computing: sum of squares below " + options.longValue("size") + "; " + result.cores()
                + " cores");
            Table table = Table.of("threads", "I/O time", "I/O tasks/s", "I/O speedup", "I/O in flight",
                "CPU time", "CPU tasks/s", "CPU speedup", "CPU efficiency", "CPU Karp-Flatt");
            for (Row row : result.rows()) {
                int threads = row.io().threads();
                double cpuSpeedup = result.cpuSpeedup(row);
                int usable = Math.min(Math.min(threads, tasks), result.cores());
                table.row(threads, Report.seconds(row.io().elapsed()), format(row.io().throughput()),
                    format(result.ioSpeedup(row)) + "x", row.io().maxInFlight(),
                    Report.seconds(row.cpu().elapsed()), format(row.cpu().throughput()), format(cpuSpeedup) + "x",
                    format(Speedup.efficiency(cpuSpeedup, threads)),
                    usable < 2 ? "-" : format(Speedup.karpFlatt(cpuSpeedup, usable)));
            }
            System.out.print(table.toText());
        }));
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
