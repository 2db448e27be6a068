package dev.jconcurrency.threading;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.timing.Stopwatch;
import dev.jconcurrency.core.workload.Workloads;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Do Java threads run the seed's I/O-bound tasks at the same time? Yes: three one-second waits on three threads
 * take about one second in all, as in Python, because a thread that waits holds no CPU.
 *
 * <p>This is section 1 of the Python demo, line for line:
 * <pre>
 * === THREADING DEMO (I/O-BOUND) ===
 * Thread 0: Starting I/O operation
 * Thread 1: Starting I/O operation
 * Thread 2: Starting I/O operation
 * Thread 1: Finished after 1 sec
 * Thread 0: Finished after 1 sec
 * Thread 2: Finished after 1 sec
 * Total time (threading): 1.00 sec
 * </pre>
 * and the knobs the seed asks a learner to turn: how many tasks, how long each one is, how many worker threads
 * ({@code 0}: a thread per task, as the seed does; {@code K}: a fixed pool of K), and what the tasks do
 * ({@code io} waits, {@code cpu} computes). The lessons after this one take each knob in turn:
 * {@link Threading_02_IoSpeedup} (tasks and workers), {@link Threading_03_NoGil} (CPU work).
 */
public final class Threading_01_SeedSection {

    static final String QUESTION = "Do Java threads run the seed's I/O-bound tasks at the same time?";

    private Threading_01_SeedSection() {
    }

    /*
     * Suppose we translate the seed's section 1 word for word. Python's version starts one threading.Thread per
     * task, each calling time.sleep(1) as a stand-in for a network or disk wait, then joins them all. In Java the
     * idiom for "a thread per task, and wait for all of them" is an ExecutorService from
     * Executors.newThreadPerTaskExecutor: submit starts a new platform thread, and close() joins every one of them
     * (it is the `for t in threads: t.join()` of the seed). A fixed pool of K threads is the same code with
     * Executors.newFixedThreadPool(K), so one option switches between the two.
     */

    /** What each task does. */
    public enum TaskType {
        /** Waits, as blocking I/O does: {@link Workloads#sleep(Duration)}. */
        IO,
        /** Computes a sum of squares sized to take the task's duration on one idle core. */
        CPU
    }

    /**
     * The knobs of the section.
     *
     * @param tasks how many tasks, 1 or more
     * @param duration how long each task waits (io) or computes on an idle core (cpu), zero or more
     * @param workers 0 for a thread per task (the seed's way), else the size of a fixed pool
     * @param type what each task does
     */
    public record Options(int tasks, Duration duration, int workers, TaskType type) {

        /** The seed's own settings: 3 I/O tasks of 1 s, a thread each. */
        public static final Options SEED = new Options(3, Duration.ofSeconds(1), 0, TaskType.IO);

        /**
         * @throws NullPointerException if {@code duration} or {@code type} is null
         * @throws IllegalArgumentException if {@code tasks} is not positive, {@code duration} is negative or
         *     {@code workers} is negative
         */
        public Options {
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(type, "type");
            if (tasks < 1) {
                throw new IllegalArgumentException("tasks must be positive: " + tasks);
            }
            if (duration.isNegative()) {
                throw new IllegalArgumentException("duration must not be negative: " + duration);
            }
            if (workers < 0) {
                throw new IllegalArgumentException("workers must not be negative: " + workers);
            }
        }

        /** How many threads run the tasks: one each, or the pool's size (never more than there are tasks). */
        public int threads() {
            return workers == 0 ? tasks : Math.min(workers, tasks);
        }

        /** How many rounds of tasks the threads get through: 1 with a thread per task. */
        public int waves() {
            return (tasks + threads() - 1) / threads();
        }
    }

    /**
     * One task as it ran.
     *
     * @param task the task's number, from 0 (the seed's "Thread 0")
     * @param thread the name of the thread that ran it
     * @param started when it started, from the start of the section
     * @param finished when it finished, from the start of the section
     * @param value what the task returned: the {@link Duration} waited, or the exact sum of squares
     */
    public record TaskRun(int task, String thread, Duration started, Duration finished, Object value) {
    }

    /**
     * What the section did.
     *
     * @param options the knobs it ran with
     * @param runs the tasks, in task order
     * @param total wall-clock time from the first start to the last join
     * @param maxInFlight the most tasks that were running at the same moment
     */
    public record Result(Options options, List<TaskRun> runs, Duration total, int maxInFlight) {

        /** How many different threads ran the tasks. */
        public int distinctThreads() {
            return (int) runs.stream().map(TaskRun::thread).distinct().count();
        }
    }

    /*
     * Each task announces itself, does its work, and announces its end, through core's Report: a line, line break
     * included, is one write under one lock. The seed's own sample output shows two lines run together, because
     * Python's print writes text and newline separately and another thread can slip in between; here that cannot
     * happen. A counter of tasks in flight gives the structural evidence that the waits overlapped.
     */

    /**
     * Plays the section with {@code options}, printing the seed's lines to {@code report}.
     *
     * @param options the knobs; {@link Options#SEED} for the seed's own run
     * @param report where the lines go
     * @return what ran, where and when
     * @throws InterruptedException if the calling thread is interrupted while it waits for the tasks (they are
     *     then interrupted too, and all have ended when this throws)
     * @throws NullPointerException if an argument is null
     */
    public static Result run(Options options, Report report) throws InterruptedException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(report, "report");
        CpuWork work = options.type() == TaskType.CPU ? CpuWork.lasting(options.duration()) : null;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        ThreadFactory platformThreads = Thread.ofPlatform().name("seed-thread-", 0).factory();

        report.banner(options.type() == TaskType.IO ? "THREADING DEMO (I/O-BOUND)" : "THREADING DEMO (CPU-BOUND)");
        Stopwatch watch = Stopwatch.start();
        List<Future<TaskRun>> futures = new ArrayList<>();
        try (ExecutorService threads = options.workers() == 0
                ? Executors.newThreadPerTaskExecutor(platformThreads)
                : Executors.newFixedThreadPool(options.workers(), platformThreads)) {
            for (int i = 0; i < options.tasks(); i++) {
                int task = i;
                futures.add(threads.submit(() -> {
                    int now = inFlight.incrementAndGet();
                    maxInFlight.accumulateAndGet(now, Math::max);
                    try {
                        return task(task, options, work, watch, report);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                }));
            }
        } // close() waits for every task: the seed's `for t in threads: t.join()`
        Duration total = watch.elapsed();
        if (Thread.interrupted()) {
            // close() was interrupted, stopped the tasks and re-set our flag: report it the checked way instead.
            throw new InterruptedException("interrupted while the threading section ran");
        }
        report.totalTime("threading", total);
        List<TaskRun> runs = futures.stream().map(Future::resultNow).toList();
        if (options.workers() > 0 && options.workers() < options.tasks()) {
            report.line("(" + options.workers() + " threads for " + options.tasks() + " tasks: at most "
                + maxInFlight.get() + " at once, so " + options.waves() + " waves)");
        }
        return new Result(options, runs, total, maxInFlight.get());
    }

    private static TaskRun task(int task, Options options, CpuWork work, Stopwatch watch, Report report)
        throws InterruptedException {
        String thread = Thread.currentThread().getName();
        Duration started = watch.elapsed();
        Object value;
        if (options.type() == TaskType.IO) {
            report.line("Thread " + task + ": Starting I/O operation");
            Workloads.sleep(options.duration());
            value = options.duration();
            report.line("Thread " + task + ": Finished after " + Report.duration(options.duration()));
        } else {
            report.line("Thread " + task + ": Starting CPU work");
            value = work.run();
            report.line("Thread " + task + ": Finished " + Report.duration(options.duration()) + " of CPU work after "
                + Report.seconds(watch.elapsed().minus(started)));
        }
        return new TaskRun(task, thread, started, watch.elapsed(), value);
    }

    /*
     * It turns out the Java run looks exactly like Python's: three starts at once, three ends a second later, in
     * whatever order the sleeps happen to end, and a total just over 1.00 sec. For waiting, threads are threads:
     * CPython releases its Global Interpreter Lock around a blocking call, so its threads wait together too.
     *
     * Now turn the knobs. `--workers 2` with 5 tasks shows waves: two start, a second later two more, then the
     * last one, about 3 sec in all. `--type cpu` makes each task compute instead of wait: on a 2-core machine,
     * 3 tasks of 1 sec of CPU work each take about 1.5 sec, because three threads now share two cores. That is the
     * first place Java and Python part ways: Python's threads would take 3 sec (see Threading_03_NoGil).
     */

    /** The section's options, shared by this lesson's main, the module's {@code Main} and its {@code section}. */
    static CommandLine.Builder seedOptions(CommandLine.Builder builder) {
        return builder
            .intOption("tasks", Options.SEED.tasks(), 1, 10_000, "how many tasks to run")
            .durationOption("duration", Options.SEED.duration(), Duration.ZERO, Duration.ofSeconds(60),
                "how long each task waits (io) or computes on an idle core (cpu)")
            .intOption("workers", Options.SEED.workers(), 0, 10_000,
                "0 = a thread per task (the seed's way); K = a fixed pool of K threads (fewer than the tasks:"
                    + " waves)")
            .choiceOption("type", List.of("io", "cpu"), Options.SEED.type().name().toLowerCase(Locale.ROOT),
                "what each task does: io waits, cpu computes");
    }

    /** The options as parsed from a command line built with {@link #seedOptions(CommandLine.Builder)}. */
    static Options options(CommandLine.Arguments arguments) {
        return new Options(arguments.intValue("tasks"), arguments.duration("duration"), arguments.intValue("workers"),
            TaskType.valueOf(arguments.choice("type").toUpperCase(Locale.ROOT)));
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandLine cli = seedOptions(CommandLine.builder(Threading_01_SeedSection.class.getSimpleName(),
            QUESTION + "\nPlays section 1 of the seed demo: " + Options.SEED.tasks() + " I/O tasks of 1 sec, a thread"
                + " each, unless the options say otherwise.")).build();
        return cli.run(args, out, err, arguments -> run(options(arguments), Report.to(out)));
    }

    /*
     * How to run (from the repository's root; options are optional):
     *
     *   mvn -q -pl examples-threading -am test-compile -Drun=examples-threading -Dargs="--lesson 1"
     *   mvn -q -pl examples-threading -am test-compile -Drun=examples-threading \
     *       -Dargs="--lesson 1 --tasks 5 --workers 2 --duration 0.5s"
     *
     * Look for: the total close to one task's duration with a thread per task, and the waves with a pool.
     *
     * Typical output (2-core Intel Xeon VM shared with other builds, Linux 6.18, Temurin 25.0.3,
     * measured with -XX:TieredStopAtLevel=1 (C1 only), 2026-11-25, load average 4.33):
     *
     *   === THREADING DEMO (I/O-BOUND) ===
     *   Thread 0: Starting I/O operation
     *   Thread 1: Starting I/O operation
     *   Thread 2: Starting I/O operation
     *   Thread 2: Finished after 1 sec
     *   Thread 0: Finished after 1 sec
     *   Thread 1: Finished after 1 sec
     *   Total time (threading): 1.04 sec
     */

    /**
     * Plays the seed's threading section; {@code --help} lists the options.
     *
     * @param args options: {@code --tasks N}, {@code --duration TIME}, {@code --workers K}, {@code --type io|cpu}
     * @throws Exception if the section fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
