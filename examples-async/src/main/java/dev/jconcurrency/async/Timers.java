package dev.jconcurrency.async;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Python's {@code await asyncio.sleep(d)} for {@link CompletableFuture}s: a future that a timer completes after
 * {@code d}, with no thread blocked while it waits.
 *
 * <p>We name the timer every time. {@link CompletableFuture#delayedExecutor(long, TimeUnit)} and
 * {@code orTimeout} would use a JVM-wide scheduler thread, and the async variants without an executor use the
 * common pool, which on a 2-CPU machine has a single worker (TESTING.md).
 */
final class Timers {

    private Timers() {
    }

    /**
     * A future completed by {@code timer} once {@code delay} has passed. Cancelling the future also cancels the
     * timer's task, so an abandoned sleep does not keep its slot until it would have fired.
     */
    static CompletableFuture<Void> sleep(ScheduledExecutorService timer, Duration delay) {
        return after(timer, delay, () -> null);
    }

    /** A future completed by {@code timer} with {@code value.get()} once {@code delay} has passed. */
    static <T> CompletableFuture<T> after(ScheduledExecutorService timer, Duration delay, Supplier<T> value) {
        Objects.requireNonNull(timer, "timer");
        Objects.requireNonNull(value, "value");
        CompletableFuture<T> done = new CompletableFuture<>();
        ScheduledFuture<?> tick = timer.schedule(() -> {
            try {
                done.complete(value.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
        done.whenComplete((v, e) -> {
            if (done.isCancelled()) {
                tick.cancel(false);
            }
        });
        return done;
    }
}
