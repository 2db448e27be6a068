package dev.jconcurrency.futures;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.timing.Stopwatch;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How do you run blocking calls on a pool and get their results back in order, without managing threads
 * yourself? Hand the calls to an {@link ExecutorService} and read the {@link java.util.concurrent.Future
 * Future}s it returns: three one-second calls on three threads take about one second, and the results come
 * back in the order the calls were submitted. The same code on a pool of three child JVMs gives the same
 * results, a little later: the JVMs must start first.
 *
 * <p>This is section 4 of the seed demo, line for line, with the process pool its name promises:
 * <pre>
 * === CONCURRENT.FUTURES DEMO ===
 * Thread results: [0, 1, 4]
 * Thread time: 1.01 sec
 * Process results: [0, 1, 4]
 * Process time: 1.08 sec
 * </pre>
 * In Python: {@code list(ThreadPoolExecutor(max_workers=3).map(task, range(3)))}, where {@code task(n)} sleeps one
 * second and returns {@code n * n}, and the same with {@code ProcessPoolExecutor}. Here the same is {@link
 * Futures_03_MapVsAsCompleted#map} on a pool from {@link PoolKind}.
 */
public final class Futures_01_SeedSection {

    /** The seed's banner title for this section. */
    public static final String TITLE = "CONCURRENT.FUTURES DEMO";

    /** The most {@code --workers} the section accepts when it starts a process pool: each worker is a JVM. */
    static final int MAX_PROCESS_WORKERS = 32;

    /** The section's {@code --help} summary. */
    static final String SUMMARY = "Plays the seed's concurrent.futures section: squares of 0..tasks-1, each after "
        + "a wait, on a pool of workers; the results in submission order, and the time.";

    private Futures_01_SeedSection() {
    }

    /*
     * Suppose we have three calls to make, each of which spends one second waiting (a network round trip, a
     * disk) and then computes a little: the seed's task, n squared after a one-second sleep. Made one after
     * another they take three seconds. A thread pool of three makes them at the same time.
     *
     * The task is SquareAfterWait, a small serializable record rather than a lambda: it can be sent to a child
     * JVM unchanged, so the same run(...) below works for the thread pool and for the process pool (core's
     * ProcessPool, Python's ProcessPoolExecutor). Only the PoolKind changes.
     */

    /**
     * What one run of the section measured.
     *
     * @param kind which pool ran the tasks
     * @param results the squares, in submission order
     * @param elapsed from just before the pool was opened (for a process pool: before its JVMs were started)
     *     until every result was in hand
     */
    public record Result(PoolKind kind, List<Integer> results, Duration elapsed) {
        /**
         * @param kind which pool ran the tasks
         * @param results the squares, in submission order
         * @param elapsed the measured time
         */
        public Result {
            Objects.requireNonNull(kind, "kind");
            results = List.copyOf(results);
            Objects.requireNonNull(elapsed, "elapsed");
        }
    }

    /**
     * Squares 0 .. {@code tasks - 1}, each after waiting {@code delay}, on a pool of {@code workers}.
     *
     * @param kind which pool to use
     * @param tasks how many tasks, 1 or more
     * @param workers pool size, 1 or more
     * @param delay each task's simulated I/O, zero or more
     * @return the results and the time
     * @throws Exception if a task fails ({@link java.util.concurrent.ExecutionException}) or we are interrupted
     */
    public static Result run(PoolKind kind, int tasks, int workers, Duration delay) throws Exception {
        Objects.requireNonNull(kind, "kind");
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be positive: " + tasks);
        }
        List<SquareAfterWait> work = SquareAfterWait.range(tasks, delay);
        /*
         * The clock starts before the pool exists: starting workers is part of the price (microseconds for
         * threads, tens of milliseconds for child JVMs). It stops when the results are in hand: closing the
         * pool afterwards only lets idle workers go (for a process pool: ends their JVMs and reaps them).
         */
        Stopwatch watch = Stopwatch.start();
        try (ExecutorService pool = kind.open(workers)) {
            List<Integer> results = Futures_03_MapVsAsCompleted.map(pool, work);
            return new Result(kind, results, watch.elapsed());
        }
    }

    /*
     * It turns out the three waits overlap completely: the time is one wait plus a few milliseconds, and
     * map(...) (invokeAll underneath) returns the results in the order we submitted the tasks, whatever order
     * they finished in. Futures_03_MapVsAsCompleted shows the other order, and how to get it.
     *
     * On the process pool the results are the same, and the time is one wait plus the start of three JVMs
     * (started at once, each some tens of milliseconds on an idle machine, more on a busy one) plus copying
     * each task there and each result back. For a one-second wait that overhead hardly shows; for tasks of a
     * millisecond it would be everything. In Java a process pool buys isolation, not parallelism: threads
     * already use every core (Futures_08_ProcessPoolExecutor says what else changes).
     *
     * Try --tasks 6 --workers 3: six one-second tasks on three threads take two seconds, two rounds of
     * three. With --workers 6 they take one again: for waiting, a pool is sized by how many waits should
     * overlap, not by the number of cores (Futures_06_SizingAPool).
     */

    /*
     * The seed runs its thread pool and then its process pool, one after the other: two seconds. We run them
     * side by side instead, each in a thread of its own, started together, so the section still takes about
     * one second. Each pool's time is measured from its own start to its own last result, so neither includes
     * the other; they only share the machine's cores, which the waiting tasks hardly use.
     */

    /**
     * Runs {@link #run} once for each kind, all at the same time, each on a thread of its own; each result's
     * time is measured from that run's own start.
     *
     * @param kinds which pools, each at most once
     * @param tasks how many tasks, 1 or more
     * @param workers pool size, 1 or more
     * @param delay each task's simulated I/O, zero or more
     * @return one result per kind, in the order of {@code kinds}
     * @throws Exception if a task fails ({@link ExecutionException}, the first failing kind's) or we are
     *     interrupted (the runs still going are then interrupted too, and their pools closed)
     */
    public static List<Result> runSideBySide(List<PoolKind> kinds, int tasks, int workers, Duration delay)
        throws Exception {
        Objects.requireNonNull(kinds, "kinds");
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("kinds must not be empty: []");
        }
        if (kinds.size() != kinds.stream().distinct().count()) {
            throw new IllegalArgumentException("kinds must not repeat a kind: " + kinds);
        }
        // run(...) checks tasks, workers and delay before it starts a pool, and we pass on what it throws.
        List<Callable<Result>> runs = new ArrayList<>();
        for (PoolKind kind : kinds) {
            runs.add(() -> run(kind, tasks, workers, delay));
        }
        // One platform thread per run: each only waits for its own pool, so they cost nothing while they wait.
        try (ExecutorService starter = Executors.newFixedThreadPool(runs.size())) {
            List<Result> results = new ArrayList<>();
            for (Future<Result> run : starter.invokeAll(runs)) {
                try {
                    results.add(run.get());
                } catch (ExecutionException e) {
                    // run(...) threw it: pass on what it threw, not a wrapper of our own making.
                    if (e.getCause() instanceof Exception cause) {
                        throw cause;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw e;
                }
            }
            return results;
        }
    }

    /** Adds the section's options to {@code builder}: this lesson's main and the module's {@code Main} share them. */
    static CommandLine.Builder withSeedOptions(CommandLine.Builder builder) {
        return builder
            .intOption("tasks", 3, 1, 10_000, "how many tasks")
            .intOption("workers", 3, 1, 1_000, "pool size (a process pool: at most " + MAX_PROCESS_WORKERS
                + ", a JVM each)")
            .durationOption("duration", Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(60),
                "each task's wait (simulated I/O)")
            .choiceOption("executor", List.of("thread", "process", "both"), "both",
                "which pool runs the tasks: threads, child JVMs, or both side by side");
    }

    /**
     * Parses the section's options and plays it.
     *
     * @return the exit code: 0, or 2 after one line on {@code err}
     */
    static int play(String command, String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandLine cli = withSeedOptions(CommandLine.builder(command, SUMMARY)).build();
        int[] exit = {0};
        int parsed = cli.run(args, out, err, options -> exit[0] = play(command, options, out, err));
        return parsed != 0 ? parsed : exit[0];
    }

    /**
     * Plays the section with parsed options: the banner, then results and time for each pool chosen.
     *
     * @return the exit code: 0, or 2 after one line on {@code err} when {@code --workers} asks for more child
     *     JVMs than {@link #MAX_PROCESS_WORKERS}
     */
    static int play(String command, CommandLine.Arguments options, PrintStream out, PrintStream err)
        throws Exception {
        String executor = options.choice("executor");
        int workers = options.intValue("workers");
        if (!executor.equals("thread") && workers > MAX_PROCESS_WORKERS) {
            // Threads are cheap, a JVM each is not: a typo such as --workers 1000 must not start a thousand JVMs.
            // Said before anything is printed, in the same one-line shape as every other option error.
            err.println(command + ": invalid value for option '--workers': '" + workers + "' (allowed with "
                + "--executor " + executor + ": a whole number from 1 to " + MAX_PROCESS_WORKERS
                + ", a child JVM each; up to 1000 with --executor thread) (see --help)");
            err.flush();
            return CommandLine.USAGE_ERROR;
        }
        Report report = Report.to(out);
        report.banner(TITLE);
        List<Result> results = runSideBySide(kinds(options.choice("executor")), options.intValue("tasks"),
            options.intValue("workers"), options.duration("duration"));
        for (Result result : results) {
            report.results(result.kind().label(), result.results());
            report.time(result.kind().label(), result.elapsed());
        }
        return 0;
    }

    private static List<PoolKind> kinds(String executor) {
        List<PoolKind> kinds = new ArrayList<>();
        for (PoolKind kind : PoolKind.values()) {
            if (executor.equals("both") || executor.equals(kind.optionValue())) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /*
     * How to run:
     *
     *   mvn -q -pl examples-futures -am test-compile -Drun=examples-futures -Dargs="--lesson 1"
     *
     * or, with options, through the module's Main (the same section):
     *
     *   mvn -q -pl examples-futures -am test-compile -Drun=examples-futures \
     *       -Dargs="--tasks 6 --workers 3 --duration 500ms"
     *
     * Look for the results in submission order and a time of one wait per round of `workers` tasks; on the
     * process pool, one wait plus the start of its JVMs. Both pools run at the same time (--executor both, the
     * default), so the section takes about as long as the slower of the two; --executor thread or
     * --executor process plays one.
     *
     * Typical output (2-core Intel Xeon VM, load average 0.5; Linux 6.18; Temurin JDK 25.0.3; the run profile's
     * java -XX:+UseSerialGC without Maven; 2026-11-25):
     *
     *   === CONCURRENT.FUTURES DEMO ===
     *   Thread results: [0, 1, 4]
     *   Thread time: 1.01 sec
     *   Process results: [0, 1, 4]
     *   Process time: 1.08 sec
     *
     * Ten runs in a row: Thread time 1.00 to 1.01 sec; Process time 1.07 to 1.08 sec, median 1.07: the three
     * JVMs start, receive their tasks and are waiting within about 0.08 sec, more when other programs are busy.
     */

    /**
     * Plays the seed's section; see {@code --help} for the options.
     *
     * @param args the command line
     * @throws Exception if a task fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(Futures_01_SeedSection.class.getSimpleName(), args, System.out, System.err));
    }
}
