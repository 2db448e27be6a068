package dev.jconcurrency.threading;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.cli.LessonLauncher;

import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.report.Table;
import dev.jconcurrency.core.timing.Speedup;
import dev.jconcurrency.core.timing.Stopwatch;
import dev.jconcurrency.core.workload.Workloads;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Does adding threads speed up I/O-bound work? Yes, roughly by the number of waits that overlap: N waiting tasks on
 * N threads take about as long as one, until a pool smaller than N caps it and the tasks run in waves.
 *
 * <p>Builds on {@link Threading_01_SeedSection}; the CPU-bound counterpart is {@link Threading_03_NoGil}, and
 * {@link Threading_09_ManyThreads} pushes the same idea to 10,000 threads.
 */
public final class Threading_02_IoSpeedup {

    static final String QUESTION = "Does adding threads speed up I/O-bound work?";

    private Threading_02_IoSpeedup() {
    }

    /*
     * Suppose a program must make N calls that each block for d: a web request, a database query, a file on a
     * network share. The simulated call is core's Workloads.sleep(d): the thread waits and does no work, as it
     * would in a blocking read. We run the same N calls three ways, baseline first:
     *
     *   SEQUENTIAL       one after the other on the calling thread: N x d, the yardstick;
     *   THREAD_PER_TASK  a new platform thread per call, as the seed does: about d;
     *   FIXED_POOL       a pool of K threads, K < N: the calls run in ceil(N / K) waves, about ceil(N / K) x d.
     *
     * Every strategy counts the calls in flight, so the lesson reports not just a time but the reason for it.
     */

    /** How the N calls are run. */
    public enum Strategy {
        /** One after the other on the calling thread. */
        SEQUENTIAL,
        /** A new platform thread per call. */
        THREAD_PER_TASK,
        /** A fixed pool of threads, shared by the calls. */
        FIXED_POOL
    }

    /**
     * One strategy's run.
     *
     * @param strategy how the calls ran
     * @param threads how many threads ran them (1 for the sequential run)
     * @param elapsed wall-clock time for all the calls
     * @param maxInFlight the most calls waiting at the same moment
     */
    public record Run(Strategy strategy, int threads, Duration elapsed, int maxInFlight) {
    }

    /**
     * The three runs of the same calls.
     *
     * @param tasks how many calls
     * @param taskTime how long each call blocks
     * @param sequential the baseline
     * @param threadPerTask a thread per call
     * @param pooled a fixed pool of {@code pooled.threads()} threads
     */
    public record Result(int tasks, Duration taskTime, Run sequential, Run threadPerTask, Run pooled) {

        /** Baseline time over thread-per-task time: close to {@link #tasks()}. */
        public double threadPerTaskSpeedup() {
            return Speedup.of(sequential.elapsed(), threadPerTask.elapsed());
        }

        /** Baseline time over pooled time: close to {@code tasks / waves}. */
        public double pooledSpeedup() {
            return Speedup.of(sequential.elapsed(), pooled.elapsed());
        }

        /** How many rounds of calls the pool needs: {@code ceil(tasks / poolSize)}. */
        public int waves() {
            return (tasks + pooled.threads() - 1) / pooled.threads();
        }

        /** What the calls would take one after the other with no overhead: {@code tasks × taskTime}. */
        public Duration ideal() {
            return taskTime.multipliedBy(tasks);
        }
    }

    /**
     * Runs {@code tasks} blocking calls of {@code taskTime} three ways and measures each.
     *
     * @param tasks how many calls, 1 or more
     * @param taskTime how long each call blocks, positive
     * @param poolSize the fixed pool's size, 1 or more
     * @return the three runs
     * @throws InterruptedException if the calling thread is interrupted (any threads started have ended by then)
     * @throws NullPointerException if {@code taskTime} is null
     * @throws IllegalArgumentException if a number is out of range
     */
    public static Result run(int tasks, Duration taskTime, int poolSize) throws InterruptedException {
        Objects.requireNonNull(taskTime, "taskTime");
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be positive: " + tasks);
        }
        if (taskTime.isNegative() || taskTime.isZero()) {
            throw new IllegalArgumentException("taskTime must be positive: " + taskTime);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be positive: " + poolSize);
        }
        return new Result(tasks, taskTime,
            time(Strategy.SEQUENTIAL, tasks, taskTime, 1),
            time(Strategy.THREAD_PER_TASK, tasks, taskTime, tasks),
            time(Strategy.FIXED_POOL, tasks, taskTime, poolSize));
    }

    /*
     * The three strategies share one body: only where the call runs changes. The executors are closed by
     * try-with-resources, and close() waits for every call to end: no thread outlives the measurement.
     */

    static Run time(Strategy strategy, int tasks, Duration taskTime, int threads) throws InterruptedException {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        Runnable call = () -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Workloads.sleep(taskTime);
            } catch (InterruptedException e) {
                // The measurement is being cancelled: keep the flag so the executor's close() and our caller see it.
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        };
        Stopwatch watch = Stopwatch.start();
        if (strategy == Strategy.SEQUENTIAL) {
            for (int i = 0; i < tasks && !Thread.currentThread().isInterrupted(); i++) {
                call.run();
            }
        } else {
            String prefix = strategy.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-";
            try (ExecutorService executor = strategy == Strategy.THREAD_PER_TASK
                    ? Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name(prefix, 0).factory())
                    : Executors.newFixedThreadPool(threads, Thread.ofPlatform().name(prefix, 0).factory())) {
                for (int i = 0; i < tasks; i++) {
                    executor.execute(call);
                }
            }
        }
        Duration elapsed = watch.elapsed();
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while timing " + strategy);
        }
        return new Run(strategy, threads, elapsed, maxInFlight.get());
    }

    /*
     * It turns out the thread-per-task run is close to tasks x faster than the baseline: all the calls wait at the
     * same time, and a waiting thread costs no CPU. The pool is capped at poolSize calls in flight, so it needs
     * ceil(tasks / poolSize) waves and its speedup is at most tasks / waves. That is the knob to size a pool for
     * blocking I/O by: the number of calls you want waiting at once, not the number of cores. Python's threads do
     * just as well here, because CPython releases the GIL while a thread sleeps or blocks in I/O.
     */

    static void show(Result result, Report report) {
        report.banner("I/O SPEEDUP: " + result.tasks() + " CALLS OF " + Report.duration(result.taskTime()));
        Table table = Table.of("strategy", "threads", "max in flight", "time", "speedup");
        for (Run run : new Run[] {result.sequential(), result.threadPerTask(), result.pooled()}) {
            table.row(run.strategy(), run.threads(), run.maxInFlight(), Report.seconds(run.elapsed()),
                String.format(Locale.ROOT, "%.1fx", Speedup.of(result.sequential().elapsed(), run.elapsed())));
        }
        table.toText().lines().forEach(report::line);
        report.line(String.format(Locale.ROOT, "Ideal: %s one after the other; %d waves of %s with the pool of %d.",
            Report.seconds(result.ideal()), result.waves(), Report.duration(result.taskTime()),
            result.pooled().threads()));
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        return LessonLauncher.noOptions(Threading_02_IoSpeedup.class, QUESTION)
            .run(args, out, err, arguments -> show(run(10, Duration.ofMillis(200), 3), Report.to(out)));
    }

    /*
     * How to run (from the repository's root):
     *
     *   mvn -q -pl examples-threading -am test-compile -Drun=examples-threading -Dargs="--lesson 2"
     *
     * Look for: thread-per-task close to 10x with 10 calls in flight; the pool of 3 capped at 3 in flight and
     * about 10 / 4 = 2.5x, because 10 calls on 3 threads take 4 waves.
     *
     * Typical output (2-core Intel Xeon VM shared with other builds, Linux 6.18, Temurin 25.0.3,
     * measured with -XX:TieredStopAtLevel=1 (C1 only), 2026-11-25, load average 4.96):
     *
     *   === I/O SPEEDUP: 10 CALLS OF 0.2 sec ===
     *   strategy         threads  max in flight      time  speedup
     *   ---------------  -------  -------------  --------  -------
     *   SEQUENTIAL             1              1  2.14 sec     1.0x
     *   THREAD_PER_TASK       10             10  0.23 sec     9.4x
     *   FIXED_POOL             3              3  0.80 sec     2.7x
     *   Ideal: 2.00 sec one after the other; 4 waves of 0.2 sec with the pool of 3.
     */

    /**
     * Runs 10 blocking calls of 200 ms sequentially, on a thread each, and on a pool of 3, and prints the table.
     *
     * @param args none ({@code --help} prints the question)
     * @throws Exception if the lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
