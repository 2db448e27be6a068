package dev.jconcurrency.core.process;

import static dev.jconcurrency.core.testing.FutureAssertions.assertCancelled;
import static dev.jconcurrency.core.testing.FutureAssertions.assertCompletedExceptionally;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.jconcurrency.core.testing.Delays;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every failure the issue lists, injected for real: exceptions, unserializable tasks and results, workers killed
 * from outside, hangs past a timeout, cancellation, tasks that kill their JVM, initializers that throw, bad JVM
 * flags, limits. Python's pools are the bar: one dead worker must not break other futures or hang any.
 */
class ProcessPoolFailureTest {

    /** TESTING.md R10: a killed worker's task fails within 1 s of the kill. */
    private static final Duration ONE_SECOND = Delays.MEDIUM.multipliedBy(2);

    @TempDir
    Path dir;

    static long pid() {
        return ProcessHandle.current().pid();
    }

    static int failWith(String message) {
        throw new IllegalStateException(message);
    }

    /** An exception that cannot be serialized: it holds a thread. */
    static final class HoldsAThread extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings({"serial", "unused"})
        private final Thread thread = Thread.currentThread();

        HoldsAThread(String message) {
            super(message);
        }
    }

    static int failWithUnserializable(String message) {
        throw new HoldsAThread(message);
    }

    private static <T> T resultOf(Future<T> future) throws Exception {
        return future.get(Delays.LONGER.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Throwable failureOf(Future<?> future) {
        Throwable thrown = catchThrowable(() -> future.get(Delays.LONGER.toMillis(), TimeUnit.MILLISECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        return thrown.getCause();
    }

    @Test
    void aTaskThatThrowsFailsItsFutureWithTheRemoteExceptionsClassMessageAndStackTrace() throws Exception {
        try (ProcessPool pool = ProcessPool.create(1)) {
            Future<Integer> future = pool.submit(() -> failWith("bad input 42"));

            Throwable cause = failureOf(future);

            assertThat(assertCompletedExceptionally(future, IllegalStateException.class)).isSameAs(cause);
            assertThat(cause).hasMessage("bad input 42");
            assertThat(cause.getStackTrace()).anySatisfy(frame -> {
                assertThat(frame.getClassName()).isEqualTo(ProcessPoolFailureTest.class.getName());
                assertThat(frame.getMethodName()).isEqualTo("failWith");
            });
            assertThat(cause.getStackTrace()).anySatisfy(
                frame -> assertThat(frame.getClassName()).isEqualTo(WorkerMain.class.getName()));
        }
    }

    @Test
    void anExceptionThatCannotBeSerializedArrivesAsARemoteTaskExceptionWithItsClassMessageAndStack() {
        try (ProcessPool pool = ProcessPool.create(1)) {
            Throwable cause = failureOf(pool.submit(() -> failWithUnserializable("holds a thread")));

            assertThat(cause).isInstanceOf(RemoteTaskException.class)
                .hasMessageStartingWith(HoldsAThread.class.getName() + ": holds a thread");
            assertThat(((RemoteTaskException) cause).remoteClassName()).isEqualTo(HoldsAThread.class.getName());
            assertThat(cause.getStackTrace())
                .anySatisfy(frame -> assertThat(frame.getMethodName()).isEqualTo("failWithUnserializable"));
        }
    }

    @Test
    void aTaskCapturingSomethingUnserializableIsRefusedAtSubmitNamingTheClassAndTheFix() {
        try (ProcessPool pool = ProcessPool.create(1)) {
            Object notSerializable = new Object();

            assertThatThrownBy(() -> pool.submit(() -> notSerializable.hashCode()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("captures or holds a java.lang.Object, which is not Serializable")
                .hasMessageContaining("(Callable<T> & Serializable)")
                .hasMessageContaining(ProcessPoolFailureTest.class.getName());
            assertThat(pool.workersStarted()).isZero();
        }
    }

    @Test
    void aLambdaHeldAsAPlainCallableIsRefusedAtSubmitSayingHowToMakeItSerializable() {
        try (ProcessPool pool = ProcessPool.create(1)) {
            Callable<Integer> plain = () -> 1;

            assertThatThrownBy(() -> pool.submit(plain)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a lambda written in " + ProcessPoolFailureTest.class.getName())
                .hasMessageContaining("is not Serializable")
                .hasMessageContaining("(Callable<T> & Serializable) () -> ...");
            assertThatThrownBy(() -> pool.execute((Runnable) () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SerializableRunnable");
        }
    }

    @Test
    void aResultThatCannotBeSerializedFailsThatFutureNamingTheClassAndTheWorkerSurvives() throws Exception {
        try (ProcessPool pool = ProcessPool.create(1)) {
            long worker = resultOf(pool.submit(ProcessPoolFailureTest::pid));

            Throwable cause = failureOf(pool.submit(() -> new Object()));

            assertThat(cause).isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("the task's result (java.lang.Object) cannot be serialized");
            assertThat(resultOf(pool.submit(ProcessPoolFailureTest::pid))).isEqualTo(worker);
            assertThat(pool.workersStarted()).isEqualTo(1);
        }
    }

    @Test
    void aWorkerKilledMidTaskFailsExactlyThatFutureNamingPidExitCodeAndStderrAndIsReplaced() throws Exception {
        String started = dir.resolve("started").toString();
        try (ProcessPool pool = ProcessPool.builder().workers(2).prestart(true).build()) {
            Future<Object> victim = pool.submit(() -> {
                System.err.println("victim task started");
                Markers.announcePid(started);
                Thread.sleep(Delays.LONGER.toMillis());
                return null;
            });
            long victimPid = Markers.awaitPid(Path.of(started));
            Future<Integer> bystander = pool.submit(() -> {
                Thread.sleep(Delays.SMALL.toMillis());
                return 7;
            });

            ProcessHandle.of(victimPid).orElseThrow().destroyForcibly();
            long killed = System.nanoTime();
            Throwable cause = failureOf(victim);
            Duration reported = Duration.ofNanos(System.nanoTime() - killed);

            assertThat(reported).isLessThan(ONE_SECOND);
            assertThat(cause).isInstanceOf(ChildJvmException.class)
                .hasMessageContaining("worker pid " + victimPid + " died while running this task")
                .hasMessageContaining("exit code 137 (killed by SIGKILL)")
                .hasMessageContaining("victim task started");
            ChildJvmException died = (ChildJvmException) cause;
            assertThat(died.pid()).isEqualTo(victimPid);
            assertThat(died.exitCode()).isEqualTo(137);
            assertThat(died.stderrTail()).isEqualTo("victim task started");
            assertThat(resultOf(bystander)).isEqualTo(7);
            assertThat(resultOf(pool.submit(() -> 6 * 7))).isEqualTo(42);
            // R10: back to its configured size within 5 s, and never above it.
            await().atMost(Delays.LONG.dividedBy(2)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(pool.workerPids()).hasSize(2).doesNotContain(victimPid));
            await().during(Delays.MEDIUM).atMost(Delays.LONG).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(pool.workerPids()).hasSize(2));
            assertThat(pool.workersStarted()).isEqualTo(3);
        }
    }

    @Test
    void aTaskPastTheTaskTimeoutFailsWithTimeoutExceptionAndItsWorkerIsKilledAndReplaced() throws Exception {
        String started = dir.resolve("started").toString();
        // Long enough for a cold worker's first task (deserialization included) even on a loaded machine.
        Duration timeout = Delays.MEDIUM;
        try (ProcessPool pool = ProcessPool.builder().workers(1).taskTimeout(timeout).build()) {
            assertThat(resultOf(pool.submit(() -> "quick tasks are unaffected"))).isEqualTo("quick tasks are unaffected");
            long submitted = System.nanoTime();
            Future<Object> hanging = pool.submit(() -> {
                Markers.announcePid(started);
                Thread.sleep(Delays.LONGER.toMillis());
                return null;
            });

            Throwable cause = failureOf(hanging);
            Duration failedAfter = Duration.ofNanos(System.nanoTime() - submitted);
            long hungPid = Markers.awaitPid(Path.of(started));

            assertThat(cause).isInstanceOf(TimeoutException.class)
                .hasMessageContaining("did not finish within " + timeout + " in worker pid " + hungPid)
                .hasMessageContaining("destroyed");
            assertThat(failedAfter).isGreaterThanOrEqualTo(timeout).isLessThan(timeout.plusSeconds(3));
            assertThat(Markers.isAlive(hungPid)).isFalse();
            assertThat(resultOf(pool.submit(ProcessPoolFailureTest::pid))).isNotEqualTo(hungPid);
        }
    }

    static Object hangWithAHangingShutdownHook(String started) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the JVM is going down anyway
            }
        }));
        Markers.announcePid(started);
        Thread.sleep(Long.MAX_VALUE);
        return null;
    }

    /** SIGTERM starts a JVM's shutdown hooks; a hook that never ends is why SIGKILL follows after the grace. */
    @Test
    @Tag("slow") // the 2 s grace is part of what it shows
    void aTimedOutWorkerThatSurvivesSigtermIsKilledAfterTheGraceAndIsDeadByTheTimeoutPlusThreeSeconds()
        throws Exception {
        String started = dir.resolve("started").toString();
        Duration timeout = Delays.MEDIUM;
        try (ProcessPool pool = ProcessPool.builder().workers(1).taskTimeout(timeout).build()) {
            long submitted = System.nanoTime();
            Future<Object> hanging = pool.submit(() -> hangWithAHangingShutdownHook(started));

            Throwable cause = failureOf(hanging);
            Duration failedAfter = Duration.ofNanos(System.nanoTime() - submitted);

            assertThat(cause).isInstanceOf(TimeoutException.class)
                .hasMessageContaining("exit code 137 (killed by SIGKILL)");
            assertThat(failedAfter).isGreaterThanOrEqualTo(timeout.plus(Processes.GRACE))
                .isLessThan(timeout.plusSeconds(3));
            assertThat(Markers.isAlive(Markers.awaitPid(Path.of(started)))).isFalse();
        }
    }

    @Test
    void cancelWithInterruptOnARunningTaskKillsItsWorkerWhichIsReplaced() throws Exception {
        String started = dir.resolve("started").toString();
        try (ProcessPool pool = ProcessPool.create(1)) {
            Future<Object> running = pool.submit(() -> {
                Markers.announcePid(started);
                Thread.sleep(Delays.LONGER.toMillis());
                return null;
            });
            long worker = Markers.awaitPid(Path.of(started));

            assertThat(running.cancel(true)).isTrue();

            assertCancelled(running);
            Markers.awaitDead(worker);
            assertThat(resultOf(pool.submit(ProcessPoolFailureTest::pid))).isNotEqualTo(worker);
            assertThat(pool.workersStarted()).isEqualTo(2);
        }
    }

    @Test
    void aCancelledTaskStillQueuedInTheParentNeverRuns() throws Exception {
        assertACancelledQueuedTaskNeverRuns(false);
    }

    /** With many small tasks the pool sends tasks ahead into a worker's pipe; cancelling one there still works. */
    @Test
    void aCancelledTaskAlreadySentIntoTheWorkersPipeIsSkippedThereAndNeverRuns() throws Exception {
        assertACancelledQueuedTaskNeverRuns(true);
    }

    private void assertACancelledQueuedTaskNeverRuns(boolean pipelined) throws Exception {
        String started = dir.resolve("started").toString();
        String release = dir.resolve("release").toString();
        String ran = dir.resolve("ran").toString();
        try (ProcessPool pool = ProcessPool.create(1)) {
            if (pipelined) {
                // Tiny tasks teach the pool that this worker is fast, so it keeps many tasks in its pipe.
                List<SerializableCallable<Integer>> tiny = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    tiny.add(() -> 1);
                }
                pool.invokeAll(tiny);
            }
            Future<Boolean> blocker = pool.submit(() -> {
                Markers.announcePid(started);
                return Markers.awaitFile(release);
            });
            Markers.awaitPid(Path.of(started));
            Future<?> queued = pool.submit(() -> Markers.appendLine(ran, "the cancelled task ran"));
            if (pipelined) {
                await().atMost(Delays.LONG).until(() -> ((PoolTask<?>) queued).state == PoolTask.DISPATCHED);
            }

            assertThat(queued.cancel(false)).isTrue();
            if (pipelined) {
                // The worker learns of the cancellation through its stdin: release the blocker only once it is
                // on its way, or the worker may take the next task before it reads that it must skip it.
                await().atMost(Delays.LONG).until(() -> pool.cancellationsSent() == 1);
            }
            Markers.release(Path.of(release));

            assertThat(resultOf(blocker)).isTrue();
            assertThat(resultOf(pool.submit(() -> "after"))).isEqualTo("after");
            assertCancelled(queued);
            assertThat(Markers.lineCount(Path.of(ran))).isZero();
            assertThat(pool.workersStarted()).isEqualTo(1);
        }
    }

    @Test
    void aTaskThatKillsItsJvmFailsOnceAndIsNeverRetried() throws Exception {
        String ran = dir.resolve("ran").toString();
        try (ProcessPool pool = ProcessPool.create(1)) {
            Future<Object> suicidal = pool.submit(() -> {
                Markers.appendLine(ran, "ran");
                System.err.println("exiting with 9");
                Runtime.getRuntime().halt(9);
                return null;
            });

            Throwable cause = failureOf(suicidal);

            assertThat(cause).isInstanceOf(ChildJvmException.class).hasMessageContaining("exit code 9")
                .hasMessageContaining("exiting with 9");
            assertThat(resultOf(pool.submit(() -> "the pool goes on"))).isEqualTo("the pool goes on");
            assertThat(Markers.lineCount(Path.of(ran))).isEqualTo(1);
            assertThat(pool.workersStarted()).isEqualTo(2);
        }
    }

    @Test
    void anInitializerThatThrowsBreaksThePoolFastWithThatExceptionAndStopsRespawning() throws Exception {
        ProcessPool pool = ProcessPool.builder().workers(2).prestart(true)
            .initializer(() -> failWith("no configuration")).build();
        try {
            Future<Integer> task = pool.submit(() -> 1);

            Throwable cause = failureOf(task);

            assertThat(cause).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the pool's initializer threw in worker pid")
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("no configuration");
            assertThatThrownBy(() -> pool.submit(() -> 2)).isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("broken").cause().hasMessage("no configuration");
            assertThat(pool.awaitTermination(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(pool.workersStarted()).isEqualTo(2);
        } finally {
            pool.close();
        }
    }

    @Test
    void workersThatCannotStartBreakThePoolAfterABoundedNumberOfAttempts() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().workers(1).jvmFlags("-XX:+NoSuchFlagAnywhere").build()) {
            Throwable cause = failureOf(pool.submit(() -> 1));

            assertThat(cause).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ProcessPool.MAX_CONSECUTIVE_START_FAILURES
                    + " worker JVMs in a row died before they were ready")
                .hasMessageContaining("exit code 1").hasMessageContaining("NoSuchFlagAnywhere");
            assertThat(pool.awaitTermination(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(pool.workersStarted()).isEqualTo(ProcessPool.MAX_CONSECUTIVE_START_FAILURES);
        }
    }

    @Test
    void aBacklogLargerThanWorkersTimesTheTaskLimitCompletesOnReplacementWorkers() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().workers(2).maxTasksPerWorker(2).build()) {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                futures.add(pool.submit(ProcessPoolFailureTest::pid));
            }
            List<Long> pids = new ArrayList<>();
            for (Future<Long> future : futures) {
                pids.add(resultOf(future));
                assertThat(pool.workerPids()).hasSizeLessThanOrEqualTo(2);
            }

            assertThat(pids.stream().distinct().count()).isGreaterThanOrEqualTo(6);
            assertThat(pids.stream().collect(java.util.stream.Collectors.groupingBy(p -> p,
                java.util.stream.Collectors.counting())).values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
            assertThat(pool.workersStarted()).isGreaterThanOrEqualTo(6);
        }
    }

    @Test
    void aTaskThatRunsOutOfMemoryFailsWithOutOfMemoryErrorAndItsWorkerIsReplaced() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().workers(1).jvmFlags("-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xmx32m").build()) {
            long worker = resultOf(pool.submit(ProcessPoolFailureTest::pid));

            Throwable cause = failureOf(pool.submit(() -> new long[64 << 20].length));

            assertThat(cause).isInstanceOf(OutOfMemoryError.class);
            Markers.awaitDead(worker);
            assertThat(resultOf(pool.submit(ProcessPoolFailureTest::pid))).isNotEqualTo(worker);
        }
    }

    // ------------------------------------------------------------------------------ deserialization limits

    private static final String SMALL_LIMITS = "maxdepth=20;maxarray=1000;maxrefs=100000;maxbytes=100000";

    static Object nested(int depth) {
        Object value = "bottom";
        for (int i = 0; i < depth; i++) {
            value = new ArrayList<>(List.of(value));
        }
        return value;
    }

    @Test
    void theParentRejectsAResultDeeperThanTheDepthLimit() {
        try (ProcessPool pool = ProcessPool.builder().workers(1).limits(SMALL_LIMITS).build()) {
            assertThat(failureOf(pool.submit(() -> nested(30)))).isInstanceOf(InvalidClassException.class)
                .hasMessageContaining("exceeds maxdepth=20");
        }
    }

    @Test
    void theWorkerRejectsATaskDeeperThanTheDepthLimitAndSurvives() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().workers(1).limits(SMALL_LIMITS).build()) {
            Object deep = nested(30);

            assertThat(failureOf(pool.submit(() -> deep.hashCode()))).isInstanceOf(InvalidClassException.class)
                .hasMessageContaining("exceeds maxdepth=20");
            assertThat(resultOf(pool.submit(() -> "alive"))).isEqualTo("alive");
            assertThat(pool.workersStarted()).isEqualTo(1);
        }
    }

    @Test
    void arraysLongerThanTheLimitAreRejectedInBothDirections() {
        try (ProcessPool pool = ProcessPool.builder().workers(1).limits(SMALL_LIMITS).build()) {
            int[] longArray = new int[2000];

            assertThat(failureOf(pool.submit(() -> new int[2000]))).isInstanceOf(InvalidClassException.class)
                .hasMessageContaining("array length 2000 exceeds maxarray=1000");
            assertThat(failureOf(pool.submit(() -> longArray.length))).isInstanceOf(InvalidClassException.class)
                .hasMessageContaining("array length 2000 exceeds maxarray=1000");
        }
    }

    @Test
    void streamsLargerThanTheByteLimitAreRejectedAndTasksTooLargeAreRefusedAtSubmit() {
        try (ProcessPool pool = ProcessPool.builder().workers(1).limits(SMALL_LIMITS).build()) {
            String big = "x".repeat(60_000);

            assertThat(failureOf(pool.submit(() -> big.repeat(2)))).isInstanceOf(InvalidClassException.class)
                .hasMessageContaining("maxbytes=100000");
            String bigger = big.repeat(2);
            assertThatThrownBy(() -> pool.submit(() -> bigger.length()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than the pool's maxbytes");
        }
    }

    @Test
    void aJvmWideSerialFilterStillAppliesOnTopOfTheLimits() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().workers(1)
            .jvmFlags("-XX:+UseSerialGC", "-Djdk.serialFilter=!java.util.LinkedList").build()) {
            java.util.LinkedList<Integer> refused = new java.util.LinkedList<>(List.of(1, 2));

            assertThat(failureOf(pool.submit(() -> refused.size()))).isInstanceOf(InvalidClassException.class)
                .hasMessageContaining("REJECTED");
            assertThat(resultOf(pool.submit(() -> new ArrayList<>(List.of(1, 2)).size()))).isEqualTo(2);
        }
    }
}
