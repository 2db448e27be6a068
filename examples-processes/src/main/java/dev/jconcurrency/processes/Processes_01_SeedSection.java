package dev.jconcurrency.processes;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.process.ChildJvm;
import dev.jconcurrency.core.process.ProcessPool;
import dev.jconcurrency.core.process.SerializableFunction;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.timing.Stopwatch;
import dev.jconcurrency.core.workload.Workloads;
import java.io.PrintStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;

/**
 * How do you run the seed's CPU-bound tasks in separate JVMs, and what does that cost? Hand them to a
 * {@link ProcessPool} of child JVMs with {@code map}, as Python hands them to {@code multiprocessing.Pool}: the
 * answers come back exact, and almost all of the time is spent starting the JVMs, not summing squares.
 *
 * <p>This is section 2 of the Python demo, line for line:
 * <pre>
 * === MULTIPROCESSING DEMO (CPU-BOUND) ===
 * Results: [333332833333500000, 333332833333500000, 333332833333500000]
 * Total time (multiprocessing): 0.07 sec
 * </pre>
 * with the knobs a learner turns: how many tasks ({@code --tasks}), how many squares each sums ({@code --size})
 * and how many worker JVMs share them ({@code --workers}). The seed's two troubleshooting notes are answered at
 * the end of this class and in {@code --help}. The lessons after this one ask what the processes are really for
 * in Java: {@link Processes_02_SeparateMemory}, {@link Processes_03_ThreadsVsProcesses},
 * {@link Processes_04_CrashIsolation}.
 */
public final class Processes_01_SeedSection {

    static final String QUESTION = "How do you run the seed's CPU-bound tasks in separate JVMs, and what does that"
        + " cost?";

    /** The section's banner, as the seed prints it. */
    static final String TITLE = "MULTIPROCESSING DEMO (CPU-BOUND)";

    /** The most terms {@link Workloads#sumOfSquares(long)} accepts: the last square still fits in a long. */
    static final long MAX_SIZE = 3_037_000_500L;

    /** The last size whose sum still fits in a {@code long}; from the next one on, a plain loop wraps around. */
    static final long LAST_SIZE_A_LONG_HOLDS = 3_024_617L;

    /**
     * From this many terms per task on, the workers get the C2 compiler ({@link ProcessPool#DEFAULT_JVM_FLAGS});
     * below it, C1 only ({@link ChildJvm#FAST_START_FLAGS}), which starts sooner. Σi² for 10⁸ terms takes about
     * 45 ms in C2 code and 110 ms in C1 code (JDK 25, 2-core VM), so from there on C2's compile time pays for
     * itself; at the seed's 10⁶ terms the whole sum takes a few milliseconds in either.
     */
    static final long C2_FROM_SIZE = 100_000_000L;

    static final String SUMMARY = QUESTION + "\nPlays section 2 of the seed demo: " + Options.SEED.tasks()
        + " tasks, each summing the squares of range(" + String.format(Locale.ROOT, "%,d", Options.SEED.size())
        + "), in a pool of " + Options.SEED.workers() + " worker JVMs, the pool's start and end included in the"
        + " time.\n"
        + "Notes (the seed's troubleshooting, in Java):\n"
        + "- Any --size up to " + String.format(Locale.ROOT, "%,d", MAX_SIZE) + " gives the exact sum, also past"
        + " where a long overflows (" + String.format(Locale.ROOT, "%,d", LAST_SIZE_A_LONG_HOLDS + 1)
        + " terms and up): the sums are BigIntegers, as exact as Python's ints; --size 10000000 gives"
        + " 333333283333335000000. Lower --size if it takes too long.\n"
        + "- A task reaches a worker JVM as bytes: it must be Serializable, capture only serializable values, and"
        + " its class must be on the class path (a class without fields, like this section's, travels as its name,"
        + " as pickle sends a function). That is Java's \"functions must be defined at module level\" (lesson 5:"
        + " Processes_05_CrossingTheBoundary).";

    private Processes_01_SeedSection() {
    }

    /*
     * Suppose we translate the seed's section 2 word for word. Python's version is, in essence:
     *
     *     def cpu_bound_task(n):
     *         return sum(i * i for i in range(n))
     *
     *     start = time.time()
     *     with multiprocessing.Pool(3) as pool:
     *         results = pool.map(cpu_bound_task, [1_000_000] * 3)
     *     print(f"Results: {results}")
     *     print(f"Total time (multiprocessing): {time.time() - start:.2f} sec")
     *
     * Core's ProcessPool is the Java counterpart of multiprocessing.Pool: an ExecutorService whose workers are
     * child JVMs, each started with this JVM's `java` and class path. Its map(fn, inputs, chunkSize) is Python's
     * Pool.map. The one thing Java asks for that Python does not is that the function be a value that can travel
     * to another JVM: a Serializable object. So cpu_bound_task becomes a small named class.
     */

    /**
     * The seed's {@code cpu_bound_task}: Σi² for 0 ≤ i &lt; n, exact at any size.
     *
     * <p>A named class, declared at the top level of this lesson, is the Java counterpart of a function defined
     * at module level: the worker JVM finds it on the class path by its name, and it captures nothing. It is also
     * the cheapest shape for a cold worker. A class without fields travels as its name alone, as pickle sends a
     * module-level function, and the worker makes one with its no-argument constructor; a lambda travels through
     * Java serialization, whose first use costs a freshly started JVM some 30 ms of CPU (JDK 25), three times what
     * this class costs it to read, run and answer.
     */
    static final class SumOfSquares implements SerializableFunction<Long, BigInteger> {
        private static final long serialVersionUID = 1L;

        @Override
        public BigInteger apply(Long n) {
            return Workloads.sumOfSquares(n);
        }
    }

    /**
     * The knobs of the section.
     *
     * @param tasks how many tasks, 1 or more
     * @param size how many squares each task sums, 0 to {@value Processes_01_SeedSection#MAX_SIZE}
     * @param workers how many worker JVMs the pool starts, 1 or more
     */
    public record Options(int tasks, long size, int workers) {

        /** The seed's own settings: 3 tasks of range(1,000,000) on 3 worker JVMs. */
        public static final Options SEED = new Options(3, 1_000_000L, 3);

        /**
         * @throws IllegalArgumentException if {@code tasks} or {@code workers} is not positive, or {@code size}
         *     is out of range
         */
        public Options {
            if (tasks < 1) {
                throw new IllegalArgumentException("tasks must be positive: " + tasks);
            }
            if (size < 0 || size > MAX_SIZE) {
                throw new IllegalArgumentException("size must be from 0 to " + MAX_SIZE + ": " + size);
            }
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be positive: " + workers);
            }
        }
    }

    /**
     * What the section did.
     *
     * @param options the knobs it ran with
     * @param results each task's sum, in task order
     * @param resultsIn from the start of the pool to the results in hand
     * @param total from the start of the pool to its end (workers exited and reaped): the seed's total, which
     *     includes Python's {@code with} block, start and end
     * @param workerPids the worker JVMs that were alive when the results were in
     * @param parentPid this JVM's pid, which none of the workers has
     */
    public record Result(Options options, List<BigInteger> results, Duration resultsIn, Duration total,
                         List<Long> workerPids, long parentPid) {

        /** Whether every sum equals the closed form (n - 1)·n·(2n - 1) / 6, computed without the work. */
        public boolean exact() {
            BigInteger expected = Workloads.sumOfSquaresClosedForm(options.size());
            return results.size() == options.tasks() && results.stream().allMatch(expected::equals);
        }
    }

    /*
     * The clock starts just before the pool exists, and the pool starts its workers at once (prestart): each
     * worker JVM boots while this JVM serializes the tasks and loads its own classes, instead of one after the
     * other. There are as many workers as tasks, so each task goes straight to a JVM of its own. The clock stops
     * after the try-with-resources block, as Python's stops after its `with` block: starting the workers and
     * ending them are both part of the price of processes.
     */

    /**
     * Plays the section with {@code options}, printing the seed's lines to {@code report}.
     *
     * @param options the knobs; {@link Options#SEED} for the seed's own run
     * @param report where the lines go
     * @return the results and the time
     * @throws InterruptedException if interrupted while waiting for the results (every worker is then killed)
     * @throws ExecutionException if a task failed: a worker that could not start, or died
     * @throws NullPointerException if an argument is null
     */
    public static Result run(Options options, Report report) throws InterruptedException, ExecutionException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(report, "report");
        report.banner(TITLE);
        // Our own pid, read before the clock starts. Besides the pid, this loads the JDK's process-handle support,
        // with the thread pool that watches for child processes' exits: some 8 ms of CPU that the pool's first
        // process start would otherwise spend inside the clock. The seed's clock, too, starts after Python has
        // loaded its process machinery: its `import multiprocessing` runs at the top of the script.
        long parentPid = ProcessHandle.current().pid();
        Stopwatch watch = Stopwatch.start();
        List<BigInteger> results;
        List<Long> pids;
        Duration resultsIn;
        try (ProcessPool pool = ProcessPool.builder().workers(options.workers())
                 .jvmFlags(workerFlags(options.size())).prestart(true).build()) {
            results = pool.map(new SumOfSquares(), Collections.nCopies(options.tasks(), options.size()), 1);
            resultsIn = watch.elapsed();
            pids = pool.workerPids();
        }
        Duration total = watch.elapsed();
        report.results(null, results);
        report.totalTime("multiprocessing", total);
        if (options.size() > LAST_SIZE_A_LONG_HOLDS) {
            report.line(overflowNote(options.size()));
        }
        return new Result(options, List.copyOf(results), resultsIn, total, pids, parentPid);
    }

    /** The workers' JVM flags for tasks of {@code size} terms: C1 only for small tasks, C2 for long ones. */
    static String[] workerFlags(long size) {
        List<String> flags = size < C2_FROM_SIZE ? ChildJvm.FAST_START_FLAGS : ProcessPool.DEFAULT_JVM_FLAGS;
        return flags.toArray(new String[0]);
    }

    /*
     * It turns out the results are exactly Python's, and so, nearly, is the time: about 0.07 sec here against
     * 0.075 sec for Python's Pool(3), measured one after the other on the same 2-core machine (see the module's
     * README). But the time is spent quite differently:
     *
     * - Python's work is the squares themselves: about 50 ms of interpreted arithmetic per task. Its Pool forks
     *   its workers from the running interpreter, a copy of a process that is already warm, in about a
     *   millisecond each.
     * - Our squares take 2 to 3 ms per task. Nearly all the rest is start-up: each worker is a new JVM that
     *   boots (about 25 ms of CPU), and this JVM starts its first child processes. Three JVMs booting at once on
     *   2 cores, plus this one, take turns on the cores.
     * - What is left is kept small on purpose: the task and its result cross the pipes in the pool's compact
     *   encoding (a class without fields as its name, numbers as bytes), not through Java serialization, whose
     *   first use would cost each cold worker some 30 ms of CPU more. Before that change this section took 0.2
     *   sec here.
     * - One cost is moved before the clock, and only one: the JDK's process-handle support, which the first
     *   process start in a JVM loads (some 8 ms of CPU), is loaded by reading our pid first, as the seed's
     *   `import multiprocessing` loads Python's before its clock. Starting the worker JVMs, the tasks, and ending
     *   the workers are all inside.
     *
     * Turn the knobs. --workers 2 sends the third task to a worker that is already warm, which on 2 cores comes
     * sooner than a third JVM would (about 0.05 sec instead of 0.07 here). --size 100000000 makes each task long
     * enough for the workers' parallelism to show. Processes_03_ThreadsVsProcesses measures the work size where
     * processes start to pay, and what Java threads do with the same work without any of this cost: Java, unlike
     * CPython, has no lock that keeps its threads from computing at the same time, so CPU work needs no processes.
     *
     * The seed's troubleshooting notes, in Java:
     *
     * "Reduce input sizes if multiprocessing takes too long (demo uses 1M instead of 10M)." --size sets the
     * size. One trap is Java's alone: Python's int never overflows, Java's long does, silently. Σi² for i below
     * 3,024,618 no longer fits in a long, and a plain `long sum += i * i` loop then returns a wrong number that
     * looks right. The sums here are BigIntegers (Workloads.sumOfSquares adds in 128 bits), so --size 10000000
     * prints 333333283333335000000, as Python does, and the section says what a long would have printed.
     *
     * "For multiprocessing, ensure functions are defined at module level (not nested)." Python pickles a
     * function by its name, so the child must be able to find it by that name. Java sends the task object
     * itself: it must be Serializable, everything it captures must be too, and its class must be on the child's
     * class path (the pool's workers use this JVM's). SumOfSquares above is all three, and having no fields it
     * travels as its name alone, just as pickle sends a function.
     * Processes_05_CrossingTheBoundary shows what breaks, the error you get, and the fix.
     */

    static String overflowNote(long size) {
        long wrapped = Workloads.sumOfSquaresClosedForm(size).longValue(); // the low 64 bits: what a long keeps
        return String.format(Locale.ROOT, "(A plain long would have printed %d: from %,d terms on the sum passes"
            + " Long.MAX_VALUE and wraps around. BigInteger keeps it exact, as Python's int does.)", wrapped,
            LAST_SIZE_A_LONG_HOLDS + 1);
    }

    /** The section's options, shared by this lesson's main, the module's {@code Main} and its {@code section}. */
    static CommandLine.Builder seedOptions(CommandLine.Builder builder) {
        return builder
            .intOption("tasks", Options.SEED.tasks(), 1, 1_000, "how many tasks to run")
            .longOption("size", Options.SEED.size(), 0, MAX_SIZE,
                "how many squares each task sums: range(size); exact at any size")
            .intOption("workers", Options.SEED.workers(), 1, 64, "how many worker JVMs the pool starts");
    }

    /** The options as parsed from a command line built with {@link #seedOptions(CommandLine.Builder)}. */
    static Options options(CommandLine.Arguments arguments) {
        return new Options(arguments.intValue("tasks"), arguments.longValue("size"), arguments.intValue("workers"));
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandLine cli = seedOptions(CommandLine.builder(Processes_01_SeedSection.class.getSimpleName(), SUMMARY))
            .build();
        return cli.run(args, out, err, arguments -> run(options(arguments), Report.to(out)));
    }

    /*
     * How to run (from the repository's root; options are optional):
     *
     *   mvn -q -pl examples-processes -am test-compile -Drun=examples-processes -Dargs="--lesson 1"
     *   mvn -q -pl examples-processes -am test-compile -Drun=examples-processes \
     *       -Dargs="--lesson 1 --size 10000000 --workers 2"
     *
     * Look for: the exact sums, and a total made almost entirely of JVM start-up.
     *
     * Typical output (2-core Intel Xeon VM, Linux 6.18, Temurin 25.0.3, run profile, 2026-11-25, load average
     * 0.4; ten runs printed 0.06 to 0.08 sec, six of them 0.07, and --workers 2 printed 0.05 sec):
     *
     *   === MULTIPROCESSING DEMO (CPU-BOUND) ===
     *   Results: [333332833333500000, 333332833333500000, 333332833333500000]
     *   Total time (multiprocessing): 0.07 sec
     *
     * and with --size 10000000 (0.07 or 0.08 sec):
     *
     *   Results: [333333283333335000000, 333333283333335000000, 333333283333335000000]
     *   (A plain long would have printed 1291890006563070912: from 3,024,618 terms on the sum passes
     *   Long.MAX_VALUE and wraps around. BigInteger keeps it exact, as Python's int does.)
     */

    /**
     * Plays the seed's multiprocessing section; {@code --help} lists the options.
     *
     * @param args options: {@code --tasks N}, {@code --size N}, {@code --workers N}
     * @throws Exception if the section fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
