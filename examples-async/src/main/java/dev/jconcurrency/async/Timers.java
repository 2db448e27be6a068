package dev.jconcurrency.async;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
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
        return after(timer, delay, NOTHING);
    }

    /** A future completed by {@code timer} with {@code value.get()} once {@code delay} has passed. */
    static <T> CompletableFuture<T> after(ScheduledExecutorService timer, Duration delay, Supplier<T> value) {
        Objects.requireNonNull(timer, "timer");
        Objects.requireNonNull(value, "value");
        Tick<T> tick = new Tick<>(value);
        tick.scheduled = timer.schedule(tick, delay.toNanos(), TimeUnit.NANOSECONDS);
        tick.done.whenComplete(tick);
        return tick.done;
    }

    /*
     * The timer's task is a small named class rather than lambdas. The seed section times its three sleeps from
     * the first line on, and the first use of each lambda in a JVM costs about a millisecond (its class is made
     * at run time); this class is loaded from the class path like any other.
     */

    private static final Supplier<Void> NOTHING = new Supplier<>() {
        @Override
        public Void get() {
            return null;
        }
    };

    /** Completes {@link #done} when the timer fires; cancels the timer's task when {@link #done} is cancelled. */
    private static final class Tick<T> implements Runnable, BiConsumer<T, Throwable> {
        final CompletableFuture<T> done = new CompletableFuture<>();
        final Supplier<T> value;
        volatile ScheduledFuture<?> scheduled;

        Tick(Supplier<T> value) {
            this.value = value;
        }

        @Override
        public void run() {
            try {
                done.complete(value.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }

        @Override
        public void accept(T result, Throwable failure) {
            ScheduledFuture<?> timerTask = scheduled;
            if (done.isCancelled() && timerTask != null) {
                timerTask.cancel(false);
            }
        }
    }
}
