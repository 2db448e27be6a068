package dev.jconcurrency.docs.results;

import dev.jconcurrency.core.process.ProcessPool;
import dev.jconcurrency.core.process.SerializableCallable;
import dev.jconcurrency.core.process.SerializableFunction;
import dev.jconcurrency.core.timing.Measurement;
import dev.jconcurrency.core.timing.Speedup;
import dev.jconcurrency.core.timing.Stopwatch;
import dev.jconcurrency.core.timing.Timed;

import java.time.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

/**
 * What a pool costs per task when the task does nothing: the price of handing work to another thread (or
 * process) and getting the answer back, which real work must outweigh for the pool to pay.
 */
final class Costs {

    private Costs() {
    }

    /**
     * One pool's cost per task, or why it was not measured.
     *
     * @param pool what ran the tasks, e.g. {@code Java thread pool}
     * @param workers how many workers, as text ({@code 2}, or {@code one per task})
     * @param tasks how many trivial tasks were timed together
     * @param perTaskMicros the median run's time divided by the tasks, in µs; empty when not measured
     * @param note why it was not measured, or what the figure includes
     */
    record Row(String pool, String workers, int tasks, Optional<Double> perTaskMicros, String note) {
    }

    /** Times {@code plan.trivialTasks()} empty tasks on a fixed pool of {@code cores} platform threads. */
    static Row threadPool(Plan plan, int cores, Progress progress) throws Exception {
        List<Callable<Integer>> tasks = trivialTasks(plan.trivialTasks());
        try (ExecutorService pool = Executors.newFixedThreadPool(cores,
                Thread.ofPlatform().name("results-cost-", 0).factory())) {
            return measure("Java thread pool", Integer.toString(cores), plan, progress, () -> runAll(pool, tasks));
        }
    }

    /** Times {@code plan.trivialTasks()} empty tasks, each on a new virtual thread. */
    static Row virtualThreads(Plan plan, Progress progress) throws Exception {
        List<Callable<Integer>> tasks = trivialTasks(plan.trivialTasks());
        return measure("Java virtual thread per task", "one per task", plan, progress, () -> {
            // Closing waits for every virtual thread, so the time covers all of them and none outlives the run.
            try (ExecutorService perTask = Executors.newVirtualThreadPerTaskExecutor()) {
                runAll(perTask, tasks);
            }
        });
    }

    /** How many workers the start-up is measured with, as in core's {@code ProcessPoolBenchmark}. */
    static final int START_WORKERS = 2;

    /** Map's chunk size: one round trip per 100 inputs, as the pool's javadoc suggests for tiny functions. */
    static final int MAP_CHUNK = 100;

    /** The bound on waiting for any one answer from a worker JVM: a hang fails the run instead of stalling it. */
    private static final Duration HANG = Duration.ofMinutes(5);

    static final String PROCESS_POOL = "Java process pool (child JVMs)";

    /**
     * Times {@code plan.trivialTasks()} tasks {@code x -> x * x} on a process pool of {@code cores} warm worker
     * JVMs, twice: every task submitted, then every answer got; and the same inputs through {@code map} in chunks
     * of {@link #MAP_CHUNK}.
     */
    static List<Row> processPool(Plan plan, int cores, Progress progress) throws Exception {
        int count = plan.trivialTasks();
        List<Long> inputs = LongStream.range(0, count).boxed().toList();
        long expected = LongStream.range(0, count).map(x -> x * x).sum();
        String workers = Integer.toString(cores);
        try (ProcessPool pool = Sweeps.startedPool(cores)) {
            Row submitted = measure(PROCESS_POOL + ", submit", workers, plan, progress, () -> {
                List<Future<Long>> futures = new ArrayList<>(count);
                for (long input : inputs) {
                    futures.add(pool.submit(new SquareTask(input)));
                }
                long sum = 0;
                for (Future<Long> future : futures) {
                    sum += future.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
                }
                Sweeps.check(sum == expected, "the squares add up", sum);
            });
            Row mapped = measure(PROCESS_POOL + ", map", workers, plan, progress, () -> {
                long sum = pool.map(new Square(), inputs, MAP_CHUNK).stream().mapToLong(Long::longValue).sum();
                Sweeps.check(sum == expected, "the squares add up", sum);
            });
            return List.of(
                withNote(submitted, "every task submitted, then every answer got; workers started and warm"),
                withNote(mapped, "`map` in chunks of " + MAP_CHUNK + ": one round trip per chunk"));
        }
    }

    /**
     * Times building a pre-started pool of {@link #START_WORKERS} worker JVMs until its first answer is back;
     * closing each pool (waiting for its JVMs to exit) is outside the timed part.
     */
    static Measurement processPoolStart(Plan plan, Progress progress) throws Exception {
        List<Duration> samples = new ArrayList<>();
        for (int run = 0; run < plan.warmups() + plan.runs(); run++) {
            Stopwatch clock = Stopwatch.start();
            Duration elapsed;
            try (ProcessPool pool = ProcessPool.builder().workers(START_WORKERS).prestart(true).build()) {
                long answer = pool.submit(new SquareTask(7)).get(HANG.toMillis(), TimeUnit.MILLISECONDS);
                elapsed = clock.elapsed();
                Sweeps.check(answer == 49, "7 * 7", answer);
            }
            if (run >= plan.warmups()) {
                samples.add(elapsed);
            }
        }
        Measurement time = new Measurement(samples);
        progress.done(PROCESS_POOL + ", " + START_WORKERS + " workers: start to first result", time);
        return time;
    }

    /** {@code x -> x * x} for {@code map}: a named class, since it is serialized to the worker JVMs. */
    private static final class Square implements SerializableFunction<Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long apply(Long x) {
            return x * x;
        }
    }

    /** {@code x * x} for one input, as one task. */
    private record SquareTask(long x) implements SerializableCallable<Long> {
        @Override
        public Long call() {
            return x * x;
        }
    }

    private static Row withNote(Row row, String note) {
        return new Row(row.pool(), row.workers(), row.tasks(), row.perTaskMicros(), note);
    }

    private static Row measure(String label, String workers, Plan plan, Progress progress,
                               Timed.ThrowingRunnable work) throws Exception {
        Measurement time = Measurement.repeat(plan.warmups(), plan.runs(), work);
        double micros = Speedup.seconds(time.median()) * 1e6 / plan.trivialTasks();
        progress.done(label + ", " + Format.count(plan.trivialTasks()) + " trivial tasks",
            Format.micros(micros) + " per task");
        return new Row(label, workers, plan.trivialTasks(), Optional.of(micros), "");
    }

    private static List<Callable<Integer>> trivialTasks(int count) {
        List<Callable<Integer>> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int value = i;
            tasks.add(() -> value);
        }
        return tasks;
    }

    private static void runAll(ExecutorService pool, List<Callable<Integer>> tasks) throws Exception {
        long sum = Sweeps.invokeAll(pool, tasks).stream().mapToLong(Integer::longValue).sum();
        Sweeps.check(sum == (long) tasks.size() * (tasks.size() - 1) / 2, "the values add up", sum);
    }
}
