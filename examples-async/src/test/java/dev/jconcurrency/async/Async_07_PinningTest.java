package dev.jconcurrency.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.async.Async_07_Pinning.Result;
import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.testing.TrackingThreadFactory;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pinning on one carrier, in a child JVM on the same JDK as the tests: synchronized pins only before JDK 24,
 * ReentrantLock never, a class initializer always (so far); JFR's jdk.VirtualThreadPinned agrees.
 */
@Tag("slow")
class Async_07_PinningTest {

    private static final int THREADS = 4;
    private static final Duration HOLD = Delays.SHORT.multipliedBy(2);

    private static Result result;

    @BeforeAll
    static void runTheChildOnce() throws Exception {
        TrackingThreadFactory drainers = TrackingThreadFactory.platform("drain");
        result = Async_07_Pinning.run(Async_07_Pinning.child(HOLD, THREADS).withThreadFactory(drainers));
        drainers.assertAllTerminated();
    }

    @Test
    void theChildRanOnThisJdkWithOneCarrier() {
        assertThat(result.jdkFeature()).isEqualTo(Runtime.version().feature());
        assertThat(result.jdkVersion()).isEqualTo(Runtime.version().toString());
        assertThat(result.carriers()).isEqualTo(1);
    }

    /** JEP 491 (JDK 24) lets a virtual thread unmount while it holds a monitor. */
    @Test
    void sleepingInsideSynchronizedPinsOnlyBeforeJdk24() {
        if (Runtime.version().feature() >= 24) {
            assertThat(result.monitor().maxInFlight()).as("all asleep at once: not pinned").isEqualTo(THREADS);
            assertThat(result.monitor().pinned()).isFalse();
            assertThat(result.eventsIn("synchronized")).as("JFR pinned events in synchronized").isZero();
        } else {
            assertThat(result.monitor().maxInFlight()).as("one at a time: pinned").isEqualTo(1);
            assertThat(result.monitor().pinned()).isTrue();
            assertThat(result.monitor().elapsedNanos()).isGreaterThanOrEqualTo(HOLD.toNanos() * THREADS);
            assertThat(result.eventsIn("synchronized")).as("JFR pinned events in synchronized").isPositive();
        }
    }

    @Test
    void sleepingWhileHoldingAReentrantLockNeverPins() {
        assertThat(result.lock().maxInFlight()).isEqualTo(THREADS);
        assertThat(result.lock().pinned()).isFalse();
        assertThat(result.eventsIn("lock")).as("JFR pinned events while holding the lock").isZero();
    }

    /** The JVM runs a class initializer on the carrier's native stack, so a virtual thread cannot unmount. */
    @Test
    void sleepingInsideAClassInitializerPinsTheCarrier() {
        assertThat(result.initializer().pinned()).as("the other virtual thread ran only after the initializer")
            .isTrue();
        assertThat(result.initializer().otherStartNanos()).isGreaterThanOrEqualTo(HOLD.toNanos());
        assertThat(result.eventsIn("initializer")).as("JFR pinned events in the initializer").isEqualTo(1);
        assertThat(result.events()).filteredOn(e -> e.where().equals("initializer"))
            .allSatisfy(e -> assertThat(e.durationNanos()).isGreaterThanOrEqualTo(HOLD.toNanos() * 9 / 10));
    }

    @Test
    void badArgumentsAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> Async_07_Pinning.run(Duration.ZERO, 2))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("hold must be positive: PT0S");
        assertThatThrownBy(() -> Async_07_Pinning.run(HOLD, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("threads must be at least 2: 1");
    }
}
