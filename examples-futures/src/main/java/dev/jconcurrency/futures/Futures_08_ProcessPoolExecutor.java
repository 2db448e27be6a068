package dev.jconcurrency.futures;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.process.ChildJvmException;
import dev.jconcurrency.core.process.ProcessPool;
import dev.jconcurrency.core.process.RemoteTaskException;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.report.Table;
import dev.jconcurrency.core.timing.Stopwatch;
import dev.jconcurrency.core.workload.Workloads;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Can the same {@code invokeAll} code run its tasks in child JVMs instead of threads, and what changes when it
 * does? Yes: core's {@link ProcessPool} is an {@link ExecutorService}, so {@link Futures_03_MapVsAsCompleted#map}
 * runs unchanged on either, swapped by one line, and the results still come back in submission order, a task's
 * exception still as the cause of an {@link ExecutionException}. What changes: tasks and results must be
 * serializable (they are copied), every worker is a JVM to start, a task that ends its JVM takes down one worker
 * instead of the program, and the tasks share no memory with us.
 */
public final class Futures_08_ProcessPoolExecutor {

    private Futures_08_ProcessPoolExecutor() {
    }

    /*
     * Suppose we have Futures_03's map(pool, tasks): invokeAll, then get() on each future in order. It only ever
     * sees an ExecutorService. Python's concurrent.futures makes the same promise: ThreadPoolExecutor and
     * ProcessPoolExecutor behind one interface. In Java the one line that differs is the one that opens the pool:
     *
     *     try (ExecutorService pool = Executors.newFixedThreadPool(3)) { ... map(pool, tasks) ... }   // threads
     *     try (ExecutorService pool = ProcessPool.create(3)) { ... map(pool, tasks) ... }             // child JVMs
     *
     * Here that line is kind.open(workers), with kind a PoolKind: THREAD or PROCESS. Everything else below is
     * run once for each kind, and we look at what comes back.
     *
     * The task squares its number after a wait, like the seed's, and tells us where it ran. It also counts its
     * calls in a static counter: a field of the class, shared by every thread of a JVM, and by nothing else.
     */

    /**
     * Where a task ran and what it returned.
     *
     * @param value the square
     * @param pid the process id of the JVM that ran it
     * @param thread the name of the thread that ran it
     */
    public record Ran(int value, long pid, String thread) implements Serializable {
    }

    /** n squared after a wait; counts its calls in the JVM it runs in. A record, so it can travel. */
    record Square(int n, Duration delay) implements Callable<Ran>, Serializable {
        /** How many times a Square has been called in this JVM. */
        static final AtomicInteger CALLS = new AtomicInteger();

        @Override
        public Ran call() throws InterruptedException {
            CALLS.incrementAndGet();
            // An interrupt here means the task was cancelled: ending it is what the canceller asked for.
            Workloads.sleep(delay);
            return new Ran(n * n, ProcessHandle.current().pid(), Thread.currentThread().getName());
        }
    }

    /** Parses a number that is not one: fails with a NumberFormatException, a serializable exception. */
    record Parse(String text) implements Callable<Integer>, Serializable {
        @Override
        public Integer call() {
            return Integer.parseInt(text);
        }
    }

    /**
     * An exception that cannot be serialized: it holds a plain {@code Object}, as real exceptions hold a socket
     * or a connection.
     */
    static final class Unsendable extends Exception {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("serial") // on purpose: this field is what makes it unsendable
        private final Object context = new Object();

        Unsendable(String message) {
            super(message);
        }

        @Override
        public String toString() {
            return super.toString() + " (holding " + context.getClass().getName() + ")";
        }
    }

    /** Throws an {@link Unsendable}. */
    record ThrowUnsendable() implements Callable<Integer>, Serializable {
        @Override
        public Integer call() throws Unsendable {
            throw new Unsendable("the connection was reset");
        }
    }

    /** Ends the JVM it runs in at once, as a crash in native code would. Only ever given to a process pool. */
    record Halt(int exitCode) implements Callable<Integer>, Serializable {
        @Override
        public Integer call() {
            Runtime.getRuntime().halt(exitCode);
            return exitCode; // never reached
        }
    }

    /** The exit code of {@link Halt} in this lesson. */
    static final int HALT_EXIT_CODE = 3;

    /**
     * What one kind of pool did with the same calls.
     *
     * @param kind which pool
     * @param ran what each square task returned, in submission order
     * @param elapsed from just before the pool was opened until {@code map} returned: the pool's start
     *     included
     * @param countedHere how much the tasks' static counter moved in this JVM during {@code map}
     * @param failed the future of {@code Integer.parseInt("forty-two")}, done
     * @param failedUnsendable the future of a task whose exception cannot be serialized, done
     * @param plainLambdaValue what a plain, not serializable, lambda returned; null if the pool refused it
     * @param plainLambdaRefused why the pool refused the plain lambda; null if it ran it
     * @param halted the future of a task that ends its JVM, done; null on threads, where it would end ours
     * @param afterHalt what {@code map} gave after that, on the same pool; empty on threads
     */
    public record Run(PoolKind kind, List<Ran> ran, Duration elapsed, int countedHere, Future<Integer> failed,
        Future<Integer> failedUnsendable, Integer plainLambdaValue, Throwable plainLambdaRefused,
        Future<Integer> halted, List<Integer> afterHalt) {
        /**
         * @param kind the pool
         * @param ran the square tasks' returns
         * @param elapsed the time of the first map, pool start included
         * @param countedHere the counter's move here
         * @param failed the parse failure
         * @param failedUnsendable the unsendable failure
         * @param plainLambdaValue the plain lambda's value, or null
         * @param plainLambdaRefused the refusal, or null
         * @param halted the halting task, or null
         * @param afterHalt the squares after it
         */
        public Run {
            Objects.requireNonNull(kind, "kind");
            ran = List.copyOf(ran);
            afterHalt = List.copyOf(afterHalt);
        }

        /** The squares, in submission order. */
        public List<Integer> values() {
            return ran.stream().map(Ran::value).toList();
        }

        /** The distinct pids the square tasks ran in, in order of first appearance. */
        public List<Long> pids() {
            return ran.stream().map(Ran::pid).distinct().toList();
        }
    }

    /**
     * The same calls on both kinds of pool.
     *
     * @param threads on {@link PoolKind#THREAD}
     * @param processes on {@link PoolKind#PROCESS}
     * @param ourPid this JVM's pid
     */
    public record Result(Run threads, Run processes, long ourPid) {
    }

    /**
     * Runs the lesson's calls on threads, then on child JVMs.
     *
     * @param tasks how many square tasks, and the pools' size, 1 or more
     * @param delay each square task's wait, zero or more
     * @return what each pool did
     * @throws Exception if a square task fails or we are interrupted
     */
    public static Result run(int tasks, Duration delay) throws Exception {
        // One after the other, never side by side: the static counter of this JVM must see only one run at a time.
        return new Result(run(PoolKind.THREAD, tasks, delay), run(PoolKind.PROCESS, tasks, delay),
            ProcessHandle.current().pid());
    }

    /**
     * Runs the lesson's calls on one kind of pool of {@code tasks} workers.
     *
     * @param kind which pool
     * @param tasks how many square tasks, and the pool's size, 1 or more
     * @param delay each square task's wait, zero or more
     * @return what the pool did
     * @throws Exception if a square task fails or we are interrupted
     */
    public static Run run(PoolKind kind, int tasks, Duration delay) throws Exception {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delay, "delay");
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be positive: " + tasks);
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        List<Square> squares = squares(tasks, delay);
        int before = Square.CALLS.get();
        Stopwatch watch = Stopwatch.start();
        try (ExecutorService pool = kind.open(tasks)) {               // the one line that knows the kind
            List<Ran> ran = Futures_03_MapVsAsCompleted.map(pool, squares);   // the same code for both
            Duration elapsed = watch.elapsed();
            int countedHere = Square.CALLS.get() - before;

            /*
             * A failing task, the same for both: the exception arrives as the cause of an ExecutionException.
             * From a thread it is the very object the task threw. From a child JVM it cannot be: the worker
             * serializes it and we read back a copy, of the same class, with the same message and the stack
             * trace it had in the worker (its bottom frame is the worker's main, not a pool thread's run).
             */
            Future<Integer> failed = awaitDone(pool.submit(new Parse("forty-two")));

            /*
             * An exception that cannot be serialized cannot be copied. Core's pool then sends what can always
             * travel: a RemoteTaskException with the original class name, message and stack trace.
             */
            Future<Integer> failedUnsendable = awaitDone(pool.submit(new ThrowUnsendable()));

            /*
             * A plain lambda is not serializable (only one whose target type is, such as core's
             * SerializableCallable, is). A thread pool never needs to copy it; a process pool must, and refuses
             * it at submit, before anything runs, naming the class.
             */
            Callable<Integer> plainLambda = () -> 6 * 7;
            Integer plainLambdaValue = null;
            Throwable plainLambdaRefused = null;
            try {
                plainLambdaValue = Futures_03_MapVsAsCompleted.map(pool, List.of(plainLambda)).getFirst();
            } catch (IllegalArgumentException e) {
                plainLambdaRefused = e;
            }

            /*
             * Isolation: a task that ends its JVM (Runtime.halt here; a crash in native code, an
             * OutOfMemoryError that leaves a JVM broken, or a library calling System.exit in real life). On a
             * thread it would end ours, and this lesson with it, so we only give it to the process pool. There it
             * ends one worker: its future fails with a ChildJvmException naming the pid and the exit code, the
             * pool starts a replacement, and the next map works as before.
             */
            Future<Integer> halted = null;
            List<Integer> afterHalt = List.of();
            if (kind == PoolKind.PROCESS) {
                halted = awaitDone(pool.submit(new Halt(HALT_EXIT_CODE)));
                afterHalt = Futures_03_MapVsAsCompleted.map(pool, squares(tasks, Duration.ZERO)).stream()
                    .map(Ran::value).toList();
            }
            return new Run(kind, ran, elapsed, countedHere, failed, failedUnsendable, plainLambdaValue,
                plainLambdaRefused, halted, afterHalt);
        }
    }

    private static List<Square> squares(int tasks, Duration delay) {
        List<Square> squares = new ArrayList<>(tasks);
        for (int n = 0; n < tasks; n++) {
            squares.add(new Square(n, delay));
        }
        return squares;
    }

    /** Waits for a future expected to fail, and returns it done. */
    private static <T> Future<T> awaitDone(Future<T> future) throws InterruptedException {
        try {
            future.get();
        } catch (ExecutionException expected) {
            // the future keeps the failure: the lesson reads it from there
        }
        return future;
    }

    /*
     * It turns out:
     *   - map gave [0, 1, 4] on both, in submission order: the code did not notice the swap.
     *   - On threads every task ran in this JVM; on the process pool each ran in a child JVM of its own, on
     *     that JVM's main thread.
     *   - The static counter went up by one per task on threads and did not move here on processes: each
     *     worker counted in its own copy of the class. Nothing is shared: a task gets a copy of its fields, and
     *     we get a copy of its result. (That is also why nothing races.)
     *   - The process pool took longer by its start-up: tens of milliseconds per worker JVM on an idle machine
     *     (they start together), plus copying tasks and results. Nothing for one-second tasks, everything for
     *     one-millisecond ones: batch those (core's ProcessPool.map with a chunk size).
     *   - ExecutionException with the original cause on both. On processes the cause is a copy with the
     *     worker's stack trace; an exception that cannot be serialized arrives as a RemoteTaskException naming
     *     the original class. Catch by class, as you would anyway; never compare exception objects.
     *   - The plain lambda ran on threads and was refused by the process pool at submit.
     *   - The halting task failed alone, with exit code 3; the pool replaced the worker and went on.
     *
     * One thing does not carry over: Futures_03's asCompleted hands the pool a wrapper of its own (an
     * ExecutorCompletionService's), which is not serializable, so as_completed on a process pool needs the
     * tasks' own futures instead. And Java has no GIL: CPU-bound work runs on every core with threads already.
     * Take a process pool for the isolation, not for the speed.
     */

    /*
     * How to run:
     *
     *   mvn -q -pl examples-futures -am test-compile -Drun=examples-futures -Dargs="--lesson 8"
     *
     * Look for the same values on both lines, the pids, the counter, and the two causes.
     *
     * Typical output (2-core Intel Xeon VM shared with other builds, load average about 2; Linux 6.18; Temurin
     * JDK 25.0.3; the run profile; 2026-11-25; long lines wrapped here):
     *
     *   The same Futures_03_MapVsAsCompleted.map(pool, tasks), 3 tasks waiting 0.50 sec each, on a pool of 3
     *       (this JVM is pid 11469):
     *   pool     results    ran in pids            on threads                                           time, start included  static counter here
     *   -------  ---------  ---------------------  ---------------------------------------------------  --------------------  -------------------
     *   Thread   [0, 1, 4]  [11469]                [pool-1-thread-1, pool-1-thread-2, pool-1-thread-3]              0.52 sec                   +3
     *   Process  [0, 1, 4]  [11551, 11557, 11555]  [main]                                                           1.12 sec                   +0
     *
     *   Thread pool:
     *     parseInt("forty-two"): ExecutionException, cause java.lang.NumberFormatException: For input string:
     *         "forty-two"; its stack trace ends in java.lang.Thread.run
     *     an unsendable exception: ExecutionException, cause
     *         dev.jconcurrency.futures.Futures_08_ProcessPoolExecutor$Unsendable: the connection was reset
     *         (holding java.lang.Object); its stack trace ends in java.lang.Thread.run
     *     a plain lambda: returned 42
     *     Runtime.halt(3): not run: on a thread it would end this JVM
     *
     *   Process pool:
     *     parseInt("forty-two"): ExecutionException, cause java.lang.NumberFormatException: For input string:
     *         "forty-two"; its stack trace ends in dev.jconcurrency.core.process.WorkerMain.main
     *     an unsendable exception: ExecutionException, cause RemoteTaskException standing in for
     *         dev.jconcurrency.futures.Futures_08_ProcessPoolExecutor$Unsendable; its stack trace ends in
     *         dev.jconcurrency.core.process.WorkerMain.main
     *     a plain lambda: refused at submit: IllegalArgumentException: tasks[0] (a lambda written in
     *         dev.jconcurrency.futures.Futures_08_ProcessPoolExecutor, class
     *         dev.jconcurrency.futures.Futures_08_ProcessPoolExecutor$$Lambda/0x00000000350488d8) is not
     *         Serializable, so it cannot be sent to a worker JVM.
     *     Runtime.halt(3): ExecutionException, cause ChildJvmException: worker pid 11551, exit code 3
     *     then the same map on the same pool gave [0, 1, 4]
     *
     * The process pool's time is the one figure that moves with the machine's load: five more runs, with other
     * builds running (load average 3.1 to 3.5), gave 0.82 to 1.83 sec; the thread pool's stayed at 0.51 sec.
     */

    /**
     * Runs the calls on a thread pool and on a process pool of 3 and prints what changed.
     *
     * @param args {@code --help} only
     * @throws Exception if a task fails unexpectedly
     */
    public static void main(String[] args) throws Exception {
        CommandLine cli = CommandLine.builder(Futures_08_ProcessPoolExecutor.class.getSimpleName(),
            "The same invokeAll code on a thread pool and on core's process pool: what changes, what does not.")
            .build();
        CommandLine.exitOnFailure(cli.run(args, System.out, System.err, options -> {
            Duration delay = Duration.ofMillis(500);
            Result r = run(3, delay);
            Report report = Report.to(System.out);
            report.line("The same Futures_03_MapVsAsCompleted.map(pool, tasks), 3 tasks waiting "
                + Report.seconds(delay) + " each, on a pool of 3 (this JVM is pid " + r.ourPid() + "):");
            Table table = Table.of("pool", "results", "ran in pids", "on threads", "time, start included",
                "static counter here");
            for (Run run : List.of(r.threads(), r.processes())) {
                table.row(run.kind().label(), run.values(), run.pids(),
                    run.ran().stream().map(Ran::thread).distinct().toList(), Report.seconds(run.elapsed()),
                    "+" + run.countedHere());
            }
            System.out.print(table.toText());
            for (Run run : List.of(r.threads(), r.processes())) {
                report.blank();
                report.line(run.kind().label() + " pool:");
                report.line("  parseInt(\"forty-two\"): " + describe(run.failed()));
                report.line("  an unsendable exception: " + describe(run.failedUnsendable()));
                report.line("  a plain lambda: " + (run.plainLambdaRefused() == null
                    ? "returned " + run.plainLambdaValue()
                    : "refused at submit: " + firstSentence(run.plainLambdaRefused())));
                if (run.halted() == null) {
                    report.line("  Runtime.halt(" + HALT_EXIT_CODE + "): not run: on a thread it would end this JVM");
                } else {
                    report.line("  Runtime.halt(" + HALT_EXIT_CODE + "): " + describe(run.halted()));
                    report.line("  then the same map on the same pool gave " + run.afterHalt());
                }
            }
        }));
    }

    /** The cause of a failed future, and where its stack trace ends (which JVM's thread it was thrown on). */
    private static String describe(Future<?> failed) {
        Throwable cause = failed.exceptionNow();
        if (cause instanceof ChildJvmException dead) {
            // Made here, by the pool, when the worker's pipe closed: its stack trace is ours, not the worker's.
            return "ExecutionException, cause ChildJvmException: worker pid " + dead.pid() + ", exit code "
                + dead.exitCode();
        }
        String what = cause instanceof RemoteTaskException remote
            ? "RemoteTaskException standing in for " + remote.remoteClassName()
            : cause.toString();
        return "ExecutionException, cause " + what + "; its stack trace ends in " + bottomFrame(cause);
    }

    /** A throwable's class and the first sentence of its message: core's refusals go on to explain the fix. */
    private static String firstSentence(Throwable t) {
        String message = String.valueOf(t.getMessage());
        int end = message.indexOf(". ");
        return t.getClass().getSimpleName() + ": " + (end < 0 ? message : message.substring(0, end + 1));
    }

    /** The outermost frame of a throwable's stack trace, {@code Class.method}: where its thread started. */
    static String bottomFrame(Throwable t) {
        StackTraceElement[] frames = t.getStackTrace();
        if (frames.length == 0) {
            return "(no stack trace)";
        }
        StackTraceElement bottom = frames[frames.length - 1];
        return bottom.getClassName() + "." + bottom.getMethodName();
    }
}
