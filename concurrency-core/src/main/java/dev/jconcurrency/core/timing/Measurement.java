package dev.jconcurrency.core.timing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Repeated timings of the same work: every sample kept, with min, median and max.
 *
 * <h2>Purpose</h2>
 * One timing on a shared machine says little: a benchmark reports the median and the range. The warm-up runs
 * (not kept) let the JIT compile the code first, so the samples measure compiled code.
 *
 * <h2>How to get one</h2>
 * <pre>{@code
 * Measurement m = Measurement.repeat(1, 5, () -> Workloads.sumOfSquares(1_000_000));
 * System.out.println(m.median() + " (" + m.min() + " .. " + m.max() + ")");
 * }</pre>
 *
 * @param samples the measured durations in the order taken, at least one
 */
public record Measurement(List<Duration> samples) {

    /**
     * @param samples the measured durations, at least one, none null or negative
     * @throws NullPointerException if {@code samples} or one of them is null
     * @throws IllegalArgumentException if {@code samples} is empty or holds a negative duration
     */
    public Measurement {
        Objects.requireNonNull(samples, "samples");
        for (Duration sample : samples) {
            // Checked here, not left to List.copyOf, whose NullPointerException names nothing.
            Objects.requireNonNull(sample, "samples");
        }
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("samples must not be empty: []");
        }
        for (Duration sample : samples) {
            if (sample.isNegative()) {
                throw new IllegalArgumentException("samples must not be negative: " + sample);
            }
        }
    }

    /**
     * Runs {@code work} {@code warmups} times untimed, then {@code runs} times timed.
     *
     * @param warmups untimed runs first, 0 or more
     * @param runs timed runs, 1 or more
     * @param work the work to measure
     * @return the timed samples
     * @throws Exception whatever {@code work} throws
     * @throws NullPointerException if {@code work} is null
     * @throws IllegalArgumentException if {@code warmups} is negative or {@code runs} is not positive
     */
    public static Measurement repeat(int warmups, int runs, Timed.ThrowingRunnable work) throws Exception {
        if (warmups < 0) {
            throw new IllegalArgumentException("warmups must not be negative: " + warmups);
        }
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be positive: " + runs);
        }
        Objects.requireNonNull(work, "work");
        for (int i = 0; i < warmups; i++) {
            work.run();
        }
        List<Duration> samples = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            samples.add(Timed.run(work));
        }
        return new Measurement(samples);
    }

    /** The shortest sample: the run least disturbed by the rest of the machine. */
    public Duration min() {
        return sorted().get(0);
    }

    /** The longest sample. */
    public Duration max() {
        return sorted().get(samples.size() - 1);
    }

    /** The middle sample; for an even count, the mean of the two middle ones. */
    public Duration median() {
        List<Duration> sorted = sorted();
        int middle = sorted.size() / 2;
        if (sorted.size() % 2 == 1) {
            return sorted.get(middle);
        }
        return sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }

    private List<Duration> sorted() {
        return samples.stream().sorted().toList();
    }
}
