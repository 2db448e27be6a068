package dev.jconcurrency.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.async.Async_03_CooperativeScheduling.Config;
import dev.jconcurrency.async.Async_03_CooperativeScheduling.LoopRun;
import dev.jconcurrency.async.Async_03_CooperativeScheduling.OneCarrier;
import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.testing.TrackingThreadFactory;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** One CPU hog on an event loop stalls every other task; offloaded, it stalls nobody; the same on one carrier. */
@Isolated
class Async_03_CooperativeSchedulingTest {

    /** Three tickers every 25 ms; a hog of 250 ms. */
    private static final Config CONFIG = new Config(3, Delays.SHORT.dividedBy(2), Delays.SMALL);

    private final TrackingThreadFactory loop = TrackingThreadFactory.platform("loop");
    private final TrackingThreadFactory pool = TrackingThreadFactory.platform("pool");

    @AfterEach
    void everyThreadEnded() throws InterruptedException {
        loop.assertAllTerminated();
        pool.assertAllTerminated();
    }

    /** The stall is structural: on one thread, nothing else can run while the hog computes. */
    @Test
    void aHogOnTheLoopDelaysEveryOtherTaskByAtLeastItsOwnRunTime() {
        LoopRun run = Async_03_CooperativeScheduling.loopExperiment(CONFIG, false, loop, pool);

        assertThat(run.hogThread()).as("the hog computed on the loop").isEqualTo(run.loopThread());
        assertThat(run.hogNanos()).isGreaterThanOrEqualTo(CONFIG.hog().toNanos());
        for (int ticker = 0; ticker < CONFIG.tickers(); ticker++) {
            assertThat(run.ticksDuringHog(ticker)).as("ticks of ticker %d while the hog ran", ticker).isZero();
            assertThat(run.maxGapNanos(ticker)).as("longest gap of ticker %d", ticker)
                .isGreaterThanOrEqualTo(run.hogNanos());
        }
    }

    @Test
    @Tag("timing")
    void aHogOffloadedToAPoolLetsEveryTaskKeepTicking() {
        LoopRun run = Async_03_CooperativeScheduling.loopExperiment(CONFIG, true, loop, pool);

        assertThat(run.hogThread()).as("the hog computed on the pool").isNotEqualTo(run.loopThread())
            .isEqualTo(pool.threads().get(0).getName());
        for (int ticker = 0; ticker < CONFIG.tickers(); ticker++) {
            assertThat(run.ticksDuringHog(ticker)).as("ticks of ticker %d while the hog ran", ticker).isPositive();
            assertThat(run.maxGapNanos(ticker)).as("longest gap of ticker %d", ticker).isLessThan(run.hogNanos());
        }
        assertThat(loop.count()).isEqualTo(1);
        assertThat(pool.count()).isEqualTo(1);
    }

    /**
     * On one carrier (a child JVM), an observer virtual thread runs beside a sleeping or pausing virtual
     * thread, but only after a spinning one; ten sleepers all sleep at once.
     */
    @Test
    @Tag("slow")
    void onOneCarrierABlockingCallYieldsAndABusyLoopDoesNot() throws Exception {
        TrackingThreadFactory drainers = TrackingThreadFactory.platform("drain");

        OneCarrier one = Async_03_CooperativeScheduling.oneCarrierExperiment(
            Async_03_CooperativeScheduling.oneCarrierChild(Delays.SMALL).withThreadFactory(drainers));

        assertThat(one.carriers()).isEqualTo(1);
        assertThat(one.sleeping().observerWaited()).as("observer waited for a sleeping thread").isFalse();
        assertThat(one.spinning().observerWaited()).as("observer waited for a spinning thread").isTrue();
        assertThat(one.pausing().observerWaited()).as("observer waited for a pausing thread").isFalse();
        assertThat(one.spinning().busyEndNanos() - one.spinning().busyStartNanos())
            .isGreaterThanOrEqualTo(Delays.SMALL.toNanos());
        assertThat(one.sleepers()).isEqualTo(10);
        assertThat(one.sleepersMaxInFlight()).as("all ten asleep at once on one carrier").isEqualTo(10);
        drainers.assertAllTerminated();
    }

    @Test
    void badConfigValuesAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> new Config(0, Duration.ofMillis(1), Duration.ofMillis(1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("tickers must be positive: 0");
        assertThatThrownBy(() -> new Config(1, Duration.ZERO, Duration.ofMillis(1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("period must be positive: PT0S");
        assertThatThrownBy(() -> new Config(1, Duration.ofMillis(1), null))
            .isInstanceOf(NullPointerException.class).hasMessage("hog");
    }
}
