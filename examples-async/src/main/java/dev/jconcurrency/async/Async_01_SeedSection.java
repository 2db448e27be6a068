package dev.jconcurrency.async;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.process.ChildJvm;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.workload.Workloads;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * Can Java wait on many I/O operations at once, as the seed's {@code asyncio} section does? Yes, two ways:
 * futures that a timer completes on one event-loop thread (the closest thing to {@code asyncio}), or plain
 * blocking code on virtual threads; three 1-second waits take about 1 second either way.
 *
 * <p>The seed's section, line for line:
 * <pre>
 * === ASYNCIO DEMO (HIGH CONCURRENCY I/O) ===
 * Task 1: Starting async I/O
 * Task 2: Starting async I/O
 * Task 3: Starting async I/O
 * Task 1: Finished after 1 sec
 * Task 2: Finished after 1 sec
 * Task 3: Finished after 1 sec
 * Total time (asyncio): 1.00 sec
 * </pre>
 * The Python behind it is {@code await asyncio.sleep(1)} in three coroutines gathered on one event loop. Next:
 * {@link Async_02_AsyncAwait} puts the two Java styles side by side on a flow with more than one step.
 */
public final class Async_01_SeedSection {

    static final String QUESTION = "Can Java wait on many I/O operations at once, like asyncio?";

    static final String BANNER = "ASYNCIO DEMO (HIGH CONCURRENCY I/O)";

    private Async_01_SeedSection() {
    }

    /*
     * Suppose we want the seed's three tasks: each announces itself, waits a second for "I/O", and reports.
     * Python writes them as coroutines. Java offers two honest translations, and the learner picks one with
     * --style:
     *
     *   futures  each task is a CompletableFuture chain. The wait is a future a timer completes: no thread is
     *            blocked while it waits, and one thread (the event loop) runs every task's code, as asyncio's
     *            loop does.
     *   virtual  each task is ordinary blocking code (Thread.sleep) on its own virtual thread. The JVM parks a
     *            sleeping virtual thread and frees its carrier, so a few carriers serve any number of waits.
     */

    /** How the tasks wait. */
    public enum Style {
        /** {@link CompletableFuture} chains completed by a timer, run by an event loop. */
        FUTURES,
        /** Blocking code, one virtual thread per task. */
        VIRTUAL;

        /** The word used on the command line. */
        public String option() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Style of(String option) {
            return valueOf(option.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * What to play.
     *
     * @param tasks how many tasks, from 1
     * @param duration how long each task waits
     * @param style how the tasks wait
     * @param carriers the threads that run the tasks' code: event-loop threads for {@code futures} (0 means 1,
     *     like asyncio), carrier threads under the virtual threads for {@code virtual} (0 means the JVM's
     *     default, one per core; any other count runs the section in a child JVM, because the carrier count
     *     is fixed when a JVM starts)
     */
    public record Config(int tasks, Duration duration, Style style, int carriers) {
        /** The seed's section: 3 tasks of 1 second, as futures on one event loop. */
        public static final Config SEED = new Config(3, Duration.ofSeconds(1), Style.FUTURES, 0);

        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException if {@code tasks} is not positive, {@code duration} is negative or
         *     {@code carriers} is negative
         */
        public Config {
            if (tasks < 1) {
                throw new IllegalArgumentException("tasks must be positive: " + tasks);
            }
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("duration must not be negative: " + duration);
            }
            Objects.requireNonNull(style, "style");
            if (carriers < 0) {
                throw new IllegalArgumentException("carriers must not be negative: " + carriers);
            }
        }
    }

    /**
     * One task's run, times in nanoseconds since the section started.
     *
     * @param task the task's number, from 1 as in the seed
     * @param startNanos when it printed its start line
     * @param endNanos when it printed its finish line
     * @param startThread the thread that started it
     * @param endThread the thread that finished it
     */
    public record TaskRun(int task, long startNanos, long endNanos, String startThread, String endThread) {
    }

    /**
     * What a run of the section did.
     *
     * @param config what was played
     * @param tasks the tasks' runs, in task order
     * @param total the time the section took, as printed on its last line
     * @param inChildJvm whether it ran in a child JVM (to get the requested carrier count)
     */
    public record Result(Config config, List<TaskRun> tasks, Duration total, boolean inChildJvm) {
        /** Copies the list. */
        public Result {
            tasks = List.copyOf(tasks);
        }
    }

    /*
     * The futures style. One task reads almost like the coroutine it translates:
     *
     *     async def task(i):                       CompletableFuture.supplyAsync(start line, loop)
     *         print(f"Task {i}: Starting ...")        .thenCompose(t -> sleep(loop, duration))
     *         await asyncio.sleep(1)                  .thenApply(v -> finish line)
     *         print(f"Task {i}: Finished ...")
     *
     * The "loop" is a ScheduledExecutorService: a queue of ready callbacks plus a queue of timers, served by
     * its threads (one by default). Every async call names it; the default executor of the async methods is
     * the common pool, which has a single worker on a 2-CPU machine (TESTING.md).
     */

    static CompletableFuture<TaskRun> futureTask(int task, Duration duration, ScheduledExecutorService loop,
                                                  Report report, long origin) {
        return CompletableFuture.supplyAsync(() -> {
            report.line("Task " + task + ": Starting async I/O");
            return Started.now();
        }, loop).thenCompose(started -> Timers.sleep(loop, duration).thenApply(ignored -> {
            report.line("Task " + task + ": Finished after " + Report.duration(duration));
            return started.finished(task, origin);
        }));
    }

    private static List<TaskRun> runFutures(Config config, Report report, ThreadFactory threads, long origin) {
        int loopThreads = config.carriers() == 0 ? 1 : config.carriers();
        List<CompletableFuture<TaskRun>> tasks = new ArrayList<>();
        try (ScheduledExecutorService loop = Executors.newScheduledThreadPool(loopThreads, threads)) {
            for (int task = 1; task <= config.tasks(); task++) {
                tasks.add(futureTask(task, config.duration(), loop, report, origin));
            }
            CompletableFuture.allOf(tasks.toArray(new CompletableFuture<?>[0])).join();
        }
        List<TaskRun> runs = new ArrayList<>();
        for (CompletableFuture<TaskRun> task : tasks) {
            runs.add(task.join()); // all done: no wait here
        }
        return runs;
    }

    /*
     * The virtual style needs no translation at all: the task is the blocking code a beginner would write,
     * and an executor that starts one virtual thread per task runs them all at once. Closing the executor
     * (the end of the try block) waits for every task.
     */

    static TaskRun virtualTask(int task, Duration duration, Report report, long origin)
        throws InterruptedException {
        report.line("Task " + task + ": Starting async I/O");
        Started started = Started.now();
        Workloads.sleep(duration);
        report.line("Task " + task + ": Finished after " + Report.duration(duration));
        return started.finished(task, origin);
    }

    private static List<TaskRun> runVirtual(Config config, Report report, ThreadFactory threads, long origin)
        throws Exception {
        List<Future<TaskRun>> tasks = new ArrayList<>();
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(threads)) {
            for (int task = 1; task <= config.tasks(); task++) {
                int number = task;
                tasks.add(executor.submit(() -> virtualTask(number, config.duration(), report, origin)));
            }
        }
        List<TaskRun> runs = new ArrayList<>();
        for (Future<TaskRun> task : tasks) {
            runs.add(task.get()); // close() waited for every task: no wait here; a failure comes with its cause
        }
        return runs;
    }

    /** When and on which thread a task printed its start line. */
    private record Started(long nanos, String thread) {
        static Started now() {
            return new Started(System.nanoTime(), threadName());
        }

        TaskRun finished(int task, long origin) {
            return new TaskRun(task, nanos - origin, System.nanoTime() - origin, thread, threadName());
        }
    }

    private static String threadName() {
        String name = Thread.currentThread().getName();
        return name.isEmpty() ? "unnamed" : name.replace(' ', '_');
    }

    /*
     * Playing the section: the banner, the tasks, the total, timed from the first line to the last finish.
     *
     * The carrier count of virtual threads is read once, when the JVM starts
     * (-Djdk.virtualThreadScheduler.parallelism), so a request for a different count than this JVM has runs
     * the section in a child JVM started with that setting; its lines are relayed here once it has ended.
     */

    /**
     * Plays the section with the default threads: an event loop of platform threads named {@code event-loop-N}
     * for futures, virtual threads named {@code task-N} for the virtual style.
     *
     * @param config what to play
     * @param report where the lines go
     * @return what happened
     * @throws Exception if a task failed or the child JVM could not run
     */
    public static Result run(Config config, Report report) throws Exception {
        Objects.requireNonNull(config, "config");
        ThreadFactory threads = config.style() == Style.FUTURES
            ? Thread.ofPlatform().daemon(true).name("event-loop-", 1).factory()
            : Thread.ofVirtual().name("task-", 1).factory();
        return run(config, report, threads);
    }

    /**
     * Plays the section.
     *
     * @param config what to play
     * @param report where the lines go
     * @param threads makes the event loop's threads (futures) or the tasks' threads (virtual); tests pass a
     *     tracking factory
     * @return what happened
     * @throws Exception if a task failed or the child JVM could not run
     */
    public static Result run(Config config, Report report, ThreadFactory threads) throws Exception {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(threads, "threads");
        if (config.style() == Style.VIRTUAL && config.carriers() != 0 && config.carriers() != carriersHere()) {
            return runInChildJvm(config, report);
        }
        report.banner(BANNER);
        long origin = System.nanoTime();
        List<TaskRun> tasks = config.style() == Style.FUTURES
            ? runFutures(config, report, threads, origin)
            : runVirtual(config, report, threads, origin);
        Duration total = Duration.ofNanos(System.nanoTime() - origin);
        report.totalTime("asyncio", total);
        return new Result(config, tasks, total, false);
    }

    /** The number of carrier threads this JVM's virtual threads run on. */
    static int carriersHere() {
        return Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
            Runtime.getRuntime().availableProcessors());
    }

    private static Result runInChildJvm(Config config, Report report) throws Exception {
        ChildJvm.Result child = ChildJvm.of(InChildJvm.class)
            .withJvmFlags(carrierFlags(config.carriers()))
            .withArgs(arguments(config))
            .withTimeout(config.duration().multipliedBy(2).plus(Duration.ofSeconds(60)))
            .run();
        child.stderr().lines().forEach(report::line);
        ChildRecords records = ChildRecords.of(child);
        List<TaskRun> tasks = new ArrayList<>();
        for (List<String> task : records.records("task")) {
            tasks.add(new TaskRun(Integer.parseInt(task.get(0)), Long.parseLong(task.get(1)),
                Long.parseLong(task.get(2)), task.get(3), task.get(4)));
        }
        Duration total = Duration.ofNanos(Long.parseLong(records.record("total").get(0)));
        return new Result(config, tasks, total, true);
    }

    /** A fast-starting child whose virtual threads run on {@code carriers} carriers (more if some are pinned). */
    private static String[] carrierFlags(int carriers) {
        List<String> flags = new ArrayList<>(ChildJvm.FAST_START_FLAGS);
        flags.add("-Djdk.virtualThreadScheduler.parallelism=" + carriers);
        flags.add("-Djdk.virtualThreadScheduler.maxPoolSize=" + Math.max(256, carriers));
        return flags.toArray(String[]::new);
    }

    private static String[] arguments(Config config) {
        return List.of("--tasks", Integer.toString(config.tasks()),
            "--duration", config.duration().toMillis() + "ms",
            "--style", config.style().option(),
            "--carriers", Integer.toString(config.carriers())).toArray(String[]::new);
    }

    /**
     * The entry point of the child JVM: plays the section here, its lines on standard error (the parent relays
     * them), then prints the timings as {@link ChildRecords} on standard output.
     */
    public static final class InChildJvm {
        private InChildJvm() {
        }

        /**
         * Plays the section with the options given and prints its result for the parent.
         *
         * @param args the section's options
         * @throws Exception if the section fails (the parent sees a non-zero exit)
         */
        public static void main(String[] args) throws Exception {
            Config config = config(commandLine().parse(args));
            Result result = run(config, Report.to(System.err));
            for (TaskRun task : result.tasks()) {
                ChildRecords.print("task " + task.task() + " " + task.startNanos() + " " + task.endNanos() + " "
                    + task.startThread() + " " + task.endThread());
            }
            ChildRecords.print("total " + result.total().toNanos());
        }
    }

    /*
     * The command line: the seed's knobs (how many tasks, how long each waits) and the two Java ones (which
     * style, how many carriers). Main.section(...) plays exactly this, so the tour and this lesson agree.
     */

    /** The top of the section's {@code --help}, here and in the module's {@code Main.section}. */
    static final String SUMMARY = "Plays the seed's asyncio section: tasks that each wait for simulated I/O, all at"
        + " once.";

    static CommandLine commandLine() {
        return withSeedOptions(CommandLine.builder("examples-async", SUMMARY)).build();
    }

    /** Adds the section's options to a command line (the module's Main accepts them too). */
    static CommandLine.Builder withSeedOptions(CommandLine.Builder builder) {
        return builder
            .intOption("tasks", 3, 1, 100_000, "how many tasks")
            .durationOption("duration", Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(60),
                "how long each task waits")
            .choiceOption("style", List.of("futures", "virtual"), "futures",
                "futures: CompletableFutures on a timer, one event loop; virtual: blocking code on virtual threads")
            .intOption("carriers", 0, 0, 256,
                "event-loop threads (futures) or carrier threads (virtual); 0: 1 loop / one carrier per core");
    }

    static Config config(CommandLine.Arguments arguments) {
        return new Config(arguments.intValue("tasks"), arguments.duration("duration"),
            Style.of(arguments.choice("style")), arguments.intValue("carriers"));
    }

    /** Parses {@code args}, plays the section; returns the exit code (2 and one line on {@code err} if bad). */
    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        return commandLine().run(args, out, err, arguments -> run(config(arguments), Report.to(out)));
    }

    /*
     * It turns out both styles print the seed's lines and take about the duration of one task, not the sum:
     * the waits overlap. What differs is who waits. With futures nobody does: a timer holds three small
     * objects and one thread runs every line of every task (see TaskRun's thread names). With virtual threads
     * each task has its own thread, and the JVM parks it while it sleeps. Async_04_MillionWaits pushes both
     * to a million tasks to see what each costs.
     *
     * Where Python prints 1.00, this module's main prints 1.02. The 20 ms are not the waits: they are this
     * JVM using CompletableFuture and each of futureTask's lambdas for the first time. A lambda's class is made
     * when its line first runs, about a millisecond each in a JVM that has just started, more when the values
     * it captures have types no earlier lambda had; the three start lines come out one after the other, and
     * the last sleep starts that much later. Played in the tour, after sections that have warmed this machinery
     * up, the same code prints 1.01. A long-running program pays this once, at its first request.
     *
     * How to run (from the repository root):
     *
     *     mvn -q -pl examples-async -am test-compile -Drun=examples-async -Dargs="--lesson 1"
     *     mvn -q -pl examples-async -am test-compile -Drun=examples-async \
     *         -Dargs="--lesson 1 --style virtual --tasks 10000 --carriers 1"
     *
     * Look for: the total stays near one task's duration, whatever the number of tasks.
     *
     * Typical output (2 CPUs shared with other builds, load average 3.5-5, Linux 6.18, Temurin JDK 25.0.3,
     * 2026-11-25):
     *
     *     === ASYNCIO DEMO (HIGH CONCURRENCY I/O) ===
     *     Task 1: Starting async I/O
     *     Task 2: Starting async I/O
     *     Task 3: Starting async I/O
     *     Task 1: Finished after 1 sec
     *     Task 2: Finished after 1 sec
     *     Task 3: Finished after 1 sec
     *     Total time (asyncio): 1.02 sec
     *
     *     and with --style virtual --tasks 10000 --carriers 1 (a child JVM with one carrier), after 20,000 task lines:
     *     Total time (asyncio): 1.35 sec
     */

    /**
     * Plays the section; options: {@code --tasks N}, {@code --duration TIME}, {@code --style futures|virtual},
     * {@code --carriers N}, {@code --help}.
     *
     * @param args the command line
     * @throws Exception if a task fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
