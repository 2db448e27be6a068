package dev.jconcurrency.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The workloads give the answers known in closed form, and their waits end on an interrupt. */
class WorkloadsTest {

    private static final BigInteger BELOW_ONE_MILLION = new BigInteger("333332833333500000");
    private static final BigInteger BELOW_TEN_MILLION = new BigInteger("333333283333335000000");
    /** The largest n for which Σ i² (i &lt; n) still fits in a long; found by bisection on the closed form. */
    private static final long LAST_N_THAT_FITS_IN_A_LONG = 3_024_617;

    /* Sum of squares: the seed's CPU task, exact. */

    @Test
    void sumOfSquaresBelowOneMillionIs333332833333500000() {
        assertThat(Workloads.sumOfSquares(1_000_000)).isEqualTo(BELOW_ONE_MILLION);
        assertThat(Workloads.sumOfSquaresClosedForm(1_000_000)).isEqualTo(BELOW_ONE_MILLION);
    }

    @Test
    void sumOfSquaresBelowTenMillionIsExactBeyondTheRangeOfLong() {
        BigInteger sum = Workloads.sumOfSquares(10_000_000);

        assertThat(sum).isEqualTo(BELOW_TEN_MILLION).isEqualTo(Workloads.sumOfSquaresClosedForm(10_000_000));
        assertThat(sum).isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
    }

    /**
     * A plain {@code long} loop wraps around without any error: its answer is the exact one modulo 2^64,
     * read as a signed number, and nothing tells the caller.
     */
    @Test
    void naiveLongSumOfSquaresIsSilentlyWrongBeyondTheRangeOfLong() {
        long naive = Workloads.naiveLongSumOfSquares(10_000_000);

        assertThat(BigInteger.valueOf(naive)).isNotEqualTo(BELOW_TEN_MILLION);
        assertThat(naive).isEqualTo(1_291_890_006_563_070_912L)
            .isEqualTo(BELOW_TEN_MILLION.longValue()); // longValue(): the low 64 bits, as a signed long
    }

    @Test
    void naiveLongSumOfSquaresIsRightUpTo3024617TermsAndWrongFromTheNextOne() {
        BigInteger lastThatFits = Workloads.sumOfSquaresClosedForm(LAST_N_THAT_FITS_IN_A_LONG);
        BigInteger firstThatDoesNot = Workloads.sumOfSquaresClosedForm(LAST_N_THAT_FITS_IN_A_LONG + 1);
        assertThat(lastThatFits).isLessThanOrEqualTo(BigInteger.valueOf(Long.MAX_VALUE));
        assertThat(firstThatDoesNot).isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));

        assertThat(Workloads.naiveLongSumOfSquares(LAST_N_THAT_FITS_IN_A_LONG))
            .isEqualTo(lastThatFits.longValueExact());
        long wrapped = Workloads.naiveLongSumOfSquares(LAST_N_THAT_FITS_IN_A_LONG + 1);
        assertThat(wrapped).isNegative().isEqualTo(firstThatDoesNot.longValue());
    }

    @ParameterizedTest(name = "sum of i² for i < {0} is {1}")
    @CsvSource({"0, 0", "1, 0", "2, 1", "3, 5", "4, 14", "10, 285", "1000, 332833500"})
    void sumOfSquaresMatchesTheClosedFormForSmallSizes(long n, long expected) {
        assertThat(Workloads.sumOfSquares(n)).isEqualTo(BigInteger.valueOf(expected));
        assertThat(Workloads.sumOfSquaresClosedForm(n)).isEqualTo(BigInteger.valueOf(expected));
        assertThat(Workloads.naiveLongSumOfSquares(n)).isEqualTo(expected);
    }

    @Test
    void chunksOfSumOfSquaresAddUpToTheWhole() {
        long[] bounds = {0, 1, 137_000, 250_000, 250_000, 700_001, 1_000_000};
        BigInteger total = BigInteger.ZERO;
        for (int i = 0; i + 1 < bounds.length; i++) {
            total = total.add(Workloads.sumOfSquares(bounds[i], bounds[i + 1]));
        }

        assertThat(total).isEqualTo(BELOW_ONE_MILLION);
        assertThat(Workloads.sumOfSquares(250_000, 250_000)).as("an empty chunk").isEqualTo(BigInteger.ZERO);
        assertThat(Workloads.sumOfSquares(5, 6)).as("a one-term chunk").isEqualTo(BigInteger.valueOf(25));
    }

    /**
     * The last three terms allowed are each close to 2^63, so their sum carries out of the low 64-bit word: the
     * 128-bit accumulator must still give the exact value.
     */
    @Test
    void sumOfSquaresIsExactForTheLargestTermsItAccepts() {
        long top = 3_037_000_500L;
        BigInteger expected = BigInteger.ZERO;
        for (long i = top - 3; i < top; i++) {
            expected = expected.add(BigInteger.valueOf(i).pow(2));
        }
        assertThat(expected).isGreaterThan(BigInteger.ONE.shiftLeft(64));

        assertThat(Workloads.sumOfSquares(top - 3, top)).isEqualTo(expected)
            .isEqualTo(Workloads.sumOfSquaresClosedForm(top).subtract(Workloads.sumOfSquaresClosedForm(top - 3)));
    }

    /* Primes below N. */

    @ParameterizedTest(name = "there are {1} primes below {0}")
    @CsvSource({"0, 0", "1, 0", "2, 0", "3, 1", "4, 2", "10, 4", "100, 25", "200000, 17984", "1000000, 78498"})
    void countPrimesBelowGivesTheKnownCounts(int limit, int expected) {
        assertThat(Workloads.countPrimesBelow(limit)).isEqualTo(expected);
    }

    /* Spin: CPU for a wall-clock time. */

    @Test
    void spinKeepsTheCpuBusyForAtLeastTheDurationAndCountsIterations() {
        long start = System.nanoTime();
        long iterations = Workloads.spin(Delays.SHORT);
        long took = System.nanoTime() - start;

        assertThat(took).isGreaterThanOrEqualTo(Delays.SHORT.toNanos());
        assertThat(iterations).isPositive();
        assertThat(Workloads.spin(Duration.ZERO)).isZero();
    }

    /** R6: an interrupted spin ends within 1 s, and leaves the flag set for its caller to see. */
    @Test
    void spinStopsPromptlyWhenInterruptedAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        long start = System.nanoTime();
        long iterations = Workloads.spin(Delays.LONG);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        boolean stillInterrupted = Thread.interrupted(); // reads and clears: the test thread must end clean
        assertThat(stillInterrupted).as("interrupt flag after spin").isTrue();
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(iterations).isGreaterThanOrEqualTo(1);
    }

    @Test
    void spinOnAnotherThreadStopsPromptlyWhenThatThreadIsInterrupted() throws Exception {
        CountDownLatch spinning = new CountDownLatch(1);
        AtomicLong tookNanos = new AtomicLong(-1);
        AtomicBoolean flagAfter = new AtomicBoolean();
        Thread spinner = Thread.ofPlatform().name("spinner").start(() -> {
            spinning.countDown();
            long start = System.nanoTime();
            Workloads.spin(Delays.LONG);
            tookNanos.set(System.nanoTime() - start);
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        Waits.await(spinning);
        long interruptedAt = System.nanoTime();
        spinner.interrupt();
        spinner.join(Delays.LONG);
        long sinceInterrupt = System.nanoTime() - interruptedAt;

        assertThat(spinner.isAlive()).isFalse();
        assertThat(Duration.ofNanos(sinceInterrupt)).isLessThan(Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(tookNanos.get())).isLessThan(Delays.LONG);
        assertThat(flagAfter).isTrue();
    }

    /* Sleep: simulated blocking I/O. */

    @Test
    void sleepWaitsAtLeastTheDuration() throws InterruptedException {
        long start = System.nanoTime();
        Workloads.sleep(Delays.SHORT);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Delays.SHORT.toNanos());
        Workloads.sleep(Duration.ZERO);
    }

    /** R6: an interrupt ends the sleep with an {@link InterruptedException} within 1 s. */
    @Test
    void sleepIsInterruptible() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagAfterCatch = new AtomicBoolean(true);
        AtomicLong endedAt = new AtomicLong();
        Thread sleeper = Thread.ofPlatform().name("sleeper").start(() -> {
            try {
                Workloads.sleep(Delays.LONG);
            } catch (InterruptedException e) {
                thrown.set(e);
                // Read, not restored: this thread ends here, and the test asserts the documented clear flag.
                flagAfterCatch.set(Thread.currentThread().isInterrupted());
            }
            endedAt.set(System.nanoTime());
        });
        await().atMost(Delays.LONG).pollInterval(Duration.ofMillis(20)).pollInSameThread()
            .until(() -> sleeper.getState() == Thread.State.TIMED_WAITING);
        long interruptedAt = System.nanoTime();
        sleeper.interrupt();
        sleeper.join(Delays.LONG);

        assertThat(sleeper.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(flagAfterCatch).as("flag after InterruptedException, as for Thread.sleep").isFalse();
        assertThat(Duration.ofNanos(endedAt.get() - interruptedAt)).isLessThan(Duration.ofSeconds(1));
    }

    /* Reading a file: real blocking I/O. */

    @Test
    void readFileCountsEveryByteOfAFileLargerThanItsBuffer(@TempDir Path directory) throws IOException {
        byte[] content = new byte[200_003];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        Path file = Files.write(directory.resolve("data.bin"), content);
        Path empty = Files.createFile(directory.resolve("empty.bin"));

        assertThat(Workloads.readFile(file)).isEqualTo(200_003);
        assertThat(Workloads.readFile(empty)).isZero();
    }

    @Test
    void readFileOfAMissingFileThrowsNoSuchFile(@TempDir Path directory) {
        Path missing = directory.resolve("missing.bin");
        assertThatThrownBy(() -> Workloads.readFile(missing)).isInstanceOf(NoSuchFileException.class)
            .hasMessageContaining("missing.bin");
    }
}
