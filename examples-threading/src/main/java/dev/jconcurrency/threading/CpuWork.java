package dev.jconcurrency.threading;

import dev.jconcurrency.core.timing.Speedup;
import dev.jconcurrency.core.workload.Workloads;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * A fixed amount of CPU work, the seed's sum of squares, sized so that it takes about a given time on one idle
 * core of this machine.
 *
 * <p>Why not {@link Workloads#spin(Duration)}? A spin burns CPU for a wall-clock time, so three spins of one second
 * on two cores still end after one second each: they just get less done. To see cores being shared, the amount of
 * work must be fixed and the time measured. The machine's speed is measured once per JVM (about 0.1 s), and every
 * task of the same length then does exactly the same work, with an answer known in closed form.
 *
 * @param termsPerRound how many squares one round sums, at most {@link #MAX_TERMS}
 * @param rounds how many times the round is repeated (long tasks exceed what one exact round can hold)
 */
record CpuWork(long termsPerRound, int rounds) {

    /** The most terms {@link Workloads#sumOfSquares(long)} accepts. */
    static final long MAX_TERMS = 3_037_000_500L;

    CpuWork {
        if (termsPerRound < 1 || termsPerRound > MAX_TERMS) {
            throw new IllegalArgumentException("termsPerRound must be from 1 to " + MAX_TERMS + ": " + termsPerRound);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be positive: " + rounds);
        }
    }

    /**
     * Work that takes about {@code duration} on one idle core of this machine.
     *
     * @param duration how long the work should take alone on a core, zero or more
     * @return the work
     */
    static CpuWork lasting(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        long total = Math.max(1, Math.round(Speedup.seconds(duration) * 1e9 / Calibration.NANOS_PER_TERM));
        int rounds = (int) ((total + MAX_TERMS - 1) / MAX_TERMS);
        return new CpuWork((total + rounds - 1) / rounds, rounds);
    }

    /** Does the work on the calling thread and returns its exact answer. */
    BigInteger run() {
        BigInteger sum = BigInteger.ZERO;
        for (int round = 0; round < rounds; round++) {
            sum = sum.add(Workloads.sumOfSquares(termsPerRound));
        }
        return sum;
    }

    /** What {@link #run()} must return, from the closed form: no work done. */
    BigInteger answer() {
        return Workloads.sumOfSquaresClosedForm(termsPerRound).multiply(BigInteger.valueOf(rounds));
    }

    /** How many squares are summed in all. */
    long terms() {
        return termsPerRound * rounds;
    }

    /** Measured on first use: the holder idiom makes the JVM run it once, safely, whoever asks first. */
    private static final class Calibration {

        static final double NANOS_PER_TERM = measure();

        private static double measure() {
            long terms = 5_000_000;
            long best = Long.MAX_VALUE;
            // The first runs are interpreted or half-compiled; the fastest of several is the compiled code that the
            // tasks will run, so that is the speed we size them by.
            for (int run = 0; run < 16; run++) {
                long start = System.nanoTime();
                BigInteger sum = Workloads.sumOfSquares(terms);
                best = Math.min(best, System.nanoTime() - start);
                if (sum.signum() < 0) {
                    throw new AssertionError("a sum of squares cannot be negative: " + sum);
                }
            }
            return Math.max(0.05, (double) best / terms);
        }
    }
}
