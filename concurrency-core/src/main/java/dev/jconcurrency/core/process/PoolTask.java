package dev.jconcurrency.core.process;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.FutureTask;

/**
 * The future of one task of a {@link ProcessPool}: a {@link FutureTask} that is never run here but completed
 * by the pool with what its worker sent back, which gives it the JDK's own, well-tested future state machine
 * (a result set after a cancellation is ignored, and so on).
 *
 * <p>The fields below the constructor are guarded by the pool's lock.
 */
final class PoolTask<T> extends FutureTask<T> {

    static final int QUEUED = 0;
    static final int DISPATCHED = 1;
    static final int FINISHED = 2;

    final ProcessPool pool;
    final long id;
    final byte[] payload;
    private final boolean fixedResult;
    private final T result;
    private final boolean reportFailure;
    private volatile BlockingQueue<PoolTask<?>> completions;

    int state = QUEUED;
    ProcessPool.Worker worker;
    long startNanos;
    boolean timedOut;

    PoolTask(ProcessPool pool, long id, byte[] payload, boolean fixedResult, T result, boolean reportFailure) {
        super(RunsElsewhere.instance());
        this.pool = pool;
        this.id = id;
        this.payload = payload;
        this.fixedResult = fixedResult;
        this.result = result;
        this.reportFailure = reportFailure;
    }

    /** Where this future puts itself when it completes (for {@code invokeAny}); set before it is queued. */
    /**
     * The callable a FutureTask needs and this one never runs. A class rather than a lambda: a lambda is a class
     * spun at run time, a millisecond on the path of a cold JVM's first pool task.
     */
    private static final class RunsElsewhere implements java.util.concurrent.Callable<Object> {
        private static final RunsElsewhere INSTANCE = new RunsElsewhere();

        @SuppressWarnings("unchecked") // it returns nothing: it throws
        static <T> java.util.concurrent.Callable<T> instance() {
            return (java.util.concurrent.Callable<T>) (java.util.concurrent.Callable<?>) INSTANCE;
        }

        @Override
        public Object call() {
            throw new UnsupportedOperationException("a process-pool task runs in a worker JVM, not in this one");
        }
    }

    void reportCompletionTo(BlockingQueue<PoolTask<?>> queue) {
        completions = queue;
    }

    @SuppressWarnings("unchecked")
    void succeed(Object value) {
        set(fixedResult ? result : (T) value);
    }

    void fail(Throwable failure) {
        setException(failure);
    }

    /**
     * Cancels this task. A task still queued in the parent never runs. A task already sent to a worker but not
     * started is skipped there. A running task is stopped only with {@code mayInterruptIfRunning}, by killing its
     * worker (which the pool replaces): a JVM cannot interrupt a thread of another JVM.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (!super.cancel(false)) {
            return false;
        }
        pool.cancelled(this, mayInterruptIfRunning);
        return true;
    }

    @Override
    protected void done() {
        BlockingQueue<PoolTask<?>> queue = completions;
        if (queue != null) {
            queue.add(this);
        }
        if (reportFailure && state() == State.FAILED) {
            // execute() has no future to hold the failure: report it as a thread pool reports an uncaught one.
            Thread current = Thread.currentThread();
            current.getUncaughtExceptionHandler().uncaughtException(current, exceptionNow());
        }
    }

    @Override
    public String toString() {
        return "ProcessPool task " + id + " [" + state() + "]";
    }
}
