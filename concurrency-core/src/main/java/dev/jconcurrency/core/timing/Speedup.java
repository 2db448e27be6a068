package dev.jconcurrency.core.timing;

import java.time.Duration;
import java.util.Objects;

/**
 * The arithmetic of parallel speedup: measured speedup and efficiency, Amdahl's prediction, and the Karp-Flatt
 * serial fraction read back from a measurement.
 *
 * <h2>Purpose</h2>
 * A lesson that says "2 threads made it 1.8× faster" should also say what was possible. With {@code p} workers
 * and a serial fraction {@code f} of the work, Amdahl's law predicts at most {@code 1 / (f + (1 − f) / p)}.
 * Turned around, a measured speedup {@code S} on {@code p} workers implies the experimentally determined serial
 * fraction {@code e = (1/S − 1/p) / (1 − 1/p)} (Karp and Flatt, 1990): if {@code e} grows with {@code p}, the
 * loss is overhead (start-up, contention), not inherently serial work.
 *
 * <h2>How to use</h2>
 * <pre>{@code
 * double s = Speedup.of(sequential, parallel);       // 1.8
 * double eff = Speedup.efficiency(s, 2);             // 0.9
 * double serial = Speedup.karpFlatt(s, 2);           // 0.111...
 * double cap = Speedup.amdahl(0.05, 8);              // 5.925...
 * }</pre>
 */
public final class Speedup {

    private Speedup() {
    }

    /**
     * How many times faster the parallel run was: {@code sequential / parallel}.
     *
     * @param sequential time of the baseline run, positive
     * @param parallel time of the parallel run, positive
     * @return the speedup
     * @throws NullPointerException if either is null
     * @throws IllegalArgumentException if either is zero or negative
     */
    public static double of(Duration sequential, Duration parallel) {
        return seconds(requirePositive(sequential, "sequential")) / seconds(requirePositive(parallel, "parallel"));
    }

    /**
     * Speedup per worker: 1.0 means every worker was fully used.
     *
     * @param speedup a measured speedup, positive
     * @param workers how many workers ran, positive
     * @return {@code speedup / workers}
     * @throws IllegalArgumentException if {@code speedup} or {@code workers} is not positive
     */
    public static double efficiency(double speedup, int workers) {
        requirePositive(speedup, "speedup");
        requireWorkers(workers);
        return speedup / workers;
    }

    /**
     * Amdahl's law: the best speedup on {@code workers} workers when {@code serialFraction} of the work
     * cannot run in parallel.
     *
     * @param serialFraction the share of the work that is serial, 0 to 1
     * @param workers how many workers, positive
     * @return {@code 1 / (f + (1 − f) / workers)}
     * @throws IllegalArgumentException if {@code serialFraction} is outside [0, 1] or {@code workers} is not positive
     */
    public static double amdahl(double serialFraction, int workers) {
        if (!(serialFraction >= 0.0 && serialFraction <= 1.0)) {
            throw new IllegalArgumentException("serialFraction must be from 0 to 1: " + serialFraction);
        }
        requireWorkers(workers);
        return 1.0 / (serialFraction + (1.0 - serialFraction) / workers);
    }

    /**
     * The Karp-Flatt metric: the serial fraction implied by a measured speedup.
     *
     * @param speedup a measured speedup, positive
     * @param workers how many workers produced it, 2 or more (with one worker the metric is undefined)
     * @return {@code (1/speedup − 1/workers) / (1 − 1/workers)}; negative values mean superlinear speedup
     * @throws IllegalArgumentException if {@code speedup} is not positive or {@code workers} is below 2
     */
    public static double karpFlatt(double speedup, int workers) {
        requirePositive(speedup, "speedup");
        if (workers < 2) {
            throw new IllegalArgumentException("workers must be at least 2: " + workers);
        }
        double p = workers;
        return (1.0 / speedup - 1.0 / p) / (1.0 - 1.0 / p);
    }

    /**
     * A duration in seconds, with nanosecond precision.
     *
     * @param duration the duration
     * @return it in seconds
     * @throws NullPointerException if {@code duration} is null
     */
    public static double seconds(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        return duration.getSeconds() + duration.getNano() / 1e9;
    }

    private static Duration requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return duration;
    }

    private static void requirePositive(double value, String name) {
        if (!(value > 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void requireWorkers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be positive: " + workers);
        }
    }
}
