package dev.jconcurrency.core.process;

import static dev.jconcurrency.core.testing.ArgumentRow.member;
import static dev.jconcurrency.core.testing.FutureAssertions.assertCancelled;
import static dev.jconcurrency.core.testing.FutureAssertions.assertCompletedNormally;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.testing.ArgumentRow;
import dev.jconcurrency.core.testing.ArgumentRows;
import dev.jconcurrency.core.testing.Delays;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Every public parameter of the package, given a bad value, fails at once naming the parameter (TESTING.md R7):
 * null gives an NPE whose message is the parameter's name, an out-of-range value an IAE naming parameter and value.
 * {@code dev.jconcurrency.core.ArgumentCoverageTest} checks that no public parameter lacks a row.
 *
 * <p>Building the rows starts nothing. A row that needs a pool builds a lazy one-worker pool inside its call and
 * closes it; a refused call must start no worker, which {@link #onIdlePool} checks. A few rows cannot do without a
 * JVM: the methods of {@link ChildJvm.Running} need a started child, and a value that is accepted (a null result,
 * a timeout of {@code Long.MIN_VALUE}) only shows it is accepted when a worker runs the task.
 */
class ProcessArgumentsTest implements ArgumentRows {

    private static final Duration ZERO = Duration.ZERO;
    private static final Duration NEGATIVE = Duration.ofSeconds(-1);

    @Override
    public List<ArgumentRow> argumentRows() {
        SerializableCallable<Integer> callable = () -> 1;
        List<SerializableCallable<Integer>> tasks = List.of(callable);
        List<SerializableCallable<Integer>> withNull = Arrays.asList(callable, null);
        ChildJvm child = ChildJvm.of("some.Main");

        ArgumentRow.Member ofClass = member(ChildJvm.class, "of(Class)");
        ArgumentRow.Member ofName = member(ChildJvm.class, "of(String)");
        ArgumentRow.Member withArgs = member(ChildJvm.class, "withArgs(String...)");
        ArgumentRow.Member withJvmFlags = member(ChildJvm.class, "withJvmFlags(String...)");
        ArgumentRow.Member withStdin = member(ChildJvm.class, "withStdin(String)");
        ArgumentRow.Member withTimeout = member(ChildJvm.class, "withTimeout(Duration)");
        ArgumentRow.Member withThreadFactory = member(ChildJvm.class, "withThreadFactory(ThreadFactory)");
        ArgumentRow.Member result = member(ChildJvm.Result.class, "Result(int, String, String, long, Duration)");
        ArgumentRow.Member cancel = member(ChildJvm.Running.class, "cancel(boolean)");
        ArgumentRow.Member timedGet = member(ChildJvm.Running.class, "get(long, TimeUnit)");

        ArgumentRow.Member create = member(ProcessPool.class, "create(int)");
        ArgumentRow.Member workers = member(ProcessPool.Builder.class, "workers(int)");
        ArgumentRow.Member jvmFlags = member(ProcessPool.Builder.class, "jvmFlags(String...)");
        ArgumentRow.Member initializer = member(ProcessPool.Builder.class, "initializer(SerializableRunnable)");
        ArgumentRow.Member maxTasksPerWorker = member(ProcessPool.Builder.class, "maxTasksPerWorker(int)");
        ArgumentRow.Member taskTimeout = member(ProcessPool.Builder.class, "taskTimeout(Duration)");
        ArgumentRow.Member threadFactory = member(ProcessPool.Builder.class, "threadFactory(ThreadFactory)");
        ArgumentRow.Member prestart = member(ProcessPool.Builder.class, "prestart(boolean)");

        ArgumentRow.Member submitCallable = member(ProcessPool.class, "submit(SerializableCallable)");
        ArgumentRow.Member submitPlainCallable = member(ProcessPool.class, "submit(Callable)");
        ArgumentRow.Member submitRunnable = member(ProcessPool.class, "submit(SerializableRunnable)");
        ArgumentRow.Member submitPlainRunnable = member(ProcessPool.class, "submit(Runnable)");
        ArgumentRow.Member submitRunnableResult = member(ProcessPool.class, "submit(SerializableRunnable, Object)");
        ArgumentRow.Member submitPlainRunnableResult = member(ProcessPool.class, "submit(Runnable, Object)");
        ArgumentRow.Member execute = member(ProcessPool.class, "execute(SerializableRunnable)");
        ArgumentRow.Member executePlain = member(ProcessPool.class, "execute(Runnable)");
        ArgumentRow.Member map = member(ProcessPool.class, "map(SerializableFunction, Collection, int)");
        ArgumentRow.Member invokeAll = member(ProcessPool.class, "invokeAll(Collection)");
        ArgumentRow.Member timedInvokeAll = member(ProcessPool.class, "invokeAll(Collection, long, TimeUnit)");
        ArgumentRow.Member invokeAny = member(ProcessPool.class, "invokeAny(Collection)");
        ArgumentRow.Member timedInvokeAny = member(ProcessPool.class, "invokeAny(Collection, long, TimeUnit)");
        ArgumentRow.Member awaitTermination = member(ProcessPool.class, "awaitTermination(long, TimeUnit)");

        return List.of(
            ofClass.rejectsNull(0, "mainClass", () -> ChildJvm.of((Class<?>) null)),
            ofName.rejectsNull(0, "mainClassName", () -> ChildJvm.of((String) null)),
            ofName.rejects(0, "mainClassName", "mainClassName must not be blank: ' '", () -> ChildJvm.of(" ")),
            withArgs.rejectsNull(0, "args", () -> child.withArgs((String[]) null)),
            withArgs.rejectsNull(0, "args[1]", () -> child.withArgs("a", null)),
            withJvmFlags.rejectsNull(0, "flags", () -> child.withJvmFlags((String[]) null)),
            withJvmFlags.rejectsNull(0, "flags[0]", () -> child.withJvmFlags((String) null)),
            withStdin.rejectsNull(0, "input", () -> child.withStdin(null)),
            withTimeout.rejectsNull(0, "timeout", () -> child.withTimeout(null)),
            withTimeout.rejects(0, "timeout", "timeout must be positive: PT0S", () -> child.withTimeout(ZERO)),
            withTimeout.rejects(0, "timeout", "timeout must be positive: PT-1S", () -> child.withTimeout(NEGATIVE)),
            withThreadFactory.rejectsNull(0, "threadFactory", () -> child.withThreadFactory(null)),
            // A result reports what the operating system said: any exit code (a signal's is 128 + n), any pid.
            result.acceptsAnyValue(0, "exitCode", () -> assertThat(
                new ChildJvm.Result(Integer.MIN_VALUE, "", "", 1, ZERO).exitCode()).isEqualTo(Integer.MIN_VALUE)),
            result.rejectsNull(1, "stdout", () -> new ChildJvm.Result(0, null, "", 1, ZERO)),
            result.rejectsNull(2, "stderr", () -> new ChildJvm.Result(0, "", null, 1, ZERO)),
            result.acceptsAnyValue(3, "pid", () -> assertThat(
                new ChildJvm.Result(0, "", "", Long.MIN_VALUE, ZERO).pid()).isEqualTo(Long.MIN_VALUE)),
            result.rejectsNull(4, "duration", () -> new ChildJvm.Result(0, "", "", 1, null)),
            // Future's contract: cancelling an ended child is refused either way, and changes nothing.
            cancel.acceptsAnyValue(0, "mayInterruptIfRunning", onEndedChild(running -> {
                ChildJvm.Result ended = running.get();
                assertThat(running.cancel(true)).as("cancel(true)").isFalse();
                assertThat(running.cancel(false)).as("cancel(false)").isFalse();
                assertCompletedNormally(running, ended);
            })),
            // The JDK's convention: a timeout of zero or less means "do not wait", so no value is out of range.
            timedGet.acceptsAnyValue(0, "timeout", onEndedChild(running -> {
                ChildJvm.Result ended = running.get();
                assertThat(running.get(Long.MIN_VALUE, TimeUnit.NANOSECONDS)).isSameAs(ended);
                assertThat(running.get(Long.MAX_VALUE, TimeUnit.DAYS)).isSameAs(ended);
            })),
            timedGet.rejectsNull(1, "unit", onEndedChild(running -> running.get(1, null))),

            create.rejects(0, "workers", "workers must be positive: 0", () -> ProcessPool.create(0)),
            create.rejects(0, "workers", "workers must be positive: -1", () -> ProcessPool.create(-1)),
            workers.rejects(0, "workers", "workers must be positive: 0", () -> ProcessPool.builder().workers(0)),
            workers.rejects(0, "workers", "workers must be positive: -2", () -> ProcessPool.builder().workers(-2)),
            jvmFlags.rejectsNull(0, "flags", () -> ProcessPool.builder().jvmFlags((String[]) null)),
            jvmFlags.rejectsNull(0, "flags[0]", () -> ProcessPool.builder().jvmFlags((String) null)),
            initializer.rejectsNull(0, "initializer", () -> ProcessPool.builder().initializer(null)),
            maxTasksPerWorker.rejects(0, "maxTasksPerWorker", "maxTasksPerWorker must be positive: 0",
                () -> ProcessPool.builder().maxTasksPerWorker(0)),
            maxTasksPerWorker.rejects(0, "maxTasksPerWorker", "maxTasksPerWorker must be positive: -1",
                () -> ProcessPool.builder().maxTasksPerWorker(-1)),
            taskTimeout.rejectsNull(0, "taskTimeout", () -> ProcessPool.builder().taskTimeout(null)),
            taskTimeout.rejects(0, "taskTimeout", "taskTimeout must be positive: PT0S",
                () -> ProcessPool.builder().taskTimeout(ZERO)),
            taskTimeout.rejects(0, "taskTimeout", "taskTimeout must be positive: PT-1S",
                () -> ProcessPool.builder().taskTimeout(NEGATIVE)),
            threadFactory.rejectsNull(0, "threadFactory", () -> ProcessPool.builder().threadFactory(null)),
            // Setting the flag starts nothing: only build() would, and the row does not build.
            prestart.acceptsAnyValue(0, "prestart", () -> ProcessPool.builder().prestart(true).prestart(false)),

            submitCallable.rejectsNull(0, "task",
                onIdlePool(pool -> pool.submit((SerializableCallable<Integer>) null))),
            submitPlainCallable.rejectsNull(0, "task", onIdlePool(pool -> pool.submit((Callable<Integer>) null))),
            submitRunnable.rejectsNull(0, "task", onIdlePool(pool -> pool.submit((SerializableRunnable) null))),
            submitPlainRunnable.rejectsNull(0, "task", onIdlePool(pool -> pool.submit((Runnable) null))),
            submitRunnableResult.rejectsNull(0, "task",
                onIdlePool(pool -> pool.submit((SerializableRunnable) null, 1))),
            // The result stays in this JVM and is handed back as it is, null included.
            submitRunnableResult.acceptsNull(1, "result", onPool(pool -> {
                SerializableRunnable nothing = () -> { };
                Future<Object> done = pool.submit(nothing, null);
                assertThat(done.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS)).isNull();
                assertCompletedNormally(done, null);
            })),
            submitPlainRunnableResult.rejectsNull(0, "task", onIdlePool(pool -> pool.submit((Runnable) null, 1))),
            submitPlainRunnableResult.acceptsNull(1, "result", onPool(pool -> {
                Runnable nothing = (Runnable & Serializable) () -> { };
                Future<Object> done = pool.submit(nothing, null);
                assertThat(done.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS)).isNull();
                assertCompletedNormally(done, null);
            })),
            execute.rejectsNull(0, "command", onIdlePool(pool -> pool.execute((SerializableRunnable) null))),
            executePlain.rejectsNull(0, "command", onIdlePool(pool -> pool.execute((Runnable) null))),
            map.rejectsNull(0, "fn", onIdlePool(pool -> pool.map(null, List.of(1), 1))),
            map.rejectsNull(1, "inputs", onIdlePool(pool -> pool.map(i -> i, null, 1))),
            map.rejects(2, "chunkSize", "chunkSize must be positive: 0",
                onIdlePool(pool -> pool.map(i -> i, List.of(1), 0))),
            map.rejects(2, "chunkSize", "chunkSize must be positive: -5",
                onIdlePool(pool -> pool.map(i -> i, List.of(1), -5))),
            invokeAll.rejectsNull(0, "tasks", onIdlePool(pool -> pool.invokeAll(null))),
            invokeAll.rejectsNull(0, "tasks[1]", onIdlePool(pool -> pool.invokeAll(withNull))),
            timedInvokeAll.rejectsNull(0, "tasks", onIdlePool(pool -> pool.invokeAll(null, 1, TimeUnit.SECONDS))),
            timedInvokeAll.rejectsNull(0, "tasks[1]",
                onIdlePool(pool -> pool.invokeAll(withNull, 1, TimeUnit.SECONDS))),
            // A timeout of zero or less does not wait (the JDK's convention): the task not done is cancelled.
            timedInvokeAll.acceptsAnyValue(1, "timeout", onPool(pool -> {
                List<Future<Integer>> done = pool.invokeAll(tasks, Long.MAX_VALUE, TimeUnit.DAYS);
                assertCompletedNormally(done.getFirst(), 1);
                List<Future<String>> abandoned = pool.invokeAll(List.of(sleepsLonger()), Long.MIN_VALUE,
                    TimeUnit.NANOSECONDS);
                assertCancelled(abandoned.getFirst());
            })),
            timedInvokeAll.rejectsNull(2, "unit", onIdlePool(pool -> pool.invokeAll(tasks, 1, null))),
            invokeAny.rejectsNull(0, "tasks", onIdlePool(pool -> pool.invokeAny(null))),
            invokeAny.rejects(0, "tasks", "tasks must not be empty",
                onIdlePool(pool -> pool.invokeAny(List.<SerializableCallable<Integer>>of()))),
            invokeAny.rejectsNull(0, "tasks[1]", onIdlePool(pool -> pool.invokeAny(withNull))),
            timedInvokeAny.rejectsNull(0, "tasks", onIdlePool(pool -> pool.invokeAny(null, 1, TimeUnit.SECONDS))),
            timedInvokeAny.rejects(0, "tasks", "tasks must not be empty", onIdlePool(pool ->
                pool.invokeAny(List.<SerializableCallable<Integer>>of(), 1, TimeUnit.SECONDS))),
            timedInvokeAny.rejectsNull(0, "tasks[1]",
                onIdlePool(pool -> pool.invokeAny(withNull, 1, TimeUnit.SECONDS))),
            // A timeout of zero or less does not wait (the JDK's convention): no task has succeeded yet.
            timedInvokeAny.acceptsAnyValue(1, "timeout", onPool(pool -> {
                assertThat(pool.invokeAny(tasks, Long.MAX_VALUE, TimeUnit.DAYS)).isEqualTo(1);
                assertThatThrownBy(() -> pool.invokeAny(List.of(sleepsLonger()), Long.MIN_VALUE,
                    TimeUnit.NANOSECONDS))
                    .isInstanceOf(TimeoutException.class)
                    .hasMessage("no task succeeded within PT0S");
            })),
            timedInvokeAny.rejectsNull(2, "unit", onIdlePool(pool -> pool.invokeAny(tasks, 1, null))),
            // A timeout of zero or less does not wait (the JDK's convention); a lazy pool that never started a
            // worker terminates as soon as it is shut down.
            awaitTermination.acceptsAnyValue(0, "timeout", onIdlePool(pool -> {
                assertThat(pool.awaitTermination(Long.MIN_VALUE, TimeUnit.NANOSECONDS)).as("running").isFalse();
                pool.shutdown();
                assertThat(pool.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS)).as("shut down").isTrue();
            })),
            awaitTermination.rejectsNull(1, "unit", onIdlePool(pool -> pool.awaitTermination(1, null))));
    }

    /** A task that outlives any row: only a row that does not wait for it ends in time. */
    private static SerializableCallable<String> sleepsLonger() {
        long millis = Delays.LONGER.toMillis(); // read here: the worker JVM does not get the delay factor
        return () -> {
            Thread.sleep(millis);
            return "too late";
        };
    }

    /**
     * A call made on a lazy one-worker pool of its own, closed after it; the call must start no worker (a refused
     * argument is refused before anything is queued).
     */
    private static ThrowingCallable onIdlePool(PoolCall call) {
        return () -> {
            try (ProcessPool pool = ProcessPool.builder().workers(1).prestart(false).build()) {
                try {
                    call.on(pool);
                } finally {
                    assertThat(pool.workersStarted()).as("workers started by the call").isZero();
                }
            }
        };
    }

    /** A call made on a one-worker pool of its own, which the call may start; closed (workers reaped) after it. */
    private static ThrowingCallable onPool(PoolCall call) {
        return () -> {
            try (ProcessPool pool = ProcessPool.create(1)) {
                call.on(pool);
            }
        };
    }

    /** A call made on a child JVM of its own that has already exited (and been reaped). */
    private static ThrowingCallable onEndedChild(RunningCall call) {
        return () -> {
            ChildJvm.Running running = ChildJvm.of(ChildMains.CountStdin.class).start();
            try {
                running.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception | Error e) {
                running.cancel(true); // destroys it: no child may outlive the row
                throw e;
            } finally {
                running.awaitEnd();
            }
            call.on(running);
        };
    }

    @FunctionalInterface
    private interface PoolCall {
        void on(ProcessPool pool) throws Exception;
    }

    @FunctionalInterface
    private interface RunningCall {
        void on(ChildJvm.Running running) throws Exception;
    }
}
