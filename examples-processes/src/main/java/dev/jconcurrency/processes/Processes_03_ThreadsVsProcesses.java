package dev.jconcurrency.processes;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.cli.LessonLauncher;

import dev.jconcurrency.core.process.ProcessPool;
import dev.jconcurrency.core.process.SerializableCallable;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.report.Table;
import dev.jconcurrency.core.timing.Measurement;
import dev.jconcurrency.core.timing.Speedup;
import dev.jconcurrency.core.timing.Stopwatch;
import dev.jconcurrency.core.workload.Workloads;
import java.io.PrintStream;
import java.io.Serializable;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * For CPU-bound work in Java, are processes ever better than threads, and from what task size do they pay at all?
 * Not for speed: threads run the same work on the same cores with no start-up and no copying. A running process
 * pool beats one thread only once each task computes for a few milliseconds, and, counting the pool's start-up,
 * only once each task outlasts that start-up (about a tenth of a second here); even then it only comes close to
 * the threads.
 *
 * <p>In Python the comparison comes out the other way, because CPython's threads take turns on one interpreter
 * lock (the GIL): the seed's CPU section uses processes for that reason. Java has no such lock. What processes
 * still give a Java program is isolation: {@link Processes_02_SeparateMemory}, {@link Processes_04_CrashIsolation}.
 */
public final class Processes_03_ThreadsVsProcesses {

    static final String QUESTION = "For CPU-bound work in Java, are processes ever better than threads, and from"
        + " what task size do they pay at all?";

    /** The sizes the lesson's main sweeps: terms per task, from a few microseconds of work to about half a second. */
    static final List<Long> SIZES = List.of(1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L,
        1_000_000_000L);

    private Processes_03_ThreadsVsProcesses() {
    }

    /*
     * Suppose we have as many CPU-bound tasks as cores, each the seed's sum of squares of `size` terms, and three
     * ways to run them:
     *
     *   sequential   one after the other on this thread: the baseline;
     *   threads      on a fixed pool of platform threads, one per core, in this JVM;
     *   processes    on a ProcessPool with one worker JVM per core, already started and warmed up.
     *
     * We time all three at sizes from 10^3 to 10^9 terms. Separately we measure the two costs a process pool adds:
     * start-up (from building the pool to its first result) and the overhead of each task (serialize it, write it
     * to a pipe, read the result back, deserialize it).
     */

    /**
     * The sum of {@code size} squares, run in a worker, with where and when it ran. The instants are wall-clock
     * time, comparable between processes ({@code System.nanoTime()} is defined only within one JVM).
     *
     * @param pid the worker JVM's pid
     * @param start when the task began, in the worker
     * @param end when it ended, in the worker
     * @param sum the exact sum
     */
    public record Span(long pid, Instant start, Instant end, BigInteger sum) implements Serializable {
    }

    /** The task sent to the workers: a named class carrying one number. */
    static final class TimedSum implements SerializableCallable<Span> {
        private static final long serialVersionUID = 1L;
        private final long size;

        TimedSum(long size) {
            this.size = size;
        }

        @Override
        public Span call() {
            Instant start = Instant.now();
            BigInteger sum = Workloads.sumOfSquares(size);
            return new Span(ProcessHandle.current().pid(), start, Instant.now(), sum);
        }
    }

    /**
     * One trial at one size: the same tasks three ways.
     *
     * @param sequential one after the other on the calling thread
     * @param threads on the thread pool
     * @param processes on the process pool
     * @param spans where and when each task ran in the process run
     */
    public record Trial(Duration sequential, Duration threads, Duration processes, List<Span> spans) {

        /** How many different worker JVMs ran this trial's tasks. */
        public int distinctPids() {
            return (int) spans.stream().map(Span::pid).distinct().count();
        }

        /** Whether every task was running at one moment: the latest start is before the earliest end. */
        public boolean allOverlapped() {
            Instant latestStart = spans.stream().map(Span::start).max(Comparator.naturalOrder()).orElseThrow();
            Instant earliestEnd = spans.stream().map(Span::end).min(Comparator.naturalOrder()).orElseThrow();
            return latestStart.isBefore(earliestEnd);
        }

        /** Sequential time over process time in this trial: the statistic the tests assert on (TESTING.md). */
        public double processSpeedup() {
            return Speedup.of(sequential, processes);
        }
    }

    /**
     * All trials at one size.
     *
     * @param size terms per task
     * @param tasks tasks per run (one per worker)
     * @param trials the trials, in the order taken
     * @param exact whether every sum, in every run, equalled the closed form
     */
    public record Row(long size, int tasks, List<Trial> trials, boolean exact) {

        /** The fastest sequential run. */
        public Duration sequential() {
            return trials.stream().map(Trial::sequential).min(Comparator.naturalOrder()).orElseThrow();
        }

        /** The fastest thread run. */
        public Duration threads() {
            return trials.stream().map(Trial::threads).min(Comparator.naturalOrder()).orElseThrow();
        }

        /** The fastest process run. */
        public Duration processes() {
            return trials.stream().map(Trial::processes).min(Comparator.naturalOrder()).orElseThrow();
        }

        /** Best sequential over best threads. */
        public double threadSpeedup() {
            return Speedup.of(sequential(), threads());
        }

        /** Best sequential over best processes. */
        public double processSpeedup() {
            return Speedup.of(sequential(), processes());
        }

        /** The largest single trial's sequential/processes ratio. */
        public double bestPairedProcessSpeedup() {
            return trials.stream().mapToDouble(Trial::processSpeedup).max().orElseThrow();
        }
    }

    /**
     * Start-up: from creating a pool to its first result, for threads and for worker JVMs.
     *
     * @param threadPool fixed thread pools of the same size, one sample per pool
     * @param processPool process pools, one sample per pool (the first also loads the parent's classes)
     */
    public record StartUp(Measurement threadPool, Measurement processPool) {
    }

    /**
     * The cost of one small task ({@code x -> x * x}) on warm pools.
     *
     * @param tasks how many were timed
     * @param threadPool per task on the thread pool
     * @param processPool per task on the process pool, each submitted on its own
     * @param processPoolMapped per element with {@code map} and chunks of 100: the batching Python's chunksize does
     */
    public record Overhead(int tasks, Duration threadPool, Duration processPool, Duration processPoolMapped) {
    }

    /**
     * The whole measurement.
     *
     * @param workers threads in the thread pool, worker JVMs in the process pool, tasks per run
     * @param startUp start-up to a first result
     * @param overhead per small task
     * @param rows one per size, in ascending order of size
     */
    public record Result(int workers, StartUp startUp, Overhead overhead, List<Row> rows) {

        /** The smallest size at which the running process pool beat one thread (best times), if any. */
        public Optional<Row> processesPayFrom() {
            return rows.stream().filter(r -> r.processes().compareTo(r.sequential()) < 0).findFirst();
        }

        /** The smallest size at which the process pool beat one thread even with its median start-up added. */
        public Optional<Row> processesPayIncludingStartUpFrom() {
            Duration start = startUp.processPool().median();
            return rows.stream().filter(r -> r.processes().plus(start).compareTo(r.sequential()) < 0).findFirst();
        }
    }

    /**
     * Measures start-up, per-task overhead and the size sweep.
     *
     * @param workers threads, worker JVMs and tasks per run, 1 or more
     * @param sizes terms per task, each from 1 to 3,037,000,500
     * @param trials timed trials per size, 1 or more
     * @return everything measured
     * @throws Exception if a task fails or we are interrupted (all pools are closed by then)
     * @throws NullPointerException if {@code sizes} is null
     * @throws IllegalArgumentException if a number is out of range
     */
    public static Result run(int workers, List<Long> sizes, int trials) throws Exception {
        List<Long> checked = checkSizes(workers, sizes, trials);
        StartUp startUp = startUp(workers, 3);
        try (ExecutorService threads = threadPool(workers);
             ProcessPool processes = ProcessPool.builder().workers(workers).prestart(true).build()) {
            warmUp(threads, processes, workers);
            List<Row> rows = sweep(threads, processes, workers, checked, trials);
            Overhead overhead = overhead(threads, processes, 1_000);
            return new Result(workers, startUp, overhead, rows);
        }
    }

    /**
     * Only the size sweep, on pools of {@code workers}: what the tests use.
     *
     * @param workers threads, worker JVMs and tasks per run, 1 or more
     * @param sizes terms per task, each from 1 to 3,037,000,500
     * @param trials timed trials per size, 1 or more
     * @return one row per size, in ascending order of size
     * @throws Exception if a task fails or we are interrupted (both pools are closed by then)
     */
    public static List<Row> sweep(int workers, List<Long> sizes, int trials) throws Exception {
        List<Long> checked = checkSizes(workers, sizes, trials);
        try (ExecutorService threads = threadPool(workers);
             ProcessPool processes = ProcessPool.builder().workers(workers).prestart(true).build()) {
            warmUp(threads, processes, workers);
            return sweep(threads, processes, workers, checked, trials);
        }
    }

    private static List<Long> checkSizes(int workers, List<Long> sizes, int trials) {
        Objects.requireNonNull(sizes, "sizes");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be positive: " + workers);
        }
        if (sizes.isEmpty() || sizes.stream().anyMatch(s -> s == null || s < 1 || s > 3_037_000_500L)) {
            throw new IllegalArgumentException("sizes must be one or more numbers from 1 to 3037000500: " + sizes);
        }
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be positive: " + trials);
        }
        return List.copyOf(sizes);
    }

    private static ExecutorService threadPool(int workers) {
        return Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("cpu-thread-", 0).factory());
    }

    /*
     * Start-up. A thread pool's first result comes back in microseconds: starting a platform thread is a system
     * call. A process pool's first result waits for a whole JVM to boot, load its classes and read its first
     * task: tens to hundreds of milliseconds, depending on the machine and how busy it is.
     */

    static StartUp startUp(int workers, int samples) throws Exception {
        // All thread pools first, then all process pools: a process pool's workers must not still be exiting,
        // and taking CPU, while a thread pool is timed.
        List<Duration> threadSamples = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            Stopwatch watch = Stopwatch.start();
            try (ExecutorService pool = threadPool(workers)) {
                int x = 7;
                pool.submit(() -> x * x).get();
                threadSamples.add(watch.elapsed());
            }
        }
        List<Duration> processSamples = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            Stopwatch watch = Stopwatch.start();
            try (ProcessPool pool = ProcessPool.builder().workers(workers).prestart(true).build()) {
                int x = 7;
                pool.submit(() -> x * x).get();
                processSamples.add(watch.elapsed());
                pool.shutdownNow(); // not measured: the question is how soon work can start
            }
        }
        return new StartUp(new Measurement(threadSamples), new Measurement(processSamples));
    }

    /*
     * Both pools are warmed up before anything is timed, so that the sum-of-squares loop runs as compiled code
     * in this JVM and in every worker: the comparison is then about where the code runs, not about which JVM's
     * JIT got to it first.
     */

    private static void warmUp(ExecutorService threads, ProcessPool processes, int workers) throws Exception {
        for (int round = 0; round < 5; round++) {
            sequential(workers, 2_000_000);
            onThreads(threads, workers, 2_000_000);
            onProcesses(processes, workers, 2_000_000);
        }
    }

    /*
     * The sweep runs from the largest size down. A process pool adapts to its tasks: it keeps several short tasks
     * queued in one worker's pipe, so that the worker never waits for the parent between them, and it sends a long
     * task to a worker of its own. Coming down from long tasks, each run's tasks go to separate workers, which is
     * the comparison we want; the table shows the sizes in ascending order.
     */

    private static List<Row> sweep(ExecutorService threads, ProcessPool processes, int workers, List<Long> sizes,
                                   int trials) throws Exception {
        List<Long> descending = sizes.stream().sorted(Comparator.reverseOrder()).distinct().toList();
        List<Row> rows = new ArrayList<>();
        for (long size : descending) {
            BigInteger expected = Workloads.sumOfSquaresClosedForm(size);
            List<Trial> taken = new ArrayList<>();
            boolean exact = true;
            for (int trial = 0; trial < trials; trial++) {
                // The order rotates, so that no way always runs first on a quieter (or busier) machine.
                Duration seq = null;
                Duration thr = null;
                ProcessRun proc = null;
                for (int step = 0; step < 3; step++) {
                    switch ((trial + step) % 3) {
                        case 0 -> {
                            Stopwatch watch = Stopwatch.start();
                            exact &= sequential(workers, size).stream().allMatch(expected::equals);
                            seq = watch.elapsed();
                        }
                        case 1 -> {
                            Stopwatch watch = Stopwatch.start();
                            exact &= onThreads(threads, workers, size).stream().allMatch(expected::equals);
                            thr = watch.elapsed();
                        }
                        default -> {
                            Stopwatch watch = Stopwatch.start();
                            List<Span> spans = onProcesses(processes, workers, size);
                            proc = new ProcessRun(watch.elapsed(), spans);
                            exact &= spans.stream().map(Span::sum).allMatch(expected::equals);
                        }
                    }
                }
                taken.add(new Trial(seq, thr, proc.elapsed(), proc.spans()));
            }
            rows.add(new Row(size, workers, List.copyOf(taken), exact));
        }
        rows.sort(Comparator.comparingLong(Row::size));
        return List.copyOf(rows);
    }

    private record ProcessRun(Duration elapsed, List<Span> spans) {
    }

    private static List<BigInteger> sequential(int tasks, long size) {
        List<BigInteger> sums = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            sums.add(Workloads.sumOfSquares(size));
        }
        return sums;
    }

    private static List<BigInteger> onThreads(ExecutorService threads, int tasks, long size) throws Exception {
        List<Callable<BigInteger>> work = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            work.add(() -> Workloads.sumOfSquares(size));
        }
        List<BigInteger> sums = new ArrayList<>(tasks);
        for (Future<BigInteger> future : threads.invokeAll(work)) {
            sums.add(future.get());
        }
        return sums;
    }

    private static List<Span> onProcesses(ProcessPool processes, int tasks, long size) throws Exception {
        List<Future<Span>> futures = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            futures.add(processes.submit(new TimedSum(size)));
        }
        List<Span> spans = new ArrayList<>(tasks);
        for (Future<Span> future : futures) {
            spans.add(future.get());
        }
        return List.copyOf(spans);
    }

    /*
     * Per-task overhead: a thousand tiny tasks, x -> x * x, submitted at once to each warm pool. On threads a task
     * is an object handed over through a queue. To a worker JVM it is serialized, written to a pipe, read and
     * deserialized there, and its result makes the same trip back. map() with a chunk size sends a hundred inputs
     * per trip, which is why Python's Pool.map has a chunksize and core's ProcessPool.map has one too.
     */

    static Overhead overhead(ExecutorService threads, ProcessPool processes, int tasks) throws Exception {
        List<Integer> inputs = IntStream.range(0, tasks).boxed().toList();
        long expected = inputs.stream().mapToLong(x -> (long) x * x).sum();
        Duration onThreads = Duration.ZERO;
        Duration onProcesses = Duration.ZERO;
        Duration mapped = Duration.ZERO;
        for (int round = 0; round < 4; round++) { // the first round warms both paths up; the last three count
            Stopwatch watch = Stopwatch.start();
            List<Future<Integer>> futures = new ArrayList<>(tasks);
            for (int x : inputs) {
                futures.add(threads.submit(() -> x * x));
            }
            check(sum(futures), expected);
            Duration t = watch.elapsed();

            watch = Stopwatch.start();
            futures.clear();
            for (int x : inputs) {
                futures.add(processes.submit(() -> x * x));
            }
            check(sum(futures), expected);
            Duration p = watch.elapsed();

            watch = Stopwatch.start();
            check(processes.map(x -> x * x, inputs, 100).stream().mapToLong(Integer::longValue).sum(), expected);
            Duration m = watch.elapsed();
            if (round > 0) {
                onThreads = onThreads.plus(t);
                onProcesses = onProcesses.plus(p);
                mapped = mapped.plus(m);
            }
        }
        int timed = 3 * tasks;
        return new Overhead(tasks, onThreads.dividedBy(timed), onProcesses.dividedBy(timed), mapped.dividedBy(timed));
    }

    private static long sum(List<Future<Integer>> futures) throws InterruptedException, ExecutionException {
        long sum = 0;
        for (Future<Integer> future : futures) {
            sum += future.get();
        }
        return sum;
    }

    private static void check(long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException("sum of squares must be " + expected + ": " + actual);
        }
    }

    /*
     * It turns out, on 2 cores (the typical output below):
     *
     * - Threads gain from about 10^6 terms per task (under a millisecond of work: 1.7x) and reach 2x from 10^7.
     *   Below that, handing a task to another thread costs more than the task.
     * - The running process pool needs tasks about ten times longer before it beats one thread at all (1.2x at
     *   10^7 terms, a task of about 4 ms). Each task and its result cross two pipes and are copied twice: about
     *   a millisecond for a lone round trip, some 50 us per task when a thousand lambdas are queued at once
     *   (each one Java-serialized), against a few us on the thread pool; map() in chunks of 100 brings it down
     *   to about 2 us per element.
     * - At 10^8 and 10^9 terms it comes within a few percent of the threads, and stays behind them: both run the
     *   same compiled loop on the same two cores, and the pool adds the trips.
     * - Counting its start-up (about 70 ms here, more for the first pool in a cold JVM), two workers beat one
     *   thread only when each task outlasts the start-up: two tasks of t take 2t on one thread and t plus the
     *   start-up on the pool. That happens between 10^8 and 10^9 terms per task.
     *
     * So for CPU work in Java, use threads (a pool sized by Runtime.availableProcessors(), or ForkJoinPool and
     * parallel streams for work that splits). Reach for processes when you need what only a process gives:
     * a separate heap, a crash that cannot take you down, a task you can kill (Processes_04_CrashIsolation).
     */

    static void show(Result result, Report report) {
        report.banner("THREADS VS PROCESSES FOR CPU WORK (" + result.workers() + " TASKS AT A TIME)");
        Table table = Table.of("terms per task", "sequential", "threads", "processes", "threads speedup",
            "processes speedup", "processes / threads", "exact");
        for (Row row : result.rows()) {
            table.row(String.format(Locale.ROOT, "%,d", row.size()), millis(row.sequential()), millis(row.threads()),
                millis(row.processes()), String.format(Locale.ROOT, "%.2fx", row.threadSpeedup()),
                String.format(Locale.ROOT, "%.2fx", row.processSpeedup()),
                String.format(Locale.ROOT, "%.2f", (double) row.processes().toNanos()
                    / Math.max(1, row.threads().toNanos())),
                row.exact() ? "yes" : "NO");
        }
        table.toText().lines().forEach(report::line);
        report.line("Best of " + result.rows().get(0).trials().size() + " trials each; the process pool was"
            + " already running and warm.");
        StartUp start = result.startUp();
        report.line(String.format(Locale.ROOT, "Start-up to a first result: thread pool %s, process pool %s"
                + " (median of %d; the first one %s).", micros(start.threadPool().median()),
            millis(start.processPool().median()), start.processPool().samples().size(),
            millis(start.processPool().samples().get(0))));
        Overhead overhead = result.overhead();
        report.line(String.format(Locale.ROOT, "Per small task (x -> x * x, %,d at once): thread pool %s, process"
                + " pool %s; with map() in chunks of 100, %s per element.", overhead.tasks(),
            micros(overhead.threadPool()), micros(overhead.processPool()), micros(overhead.processPoolMapped())));
        report.line("The running process pool beats one thread from: " + result.processesPayFrom()
            .map(r -> String.format(Locale.ROOT, "%,d terms per task", r.size())).orElse("none of these sizes"));
        report.line("Counting its start-up, from: " + result.processesPayIncludingStartUpFrom()
            .map(r -> String.format(Locale.ROOT, "%,d terms per task", r.size())).orElse("none of these sizes"));
    }

    private static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.2f ms", d.toNanos() / 1e6);
    }

    private static String micros(Duration d) {
        return String.format(Locale.ROOT, "%.1f us", d.toNanos() / 1e3);
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        return LessonLauncher.noOptions(Processes_03_ThreadsVsProcesses.class, QUESTION)
            .run(args, out, err, arguments -> show(run(cores, SIZES, 3), Report.to(out)));
    }

    /*
     * How to run (from the repository's root):
     *
     *   mvn -q -pl examples-processes -am test-compile -Drun=examples-processes -Dargs="--lesson 3"
     *
     * Look for: the "processes / threads" column, which at best comes close to 1, and the first size where
     * "processes speedup" passes 1. It takes about 10 seconds.
     *
     * Typical output (2-core Intel Xeon VM, Linux 6.18, Temurin 25.0.3, the run profile's JVM without Maven,
     * 2026-11-25, load average 0.5):
     *
     *   === THREADS VS PROCESSES FOR CPU WORK (2 TASKS AT A TIME) ===
     *   terms per task  sequential    threads  processes  threads speedup  processes speedup  processes / threads  exact
     *   --------------  ----------  ---------  ---------  ---------------  -----------------  -------------------  -----
     *            1,000     0.01 ms    0.13 ms    1.04 ms            0.10x              0.01x                 7.73  yes
     *           10,000     0.02 ms    0.06 ms    1.35 ms            0.41x              0.02x                24.02  yes
     *          100,000     0.10 ms    0.14 ms    2.07 ms            0.68x              0.05x                14.43  yes
     *        1,000,000     0.84 ms    0.49 ms    2.48 ms            1.70x              0.34x                 5.02  yes
     *       10,000,000     8.28 ms    4.31 ms    7.12 ms            1.92x              1.16x                 1.65  yes
     *      100,000,000    83.20 ms   41.72 ms   44.71 ms            1.99x              1.86x                 1.07  yes
     *    1,000,000,000   852.20 ms  428.50 ms  430.01 ms            1.99x              1.98x                 1.00  yes
     *   Best of 3 trials each; the process pool was already running and warm.
     *   Start-up to a first result: thread pool 379.6 us, process pool 66.88 ms (median of 3; the first one 91.21 ms).
     *   Per small task (x -> x * x, 1,000 at once): thread pool 5.1 us, process pool 48.4 us; with map() in chunks of 100, 1.8 us per element.
     *   The running process pool beats one thread from: 10,000,000 terms per task
     *   Counting its start-up, from: 1,000,000,000 terms per task
     */

    /**
     * Measures start-up, per-task overhead and sizes from 10^3 to 10^9 terms, one task per core, and prints
     * the table.
     *
     * @param args none ({@code --help} prints the question)
     * @throws Exception if the lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
