package dev.jconcurrency.core.timing;

import java.time.Duration;

/**
 * Elapsed wall-clock time from {@link System#nanoTime()}, the only clock fit for measuring intervals.
 *
 * <h2>How to get one</h2>
 * <pre>{@code
 * Stopwatch watch = Stopwatch.start();
 * doWork();
 * Duration took = watch.elapsed();
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * Never time with {@code System.currentTimeMillis()}: it is wall-clock time and can jump when the clock is
 * adjusted. A stopwatch is not meant to be shared between threads; give each thread its own, or read a
 * started one only after a happens-before edge (a join, a latch, a future's result).
 */
public final class Stopwatch {

    private final long startNanos;

    private Stopwatch(long startNanos) {
        this.startNanos = startNanos;
    }

    /** A stopwatch started now. */
    public static Stopwatch start() {
        return new Stopwatch(System.nanoTime());
    }

    /** Time since {@link #start()}. */
    public Duration elapsed() {
        return Duration.ofNanos(elapsedNanos());
    }

    /** Time since {@link #start()}, in nanoseconds: the cheapest reading, for tight loops. */
    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }
}
