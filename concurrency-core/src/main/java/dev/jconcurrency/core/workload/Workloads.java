package dev.jconcurrency.core.workload;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Work with answers known in advance: the CPU and I/O tasks every lesson runs, so that every result can be
 * checked exactly and every timing compared.
 *
 * <h2>Purpose</h2>
 * The seed demo's CPU task is {@code sum(i * i for i in range(n))}; its I/O task is {@code time.sleep(1)}.
 * {@link #sumOfSquares(long)} and {@link #sleep(Duration)} are their Java counterparts. Both have a closed
 * form or an exact duration, so a test can assert the value and a lesson can compare a measured time with
 * the ideal.
 *
 * <h2>How to use</h2>
 * <pre>{@code
 * BigInteger total = Workloads.sumOfSquares(1_000_000);   // 333332833333500000
 * Workloads.sleep(Duration.ofSeconds(1));                 // simulated blocking I/O
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Python's integers never overflow; Java's {@code long} does, silently. Σi² for i &lt; 10,000,000 is
 *       333333283333335000000, beyond {@code Long.MAX_VALUE}: {@link #sumOfSquares(long)} returns it exactly,
 *       while {@link #naiveLongSumOfSquares(long)} shows what a plain {@code long} loop returns instead.
 *   <li>{@link #spin(Duration)} burns CPU for a wall-clock time; on a busy machine it does less work in
 *       that time. Use {@link #sumOfSquares(long)} or {@link #countPrimesBelow(int)} when the amount of work
 *       must be fixed.
 * </ul>
 *
 * <p>All methods are stateless and safe to call from any number of threads at once.
 */
public final class Workloads {

    /** Largest {@code i} whose square {@code i * i} still fits in a signed {@code long}. */
    private static final long MAX_EXACT_SQUARE_BASE = 3_037_000_499L;

    private Workloads() {
    }

    /**
     * Σ i² for 0 ≤ i &lt; {@code n}, computed by a loop (real CPU work), exact for every {@code n}.
     *
     * <p>The loop accumulates in 128 bits (two {@code long}s), so it costs about as much as the naive
     * {@code long} loop and never overflows for any {@code n} it accepts.
     *
     * @param n how many terms, 0 to 3,037,000,500 (so the last term is 3,037,000,499², the largest square of a
     *     {@code long} that fits in a {@code long})
     * @return the exact sum, equal to {@link #sumOfSquaresClosedForm(long)}
     * @throws IllegalArgumentException if {@code n} is negative or too large
     */
    public static BigInteger sumOfSquares(long n) {
        // Checked here so that the message names n, not the "to" of the chunked form.
        requireTermCount(n);
        return sumOfSquares(0, n);
    }

    /**
     * Σ i² for {@code from} ≤ i &lt; {@code to}: one chunk of {@link #sumOfSquares(long)}, so the work can be
     * split among threads, processes or fork/join tasks and the chunks added back together.
     *
     * @param from first term, inclusive, 0 or more
     * @param to last term, exclusive, from {@code from} to 3,037,000,499 + 1
     * @return the exact sum of the chunk
     * @throws IllegalArgumentException if {@code from} is negative, {@code to < from} or {@code to} too large
     */
    public static BigInteger sumOfSquares(long from, long to) {
        if (from < 0) {
            throw new IllegalArgumentException("from must not be negative: " + from);
        }
        if (to < from) {
            throw new IllegalArgumentException("to must be at least from (" + from + "): " + to);
        }
        if (to > MAX_EXACT_SQUARE_BASE + 1) {
            throw new IllegalArgumentException("to must be at most " + (MAX_EXACT_SQUARE_BASE + 1) + ": " + to);
        }
        long high = 0;
        long low = 0;
        for (long i = from; i < to; i++) {
            long square = i * i;
            long sum = low + square;
            // Unsigned carry out of the low word: the sum wrapped past 2^64, so sum < low as unsigned numbers.
            // Flipping the sign bits compares them unsigned, as Long.compareUnsigned does, without its call: a
            // worker JVM that has just started runs this loop interpreted at first, where a call per term costs.
            if ((sum ^ Long.MIN_VALUE) < (low ^ Long.MIN_VALUE)) {
                high++;
            }
            low = sum;
        }
        return BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
    }

    /**
     * Σ i² for 0 ≤ i &lt; {@code n} from the closed form (n − 1)·n·(2n − 1) / 6: the answer, with no work.
     *
     * @param n how many terms, 0 or more
     * @return the exact sum
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static BigInteger sumOfSquaresClosedForm(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        BigInteger big = BigInteger.valueOf(n);
        return big.subtract(BigInteger.ONE).multiply(big).multiply(big.shiftLeft(1).subtract(BigInteger.ONE))
            .divide(BigInteger.valueOf(6));
    }

    /**
     * The wrong way, kept to be shown: Σ i² in a plain {@code long}, which wraps around silently once the sum
     * passes {@link Long#MAX_VALUE}: right up to {@code n} = 3,024,617, wrong from {@code n} = 3,024,618 on.
     * Python's integers never do this.
     *
     * @param n how many terms, 0 to 3,037,000,500
     * @return the sum modulo 2^64, as a signed {@code long}
     * @throws IllegalArgumentException if {@code n} is negative or too large
     */
    public static long naiveLongSumOfSquares(long n) {
        requireTermCount(n);
        long sum = 0;
        for (long i = 0; i < n; i++) {
            sum += i * i;
        }
        return sum;
    }

    /**
     * Counts the primes below {@code limit} by trial division: deliberately plain CPU work whose answer is
     * known (25 below 100, 17,984 below 200,000, 78,498 below 1,000,000).
     *
     * @param limit exclusive upper bound, 0 or more
     * @return how many primes p satisfy p &lt; {@code limit}
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public static int countPrimesBelow(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        int count = 0;
        for (int candidate = 2; candidate < limit; candidate++) {
            if (isPrime(candidate)) {
                count++;
            }
        }
        return count;
    }

    private static boolean isPrime(int candidate) {
        if (candidate % 2 == 0) {
            return candidate == 2;
        }
        for (int divisor = 3; (long) divisor * divisor <= candidate; divisor += 2) {
            if (candidate % divisor == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Keeps one CPU busy for {@code duration} of wall-clock time, and says how many loop iterations it got
     * through (fewer when other work shares the core).
     *
     * <p>It checks the thread's interrupt flag as it goes: an interrupted spin stops early, keeps the flag
     * set and returns what it had done, so a cancelled task ends promptly.
     *
     * @param duration how long to spin, zero or more
     * @return iterations done
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public static long spin(Duration duration) {
        long nanos = requireNonNegative(duration, "duration").toNanos();
        long start = System.nanoTime();
        long iterations = 0;
        long mix = 0;
        while (System.nanoTime() - start < nanos) {
            for (int i = 0; i < 1_000; i++) {
                mix = mix * 6364136223846793005L + 1442695040888963407L;
            }
            iterations++;
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        // Folded into the result so the JIT cannot drop the loop as dead code.
        return iterations + (mix == 42 ? 1 : 0);
    }

    /**
     * Simulated blocking I/O: the calling thread waits for {@code duration} and does no work, as
     * {@code time.sleep} does in the seed. On a virtual thread it releases its carrier while it waits.
     *
     * @param duration how long to wait, zero or more
     * @throws InterruptedException if the thread is interrupted while waiting (the flag is then clear, as
     *     for {@link Thread#sleep(Duration)}; the caller decides whether to restore it)
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(requireNonNegative(duration, "duration"));
    }

    /**
     * Real blocking file I/O: reads the whole file through a stream and returns how many bytes it had.
     *
     * @param file the file to read
     * @return its size in bytes, as read
     * @throws IOException if it cannot be read
     * @throws NullPointerException if {@code file} is null
     */
    public static long readFile(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int read; (read = in.read(buffer)) != -1; ) {
                total += read;
            }
        }
        return total;
    }

    private static void requireTermCount(long n) {
        if (n < 0 || n > MAX_EXACT_SQUARE_BASE + 1) {
            throw new IllegalArgumentException("n must be from 0 to " + (MAX_EXACT_SQUARE_BASE + 1) + ": " + n);
        }
    }

    static Duration requireNonNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + duration);
        }
        return duration;
    }
}
