package dev.jconcurrency.core.testing;

import java.time.Duration;

/**
 * The delays every test waits with, scaled by one knob, as the JSR-166 TCK's {@code JSR166TestCase} does.
 *
 * <p>Tests never write raw millisecond literals: a slow machine or a loaded CI box sets
 * {@code -Dconcurrency.test.delay.factor=2} and every delay and bound stretches together.
 *
 * <p>Rules of use: a timeout's lower bound is asserted exactly ({@code elapsed >= T}); an upper bound is
 * asserted only against {@link #LONG}. Simulated I/O in a speedup test uses at least {@link #SMALL}, so that
 * scheduler jitter stays small against the task.
 */
public final class Delays {

    /** The multiplier read from {@code concurrency.test.delay.factor} (default 1). */
    public static final double FACTOR = factor();

    /** 50 ms × factor: a wait that should be over almost at once. */
    public static final Duration SHORT = scaled(50);
    /** 250 ms × factor: a simulated I/O task long enough that jitter is small against it. */
    public static final Duration SMALL = scaled(250);
    /** 500 ms × factor: "stays that way for a while" (Awaitility's {@code during}). */
    public static final Duration MEDIUM = scaled(500);
    /** 10 s × factor: the bound on any wait that should succeed; reaching it means the test failed. */
    public static final Duration LONG = scaled(10_000);
    /** 20 s × factor: for the few waits that include starting child JVMs under load. */
    public static final Duration LONGER = scaled(20_000);

    private Delays() {
    }

    private static double factor() {
        String raw = System.getProperty("concurrency.test.delay.factor", "1");
        try {
            double value = Double.parseDouble(raw.trim());
            if (!(value >= 1.0 && value <= 100.0)) {
                throw new IllegalArgumentException();
            }
            return value;
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                "concurrency.test.delay.factor must be a number from 1 to 100: " + raw);
        }
    }

    private static Duration scaled(long millis) {
        return Duration.ofMillis(Math.round(millis * FACTOR));
    }
}
