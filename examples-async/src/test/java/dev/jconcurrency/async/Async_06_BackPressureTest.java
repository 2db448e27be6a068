package dev.jconcurrency.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.async.Async_06_BackPressure.Cancelled;
import dev.jconcurrency.async.Async_06_BackPressure.Capped;
import dev.jconcurrency.async.Async_06_BackPressure.Config;
import dev.jconcurrency.async.Async_06_BackPressure.FanIn;
import dev.jconcurrency.async.Async_06_BackPressure.Hedged;
import dev.jconcurrency.async.Async_06_BackPressure.TimedOut;
import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.testing.TrackingThreadFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Caps, timeouts, cancellation and fan-in: what each does to the waiting caller and to the work. */
class Async_06_BackPressureTest {

    /** Work takes 3 units; timeouts and cancels come after 1; wide enough to tell "at once" from "at the end". */
    private static final Duration UNIT = Delays.SHORT.multipliedBy(2);

    private final TrackingThreadFactory virtual = TrackingThreadFactory.virtual();

    @AfterEach
    void everyThreadEnded() throws InterruptedException {
        virtual.assertAllTerminated();
    }

    @Test
    void aSemaphoreCapsTheTasksInFlightAtItsPermits() {
        Capped uncapped = Async_06_BackPressure.capped(20, 0, Delays.SHORT, virtual);
        Capped capped = Async_06_BackPressure.capped(20, 5, Delays.SHORT, virtual);

        assertThat(uncapped.maxInFlight()).as("without a cap, all 20 at once").isEqualTo(20);
        assertThat(capped.maxInFlight()).as("with 5 permits, never more than 5").isEqualTo(5);
        assertThat(capped.elapsed()).as("20 tasks, 5 at a time: at least 4 calls in a row")
            .isGreaterThanOrEqualTo(Delays.SHORT.multipliedBy(4));
    }

    @Test
    void orTimeoutAnswersAtTheBudgetButTheWorkRunsToItsEnd() throws Exception {
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(virtual)) {
            TimedOut t = Async_06_BackPressure.timeout("orTimeout", UNIT.multipliedBy(3), UNIT, executor);

            assertThat(t.answer()).isEqualTo("TimeoutException");
            assertThat(t.answeredNanos()).isGreaterThanOrEqualTo(UNIT.toNanos());
            assertThat(t.workInterrupted()).isFalse();
            assertThat(t.workFinished()).isTrue();
            assertThat(t.workEndedNanos()).isGreaterThanOrEqualTo(UNIT.multipliedBy(3).toNanos());
        }
    }

    @Test
    void completeOnTimeoutAnswersTheFallbackAtTheBudgetButTheWorkRunsToItsEnd() throws Exception {
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(virtual)) {
            TimedOut t = Async_06_BackPressure.timeout("completeOnTimeout", UNIT.multipliedBy(3), UNIT, executor);

            assertThat(t.answer()).isEqualTo("fallback");
            assertThat(t.answeredNanos()).isGreaterThanOrEqualTo(UNIT.toNanos());
            assertThat(t.workInterrupted()).isFalse();
            assertThat(t.workFinished()).isTrue();
        }
    }

    @Test
    void getWithTimeoutThenCancelStopsASleepingTask() throws Exception {
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(virtual)) {
            TimedOut t = Async_06_BackPressure.timeout("get(timeout) + cancel(true)", UNIT.multipliedBy(3), UNIT,
                executor);

            assertThat(t.answer()).isEqualTo("TimeoutException");
            assertThat(t.answeredNanos()).isGreaterThanOrEqualTo(UNIT.toNanos());
            assertThat(t.workInterrupted()).isTrue();
            assertThat(t.workFinished()).isFalse();
        }
    }

    @Test
    void cancelTrueOnACompletableFutureInterruptsNothing() throws Exception {
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(virtual)) {
            Cancelled c = Async_06_BackPressure.cancellation("CompletableFuture, sleeping task",
                UNIT.multipliedBy(3), UNIT, executor);

            assertThat(c.cancelled()).as("cancel(true) returned").isTrue();
            assertThat(c.workInterrupted()).isFalse();
            assertThat(c.workFinished()).isTrue();
            assertThat(c.workEndedNanos()).isGreaterThanOrEqualTo(UNIT.multipliedBy(3).toNanos());
        }
    }

    @Test
    void cancelTrueOnAFutureTaskInterruptsASleepingTask() throws Exception {
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(virtual)) {
            Cancelled c = Async_06_BackPressure.cancellation("FutureTask, sleeping task",
                UNIT.multipliedBy(3), UNIT, executor);

            assertThat(c.cancelled()).isTrue();
            assertThat(c.workInterrupted()).isTrue();
            assertThat(c.workFinished()).isFalse();
            assertThat(c.workEndedNanos()).isGreaterThanOrEqualTo(UNIT.toNanos());
        }
    }

    @Test
    void cancelTrueCannotStopATaskThatNeverChecksTheInterruptFlag() throws Exception {
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(virtual)) {
            Cancelled c = Async_06_BackPressure.cancellation("FutureTask, spinning task",
                UNIT.multipliedBy(3), UNIT, executor);

            assertThat(c.cancelled()).isTrue();
            assertThat(c.workInterrupted()).isFalse();
            assertThat(c.workFinished()).isTrue();
            assertThat(c.workEndedNanos()).isGreaterThanOrEqualTo(UNIT.multipliedBy(3).toNanos());
        }
    }

    @Test
    void allOfCombinesEveryResultInOrder() throws Exception {
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(virtual)) {
            FanIn f = Async_06_BackPressure.fanIn("allOf, all succeed", 3, UNIT, executor);

            assertThat(f.answer()).isEqualTo("[done, done, done]");
            assertThat(f.finished()).isEqualTo(3);
            assertThat(f.interrupted()).isZero();
        }
    }

    /** allOf fails only when the last sibling is done, and nobody stops the siblings. */
    @Test
    void allOfWithAnEarlyFailureStillWaitsForTheSlowestSibling() throws Exception {
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(virtual)) {
            FanIn f = Async_06_BackPressure.fanIn("allOf, one fails", 3, UNIT, executor);

            assertThat(f.answer()).isEqualTo("TaskFailed");
            assertThat(f.answeredNanos()).isGreaterThanOrEqualTo(UNIT.multipliedBy(4).toNanos());
            assertThat(f.interrupted()).isZero();
            assertThat(f.finished()).isEqualTo(3);
        }
    }

    @Test
    void theFirstFailureFailsTheFanInAtOnceAndInterruptsTheRest() throws Exception {
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(virtual)) {
            FanIn f = Async_06_BackPressure.fanIn("first failure cancels the rest", 4, UNIT, executor);

            assertThat(f.answer()).isEqualTo("TaskFailed");
            assertThat(f.interrupted()).as("the three siblings were interrupted").isEqualTo(3);
            assertThat(f.finished()).as("only the failing task's work ran to its end").isEqualTo(1);
            assertThat(f.answeredNanos()).isGreaterThanOrEqualTo(UNIT.toNanos());
        }
    }

    @Test
    void allOrFirstFailureReturnsEveryValueInTaskOrderWhenAllSucceed() throws Exception {
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(virtual)) {
            List<Callable<Integer>> tasks = List.of(() -> 1, () -> 2, () -> 3);
            assertThat(Async_06_BackPressure.allOrFirstFailure(tasks, executor)
                .get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS)).containsExactly(1, 2, 3);
        }
    }

    @Test
    void anyOfAnswersWithTheFastestReplicaAndTheOthersNeverFire() throws Exception {
        TrackingThreadFactory timerThreads = TrackingThreadFactory.platform("timer");
        try (ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(timerThreads)) {
            Hedged h = Async_06_BackPressure.hedged(UNIT, timer);

            assertThat(h.winner()).isEqualTo("replica-2");
            assertThat(h.answeredNanos()).isGreaterThanOrEqualTo(UNIT.toNanos());
            assertThat(h.replicasAnswered()).as("the losers' timers were cancelled before they fired").isEqualTo(1);
        }
        timerThreads.assertAllTerminated();
    }

    @Test
    void badConfigValuesAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> new Config(1, 1, UNIT))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("tasks must be at least 2: 1");
        assertThatThrownBy(() -> new Config(2, 0, UNIT))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("permits must be positive: 0");
        assertThatThrownBy(() -> new Config(2, 1, Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("unit must be positive: PT0S");
    }
}
