package dev.jconcurrency.core.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a main class in a new JVM on this JVM's class path, with a time bound, and returns its exit code and
 * both outputs: the Java counterpart of Python's {@code multiprocessing.Process} (or {@code subprocess.run} of
 * {@code python -c}).
 *
 * <h2>Purpose</h2>
 * A child JVM has its own heap, its own threads and its own crash: whatever it does, the parent survives. The
 * price is start-up: on JDK 25 a child that sums 10<sup>6</sup> squares, prints and exits takes about 25-35 ms
 * on an idle 2-core machine with the {@link #FAST_START_FLAGS}, against microseconds for a thread. This class
 * gets the plumbing right so a lesson does not have to:
 * <ul>
 *   <li>the child runs on the same JDK as the parent ({@code ProcessHandle.current().info().command()}, falling
 *       back to {@code java.home/bin/java}) and the same class path, so any class of the parent can be its main;
 *   <li>stdout and stderr are read from the moment the child starts, each on its own platform thread, never on
 *       the common {@code ForkJoinPool}: on 2 CPUs that pool has one worker, and two blocking drainers there
 *       deadlock. A child writing megabytes to both streams therefore never blocks on a full pipe (64 KiB);
 *   <li>standard input receives {@link #withStdin(String) the given text} and is then closed, so a child that
 *       reads it never waits for ever;
 *   <li>past the {@link #withTimeout(Duration) time bound} the child is destroyed ({@code SIGTERM}: a JVM runs its
 *       shutdown hooks), given a 2 s grace, then destroyed forcibly ({@code SIGKILL}); in every case it is
 *       reaped before its result is delivered, so no zombie is left behind.
 * </ul>
 *
 * <h2>How to use</h2>
 * <pre>{@code
 * ChildJvm.Result result = ChildJvm.of(SumOfSquaresMain.class)
 *     .withArgs("1000000")
 *     .withTimeout(Duration.ofSeconds(10))
 *     .run();                                  // throws ChildJvmException on a non-zero exit code
 * System.out.println(result.stdout().strip() + " in " + result.duration().toMillis() + " ms");
 *
 * ChildJvm.Running a = ChildJvm.of(Worker.class).start();   // several at once: start them all, then get()
 * ChildJvm.Running b = ChildJvm.of(Worker.class).start();
 * ChildJvm.Result ra = a.get(), rb = b.get();
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Both outputs are kept in memory in full: a child that writes gigabytes needs a file, not this class.
 *   <li>Output is decoded as UTF-8; the child is started with {@code -Dstdout.encoding=UTF-8} and
 *       {@code -Dstderr.encoding=UTF-8} so that its {@code System.out} writes exactly that.
 *   <li>The {@link #withJvmFlags(String...) JVM flags} replace the fast-start defaults; give them again if you
 *       only want to add one. The fast-start flags trade peak speed for start-up (C1 only, serial GC): a child
 *       that computes for seconds may run faster with {@code withJvmFlags()} (no flags).
 *   <li>A grandchild that inherits the child's output streams can keep them open after the child exits; the
 *       result then waits for them at most 2 s.
 * </ul>
 *
 * <p>Instances are immutable and safe to share; every {@code with...} method returns a new instance.
 *
 * <p>Memory consistency effects: the child's outputs are read by drainer threads; everything they read
 * <i>happens-before</i> the return of {@link Running#get()} (and of {@link #run()}) that delivers the result.
 *
 * @see ProcessPool for many small tasks on long-lived child JVMs
 */
public final class ChildJvm {

    /**
     * JVM flags for a child that should start fast and lives for milliseconds to seconds:
     * <ul>
     *   <li>{@code -XX:TieredStopAtLevel=1}: C1 only, with one compiler thread ({@code -XX:CICompilerCount=1});
     *   <li>{@code -XX:Tier3InvocationThreshold=2000}, {@code -XX:Tier3MinInvocationThreshold=1000},
     *       {@code -XX:Tier3CompileThreshold=20000}: a method is compiled after 2,000 calls rather than 200. A
     *       short-lived JVM calls most of its start-up code a few hundred times, and compiling it costs more
     *       than interpreting it;
     *   <li>{@code -XX:Tier3BackEdgeThreshold=6000}: a loop, the other way round, is compiled (on-stack
     *       replacement) after 6,000 iterations rather than 60,000. A child that computes spends its time in a
     *       loop or two, and the interpreter's 60,000 turns of the seed's sum of squares alone took about 1.5 ms;
     *   <li>{@code -XX:+UseSerialGC}: no GC threads to start; {@code -Xshare:auto}: class-data sharing;
     *       {@code -XX:-UsePerfData}: no performance-counter file to create and delete (the child is then not
     *       listed by {@code jps}; {@code jcmd PID} still works);
     *   <li>{@code -Djdk.reflect.useNativeAccessorOnly=true}: native reflection. Since JDK 18 a reflective call goes
     *       through method handles, whose first use spins classes at run time, about 15 ms of CPU in a cold JVM
     *       (JDK 25) for a call that the native accessor makes at once, if more slowly when it is repeated a
     *       million times.
     * </ul>
     * Together the compiler and counter flags saved about 5 ms of the seed's multiprocessing section, three
     * workers on 2 cores (76.7 against 81.6 ms, mean of 16 alternating runs, JDK 25); the loop threshold then
     * took another 0.7 ms of CPU off each of its workers (median of 20 runs each, {@code perf stat}).
     */
    public static final List<String> FAST_START_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
        "-XX:Tier3InvocationThreshold=2000", "-XX:Tier3MinInvocationThreshold=1000",
        "-XX:Tier3CompileThreshold=20000", "-XX:Tier3BackEdgeThreshold=6000", "-XX:+UseSerialGC", "-Xshare:auto",
        "-XX:-UsePerfData", "-Djdk.reflect.useNativeAccessorOnly=true");

    /** The time bound of a child unless {@link #withTimeout(Duration)} says otherwise: one minute. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);

    /** Flags every child gets, before the chosen ones, so that we decode exactly what it printed. */
    private static final List<String> FIXED_FLAGS = List.of("-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8");

    private final String mainClass;
    private final List<String> jvmFlags;
    private final List<String> args;
    private final byte[] stdin;
    private final Duration timeout;
    private final ThreadFactory threadFactory;

    private ChildJvm(String mainClass, List<String> jvmFlags, List<String> args, byte[] stdin, Duration timeout,
                     ThreadFactory threadFactory) {
        this.mainClass = mainClass;
        this.jvmFlags = jvmFlags;
        this.args = args;
        this.stdin = stdin;
        this.timeout = timeout;
        this.threadFactory = threadFactory;
    }

    /**
     * A child JVM that will run {@code mainClass}'s {@code main} method; the class must be on this JVM's class
     * path (it usually is: any class of your application or its tests).
     *
     * @param mainClass the class whose {@code main} the child runs
     * @return a launcher with the fast-start flags, no arguments, no input and the default timeout
     */
    public static ChildJvm of(Class<?> mainClass) {
        Objects.requireNonNull(mainClass, "mainClass");
        return of(mainClass.getName());
    }

    /**
     * A child JVM that will run the named class's {@code main} method.
     *
     * @param mainClassName binary name of a class on this JVM's class path, e.g. {@code "com.example.Main"}
     * @return a launcher with the fast-start flags, no arguments, no input and the default timeout
     * @throws IllegalArgumentException if the name is blank
     */
    public static ChildJvm of(String mainClassName) {
        Objects.requireNonNull(mainClassName, "mainClassName");
        if (mainClassName.isBlank()) {
            throw new IllegalArgumentException("mainClassName must not be blank: '" + mainClassName + "'");
        }
        return new ChildJvm(mainClassName, FAST_START_FLAGS, List.of(), null, DEFAULT_TIMEOUT, null);
    }

    /**
     * The program arguments, passed to the child's {@code main} unchanged (no shell is involved).
     *
     * @param args the arguments; none to clear them
     * @return a copy of this launcher with these arguments
     */
    public ChildJvm withArgs(String... args) {
        return new ChildJvm(mainClass, jvmFlags, copyOf(args, "args"), stdin, timeout, threadFactory);
    }

    /**
     * The JVM flags, replacing the {@link #FAST_START_FLAGS}; e.g. {@code withJvmFlags("-Xmx64m")}.
     *
     * @param flags the flags; none for the JVM's own defaults
     * @return a copy of this launcher with these flags
     */
    public ChildJvm withJvmFlags(String... flags) {
        return new ChildJvm(mainClass, copyOf(flags, "flags"), args, stdin, timeout, threadFactory);
    }

    /**
     * Text written to the child's standard input (UTF-8), which is then closed. Without it, standard input is
     * closed at once, so a child that reads it sees end-of-file instead of waiting.
     *
     * @param input the text
     * @return a copy of this launcher with this input
     */
    public ChildJvm withStdin(String input) {
        Objects.requireNonNull(input, "input");
        return new ChildJvm(mainClass, jvmFlags, args, input.getBytes(StandardCharsets.UTF_8), timeout,
            threadFactory);
    }

    /**
     * The time bound, from start to exit. Past it the child is destroyed, given a 2 s grace, then destroyed
     * forcibly, and the result fails with a {@link TimeoutException}.
     *
     * @param timeout positive
     * @return a copy of this launcher with this bound
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public ChildJvm withTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return new ChildJvm(mainClass, jvmFlags, args, stdin, timeout, threadFactory);
    }

    /**
     * The factory of the threads that drain the child's outputs, feed its input and watch its time bound (three
     * or four per child, all ending when the child has ended). By default: daemon platform threads named
     * {@code child-jvm-PID-ROLE}. Give platform threads: the drainers block in native reads.
     *
     * @param threadFactory the factory
     * @return a copy of this launcher using it
     */
    public ChildJvm withThreadFactory(ThreadFactory threadFactory) {
        Objects.requireNonNull(threadFactory, "threadFactory");
        return new ChildJvm(mainClass, jvmFlags, args, stdin, timeout, threadFactory);
    }

    /**
     * The command line the child is started with: {@code java}, flags, {@code -cp}, main class, arguments.
     *
     * @return the command, one element per argument
     */
    public List<String> command() {
        return Processes.command(FIXED_FLAGS, jvmFlags, mainClass, args);
    }

    /**
     * Starts the child and returns at once. Its outputs are drained and its time bound watched from now on;
     * {@link Running#get()} waits for the result.
     *
     * @return the running child
     * @throws IOException if the JVM could not be started (the {@code java} executable is missing, no more
     *     processes allowed...)
     */
    public Running start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command());
        long startNanos = System.nanoTime();
        Process process = builder.start();
        try {
            return new Running(process, startNanos);
        } catch (RuntimeException | Error e) {
            Processes.kill(process);
            Processes.waitUninterruptibly(process);
            throw e;
        }
    }

    /**
     * Starts the child and waits for it to end.
     *
     * @return the result of a child that exited with code 0
     * @throws IOException if the JVM could not be started
     * @throws InterruptedException if this thread was interrupted while waiting; the child is then destroyed and
     *     reaped before this is thrown
     * @throws TimeoutException if the child ran past its time bound; it was destroyed and reaped
     * @throws ChildJvmException if the child exited with a non-zero exit code; {@link ChildJvmException#result()}
     *     holds its outputs
     */
    public Result run() throws IOException, InterruptedException, TimeoutException, ChildJvmException {
        Running running = start();
        try {
            return running.get();
        } catch (InterruptedException e) {
            running.cancel(true);
            running.awaitEnd();
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException timeoutException) {
                throw timeoutException;
            }
            if (cause instanceof ChildJvmException childJvmException) {
                throw childJvmException;
            }
            if (cause instanceof IOException ioException) {
                throw ioException;
            }
            if (cause instanceof RuntimeException runtimeException) {
                throw runtimeException;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("child JVM failed", cause);
        }
    }

    @Override
    public String toString() {
        return "ChildJvm[" + mainClass + " " + String.join(" ", args) + ", flags " + jvmFlags + ", timeout "
            + timeout + "]";
    }

    private static List<String> copyOf(String[] values, String name) {
        Objects.requireNonNull(values, name);
        List<String> copy = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            copy.add(Objects.requireNonNull(values[i], name + "[" + i + "]"));
        }
        return List.copyOf(copy);
    }

    static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2; // centuries: far enough, and deadline arithmetic cannot overflow
        }
    }

    /**
     * What a child JVM left behind when it exited.
     *
     * @param exitCode its exit code: 0 for success, 128 + n when killed by signal n (Linux, macOS)
     * @param stdout everything it wrote to standard output, decoded as UTF-8
     * @param stderr everything it wrote to standard error, decoded as UTF-8
     * @param pid its operating-system process id
     * @param duration from just before it was started to the moment its exit was observed
     */
    public record Result(int exitCode, String stdout, String stderr, long pid, Duration duration) {

        /**
         * Checks the fields.
         *
         * @throws NullPointerException if an output or the duration is null
         */
        public Result {
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
            Objects.requireNonNull(duration, "duration");
        }

        /**
         * The last lines (at most 20) of {@link #stderr()}: what an error message should quote.
         *
         * @return the tail, or an empty string
         */
        public String stderrTail() {
            return Processes.tail(stderr, Processes.TAIL_LINES);
        }
    }

    /**
     * A started child JVM: its pid now, its {@link Result} when it has ended.
     *
     * <h2>How the future completes</h2>
     * <ul>
     *   <li>exit code 0: normally, with the {@link Result};
     *   <li>any other exit code: exceptionally with a {@link ChildJvmException} naming the exit code and quoting
     *       the last lines of stderr;
     *   <li>past the time bound: exceptionally with a {@link TimeoutException}, once the child has been
     *       destroyed and reaped;
     *   <li>{@link #cancel(boolean) cancel(true)} destroys the child (then forcibly, after the grace);
     *       {@code cancel(false)} lets it run to its end or its time bound, unobserved. Either way it is reaped.
     * </ul>
     * In every case but cancellation the child is dead and reaped, and both outputs read, when the future
     * completes.
     */
    public final class Running implements Future<Result> {

        private final Process process;
        private final long startNanos;
        private final CompletableFuture<Result> outcome = new CompletableFuture<>();
        private final Processes.Drainer stdoutDrainer;
        private final Processes.Drainer stderrDrainer;
        private final Thread watchdog;
        private volatile boolean killRequested;

        private Running(Process process, long startNanos) {
            this.process = process;
            this.startNanos = startNanos;
            long pid = process.pid();
            stdoutDrainer = Processes.Drainer.keepingAll(process.getInputStream());
            stderrDrainer = Processes.Drainer.keepingAll(process.getErrorStream());
            List<Thread> threads = new ArrayList<>();
            threads.add(newThread(stdoutDrainer, pid, "stdout"));
            threads.add(newThread(stderrDrainer, pid, "stderr"));
            if (stdin != null) {
                threads.add(newThread(this::feedStdin, pid, "stdin"));
            } else {
                closeStdin();
            }
            watchdog = newThread(this::watch, pid, "watchdog");
            threads.add(watchdog);
            for (Thread thread : threads) {
                thread.start();
            }
        }

        private Thread newThread(Runnable task, long pid, String role) {
            if (threadFactory == null) {
                return Thread.ofPlatform().daemon(true).name("child-jvm-" + pid + "-" + role).unstarted(task);
            }
            Thread thread = threadFactory.newThread(task);
            if (thread == null) {
                throw new IllegalStateException("threadFactory returned null for the " + role + " thread");
            }
            return thread;
        }

        private void closeStdin() {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // the child has already exited: nothing left to tell it
            }
        }

        private void feedStdin() {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // the child exited (or closed its input) before reading it all: its exit code tells the story
            }
        }

        private void watch() {
            long deadline = startNanos + saturatedNanos(timeout);
            boolean timedOut = false;
            boolean killing = false;
            long forceAt = Long.MAX_VALUE;
            while (true) {
                long now = System.nanoTime();
                if (!killing && (killRequested || now - deadline >= 0)) {
                    killing = true;
                    timedOut = !killRequested;
                    Processes.terminate(process);
                    forceAt = now + Processes.GRACE.toNanos();
                } else if (killing && forceAt != Long.MAX_VALUE && now - forceAt >= 0) {
                    Processes.kill(process);
                    forceAt = Long.MAX_VALUE;
                }
                long wait = killing ? (forceAt == Long.MAX_VALUE ? Long.MAX_VALUE : forceAt - now) : deadline - now;
                try {
                    if (process.waitFor(Math.max(1, wait), TimeUnit.NANOSECONDS)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    // cancel(true) wakes us this way: the loop re-reads killRequested
                }
            }
            Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
            Thread.interrupted(); // our own thread: a late cancel(true) interrupt has done its job
            stdoutDrainer.awaitEnd(Processes.GRACE);
            stderrDrainer.awaitEnd(Processes.GRACE);
            int exitCode = process.exitValue();
            Result result = new Result(exitCode, stdoutDrainer.text(), stderrDrainer.text(), process.pid(), duration);
            String who = "child JVM pid " + result.pid() + " (" + mainClass + ")";
            if (timedOut) {
                outcome.completeExceptionally(new TimeoutException(who + " did not exit within " + timeout
                    + ": destroyed, then reaped with " + Processes.describeExit(exitCode)
                    + Processes.quoteTail(result.stderrTail())));
            } else if (exitCode != 0) {
                outcome.completeExceptionally(new ChildJvmException(who + " exited with "
                    + Processes.describeExit(exitCode) + " after " + duration.toMillis() + " ms"
                    + Processes.quoteTail(result.stderrTail()), result.pid(), exitCode, result.stderrTail(), result));
            } else {
                outcome.complete(result);
            }
        }

        /** Waits (uninterruptibly, at most the grace plus a second) for the watchdog to have reaped the child. */
        void awaitEnd() {
            boolean interrupted = false;
            long deadline = System.nanoTime() + Processes.GRACE.toNanos() + TimeUnit.SECONDS.toNanos(1);
            try {
                while (watchdog.isAlive()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    try {
                        watchdog.join(Duration.ofNanos(left));
                    } catch (InterruptedException e) {
                        interrupted = true; // finish reaping first; the caller is told below
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt(); // restore it: the caller's interrupt policy decides
                }
            }
        }

        /**
         * The child's operating-system process id.
         *
         * @return the pid
         */
        public long pid() {
            return process.pid();
        }

        /**
         * Cancels the wait for this child; with {@code mayInterruptIfRunning} the child is also destroyed
         * ({@code SIGTERM}, then {@code SIGKILL} after 2 s). It is reaped in any case.
         */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            // Not outcome.cancel: it answers true again for an already cancelled future, which Future forbids.
            boolean cancelled = outcome.completeExceptionally(
                new CancellationException("the wait for child JVM pid " + pid() + " was cancelled"));
            if (cancelled && mayInterruptIfRunning) {
                killRequested = true;
                watchdog.interrupt(); // our own watchdog thread: it re-reads killRequested at once
            }
            return cancelled;
        }

        @Override
        public boolean isCancelled() {
            return outcome.isCancelled();
        }

        @Override
        public boolean isDone() {
            return outcome.isDone();
        }

        @Override
        public State state() {
            return outcome.state();
        }

        /**
         * Waits for the child to end.
         *
         * @throws ExecutionException with a {@link ChildJvmException} cause for a non-zero exit code, a
         *     {@link TimeoutException} cause when the time bound was reached
         */
        @Override
        public Result get() throws InterruptedException, ExecutionException {
            return outcome.get();
        }

        @Override
        public Result get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
            Objects.requireNonNull(unit, "unit");
            return outcome.get(timeout, unit);
        }

        @Override
        public String toString() {
            return "ChildJvm.Running[pid " + pid() + ", " + mainClass + ", " + outcome.state() + "]";
        }
    }
}
