package dev.jconcurrency.core.timing;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A value together with how long it took to compute.
 *
 * <h2>How to get one</h2>
 * <pre>{@code
 * Timed<BigInteger> sum = Timed.call(() -> Workloads.sumOfSquares(1_000_000));
 * System.out.println(sum.value() + " in " + sum.duration());
 * }</pre>
 *
 * @param value what the work returned (may be null when the work returns nothing)
 * @param duration how long it took
 * @param <T> the type of the value
 */
public record Timed<T>(T value, Duration duration) {

    /**
     * @param value what the work returned
     * @param duration how long it took, zero or more
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public Timed {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
    }

    /**
     * Runs {@code work} on the calling thread and times it.
     *
     * @param work the work to time
     * @param <T> what it returns
     * @return its value and duration
     * @throws Exception whatever {@code work} throws
     * @throws NullPointerException if {@code work} is null
     */
    public static <T> Timed<T> call(Callable<T> work) throws Exception {
        Objects.requireNonNull(work, "work");
        Stopwatch watch = Stopwatch.start();
        T value = work.call();
        return new Timed<>(value, watch.elapsed());
    }

    /**
     * Runs {@code work} on the calling thread and times it, for work with no result.
     *
     * @param work the work to time
     * @return how long it took
     * @throws Exception whatever {@code work} throws
     * @throws NullPointerException if {@code work} is null
     */
    public static Duration run(ThrowingRunnable work) throws Exception {
        Objects.requireNonNull(work, "work");
        Stopwatch watch = Stopwatch.start();
        work.run();
        return watch.elapsed();
    }

    /** Seconds as a double, for printing and ratios. */
    public double seconds() {
        return Speedup.seconds(duration);
    }

    /** A {@link Runnable} that may throw, such as blocking I/O or a join. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        /**
         * Does the work.
         *
         * @throws Exception if the work fails
         */
        void run() throws Exception;
    }
}
