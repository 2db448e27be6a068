package dev.jconcurrency.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.async.Async_02_AsyncAwait.Call;
import dev.jconcurrency.async.Async_02_AsyncAwait.Config;
import dev.jconcurrency.async.Async_02_AsyncAwait.Dashboard;
import dev.jconcurrency.async.Async_02_AsyncAwait.Latencies;
import dev.jconcurrency.async.Async_02_AsyncAwait.Outcome;
import dev.jconcurrency.async.Async_02_AsyncAwait.Result;
import dev.jconcurrency.async.Async_02_AsyncAwait.Step;
import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.testing.TrackingThreadFactory;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The same three-step flow as a CompletableFuture chain and as blocking code: same answers, same shape. */
class Async_02_AsyncAwaitTest {

    /** user, then orders (the longer) and recommendations at once. */
    private static final Latencies LATENCIES =
        new Latencies(Delays.SHORT, Delays.SHORT.multipliedBy(2), Delays.SHORT);

    private static final Dashboard FULL = new Dashboard("user-7",
        List.of("user-7/order-1", "user-7/order-2"), List.of("user-7/rec-1"));

    private final TrackingThreadFactory timer = TrackingThreadFactory.platform("timer");
    private final TrackingThreadFactory virtual = TrackingThreadFactory.virtual();

    @AfterEach
    void everyThreadEnded() throws InterruptedException {
        timer.assertAllTerminated();
        virtual.assertAllTerminated();
    }

    private static Call call(Outcome outcome, Step step) {
        return outcome.calls().stream().filter(c -> c.step() == step).findFirst().orElseThrow();
    }

    private static void assertMiddleCallsOverlappedAfterTheUser(Outcome outcome) {
        Call user = call(outcome, Step.USER);
        Call orders = call(outcome, Step.ORDERS);
        Call recommendations = call(outcome, Step.RECOMMENDATIONS);
        assertThat(orders.startNanos()).as("orders waits for the user").isGreaterThanOrEqualTo(user.endNanos());
        assertThat(recommendations.startNanos()).as("recommendations waits for the user")
            .isGreaterThanOrEqualTo(user.endNanos());
        assertThat(orders.startNanos()).as("orders and recommendations overlap")
            .isLessThan(recommendations.endNanos());
        assertThat(recommendations.startNanos()).as("orders and recommendations overlap")
            .isLessThan(orders.endNanos());
    }

    @Test
    void bothStylesBuildTheSameDashboardWithTheMiddleCallsAtOnce() throws Exception {
        Result result = Async_02_AsyncAwait.run(new Config(7, LATENCIES, null, Delays.LONG), timer, virtual);

        for (Outcome outcome : List.of(result.futures(), result.virtual())) {
            assertThat(outcome.dashboard()).isEqualTo(FULL);
            assertThat(outcome.failure()).isNull();
            assertThat(outcome.calls()).extracting(Call::step)
                .containsExactlyInAnyOrder(Step.USER, Step.ORDERS, Step.RECOMMENDATIONS);
            assertMiddleCallsOverlappedAfterTheUser(outcome);
            assertThat(outcome.elapsed()).as("at least the critical path").isGreaterThanOrEqualTo(
                LATENCIES.criticalPath());
        }
        assertThat(timer.count()).as("the futures used one timer thread").isEqualTo(1);
        assertThat(virtual.count()).as("the blocking flow and its one fork").isEqualTo(2);
    }

    @Test
    void failedRecommendationsDegradeTheDashboardTheSameWayInBothStyles() throws Exception {
        Result result = Async_02_AsyncAwait.run(
            new Config(7, LATENCIES, Step.RECOMMENDATIONS, Delays.LONG), timer, virtual);

        Dashboard degraded = new Dashboard("user-7", FULL.orders(), List.of());
        assertThat(result.futures().dashboard()).isEqualTo(degraded);
        assertThat(result.virtual().dashboard()).isEqualTo(degraded);
    }

    @Test
    void failedOrdersFailBothStylesWithTheServiceException() throws Exception {
        Result result = Async_02_AsyncAwait.run(new Config(7, LATENCIES, Step.ORDERS, Delays.LONG), timer, virtual);

        for (Outcome outcome : List.of(result.futures(), result.virtual())) {
            assertThat(outcome.dashboard()).isNull();
            assertThat(outcome.failure()).isEqualTo("ServiceException");
        }
    }

    @Test
    void aFailedUserLookupStopsBothFlowsBeforeTheMiddleCalls() throws Exception {
        Result result = Async_02_AsyncAwait.run(new Config(7, LATENCIES, Step.USER, Delays.LONG), timer, virtual);

        for (Outcome outcome : List.of(result.futures(), result.virtual())) {
            assertThat(outcome.failure()).isEqualTo("ServiceException");
            assertThat(outcome.calls()).extracting(Call::step).containsExactly(Step.USER);
        }
    }

    /**
     * Both time out at the budget; only the blocking version stops its calls (cancel(true) interrupts the
     * sleeping threads), while orTimeout leaves the timer-based calls to finish.
     */
    @Test
    void aBudgetBelowTheCriticalPathTimesOutBothButOnlyTheBlockingVersionInterruptsItsCalls() throws Exception {
        // Wide margins on both sides of the timeout: the user is known long before it, the middle calls end long after.
        Latencies slowMiddle = new Latencies(Delays.SHORT, Delays.SMALL.multipliedBy(2), Delays.SMALL);
        Duration budget = Delays.SHORT.multipliedBy(3);

        Result result = Async_02_AsyncAwait.run(new Config(7, slowMiddle, null, budget), timer, virtual);

        for (Outcome outcome : List.of(result.futures(), result.virtual())) {
            assertThat(outcome.dashboard()).isNull();
            assertThat(outcome.failure()).isEqualTo("TimeoutException");
            assertThat(outcome.elapsed()).isGreaterThanOrEqualTo(budget).isLessThan(Delays.LONG);
        }
        assertThat(result.futures().calls()).noneMatch(Call::interrupted);
        assertThat(result.virtual().calls()).filteredOn(Call::interrupted).extracting(Call::step)
            .containsExactlyInAnyOrder(Step.ORDERS, Step.RECOMMENDATIONS);
    }

    @Test
    void badConfigValuesAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> new Config(7, LATENCIES, null, Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("budget must be positive: PT0S");
        assertThatThrownBy(() -> new Config(7, null, null, Delays.LONG))
            .isInstanceOf(NullPointerException.class).hasMessage("latencies");
        assertThatThrownBy(() -> Async_02_AsyncAwait.run(Config.DEFAULT, null, virtual))
            .isInstanceOf(NullPointerException.class).hasMessage("timerThreads");
    }

    @Test
    void theCriticalPathIsTheUserPlusTheLongerMiddleCall() {
        assertThat(LATENCIES.criticalPath()).isEqualTo(Delays.SHORT.multipliedBy(3));
        assertThat(Latencies.DEFAULT.criticalPath()).isEqualTo(Duration.ofMillis(500));
    }
}
