package dev.jconcurrency.core.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link ExecutorService} whose workers are long-lived child JVMs: the Java answer to Python's
 * {@code concurrent.futures.ProcessPoolExecutor} and {@code multiprocessing.Pool}.
 *
 * <h2>When a process pool is the right tool in Java</h2>
 * In Python a process pool is how CPU-bound code uses several cores, because the GIL lets one thread run Python
 * code at a time. Java has no GIL: a thread pool of {@code availableProcessors()} threads already runs CPU work on
 * every core, with no serialization and no start-up cost. So in Java reach for a process pool only for what a
 * thread cannot give, <b>isolation</b>:
 * <ul>
 *   <li><b>crashes</b>: a task that calls {@code System.exit}, crashes the JVM in native code or leaves it
 *       broken (an {@code OutOfMemoryError}, a corrupted static) takes down its worker, not your program; the
 *       pool fails that task's future, naming the worker's pid, exit code and last stderr lines, and starts a
 *       replacement;
 *   <li><b>memory</b>: each worker has its own heap ({@code -Xmx} per worker via {@link Builder#jvmFlags}); a leak
 *       or a huge allocation is reclaimed when the worker is replaced ({@link Builder#maxTasksPerWorker});
 *   <li><b>native code</b> that is not thread-safe, or that you do not trust, runs one task per process;
 *   <li><b>class loading and static state</b>: each worker has fresh statics and its own class loaders, so code
 *       that keeps global state (or an old library that does) cannot interfere between tasks run in parallel;
 *   <li><b>killing a task</b>: a Java thread can only be asked to stop; a process can be killed.
 *       {@code cancel(true)} and the {@link Builder#taskTimeout task timeout} do that.
 * </ul>
 *
 * <h2>What it costs</h2>
 * Measured on an idle 2-core machine with JDK 25 ({@code ProcessPoolBenchmark} in the tests): starting a pool of 2
 * workers and getting a first result takes 60-80 ms (a thread: microseconds), most of it the worker JVMs' own start;
 * each small task then costs about 10 µs, for encoding it and its result and the trip through two pipes (a thread
 * pool: well under a microsecond); {@code map} with a chunk size of 100 brings that to about 0.4 µs per element. The
 * first child process a JVM starts, by any means, costs some 20 ms more than the next ones: the JDK loads its process
 * support then (the thread pool that watches for exits, the logger that {@code ProcessBuilder.start} consults).
 * {@code ProcessHandle.current()} loads the first of these, about half the cost, if a program would rather pay it at
 * start-up than on the path of its first pool. Everything a task captures, and its result, is copied, and must be
 * {@link Serializable}. Plain values ({@code Integer}, {@code Long}, {@code String}, {@code BigInteger},
 * {@code Duration}, {@code byte[]}, {@code ArrayList}s of them), serializable records of such values and serializable
 * classes without fields (sent by name, made in the worker with their no-argument constructor) travel in a compact
 * encoding; everything else, lambdas included, through Java serialization, whose first use costs a freshly started
 * worker about 30 ms of CPU. Tasks that run for milliseconds or more hardly notice; tiny ones should be batched with
 * {@link #map(SerializableFunction, Collection, int) map} and a chunk size, as in Python. Each worker is a whole JVM:
 * tens of megabytes of memory at least.
 *
 * <h2>Compared with a thread pool</h2>
 * <table class="striped">
 *   <caption>Thread pool and process pool side by side</caption>
 *   <thead><tr><th></th><th>thread pool</th><th>process pool</th></tr></thead>
 *   <tbody>
 *     <tr><td>CPU work on all cores</td><td>yes</td><td>yes</td></tr>
 *     <tr><td>shared memory</td><td>yes (and so data races)</td><td>no: tasks and results are copied</td></tr>
 *     <tr><td>a crashing task</td><td>can take the whole JVM down</td><td>takes down one worker</td></tr>
 *     <tr><td>stopping a running task</td><td>only if it checks for interruption</td><td>kill the worker</td></tr>
 *     <tr><td>start-up</td><td>microseconds</td><td>tens of milliseconds per worker</td></tr>
 *     <tr><td>per small task</td><td>well under a microsecond</td><td>some microseconds</td></tr>
 *   </tbody>
 * </table>
 *
 * <h2>How to get one</h2>
 * <pre>{@code
 * try (ProcessPool pool = ProcessPool.create(2)) {           // close() waits for the tasks, then ends the JVMs
 *     int x = 7;
 *     Future<Integer> square = pool.submit(() -> x * x);     // a serializable lambda, run in a worker JVM
 *     List<Long> pids = pool.map(i -> ProcessHandle.current().pid(), List.of(1, 2, 3, 4), 2);
 * }
 * ProcessPool custom = ProcessPool.builder()
 *     .workers(4).jvmFlags("-Xmx256m").taskTimeout(Duration.ofSeconds(30))
 *     .initializer(() -> NativeLib.load()).maxTasksPerWorker(1_000).prestart(true)
 *     .build();
 * }</pre>
 *
 * <h2>Failures, and how they differ from Python's</h2>
 * <ul>
 *   <li>A task that throws: its future fails with {@link ExecutionException} whose cause is the exception the
 *       task threw, with its stack trace from the worker (or a {@link RemoteTaskException} carrying class name,
 *       message and stack trace when the exception itself cannot be serialized).
 *   <li>A task that cannot be serialized (it captures something that is not {@code Serializable}) is refused at
 *       {@code submit} with an {@link IllegalArgumentException} naming the class and the fix, before anything
 *       runs; a result that cannot be serialized fails that future with a {@link NotSerializableException}
 *       naming the class. The worker survives. (Python: "functions must be defined at module level".)
 *   <li>A worker that dies while running a task (killed, crashed, {@code System.exit}): exactly that task's
 *       future fails, with a {@link ChildJvmException} naming pid, exit code and stderr tail; tasks the worker
 *       had received but not started go to another worker; a replacement is started. The task that was
 *       running is never retried: a task that kills its worker each time fails each time, no respawn loop.
 *       (Python's {@code ProcessPoolExecutor} breaks every pending future and the whole pool;
 *       {@code multiprocessing.Pool} loses the task and {@code get()} hangs for ever.)
 *   <li>A task past the {@link Builder#taskTimeout task timeout}: its worker is destroyed (then forcibly after 2
 *       s) and replaced; the future fails with a {@link TimeoutException}.
 *   <li>An initializer that throws breaks the pool at once: every pending future fails, new tasks are
 *       rejected, with the initializer's exception as the cause. Workers that die before they are ready three
 *       times in a row (a bad JVM flag, say) break it too: respawning is bounded.
 * </ul>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The workers run this JVM's class path ({@code java.class.path}) with this JVM's {@code java}; classes
 *       made at run time or loaded by custom class loaders are not there.
 *   <li>What a task prints to {@code System.out} or {@code System.err} appears on this JVM's standard error:
 *       a worker's standard output is the pool's private channel.
 *   <li>Statics set in the parent are not seen by the workers, and statics set by a task stay in its worker
 *       for the following tasks that happen to run there: use the {@link Builder#initializer initializer} for
 *       per-worker state, as in Python.
 *   <li>{@code cancel(true)}, {@code invokeAny} (which cancels the losers) and {@link #shutdownNow()} kill the
 *       workers of running tasks; each replacement costs a JVM start.
 *   <li>Close the pool (try-with-resources): its workers live until then. A pool that is merely forgotten keeps
 *       its worker JVMs until this JVM exits (they end with it, as their stdin closes).
 * </ul>
 *
 * <p>Memory consistency effects: actions in a thread before submitting a task <i>happen-before</i> the task is
 * encoded (in {@code submit}, on the submitting thread); the task runs on a copy in another JVM; the decoding of
 * its result <i>happens-before</i> the result is returned by {@code Future.get()}.
 *
 * @see ChildJvm for running one main class in one child JVM
 */
public final class ProcessPool implements ExecutorService {

    /**
     * The workers' default JVM flags: the serial garbage collector (no GC threads to start, and a worker's heap is
     * small), class-data sharing if available, and native reflection, with which a worker rebuilds its first
     * record task about 15 ms of CPU sooner (see {@link ChildJvm#FAST_START_FLAGS}; a task that calls one method
     * reflectively millions of times would rather have {@code -Djdk.reflect.useNativeAccessorOnly=false}). Unlike
     * {@link ChildJvm#FAST_START_FLAGS} they keep the C2 compiler: a worker lives long, and on CPU-bound tasks C2's
     * code runs about 2.5 times faster than C1's (Σi² for i &lt; 10<sup>7</sup>: 4-5 ms against 11 ms, JDK 25).
     * Give {@code jvmFlags} with {@code -XX:TieredStopAtLevel=1} for pools that live only for a few small tasks.
     */
    public static final List<String> DEFAULT_JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xshare:auto",
        "-Djdk.reflect.useNativeAccessorOnly=true");

    /**
     * Flags every worker gets before the chosen ones: the JVM's own messages must never reach stdout, which
     * carries the protocol.
     */
    private static final List<String> PROTOCOL_FLAGS =
        List.of("-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr");

    /** Work kept queued in a worker's pipe, so it never waits for us between small tasks. */
    static final long TARGET_IN_FLIGHT_NANOS = 2_000_000;
    static final int MAX_IN_FLIGHT = 128;
    /** Workers in a row that may die before they are ready, before the pool gives up. */
    static final int MAX_CONSECUTIVE_START_FAILURES = 3;

    private static final int RUNNING = 0;
    private static final int SHUTDOWN = 1;
    private static final int STOP = 2;
    private static final int TERMINATED = 3;

    private static final AtomicInteger POOL_NUMBERS = new AtomicInteger();

    private final int size;
    private final byte[] initializer;
    private final int maxTasksPerWorker;
    private final long taskTimeoutNanos;
    private final ThreadFactory threadFactory;
    private final Limits limits;
    private final List<String> workerCommand;
    private final int poolNumber = POOL_NUMBERS.incrementAndGet();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition terminatedCondition = lock.newCondition();
    // Everything below is guarded by lock.
    private final ArrayDeque<PoolTask<?>> queue = new ArrayDeque<>();
    private final List<Worker> workers = new ArrayList<>();
    private int runState = RUNNING;
    private Throwable brokenCause;
    private int consecutiveStartFailures;
    private long workersStarted;
    private long nextTaskId;

    private ProcessPool(Builder builder) {
        this.size = builder.workers;
        this.maxTasksPerWorker = builder.maxTasksPerWorker;
        this.taskTimeoutNanos = builder.taskTimeout == null ? 0 : ChildJvm.saturatedNanos(builder.taskTimeout);
        this.threadFactory = builder.threadFactory;
        this.limits = builder.limits;
        this.initializer = builder.initializer == null
            ? new byte[0]
            : serializeTask(builder.initializer, "initializer");
        this.workerCommand = Processes.command(PROTOCOL_FLAGS, builder.jvmFlags, WorkerMain.class.getName(),
            List.of(limits.toString()));
    }

    /**
     * A pool of {@code availableProcessors()} workers with the default settings, started lazily.
     *
     * @return the pool
     */
    public static ProcessPool create() {
        return builder().build();
    }

    /**
     * A pool of {@code workers} workers with the default settings, started lazily (one per submitted task, up to
     * {@code workers}).
     *
     * @param workers how many worker JVMs at most, positive
     * @return the pool
     * @throws IllegalArgumentException if {@code workers} is zero or negative
     */
    public static ProcessPool create(int workers) {
        return builder().workers(workers).build();
    }

    /**
     * A builder for a pool with non-default settings.
     *
     * @return a builder with the defaults: {@code availableProcessors()} workers, {@link #DEFAULT_JVM_FLAGS}, no
     *     initializer, no task limit per worker, no task timeout, daemon platform threads, lazy start
     */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------------------------------------- submitting

    /**
     * Submits a task to run in a worker JVM. A lambda written in place targets this overload and so is
     * serializable: {@code pool.submit(() -> x * x)}.
     *
     * @param task the task; it and everything it captures must be serializable
     * @param <T> the result type, which must be serializable too
     * @return its future
     * @throws IllegalArgumentException if the task cannot be serialized (the message names the class at fault)
     * @throws RejectedExecutionException if the pool is shut down or broken
     */
    public <T> Future<T> submit(SerializableCallable<T> task) {
        Objects.requireNonNull(task, "task");
        return enqueue(serializeTask(task, "task"), false, null, false);
    }

    /**
     * Submits a task to run in a worker JVM; it must be serializable at run time, e.g. a lambda cast to
     * {@code (Callable<T> & Serializable)}, or an instance of a {@link Serializable} class.
     *
     * @throws IllegalArgumentException if the task cannot be serialized (the message names the class at fault
     *     and says what to change)
     * @throws RejectedExecutionException if the pool is shut down or broken
     */
    @Override
    public <T> Future<T> submit(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        return enqueue(serializeTask(task, "task"), false, null, false);
    }

    /**
     * Submits a runnable task; its future completes with {@code null}.
     *
     * @param task the task; it and everything it captures must be serializable
     * @return its future
     * @throws IllegalArgumentException if the task cannot be serialized
     * @throws RejectedExecutionException if the pool is shut down or broken
     */
    public Future<?> submit(SerializableRunnable task) {
        Objects.requireNonNull(task, "task");
        return enqueue(serializeTask(new RunnableTask(task), "task"), false, null, false);
    }

    /**
     * Submits a runnable task, which must be serializable at run time; its future completes with {@code null}.
     *
     * @throws IllegalArgumentException if the task cannot be serialized
     * @throws RejectedExecutionException if the pool is shut down or broken
     */
    @Override
    public Future<?> submit(Runnable task) {
        Objects.requireNonNull(task, "task");
        return enqueue(serializeRunnable(task), false, null, false);
    }

    /**
     * Submits a runnable task; its future completes with {@code result}, which stays in this JVM.
     *
     * @param task the task; it and everything it captures must be serializable
     * @param result what the future returns when the task has run
     * @param <T> the result type
     * @return its future
     * @throws IllegalArgumentException if the task cannot be serialized
     * @throws RejectedExecutionException if the pool is shut down or broken
     */
    public <T> Future<T> submit(SerializableRunnable task, T result) {
        Objects.requireNonNull(task, "task");
        return enqueue(serializeTask(new RunnableTask(task), "task"), true, result, false);
    }

    /**
     * Submits a runnable task, which must be serializable at run time; its future completes with {@code result},
     * which stays in this JVM.
     *
     * @throws IllegalArgumentException if the task cannot be serialized
     * @throws RejectedExecutionException if the pool is shut down or broken
     */
    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        Objects.requireNonNull(task, "task");
        return enqueue(serializeRunnable(task), true, result, false);
    }

    /**
     * Runs a task in a worker JVM, with no future: if it fails, the failure goes to the uncaught-exception
     * handler of the pool's reader thread (by default: printed to standard error), as with a thread pool.
     *
     * @param command the task; it and everything it captures must be serializable
     * @throws IllegalArgumentException if the task cannot be serialized
     * @throws RejectedExecutionException if the pool is shut down or broken
     */
    public void execute(SerializableRunnable command) {
        Objects.requireNonNull(command, "command");
        enqueue(serializeTask(new RunnableTask(command), "command"), false, null, true);
    }

    /**
     * Runs a task, which must be serializable at run time, in a worker JVM; see
     * {@link #execute(SerializableRunnable)}.
     *
     * @throws IllegalArgumentException if the task cannot be serialized
     * @throws RejectedExecutionException if the pool is shut down or broken
     */
    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        enqueue(serializeRunnable(command), false, null, true);
    }

    /**
     * Applies {@code fn} to every input in the workers, {@code chunkSize} inputs per task, and returns the
     * results in input order: Python's {@code Pool.map(fn, inputs, chunksize)}. One task per chunk means one
     * round trip per chunk instead of per input, which is what makes tiny functions worth sending to another
     * process at all.
     *
     * <p>If a chunk fails, the chunks not yet started are cancelled (the running ones finish, unobserved) and the
     * {@link ExecutionException} says which inputs the chunk held; its cause is the chunk's failure.
     *
     * @param fn the function; it and what it captures must be serializable
     * @param inputs the inputs, each serializable; may contain nulls if {@code fn} accepts them
     * @param chunkSize inputs per task, positive
     * @param <T> the input type
     * @param <R> the result type, serializable
     * @return the results, one per input, in the order of {@code inputs}
     * @throws InterruptedException if interrupted while waiting; every chunk is then cancelled, the running ones
     *     by killing their workers
     * @throws ExecutionException if a chunk failed
     * @throws IllegalArgumentException if {@code chunkSize} is not positive, or the function or an input cannot
     *     be serialized
     * @throws RejectedExecutionException if the pool is shut down or broken
     */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Collection<? extends T> inputs,
                              int chunkSize) throws InterruptedException, ExecutionException {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(inputs, "inputs");
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunkSize must be positive: " + chunkSize);
        }
        List<byte[]> payloads = new ArrayList<>();
        Iterator<? extends T> it = inputs.iterator();
        while (it.hasNext()) {
            ArrayList<Object> chunk = new ArrayList<>(Math.min(chunkSize, inputs.size()));
            while (it.hasNext() && chunk.size() < chunkSize) {
                chunk.add(it.next());
            }
            payloads.add(serializeTask(new ChunkTask(fn, chunk), "map chunk " + payloads.size()));
        }
        List<PoolTask<Object>> chunks = enqueueAll(payloads, null);
        List<R> results = new ArrayList<>(inputs.size());
        try {
            for (int i = 0; i < chunks.size(); i++) {
                try {
                    @SuppressWarnings("unchecked")
                    List<R> values = (List<R>) chunks.get(i).get();
                    results.addAll(values);
                } catch (ExecutionException e) {
                    cancelAll(chunks, false);
                    long from = (long) i * chunkSize;
                    long to = Math.min(inputs.size(), from + chunkSize) - 1;
                    throw new ExecutionException("map chunk " + i + " (inputs " + from + " to " + to
                        + ") failed: " + e.getCause(), e.getCause());
                }
            }
        } catch (InterruptedException e) {
            cancelAll(chunks, true);
            throw e;
        }
        return results;
    }

    /**
     * Runs every task and waits for all of them. All tasks are serialized before any is queued, so one bad task
     * rejects the whole call.
     *
     * @throws IllegalArgumentException if a task cannot be serialized
     * @throws InterruptedException if interrupted while waiting; all tasks are then cancelled, the running ones
     *     by killing their workers
     */
    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        List<PoolTask<T>> futures = enqueueAll(serializeAll(tasks), null);
        try {
            for (PoolTask<T> future : futures) {
                awaitDone(future);
            }
        } catch (InterruptedException e) {
            cancelAll(futures, true);
            throw e;
        }
        return List.copyOf(futures);
    }

    /**
     * Runs every task and waits for all of them, or until the timeout; the tasks not done then are cancelled,
     * the running ones by killing their workers. A timeout of zero or less does not wait.
     *
     * @throws IllegalArgumentException if a task cannot be serialized
     * @throws InterruptedException if interrupted while waiting; all tasks are then cancelled
     */
    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
        throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        List<PoolTask<T>> futures = enqueueAll(serializeAll(tasks), null);
        long deadline = System.nanoTime() + waitNanos(timeout, unit);
        try {
            for (PoolTask<T> future : futures) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !awaitDone(future, left)) {
                    cancelAll(futures, true);
                    break;
                }
            }
        } catch (InterruptedException e) {
            cancelAll(futures, true);
            throw e;
        }
        return List.copyOf(futures);
    }

    /**
     * Runs the tasks and returns the result of one that succeeded; the others are cancelled, the running ones by
     * killing their workers (a JVM cannot interrupt another JVM's thread).
     *
     * @throws IllegalArgumentException if {@code tasks} is empty or a task cannot be serialized
     * @throws ExecutionException if every task failed; its cause is the last failure
     */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return invokeAny(tasks, false, 0);
        } catch (TimeoutException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * As {@link #invokeAny(Collection)}, waiting at most the timeout (zero or less: do not wait).
     *
     * @throws TimeoutException if no task succeeded in time; all are then cancelled
     */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
        Objects.requireNonNull(unit, "unit");
        return invokeAny(tasks, true, waitNanos(timeout, unit));
    }

    /**
     * The timeout in nanoseconds, negative ones as zero: {@code deadline - now} with a deadline of
     * {@code now + Long.MIN_VALUE} overflows to a huge positive wait, so "do not wait" would wait for ever.
     */
    private static long waitNanos(long timeout, TimeUnit unit) {
        return Math.max(0, unit.toNanos(timeout));
    }

    private <T> T invokeAny(Collection<? extends Callable<T>> tasks, boolean timed, long nanos)
        throws InterruptedException, ExecutionException, TimeoutException {
        List<byte[]> payloads = serializeAll(tasks);
        if (payloads.isEmpty()) {
            throw new IllegalArgumentException("tasks must not be empty");
        }
        BlockingQueue<PoolTask<?>> completions = new LinkedBlockingQueue<>();
        List<PoolTask<T>> futures = enqueueAll(payloads, completions);
        long deadline = System.nanoTime() + nanos;
        ExecutionException last = null;
        try {
            for (int done = 0; done < futures.size(); done++) {
                PoolTask<?> next = timed
                    ? completions.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
                    : completions.take();
                if (next == null) {
                    throw new TimeoutException("no task succeeded within " + Duration.ofNanos(nanos));
                }
                try {
                    @SuppressWarnings("unchecked")
                    T value = (T) next.get();
                    return value;
                } catch (ExecutionException e) {
                    last = e;
                } catch (CancellationException e) {
                    last = new ExecutionException("a task was cancelled", e);
                }
            }
            throw last;
        } finally {
            cancelAll(futures, true);
        }
    }

    // ------------------------------------------------------------------------------------------- lifecycle

    /**
     * Starts an orderly shutdown: no new tasks; queued and running ones complete; then the workers exit. Does not
     * wait: use {@link #awaitTermination} or {@link #close()}.
     */
    @Override
    public void shutdown() {
        List<Worker> toWake;
        lock.lock();
        try {
            if (runState == RUNNING) {
                runState = SHUTDOWN;
            }
            toWake = List.copyOf(workers);
            for (Worker worker : toWake) {
                worker.wake.signal();
            }
            tryTerminate();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops at once: no new tasks; the tasks that never started are cancelled and returned; the running ones are
     * cancelled and their workers killed ({@code SIGTERM}, then {@code SIGKILL} after 2 s). Does not wait for the
     * workers to be gone: use {@link #awaitTermination}.
     *
     * @return the futures of the tasks that never started (as {@code Runnable}s, cancelled)
     */
    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> neverStarted = new ArrayList<>();
        List<PoolTask<?>> running = new ArrayList<>();
        lock.lock();
        try {
            if (runState < STOP) {
                runState = STOP;
            }
            for (PoolTask<?> task : queue) {
                if (!task.isDone()) {
                    task.state = PoolTask.FINISHED;
                    neverStarted.add(task);
                }
            }
            queue.clear();
            for (Worker worker : workers) {
                boolean first = true;
                for (PoolTask<?> task : worker.inFlight) {
                    if (first && worker.ready) {
                        running.add(task);
                    } else if (!task.isDone()) {
                        neverStarted.add(task);
                    }
                    first = false;
                }
                worker.requestKill();
            }
            tryTerminate();
        } finally {
            lock.unlock();
        }
        for (PoolTask<?> task : running) {
            task.cancel(false);
        }
        for (Runnable task : neverStarted) {
            ((PoolTask<?>) task).cancel(false);
        }
        return neverStarted;
    }

    @Override
    public boolean isShutdown() {
        lock.lock();
        try {
            return runState >= SHUTDOWN;
        } finally {
            lock.unlock();
        }
    }

    /** True once the pool is shut down, every task has completed and every worker JVM has exited and been reaped. */
    @Override
    public boolean isTerminated() {
        lock.lock();
        try {
            return runState == TERMINATED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@link #isTerminated()}: all tasks done, all worker JVMs exited and reaped.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (runState != TERMINATED) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = terminatedCondition.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Shuts down, waits for the queued and running tasks, and returns when every worker JVM has exited and been
     * reaped. If interrupted while waiting, it calls {@link #shutdownNow()}, keeps waiting and re-asserts the
     * interrupt. A second call returns at once.
     */
    @Override
    public void close() {
        ExecutorService.super.close();
    }

    /**
     * The pids of the worker JVMs alive now (started, not yet reaped), in start order; at most the configured
     * number of workers.
     *
     * @return the pids
     */
    public List<Long> workerPids() {
        lock.lock();
        try {
            List<Long> pids = new ArrayList<>(workers.size());
            for (Worker worker : workers) {
                if (worker.process != null) {
                    pids.add(worker.pid);
                }
            }
            return pids;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many worker JVMs this pool has started, replacements included: grows when workers die, time out, are
     * cancelled or reach {@link Builder#maxTasksPerWorker}.
     *
     * @return the count
     */
    public long workersStarted() {
        lock.lock();
        try {
            return workersStarted;
        } finally {
            lock.unlock();
        }
    }

    /** How many cancellations of tasks already in a worker's pipe have been written to it; for tests. */
    long cancellationsSent() {
        lock.lock();
        try {
            long sent = 0;
            for (Worker worker : workers) {
                sent += worker.cancelsWritten;
            }
            return sent;
        } finally {
            lock.unlock();
        }
    }

    /** The pids of the workers that have run their initializer and taken tasks; for tests. */
    List<Long> readyWorkerPids() {
        lock.lock();
        try {
            List<Long> pids = new ArrayList<>();
            for (Worker worker : workers) {
                if (worker.ready && !worker.exited && worker.killStartedNanos == 0) {
                    pids.add(worker.pid);
                }
            }
            return pids;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            String state = switch (runState) {
                case RUNNING -> brokenCause == null ? "running" : "broken";
                case SHUTDOWN -> "shutting down";
                case STOP -> brokenCause == null ? "stopping" : "broken";
                default -> "terminated";
            };
            return "ProcessPool-" + poolNumber + "[" + state + ", workers " + workers.size() + "/" + size
                + ", queued " + queue.size() + ", started " + workersStarted + "]";
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------- internals

    private byte[] serializeRunnable(Runnable task) {
        if (!(task instanceof Serializable)) {
            throw new IllegalArgumentException(notSerializableTask("task", task));
        }
        return serializeTask(new RunnableTask(task), "task");
    }

    private byte[] serializeTask(Object task, String what) {
        if (!(task instanceof Serializable)) {
            throw new IllegalArgumentException(notSerializableTask(what, task));
        }
        byte[] bytes;
        try {
            bytes = Codec.encode(task);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(what + " " + describe(task) + " cannot be sent to a worker JVM: it"
                + " captures or holds a " + e.getMessage() + ", which is not Serializable. Capture only"
                + " serializable values (a lambda that uses a field captures the whole enclosing object: copy the"
                + " field into a local variable first), or make " + e.getMessage() + " Serializable. The lambda"
                + " itself must target a serializable type: SerializableCallable, or (Callable<T> & Serializable)",
                e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(what + " " + describe(task) + " cannot be serialized: " + e, e);
        }
        if (bytes.length > limits.maxBytes) {
            throw new IllegalArgumentException(what + " " + describe(task) + " is " + bytes.length
                + " B serialized, more than the pool's maxbytes=" + limits.maxBytes);
        }
        return bytes;
    }

    private static String notSerializableTask(String what, Object task) {
        return what + " " + describe(task) + " is not Serializable, so it cannot be sent to a worker JVM. Write"
            + " it as a SerializableCallable or SerializableRunnable (pool.submit(() -> ...) with the lambda in"
            + " place does that), or cast the lambda: (Callable<T> & Serializable) () -> ...";
    }

    private static String describe(Object task) {
        if (task instanceof RunnableTask wrapper) {
            return describe(wrapper.runnable);
        }
        String name = task.getClass().getName();
        return name.contains("$$Lambda") ? "(a lambda written in " + name.substring(0, name.indexOf("$$Lambda"))
            + ", class " + name + ")" : "of class " + name;
    }

    private <T> List<byte[]> serializeAll(Collection<? extends Callable<T>> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        List<byte[]> payloads = new ArrayList<>(tasks.size());
        int i = 0;
        for (Callable<T> task : tasks) {
            Objects.requireNonNull(task, "tasks[" + i + "]");
            payloads.add(serializeTask(task, "tasks[" + i + "]"));
            i++;
        }
        return payloads;
    }

    private <T> PoolTask<T> enqueue(byte[] payload, boolean fixed, T result, boolean reportFailure) {
        Worker spawn = null;
        PoolTask<T> task;
        lock.lock();
        try {
            checkAccepting();
            task = new PoolTask<>(this, nextTaskId++, payload, fixed, result, reportFailure);
            queue.add(task);
            spawn = workAdded();
        } finally {
            lock.unlock();
        }
        if (spawn != null) {
            spawn.start();
        }
        return task;
    }

    private <T> List<PoolTask<T>> enqueueAll(List<byte[]> payloads, BlockingQueue<PoolTask<?>> completions) {
        List<PoolTask<T>> tasks = new ArrayList<>(payloads.size());
        List<Worker> spawned = new ArrayList<>();
        lock.lock();
        try {
            checkAccepting();
            for (byte[] payload : payloads) {
                PoolTask<T> task = new PoolTask<>(this, nextTaskId++, payload, false, null, false);
                if (completions != null) {
                    task.reportCompletionTo(completions);
                }
                tasks.add(task);
                queue.add(task);
                Worker spawn = workAdded();
                if (spawn != null) {
                    spawned.add(spawn);
                }
            }
        } finally {
            lock.unlock();
        }
        startAll(spawned);
        return tasks;
    }

    private void checkAccepting() {
        if (brokenCause != null) {
            throw new RejectedExecutionException(this + " is broken: " + brokenCause.getMessage(),
                brokenCause.getCause() == null ? brokenCause : brokenCause.getCause());
        }
        if (runState != RUNNING) {
            throw new RejectedExecutionException(this + " is shut down: it accepts no new tasks");
        }
    }

    /** Called with the lock held after queueing: wakes a worker with room, or reserves a new one to start. */
    private Worker workAdded() {
        if (workers.size() < size) {
            return reserveWorker();
        }
        for (Worker worker : workers) {
            if (worker.waiting && worker.hasRoom()) {
                // No longer a candidate: until it wakes, its inFlight still looks empty, and choosing it again for
                // the next task would leave that task queued behind this one while another worker sits idle.
                worker.waiting = false;
                worker.wake.signal();
                break;
            }
        }
        return null;
    }

    /** With the lock held: counts a new worker in, so the pool never has more than {@code size}. */
    private Worker reserveWorker() {
        Worker worker = new Worker();
        workers.add(worker);
        return worker;
    }

    /** Starts the workers of a prestarted pool. */
    private void prestart() {
        List<Worker> started = new ArrayList<>();
        lock.lock();
        try {
            while (workers.size() < size) {
                started.add(reserveWorker());
            }
        } finally {
            lock.unlock();
        }
        startAll(started);
    }

    /**
     * Launches every JVM first, then connects each (see {@link Worker#launch()}). The launches run on a thread
     * each: in a cold JVM the first {@code ProcessBuilder.start} goes on for some 30 ms after its child is
     * running (the JDK sets up its process reaper, the child's streams and its own logger on first use) before it
     * returns, and the other children need not wait for that to start booting.
     */
    private void startAll(List<Worker> toStart) {
        if (toStart.isEmpty()) {
            return;
        }
        List<Launch> launches = new ArrayList<>(toStart.size());
        for (Worker worker : toStart) {
            launches.add(new Launch(worker));
        }
        for (int i = 1; i < launches.size(); i++) {
            launches.get(i).startThread();
        }
        launches.get(0).run();
        for (Launch launch : launches) {
            launch.await();
            if (launch.launched) {
                launch.worker.attach();
            }
        }
    }

    /** One worker's launch, on a thread of its own or on the caller's. */
    private final class Launch implements Runnable {
        final Worker worker;
        volatile boolean launched;
        private Thread thread;

        Launch(Worker worker) {
            this.worker = worker;
        }

        @Override
        public void run() {
            launched = worker.launch();
        }

        void startThread() {
            try {
                thread = newThread(this, "launcher");
                thread.start();
            } catch (RuntimeException | OutOfMemoryError e) {
                thread = null; // no thread to be had (or a factory that failed): launch on the caller's instead
                run();
            }
        }

        /** Waits for a launch on its own thread; it takes milliseconds, so an interrupt is kept for later. */
        void await() {
            if (thread == null) {
                return;
            }
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void cancelAll(List<? extends Future<?>> futures, boolean mayInterruptIfRunning) {
        for (Future<?> future : futures) {
            future.cancel(mayInterruptIfRunning);
        }
    }

    private static void awaitDone(PoolTask<?> future) throws InterruptedException {
        try {
            future.get();
        } catch (ExecutionException | CancellationException e) {
            // invokeAll returns the future as it is: the caller reads the failure from it
        }
    }

    private static boolean awaitDone(PoolTask<?> future, long nanos) throws InterruptedException {
        try {
            future.get(nanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException | CancellationException e) {
            // done, with a failure the caller reads from the future
        } catch (TimeoutException e) {
            return false;
        }
        return true;
    }

    /** Called by a future that was just cancelled: make sure it never starts, or stop it. */
    void cancelled(PoolTask<?> task, boolean mayInterruptIfRunning) {
        lock.lock();
        try {
            if (task.state != PoolTask.DISPATCHED) {
                return; // still queued: dispatch skips done tasks; or already finished
            }
            Worker worker = task.worker;
            boolean running = worker.ready && worker.inFlight.peekFirst() == task;
            if (running) {
                if (mayInterruptIfRunning) {
                    worker.requestKill();
                }
            } else {
                worker.cancels.add(task.id);
                worker.wake.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** With the lock held: the first live queued task, dropping cancelled ones. */
    private PoolTask<?> pollLive() {
        PoolTask<?> task;
        while ((task = queue.poll()) != null) {
            if (!task.isDone()) {
                return task;
            }
            task.state = PoolTask.FINISHED;
        }
        return null;
    }

    /** With the lock held. */
    private boolean hasLiveQueued() {
        PoolTask<?> head;
        while ((head = queue.peekFirst()) != null && head.isDone()) {
            queue.pollFirst().state = PoolTask.FINISHED;
        }
        return head != null;
    }

    /** With the lock held. */
    private void tryTerminate() {
        if (runState == TERMINATED || !workers.isEmpty()) {
            return;
        }
        if (runState == STOP || (runState == SHUTDOWN && !hasLiveQueued())) {
            runState = TERMINATED;
            terminatedCondition.signalAll();
        }
    }

    /** The pool cannot go on (the initializer failed, or workers keep dying at start): fail everything. */
    private void breakPool(Throwable cause) {
        List<PoolTask<?>> pending = new ArrayList<>();
        lock.lock();
        try {
            if (brokenCause != null) {
                return;
            }
            brokenCause = cause;
            if (runState < STOP) {
                runState = STOP;
            }
            PoolTask<?> task;
            while ((task = pollLive()) != null) {
                task.state = PoolTask.FINISHED;
                pending.add(task);
            }
            for (Worker worker : workers) {
                pending.addAll(worker.inFlight);
                worker.requestKill();
            }
            tryTerminate();
        } finally {
            lock.unlock();
        }
        for (PoolTask<?> task : pending) {
            task.fail(cause);
        }
    }

    private Thread newThread(Runnable body, long pid, String role) {
        return newThread(body, "worker-" + pid + "-" + role);
    }

    private Thread newThread(Runnable body, String role) {
        if (threadFactory == null) {
            // The plain constructor, not Thread.ofPlatform(): on a cold JVM the builder's classes are a
            // millisecond more on the path of every pool's first result.
            Thread thread = new Thread(body, "process-pool-" + poolNumber + "-" + role);
            thread.setDaemon(true);
            return thread;
        }
        Thread thread = threadFactory.newThread(body);
        if (thread == null) {
            throw new IllegalStateException("threadFactory returned null for the pool's " + role + " thread");
        }
        return thread;
    }

    /**
     * One worker JVM as the parent sees it. Three threads serve it: a supervisor writes tasks and cancellations
     * to its stdin and enforces timeouts and kills; a reader reads results from its stdout and cleans up when it
     * ends; a drainer keeps the tail of its stderr (and forwards it to ours).
     */
    final class Worker {
        final Condition wake = lock.newCondition();
        // Guarded by lock:
        final ArrayDeque<PoolTask<?>> inFlight = new ArrayDeque<>();
        final ArrayDeque<Long> cancels = new ArrayDeque<>();
        /** Cancellations written to the worker's stdin; written by its supervisor thread only. */
        volatile long cancelsWritten;
        Process process;
        long pid = -1;
        boolean ready;
        boolean exited;
        boolean retiring;
        boolean inputClosed;
        boolean waiting;
        int dispatched;
        long averageTaskNanos = -1;
        long killStartedNanos;
        boolean killForced;
        // Owned by the thread that starts the worker, then by the I/O threads:
        private Process launched;
        private DataOutputStream out;
        private DataInputStream in;
        private Processes.Drainer stderr;
        private Thread supervisor;
        private Thread drainer;
        private Throwable protocolError;

        /** Starts the JVM and its threads; called without the lock, once, after {@link #reserveWorker()}. */
        void start() {
            if (launch()) {
                attach();
            }
        }

        /**
         * Starts the JVM only, so that when several workers start, all of them boot while we set up their
         * threads: on a cold parent that set-up takes longer than a worker's boot.
         */
        boolean launch() {
            try {
                launched = new ProcessBuilder(workerCommand).start();
                return true;
            } catch (IOException | RuntimeException e) {
                startFailed(e);
                return false;
            }
        }

        /** Connects a launched JVM: streams, its three threads, and its place in the pool. */
        void attach() {
            Process started = launched;
            Thread reader;
            try {
                out = new DataOutputStream(new BufferedOutputStream(started.getOutputStream(), 1 << 16));
                in = new DataInputStream(new BufferedInputStream(started.getInputStream(), 1 << 16));
                stderr = Processes.Drainer.keepingTail(started.getErrorStream(), System.err,
                    "[worker " + started.pid() + "] ");
                drainer = newThread(stderr, started.pid(), "stderr");
                supervisor = newThread(new Loop(false), started.pid(), "in");
                reader = newThread(new Loop(true), started.pid(), "out");
            } catch (RuntimeException | Error e) {
                Processes.kill(started);
                Processes.waitUninterruptibly(started);
                startFailed(e);
                return;
            }
            lock.lock();
            try {
                process = started;
                pid = started.pid();
                workersStarted++;
                if (killStartedNanos != 0) {
                    Processes.terminate(started); // shutdownNow came while it was starting
                }
            } finally {
                lock.unlock();
            }
            drainer.start();
            supervisor.start();
            reader.start(); // last: its cleanup joins the other two, and join throws on a thread not yet started
        }

        /**
         * The body of the worker's supervisor or reader thread. A class rather than two method references: each
         * lambda costs a cold JVM a class spun at run time, on the path of the pool's first result.
         */
        private final class Loop implements Runnable {
            private final boolean reader;

            Loop(boolean reader) {
                this.reader = reader;
            }

            @Override
            public void run() {
                if (reader) {
                    read();
                } else {
                    supervise();
                }
            }
        }

        private void startFailed(Throwable e) {
            boolean broken;
            lock.lock();
            try {
                workers.remove(this);
                exited = true;
                broken = ++consecutiveStartFailures >= MAX_CONSECUTIVE_START_FAILURES || workers.isEmpty();
                tryTerminate();
            } finally {
                lock.unlock();
            }
            if (broken) {
                breakPool(new IllegalStateException("cannot start a worker JVM: " + e, e));
            }
        }

        /** With the lock held. */
        boolean hasRoom() {
            return !retiring && !inputClosed && killStartedNanos == 0 && inFlight.size() < window();
        }

        /** With the lock held: how many tasks to keep in flight, from how long the recent ones took. */
        int window() {
            if (averageTaskNanos < 0) {
                return 1;
            }
            long window = 1 + TARGET_IN_FLIGHT_NANOS / Math.max(1, averageTaskNanos);
            return (int) Math.min(MAX_IN_FLIGHT, window);
        }

        /** With the lock held: SIGTERM now; the supervisor sends SIGKILL after the grace. */
        void requestKill() {
            if (killStartedNanos != 0 || exited) {
                return;
            }
            killStartedNanos = System.nanoTime() | 1; // never 0, which means "not killing"
            if (process != null) {
                Processes.terminate(process);
            }
            wake.signal();
        }

        private void supervise() {
            List<PoolTask<?>> batch = new ArrayList<>();
            List<Long> cancelIds = new ArrayList<>();
            boolean initSent = false;
            while (true) {
                boolean closeInput = false;
                batch.clear();
                cancelIds.clear();
                lock.lock();
                try {
                    while (true) {
                        if (exited) {
                            return;
                        }
                        long now = System.nanoTime();
                        long waitNanos = Long.MAX_VALUE;
                        if (killStartedNanos != 0) {
                            long forceAt = killStartedNanos + Processes.GRACE.toNanos();
                            if (!killForced && now - forceAt >= 0) {
                                Processes.kill(process);
                                killForced = true;
                            }
                            if (!killForced) {
                                waitNanos = forceAt - now;
                            }
                        } else if (!initSent) {
                            break;
                        } else {
                            PoolTask<?> head = inFlight.peekFirst();
                            if (taskTimeoutNanos > 0 && ready && head != null) {
                                long deadline = head.startNanos + taskTimeoutNanos;
                                if (now - deadline >= 0) {
                                    head.timedOut = true;
                                    requestKill();
                                    continue;
                                }
                                waitNanos = deadline - now;
                            }
                            if (!inputClosed) {
                                cancelIds.addAll(cancels);
                                cancels.clear();
                                dispatch(batch, now);
                                if (inFlight.isEmpty() && (retiring
                                    || (runState >= SHUTDOWN && !hasLiveQueued()))) {
                                    closeInput = true;
                                    inputClosed = true;
                                }
                            }
                            if (!batch.isEmpty() || !cancelIds.isEmpty() || closeInput) {
                                break;
                            }
                        }
                        waiting = true;
                        try {
                            if (waitNanos == Long.MAX_VALUE) {
                                wake.await();
                            } else {
                                wake.awaitNanos(waitNanos);
                            }
                        } catch (InterruptedException e) {
                            // Nobody should interrupt the pool's own threads; if a thread factory's owner does,
                            // the loop simply re-checks its state: stopping is decided by the pool, not by it.
                        } finally {
                            waiting = false;
                        }
                    }
                } finally {
                    lock.unlock();
                }
                try {
                    if (!initSent) {
                        initSent = true;
                        Wire.write(out, Wire.INIT, 0, 0, initializer, initializer.length);
                    }
                    for (Long id : cancelIds) {
                        Wire.write(out, Wire.CANCEL, id, 0, null, 0);
                    }
                    for (PoolTask<?> task : batch) {
                        Wire.write(out, Wire.TASK, task.id, 0, task.payload, task.payload.length);
                    }
                    out.flush();
                    cancelsWritten += cancelIds.size();
                    if (closeInput) {
                        out.close(); // the worker finishes what it has, sees end-of-input and exits
                    }
                } catch (IOException e) {
                    // Its stdin is gone, so the worker is dead or dying: the reader sees the end and cleans up.
                    // We stay until then, in case a kill still needs its SIGKILL.
                    lock.lock();
                    try {
                        inputClosed = true;
                    } finally {
                        lock.unlock();
                    }
                }
            }
        }

        /** With the lock held: moves queued tasks into this worker's window. */
        private void dispatch(List<PoolTask<?>> batch, long now) {
            if (retiring) {
                return;
            }
            int room = window() - inFlight.size();
            if (maxTasksPerWorker > 0) {
                room = Math.min(room, maxTasksPerWorker - dispatched);
            }
            while (room > 0) {
                PoolTask<?> task = pollLive();
                if (task == null) {
                    break;
                }
                if (inFlight.isEmpty()) {
                    task.startNanos = now;
                }
                task.state = PoolTask.DISPATCHED;
                task.worker = this;
                inFlight.add(task);
                batch.add(task);
                dispatched++;
                room--;
            }
            if (maxTasksPerWorker > 0 && dispatched >= maxTasksPerWorker) {
                retiring = true;
            }
        }

        private void read() {
            try {
                Wire.Frame hello = Wire.read(in, 0);
                if (hello == null || hello.type != Wire.HELLO || hello.aux != Wire.MAGIC) {
                    throw new IOException("the worker's stdout did not start with the protocol's greeting"
                        + " (is a JVM flag sending output to stdout, such as -Xlog without :stderr?)");
                }
                Wire.Frame frame;
                while ((frame = Wire.read(in, limits.maxBytes)) != null) {
                    switch (frame.type) {
                        case Wire.READY -> onReady();
                        case Wire.INIT_FAILED -> onInitFailed(frame);
                        case Wire.RESULT, Wire.FAILURE, Wire.SKIPPED -> onReply(frame);
                        default -> throw new IOException("unknown frame type " + frame.type);
                    }
                }
            } catch (IOException | RuntimeException | Error e) {
                // Whatever went wrong, even an Error in this JVM, the worker must be cleaned up: a reader that
                // dies without onExit() leaves the pool waiting for ever for a worker that is gone.
                protocolError = e;
                Processes.kill(process);
            }
            onExit();
            if (protocolError instanceof Error error) {
                throw error; // after the cleanup: still reported to the thread's uncaught-exception handler
            }
        }

        private void onReady() {
            lock.lock();
            try {
                ready = true;
                consecutiveStartFailures = 0;
                PoolTask<?> head = inFlight.peekFirst();
                if (head != null) {
                    head.startNanos = System.nanoTime();
                }
                wake.signal();
            } finally {
                lock.unlock();
            }
        }

        private void onInitFailed(Wire.Frame frame) {
            Throwable remote;
            try {
                remote = (Throwable) Wire.deserialize(frame.payload, limits);
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                remote = e;
            }
            breakPool(new IllegalStateException("the pool's initializer threw in worker pid " + pid + ": " + remote,
                remote));
        }

        private void onReply(Wire.Frame frame) throws IOException {
            PoolTask<?> task;
            lock.lock();
            try {
                task = inFlight.pollFirst();
                if (task == null || task.id != frame.id) {
                    throw new IOException("reply for task " + frame.id + " but task "
                        + (task == null ? "none" : task.id) + " was next");
                }
                task.state = PoolTask.FINISHED;
                task.worker = null;
                if (frame.type != Wire.SKIPPED) {
                    averageTaskNanos = averageTaskNanos < 0 ? frame.aux : (3 * averageTaskNanos + frame.aux) / 4;
                }
                PoolTask<?> next = inFlight.peekFirst();
                if (next != null) {
                    next.startNanos = System.nanoTime();
                }
                if (waiting && (inFlight.isEmpty() || (inFlight.size() <= window() / 2 && !queue.isEmpty()))) {
                    wake.signal();
                }
            } finally {
                lock.unlock();
            }
            if (frame.type == Wire.SKIPPED || task.isDone()) {
                return;
            }
            if (frame.payload == null) {
                task.fail(new InvalidClassException("the task's " + (frame.type == Wire.RESULT ? "result" : "failure")
                    + " is " + frame.length + " B serialized, more than maxbytes=" + limits.maxBytes));
                return;
            }
            Object value;
            try {
                value = frame.type == Wire.RESULT
                    ? Codec.decodeResult(frame.payload, limits)
                    : Wire.deserialize(frame.payload, limits);
            } catch (IOException | ClassNotFoundException | RuntimeException | OutOfMemoryError e) {
                task.fail(e); // a result too big for this heap fails its task, not the pool
                return;
            }
            if (frame.type == Wire.RESULT) {
                task.succeed(value);
            } else {
                task.fail((Throwable) value);
            }
        }

        /** The worker's stdout ended: reap it, fail or requeue its tasks, replace it if the pool needs it. */
        private void onExit() {
            int exitCode;
            try {
                if (!process.waitFor(Processes.GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    Processes.kill(process); // it closed its stdout but lives on: not a worker we can use
                }
            } catch (InterruptedException e) {
                // Our own reader thread; finish the cleanup first, which needs the exit code anyway.
                Processes.kill(process);
            }
            exitCode = Processes.waitUninterruptibly(process);
            stderr.awaitEnd(Processes.GRACE);
            String tail = stderr.tailText();
            lock.lock();
            try {
                exited = true;
                wake.signal();
            } finally {
                lock.unlock();
            }
            joinQuietly(supervisor);
            joinQuietly(drainer);

            PoolTask<?> head = null;
            Throwable breakCause = null;
            Worker replacement = null;
            lock.lock();
            try {
                workers.remove(this);
                if (ready && !inFlight.isEmpty()) {
                    head = inFlight.pollFirst();
                    head.state = PoolTask.FINISHED;
                }
                for (Iterator<PoolTask<?>> it = inFlight.descendingIterator(); it.hasNext(); ) {
                    PoolTask<?> task = it.next();
                    task.worker = null;
                    if (task.isDone() || runState >= STOP) {
                        task.state = PoolTask.FINISHED;
                    } else {
                        task.state = PoolTask.QUEUED; // never started: another worker takes it
                        queue.addFirst(task);
                    }
                }
                inFlight.clear();
                if (!ready && killStartedNanos == 0 && brokenCause == null && runState < STOP
                    && ++consecutiveStartFailures >= MAX_CONSECUTIVE_START_FAILURES) {
                    breakCause = new IllegalStateException(MAX_CONSECUTIVE_START_FAILURES
                        + " worker JVMs in a row died before they were ready; the last: pid " + pid + ", "
                        + Processes.describeExit(exitCode) + Processes.quoteTail(tail));
                }
                boolean needed = breakCause == null && brokenCause == null
                    && (runState == RUNNING || (runState == SHUTDOWN && hasLiveQueued()));
                if (needed && workers.size() < size) {
                    replacement = reserveWorker();
                } else if (!queue.isEmpty()) {
                    for (Worker other : workers) {
                        other.wake.signal(); // the requeued tasks need someone
                    }
                }
                tryTerminate();
            } finally {
                lock.unlock();
            }
            if (breakCause != null) {
                breakPool(breakCause);
            }
            if (head != null && !head.isDone()) {
                head.fail(headFailure(head, exitCode, tail));
            }
            if (replacement != null) {
                replacement.start();
            }
        }

        private Throwable headFailure(PoolTask<?> head, int exitCode, String tail) {
            String exit = Processes.describeExit(exitCode);
            if (head.timedOut) {
                return new TimeoutException("task did not finish within " + Duration.ofNanos(taskTimeoutNanos)
                    + " in worker pid " + pid + ": the worker was destroyed (" + exit + ") and is replaced");
            }
            String what = protocolError == null
                ? "worker pid " + pid + " died while running this task"
                : "worker pid " + pid + " broke the pool's protocol while running this task (" + protocolError
                    + ") and was killed";
            return new ChildJvmException(what + ": " + exit + Processes.quoteTail(tail), pid, exitCode, tail, null);
        }

        private void joinQuietly(Thread thread) {
            boolean interrupted = false;
            try {
                if (thread.getState() == Thread.State.NEW) {
                    return; // never started, so nothing to wait for (and join(Duration) would throw)
                }
                thread.join(Processes.GRACE);
            } catch (InterruptedException e) {
                interrupted = true;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt(); // keep it: this reader thread is about to end anyway
                }
            }
        }
    }

    /**
     * A runnable sent as a callable. A plain class, not a record: {@link Codec} gives it a tag of its own, and when
     * it travels by Java serialization (its runnable a lambda), a cold JVM reads a plain class faster than a record.
     */
    static final class RunnableTask implements SerializableCallable<Object> {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("serial") // checked to be Serializable before it is wrapped
        final Runnable runnable;

        RunnableTask(Runnable runnable) {
            this.runnable = runnable;
        }

        @Override
        public Object call() {
            runnable.run();
            return null;
        }
    }

    /** One chunk of a {@link #map}: applies the function to each input, in the worker. */
    static final class ChunkTask implements SerializableCallable<ArrayList<Object>> {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("serial") // SerializableFunction is Serializable; javac cannot see through the wildcard
        final SerializableFunction<Object, ?> fn;
        @SuppressWarnings("serial") // the elements are checked when the chunk is serialized
        final ArrayList<Object> inputs;

        @SuppressWarnings("unchecked")
        ChunkTask(SerializableFunction<?, ?> fn, ArrayList<Object> inputs) {
            this.fn = (SerializableFunction<Object, ?>) fn;
            this.inputs = inputs;
        }

        @Override
        public ArrayList<Object> call() {
            ArrayList<Object> results = new ArrayList<>(inputs.size());
            for (Object input : inputs) {
                results.add(fn.apply(input));
            }
            return results;
        }
    }

    /**
     * Settings of a {@link ProcessPool}; every method checks its argument at once.
     */
    public static final class Builder {
        private int workers = Runtime.getRuntime().availableProcessors();
        private List<String> jvmFlags = DEFAULT_JVM_FLAGS;
        private SerializableRunnable initializer;
        private int maxTasksPerWorker;
        private Duration taskTimeout;
        private ThreadFactory threadFactory;
        private boolean prestart;
        private Limits limits = Limits.DEFAULT;

        private Builder() {
        }

        /**
         * How many worker JVMs at most (default: {@code availableProcessors()}).
         *
         * @param workers positive
         * @return this builder
         * @throws IllegalArgumentException if {@code workers} is zero or negative
         */
        public Builder workers(int workers) {
            if (workers <= 0) {
                throw new IllegalArgumentException("workers must be positive: " + workers);
            }
            this.workers = workers;
            return this;
        }

        /**
         * The workers' JVM flags, replacing {@link #DEFAULT_JVM_FLAGS}; e.g. {@code "-Xmx256m"}. A flag that
         * writes to standard output (such as {@code -Xlog:gc} without {@code :stderr}) breaks the pool's
         * protocol, and the worker is killed.
         *
         * @param flags the flags; none for the JVM's own defaults
         * @return this builder
         */
        public Builder jvmFlags(String... flags) {
            Objects.requireNonNull(flags, "flags");
            List<String> copy = new ArrayList<>(flags.length);
            for (int i = 0; i < flags.length; i++) {
                copy.add(Objects.requireNonNull(flags[i], "flags[" + i + "]"));
            }
            this.jvmFlags = List.copyOf(copy);
            return this;
        }

        /**
         * Runs once in each worker JVM before its first task: load a native library, warm a cache, set a
         * per-worker static. If it throws, the pool breaks: every pending future fails and new tasks are
         * rejected, with its exception as the cause. It is not bounded by the task timeout.
         *
         * @param initializer the initializer, serializable
         * @return this builder
         */
        public Builder initializer(SerializableRunnable initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * Replaces a worker after it has been given this many tasks (default: never), to reclaim memory a task
         * leaks or reset static state: Python's {@code max_tasks_per_child}. The replacement starts once the old
         * worker has exited, so the pool never has more than its workers.
         *
         * @param maxTasksPerWorker positive
         * @return this builder
         * @throws IllegalArgumentException if {@code maxTasksPerWorker} is zero or negative
         */
        public Builder maxTasksPerWorker(int maxTasksPerWorker) {
            if (maxTasksPerWorker <= 0) {
                throw new IllegalArgumentException("maxTasksPerWorker must be positive: " + maxTasksPerWorker);
            }
            this.maxTasksPerWorker = maxTasksPerWorker;
            return this;
        }

        /**
         * How long one task may run (default: for ever). Past it the worker is destroyed ({@code SIGTERM}, then
         * {@code SIGKILL} after 2 s) and replaced, and the task's future fails with a {@link TimeoutException}.
         * The time counts from when the worker is free to start the task.
         *
         * @param taskTimeout positive
         * @return this builder
         * @throws IllegalArgumentException if {@code taskTimeout} is zero or negative
         */
        public Builder taskTimeout(Duration taskTimeout) {
            Objects.requireNonNull(taskTimeout, "taskTimeout");
            if (taskTimeout.isNegative() || taskTimeout.isZero()) {
                throw new IllegalArgumentException("taskTimeout must be positive: " + taskTimeout);
            }
            this.taskTimeout = taskTimeout;
            return this;
        }

        /**
         * The factory for the pool's own I/O threads, three per worker, each ending with its worker (default:
         * daemon platform threads named {@code process-pool-N-worker-PID-ROLE}). Give platform threads: they
         * block in native pipe reads and writes.
         *
         * @param threadFactory the factory
         * @return this builder
         */
        public Builder threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
            return this;
        }

        /**
         * Whether {@link #build()} starts all workers at once (default: no, they start one per submitted task).
         * {@code build()} does not wait for them to be ready.
         *
         * @param prestart true to start all workers now
         * @return this builder
         */
        public Builder prestart(boolean prestart) {
            this.prestart = prestart;
            return this;
        }

        /** Deserialization limits in {@code jdk.serialFilter} syntax; for tests of the limits. */
        Builder limits(String limits) {
            this.limits = Limits.parse(limits);
            return this;
        }

        /**
         * Makes the pool.
         *
         * @return the pool, running
         * @throws IllegalArgumentException if the initializer cannot be serialized
         */
        public ProcessPool build() {
            ProcessPool pool = new ProcessPool(this);
            if (prestart) {
                pool.prestart();
            }
            return pool;
        }
    }
}
