package dev.jconcurrency.futures;

import static dev.jconcurrency.core.testing.FutureAssertions.assertCancelled;
import static dev.jconcurrency.core.testing.FutureAssertions.assertCompletedNormally;
import static dev.jconcurrency.core.testing.FutureAssertions.assertIncomplete;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.testing.Waits;
import dev.jconcurrency.futures.Futures_05_CancellationAndTimeouts.CancelOutcome;
import dev.jconcurrency.futures.Futures_05_CancellationAndTimeouts.Ending;
import dev.jconcurrency.futures.Futures_05_CancellationAndTimeouts.Shutdown;
import dev.jconcurrency.futures.Futures_05_CancellationAndTimeouts.ShutdownOutcome;
import dev.jconcurrency.futures.Futures_05_CancellationAndTimeouts.TimeoutOutcome;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class Futures_05_CancellationAndTimeoutsTest {

    @Test
    void cancelTrueInterruptsARunningTask() throws Exception {
        CancelOutcome outcome = Futures_05_CancellationAndTimeouts.cancelRunning(true);

        assertThat(outcome.cancelReturned()).isTrue();
        assertThat(outcome.taskEnding()).isEqualTo(Ending.INTERRUPTED);
        assertCancelled(outcome.future());
    }

    /** The future is cancelled at once, yet the task it stood for runs on to its end. */
    @Test
    void cancelFalseDoesNotInterruptARunningTaskWhichRunsToItsEnd() throws Exception {
        CancelOutcome outcome = Futures_05_CancellationAndTimeouts.cancelRunning(false);

        assertThat(outcome.cancelReturned()).isTrue();
        assertThat(outcome.doneWhileTaskStillRan()).isTrue();
        assertThat(outcome.taskEnding()).isEqualTo(Ending.FINISHED);
        assertCancelled(outcome.future());
    }

    @Test
    void aTimedGetThatExpiresLeavesTheTaskRunningUntilItIsCancelled() throws Exception {
        TimeoutOutcome outcome = Futures_05_CancellationAndTimeouts.timedGet(Delays.SHORT);

        assertThat(outcome.waited()).isGreaterThanOrEqualTo(Delays.SHORT).isLessThan(Delays.LONG);
        assertThat(outcome.stateAfterTimeout()).isEqualTo(Future.State.RUNNING);
        assertThat(outcome.taskRunningAfterTimeout()).isTrue();
        assertThat(outcome.taskEnding()).isEqualTo(Ending.INTERRUPTED);
        assertCancelled(outcome.future());
    }

    @Test
    void shutdownReturnsAtOnceRefusesNewTasksAndLetsRunningAndQueuedTasksFinish() throws Exception {
        ShutdownOutcome outcome = Futures_05_CancellationAndTimeouts.end(Shutdown.SHUTDOWN);

        assertThat(outcome.callerReturnedWhileTaskHeld()).isTrue();
        assertThat(outcome.newTaskRejected()).isTrue();
        assertThat(outcome.running()).isEqualTo(Ending.FINISHED);
        assertThat(outcome.queued()).containsExactly(Ending.FINISHED, Ending.FINISHED);
        assertThat(outcome.handedBack()).isZero();
        assertCompletedNormally(outcome.queuedFutures().get(0), "queued 1");
        assertCompletedNormally(outcome.queuedFutures().get(1), "queued 2");
    }

    @Test
    void shutdownNowInterruptsTheRunningTaskAndHandsBackTheQueuedOnesUnrun() throws Exception {
        ShutdownOutcome outcome = Futures_05_CancellationAndTimeouts.end(Shutdown.SHUTDOWN_NOW);

        assertThat(outcome.newTaskRejected()).isTrue();
        assertThat(outcome.running()).isEqualTo(Ending.INTERRUPTED);
        assertThat(outcome.queued()).containsExactly(Ending.NEVER_STARTED, Ending.NEVER_STARTED);
        assertThat(outcome.handedBack()).isEqualTo(2);
        // The lesson cancels the handed-back tasks, so nobody waits on their futures for ever.
        assertCancelled(outcome.queuedFutures().get(0));
        assertCancelled(outcome.queuedFutures().get(1));
    }

    @Test
    void closeWaitsUntilTheRunningAndQueuedTasksHaveFinished() throws Exception {
        ShutdownOutcome outcome = Futures_05_CancellationAndTimeouts.end(Shutdown.CLOSE);

        assertThat(outcome.callerReturnedWhileTaskHeld()).isFalse();
        assertThat(outcome.newTaskRejected()).isTrue();
        assertThat(outcome.running()).isEqualTo(Ending.FINISHED);
        assertThat(outcome.queued()).containsExactly(Ending.FINISHED, Ending.FINISHED);
        assertThat(outcome.callerInterruptedAfter()).isFalse();
        assertCompletedNormally(outcome.queuedFutures().get(0), "queued 1");
        assertCompletedNormally(outcome.queuedFutures().get(1), "queued 2");
    }

    /** The pitfall: the queued tasks' futures are left incomplete for ever, and the caller's flag is set again. */
    @Test
    void closeInterruptedWhileWaitingBecomesShutdownNowAndLosesTheQueuedTasks() throws Exception {
        ShutdownOutcome outcome = Futures_05_CancellationAndTimeouts.end(Shutdown.CLOSE_INTERRUPTED);

        assertThat(outcome.running()).isEqualTo(Ending.INTERRUPTED);
        assertThat(outcome.queued()).containsExactly(Ending.NEVER_STARTED, Ending.NEVER_STARTED);
        assertThat(outcome.handedBack()).isZero();
        assertThat(outcome.newTaskRejected()).isTrue();
        assertThat(outcome.callerInterruptedAfter()).isTrue();
        assertIncomplete(outcome.queuedFutures().get(0));
        assertIncomplete(outcome.queuedFutures().get(1));
    }

    @Test
    void shuttingDownTwiceIsHarmlessAndASecondShutdownNowHandsBackNothing() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            pool.submit(() -> {
                started.countDown();
                never.await(); // interrupted by shutdownNow: the InterruptedException ends the task
                return "held";
            });
            pool.submit(() -> "queued");
            Waits.await(started);
            pool.shutdown();
            pool.shutdown();
            assertThat(pool.shutdownNow()).hasSize(1);
            assertThat(pool.shutdownNow()).isEmpty();
            assertThat(pool.awaitTermination(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            pool.close();
            pool.close();
            assertThat(pool.isTerminated()).isTrue();
        } finally {
            never.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertThatThrownBy(() -> Futures_05_CancellationAndTimeouts.run(null))
            .isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> Futures_05_CancellationAndTimeouts.run(Duration.ofMillis(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must not be negative: PT-0.001S");
        assertThatThrownBy(() -> Futures_05_CancellationAndTimeouts.end(null))
            .isInstanceOf(NullPointerException.class).hasMessage("how");
    }

    @Test
    void runCoversEveryScenarioInOrder() throws Exception {
        Futures_05_CancellationAndTimeouts.Result result = Futures_05_CancellationAndTimeouts.run(Delays.SHORT);

        assertThat(result.cancelTrue().taskEnding()).isEqualTo(Ending.INTERRUPTED);
        assertThat(result.cancelFalse().taskEnding()).isEqualTo(Ending.FINISHED);
        assertThat(result.timedGet().taskRunningAfterTimeout()).isTrue();
        assertThat(result.shutdowns()).extracting(ShutdownOutcome::how).containsExactly(Shutdown.values());
        assertThat(result.shutdowns()).extracting(ShutdownOutcome::running).containsExactlyElementsOf(List.of(
            Ending.FINISHED, Ending.INTERRUPTED, Ending.FINISHED, Ending.INTERRUPTED));
    }
}
