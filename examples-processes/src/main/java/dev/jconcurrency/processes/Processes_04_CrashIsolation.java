package dev.jconcurrency.processes;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.cli.LessonLauncher;

import dev.jconcurrency.core.process.ChildJvm;
import dev.jconcurrency.core.process.ChildJvmException;
import dev.jconcurrency.core.process.ProcessPool;
import dev.jconcurrency.core.process.SerializableCallable;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.report.Table;
import dev.jconcurrency.core.workload.Workloads;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * What happens to the rest of the program when one task calls {@code System.exit}, runs out of memory or is killed?
 * In a thread, each of these takes the whole JVM with it (or leaves it short of memory); in a worker JVM it takes
 * only that worker. The parent and the other tasks carry on, and the failed task's future says which worker died,
 * with its exit code and the last lines it wrote to stderr.
 *
 * <p>This is what processes are for in Java. {@link Processes_03_ThreadsVsProcesses} showed they do not make CPU
 * work faster than threads; here is what threads cannot do at all.
 */
public final class Processes_04_CrashIsolation {

    static final String QUESTION = "What happens to the rest of the program when one task calls System.exit, runs"
        + " out of memory or is killed?";

    /**
     * The workers' flags: a small heap, so that the greedy task fills it in milliseconds, and the flag that
     * production JVMs often run with, which ends the JVM at its first {@link OutOfMemoryError} instead of letting
     * it limp on.
     */
    static final List<String> WORKER_FLAGS = Stream.concat(ChildJvm.FAST_START_FLAGS.stream(),
        Stream.of("-Xmx32m", "-XX:+ExitOnOutOfMemoryError")).toList();

    private Processes_04_CrashIsolation() {
    }

    /*
     * Suppose a program hands tasks to a pool, and three of them go wrong in the three ways a JVM cannot recover
     * from:
     *
     *   exit    a library that calls System.exit(3) when it is unhappy (some command-line tools turned into
     *           libraries do);
     *   greedy  a task that allocates until the heap is full;
     *   victim  a task that hangs, and that an operator (or a watchdog) kills from outside with SIGKILL.
     *
     * On a thread pool, the first ends the whole program, at once, without running anyone's finally blocks. The
     * second throws OutOfMemoryError in whichever thread happens to allocate next, often not the greedy one, and a
     * JVM run with -XX:+ExitOnOutOfMemoryError (as many services are) ends. The third cannot even be written: a
     * thread cannot be killed from outside, only asked to stop (Thread.interrupt), which a hung task ignores.
     *
     * On a process pool, each task runs in a worker JVM. We give the workers a 32 MiB heap and
     * -XX:+ExitOnOutOfMemoryError, and put the bad tasks among good ones: the seed's sum of squares.
     */

    /** The good task: the seed's sum of squares. */
    static final class Good implements SerializableCallable<BigInteger> {
        private static final long serialVersionUID = 1L;

        @Override
        public BigInteger call() {
            return Workloads.sumOfSquares(1_000_000);
        }
    }

    /** Says why on stderr, as real programs do, then ends its JVM with exit code 3. */
    static final class Exit implements SerializableCallable<BigInteger> {
        private static final long serialVersionUID = 1L;

        @Override
        public BigInteger call() {
            System.err.println("exit task: configuration missing, calling System.exit(3)");
            System.exit(3);
            throw new AssertionError("System.exit returned"); // for the compiler: exit does not return
        }
    }

    /** Allocates 1 MiB blocks, keeping every one, until the heap is full. */
    static final class Greedy implements SerializableCallable<BigInteger> {
        private static final long serialVersionUID = 1L;

        @Override
        public BigInteger call() {
            System.err.println("greedy task: allocating 1 MiB blocks and keeping them");
            List<long[]> hoard = new ArrayList<>();
            while (true) {
                hoard.add(new long[128 * 1024]);
            }
        }
    }

    /** Announces its pid in a file (a latch cannot cross a process boundary; a file can), then hangs. */
    static final class Victim implements SerializableCallable<BigInteger> {
        private static final long serialVersionUID = 1L;
        private final String pidFile; // a String: Path is not Serializable

        Victim(String pidFile) {
            this.pidFile = pidFile;
        }

        @Override
        public BigInteger call() throws Exception {
            System.err.println("victim task: hanging until someone kills this JVM");
            Path target = Path.of(pidFile);
            Path tmp = Files.createTempFile(target.getParent(), "pid", ".tmp");
            Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE); // a reader never sees half a pid
            Thread.sleep(Duration.ofMinutes(10)); // the simulated hang; only the kill ends it
            return BigInteger.ZERO;
        }
    }

    /**
     * How one task ended, as the parent saw it.
     *
     * @param task the task's name
     * @param value its result, or null if it failed
     * @param failure the simple name of the failure's class ({@code ChildJvmException}...), or null
     * @param exitCode the worker's exit code when the worker died, else -1
     * @param stderrTail the last lines the worker wrote to stderr when it died, else empty
     * @param pid the dead worker's pid, else -1
     */
    public record Outcome(String task, BigInteger value, String failure, int exitCode, String stderrTail, long pid) {

        /** Whether the task returned a value. */
        public boolean succeeded() {
            return failure == null;
        }
    }

    /**
     * What happened.
     *
     * @param outcomes one per task, in submission order
     * @param afterwards the result of a good task submitted after all the failures
     * @param workers the pool's configured size
     * @param workersStarted worker JVMs started in all, replacements included
     * @param workersAtEnd worker JVMs alive at the end: the pool back at full strength
     * @param parentPid this JVM's pid: it is still running, or we would not be reading this
     */
    public record Result(List<Outcome> outcomes, BigInteger afterwards, int workers, long workersStarted,
                         int workersAtEnd, long parentPid) {

        /** The outcome of the task with this name. */
        public Outcome outcome(String task) {
            return outcomes.stream().filter(o -> o.task().equals(task)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no task named " + task));
        }
    }

    /**
     * Runs three good tasks and the three bad ones on a pool of {@code workers}, kills the victim's worker from
     * outside, and collects every outcome.
     *
     * @param workers worker JVMs, 1 or more
     * @param scratch a directory for the victim's pid file
     * @return every task's outcome, and a good task's result after all of them
     * @throws Exception if the victim never announces itself (within a minute), or we are interrupted
     * @throws IllegalArgumentException if {@code workers} is not positive
     */
    public static Result run(int workers, Path scratch) throws Exception {
        Objects.requireNonNull(scratch, "scratch");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be positive: " + workers);
        }
        Path pidFile = scratch.resolve("victim.pid");
        Files.deleteIfExists(pidFile);
        Map<String, Future<BigInteger>> futures = new LinkedHashMap<>();
        BigInteger afterwards;
        long started;
        try (ProcessPool pool = ProcessPool.builder().workers(workers).jvmFlags(WORKER_FLAGS.toArray(String[]::new))
                 .prestart(true).build()) {
            futures.put("victim", pool.submit(new Victim(pidFile.toString())));
            futures.put("good 1", pool.submit(new Good()));
            futures.put("exit", pool.submit(new Exit()));
            futures.put("good 2", pool.submit(new Good()));
            futures.put("greedy", pool.submit(new Greedy()));
            futures.put("good 3", pool.submit(new Good()));

            /*
             * The kill from outside: what `kill -9 PID` does from a shell. ProcessHandle can signal any process
             * we may signal, not only our children.
             */
            long victimPid;
            try {
                victimPid = awaitPid(pidFile, Duration.ofMinutes(1));
            } catch (TimeoutException | InterruptedException e) {
                pool.shutdownNow(); // close() would otherwise wait for the hanging victim
                throw e;
            }
            ProcessHandle.of(victimPid).ifPresent(ProcessHandle::destroyForcibly);

            List<Outcome> outcomes = new ArrayList<>();
            for (Map.Entry<String, Future<BigInteger>> entry : futures.entrySet()) {
                outcomes.add(outcome(entry.getKey(), entry.getValue()));
            }
            afterwards = pool.submit(new Good()).get();
            awaitFullStrength(pool, workers, Duration.ofMinutes(1));
            started = pool.workersStarted();
            return new Result(List.copyOf(outcomes), afterwards, workers, started, pool.workerPids().size(),
                ProcessHandle.current().pid());
        } finally {
            Files.deleteIfExists(pidFile);
        }
    }

    /*
     * Each future tells its own story. A worker that died while running a task fails exactly that task's future,
     * with a ChildJvmException carrying the worker's pid, exit code and stderr tail; tasks it had received but not
     * started go to another worker, and the pool starts a replacement. Nothing else is disturbed.
     */

    private static Outcome outcome(String task, Future<BigInteger> future) throws InterruptedException {
        try {
            return new Outcome(task, future.get(), null, -1, "", -1);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ChildJvmException died) {
                return new Outcome(task, null, cause.getClass().getSimpleName(), died.exitCode(), died.stderrTail(),
                    died.pid());
            }
            return new Outcome(task, null, cause.getClass().getSimpleName(), -1, String.valueOf(cause.getMessage()),
                -1);
        }
    }

    /** Waits for the victim's pid file, polling every 10 ms: the parent's side of the file-as-signal. */
    private static long awaitPid(Path file, Duration patience) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("the victim task did not announce its pid within " + patience);
            }
            Thread.sleep(10);
        }
        try {
            return Long.parseLong(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits, polling every 10 ms, until the pool has replaced its dead workers. */
    private static void awaitFullStrength(ProcessPool pool, int workers, Duration patience)
        throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (pool.workerPids().size() < workers) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("the pool did not get back to " + workers + " workers within " + patience
                    + ": " + pool);
            }
            Thread.sleep(10);
        }
    }

    /*
     * It turns out:
     *
     * - exit: ChildJvmException, exit code 3, and the task's own last words in the stderr tail. On a thread
     *   pool, System.exit(3) would have ended this program; here one worker ended, and was replaced.
     * - greedy: exit code 3 as well, which is what -XX:+ExitOnOutOfMemoryError exits with; the stderr tail tells
     *   the two apart ("Terminating due to java.lang.OutOfMemoryError: Java heap space"). Its 32 MiB heap was its
     *   own: the parent's heap never noticed. Without that flag the pool reports the OutOfMemoryError itself as
     *   the task's failure, then retires the worker, whose heap may be in a bad state.
     * - victim: exit code 137, which is 128 + 9, SIGKILL. A hung thread can only be asked to stop; a hung process
     *   can be killed, and the pool's taskTimeout and cancel(true) do exactly that.
     * - The three good tasks, and one submitted after all of this, return the exact sum. The pool started a
     *   replacement for each dead worker, so it ends the run at full strength.
     *
     * This is the case for processes in Java: isolation of memory, of crashes, and of control.
     */

    static void show(Result result, Report report) {
        report.banner("CRASH ISOLATION: THREE BAD TASKS AMONG GOOD ONES, " + result.workers() + " WORKER JVMS");
        Table table = Table.of("task", "outcome", "exit code", "worker pid", "last line on its stderr");
        for (Outcome o : result.outcomes()) {
            String[] tail = o.stderrTail().split("\\R");
            table.row(o.task(), o.succeeded() ? String.valueOf(o.value()) : o.failure(),
                o.exitCode() < 0 ? "-" : o.exitCode(), o.pid() < 0 ? "-" : o.pid(),
                o.succeeded() ? "" : tail[tail.length - 1]);
        }
        table.toText().lines().forEach(report::line);
        report.line("A good task submitted after all of this: " + result.afterwards());
        report.line("Worker JVMs started: " + result.workersStarted() + " (" + result.workers()
            + " at first, then a replacement for each one that died). The parent, pid " + result.parentPid()
            + ", never noticed.");
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        return LessonLauncher.noOptions(Processes_04_CrashIsolation.class, QUESTION).run(args, out, err, arguments -> {
            Path scratch = Files.createTempDirectory("crash-isolation");
            try {
                show(run(2, scratch), Report.to(out));
            } finally {
                Files.deleteIfExists(scratch);
            }
        });
    }

    /*
     * How to run (from the repository's root):
     *
     *   mvn -q -pl examples-processes -am test-compile -Drun=examples-processes -Dargs="--lesson 4"
     *
     * Look for: every good task's exact sum among three dead workers, and each death's exit code and last words.
     * The workers' stderr also appears on the console, each line prefixed with the worker's pid.
     *
     * Typical output (2-core Intel Xeon VM shared with other builds, Linux 6.18, Temurin 25.0.3, run profile,
     * 2026-11-25, load average 2.5):
     *
     *   [worker 16501] victim task: hanging until someone kills this JVM
     *   [worker 16504] exit task: configuration missing, calling System.exit(3)
     *   [worker 16537] greedy task: allocating 1 MiB blocks and keeping them
     *   [worker 16537] Terminating due to java.lang.OutOfMemoryError: Java heap space
     *   === CRASH ISOLATION: THREE BAD TASKS AMONG GOOD ONES, 2 WORKER JVMS ===
     *   task    outcome             exit code  worker pid  last line on its stderr
     *   ------  ------------------  ---------  ----------  --------------------------------------------------------------
     *   victim  ChildJvmException   137        16501       victim task: hanging until someone kills this JVM
     *   good 1  333332833333500000  -          -
     *   exit    ChildJvmException   3          16504       exit task: configuration missing, calling System.exit(3)
     *   good 2  333332833333500000  -          -
     *   greedy  ChildJvmException   3          16537       Terminating due to java.lang.OutOfMemoryError: Java heap space
     *   good 3  333332833333500000  -          -
     *   A good task submitted after all of this: 333332833333500000
     *   Worker JVMs started: 5 (2 at first, then a replacement for each one that died). The parent, pid 16484, never noticed.
     *
     * (The first four lines are the workers' stderr, on this JVM's stderr.)
     */

    /**
     * Runs the three bad tasks among good ones and prints every outcome.
     *
     * @param args none ({@code --help} prints the question)
     * @throws Exception if the lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
