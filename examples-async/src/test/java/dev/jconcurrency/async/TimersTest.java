package dev.jconcurrency.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.testing.TrackingThreadFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** asyncio.sleep for futures: never early, the value or the failure of its supplier, and a cancel reaches the timer. */
class TimersTest {

    private final TrackingThreadFactory threads = TrackingThreadFactory.platform("timer");

    @Test
    void aSleepCompletesOnTheTimersThreadNoEarlierThanAsked() throws Exception {
        try (ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, threads)) {
            long start = System.nanoTime();
            CompletableFuture<String> woke = Timers.sleep(timer, Delays.SHORT)
                .thenApply(ignored -> Thread.currentThread().getName());

            String thread = woke.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Delays.SHORT.toNanos());
            assertThat(thread).startsWith("timer");
        }
    }

    @Test
    void afterCompletesWithTheSuppliersValueOrItsFailure() throws Exception {
        try (ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, threads)) {
            CompletableFuture<Integer> value = Timers.after(timer, Duration.ZERO, () -> 42);
            CompletableFuture<Integer> failure = Timers.after(timer, Duration.ZERO, () -> {
                throw new IllegalStateException("boom");
            });

            assertThat(value.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(42);
            assertThatThrownBy(() -> failure.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(IllegalStateException.class)
                .hasMessage("boom");
        }
    }

    @Test
    void cancellingTheSleepTakesItsTaskOffTheTimer() {
        try (ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, threads)) {
            timer.setRemoveOnCancelPolicy(true); // a cancelled task leaves the queue at once, so we can see it go
            CompletableFuture<Void> sleep = Timers.sleep(timer, Duration.ofHours(1));
            assertThat(timer.getQueue()).hasSize(1);

            sleep.cancel(false);

            assertThat(timer.getQueue()).isEmpty();
        }
    }
}
