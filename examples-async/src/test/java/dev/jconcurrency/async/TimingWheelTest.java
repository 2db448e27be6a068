package dev.jconcurrency.async;

import static dev.jconcurrency.core.testing.FutureAssertions.assertCancelled;
import static dev.jconcurrency.core.testing.FutureAssertions.assertCompletedNormally;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.testing.TrackingThreadFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The timing wheel behind the million-waits lesson: never early, always fired, nothing left when closed. */
class TimingWheelTest {

    private final TrackingThreadFactory threads = TrackingThreadFactory.platform("wheel");

    /** A sleep's completion, stamped on the wheel's thread. */
    private record Fired(long requestedNanos, long startNanos, long firedNanos, String thread) {
    }

    @Test
    void sleepsOfManyLengthsFireNoEarlierThanAskedAndAllFire() throws Exception {
        List<CompletableFuture<Fired>> fired = new ArrayList<>();
        try (TimingWheel wheel = new TimingWheel(threads)) {
            for (int i = 0; i < 500; i++) {
                long requested = Delays.SHORT.toNanos() * (i % 7) / 6; // 0 to SHORT, mixed and repeated
                long start = System.nanoTime();
                fired.add(wheel.sleep(Duration.ofNanos(requested)).thenApply(ignored ->
                    new Fired(requested, start, System.nanoTime(), Thread.currentThread().getName())));
            }
            CompletableFuture.allOf(fired.toArray(CompletableFuture[]::new))
                .get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);
        }
        for (CompletableFuture<Fired> future : fired) {
            Fired f = future.join();
            assertThat(f.firedNanos() - f.startNanos()).as("fired after at least the requested time")
                .isGreaterThanOrEqualTo(f.requestedNanos());
        }
        assertThat(threads.count()).isEqualTo(1);
        threads.assertAllTerminated();
    }

    /** Unless a sleep is already over when the continuation is attached (then the caller runs it, as always). */
    @Test
    void continuationsRunOnTheWheelsThread() throws Exception {
        try (TimingWheel wheel = new TimingWheel(threads)) {
            String thread = wheel.sleep(Delays.SMALL).thenApply(ignored -> Thread.currentThread().getName())
                .get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(thread).isEqualTo("wheel-0");
        }
        threads.assertAllTerminated();
    }

    @Test
    void aSleepLongerThanOneTurnOfTheWheelGoesRoundAgain() throws Exception {
        Duration tick = Duration.ofMillis(1);
        int buckets = 8; // one turn: 8 ms, so SHORT (50 ms) needs several turns
        try (TimingWheel wheel = new TimingWheel(threads, tick, buckets)) {
            long start = System.nanoTime();
            CompletableFuture<Void> sleep = wheel.sleep(Delays.SHORT);
            sleep.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Delays.SHORT.toNanos());
            assertCompletedNormally(sleep, null);
        }
        threads.assertAllTerminated();
    }

    @Test
    void aZeroOrNegativeSleepFiresOnTheNextTick() throws Exception {
        try (TimingWheel wheel = new TimingWheel(threads)) {
            CompletableFuture<Void> zero = wheel.sleep(Duration.ZERO);
            CompletableFuture<Void> negative = wheel.sleep(Duration.ofMillis(-5));
            CompletableFuture.allOf(zero, negative).get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);
            assertCompletedNormally(zero, null);
            assertCompletedNormally(negative, null);
        }
        threads.assertAllTerminated();
    }

    @Test
    void closingCancelsTheSleepsThatHaveNotFiredAndStopsTheThread() throws Exception {
        CompletableFuture<Void> pending;
        TimingWheel wheel = new TimingWheel(threads);
        try (wheel) {
            pending = wheel.sleep(Delays.LONG);
        }
        assertCancelled(pending);
        assertThatThrownBy(() -> wheel.sleep(Duration.ZERO))
            .isInstanceOf(RejectedExecutionException.class).hasMessage("the timing wheel is closed");
        wheel.close(); // a second close is harmless
        threads.assertAllTerminated();
    }

    @Test
    void aWheelWithNothingToTimeParksItsThread() throws Exception {
        try (TimingWheel wheel = new TimingWheel(threads)) {
            wheel.sleep(Duration.ZERO).get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);
            Thread thread = threads.threads().get(0);
            org.awaitility.Awaitility.await().atMost(Delays.LONG).pollInterval(Duration.ofMillis(20))
                .until(() -> thread.getState() == Thread.State.WAITING);
        }
        threads.assertAllTerminated();
    }

    @Test
    void badArgumentsAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> new TimingWheel(threads, Duration.ZERO, 8))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("tick must be positive: PT0S");
        assertThatThrownBy(() -> new TimingWheel(threads, Duration.ofMillis(1), 6))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("buckets must be a power of two: 6");
        assertThatThrownBy(() -> new TimingWheel(null))
            .isInstanceOf(NullPointerException.class).hasMessage("threads");
        assertThat(threads.count()).isZero();
    }
}
