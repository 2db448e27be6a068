package dev.jconcurrency.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.timing.Stopwatch;
import dev.jconcurrency.threading.Threading_04_LostUpdate.Forced;
import dev.jconcurrency.threading.Threading_04_LostUpdate.Strategy;
import dev.jconcurrency.threading.Threading_04_LostUpdate.Stressed;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Threading_04_LostUpdateTest {

    private static final int REPETITIONS = 1_000;
    private static final int THREADS = 2;
    private static final int INCREMENTS = 100_000;
    private static final int STRESS_RUNS = 50;
    /** TESTING.md R11: a racy stress loop stops after 2 s, whatever it has seen. */
    private static final Duration RACY_STRESS_BUDGET = Duration.ofSeconds(2);

    /** The forced interleaving loses exactly one of the two updates, in every one of 1,000 repetitions. */
    @Test
    void aPlainLongLosesExactlyOneOfTwoIncrementsWhenTheInterleavingIsForced() throws Exception {
        Forced forced = Threading_04_LostUpdate.forceInterleaving(Strategy.RACY, REPETITIONS);

        assertThat(forced.finalCounts()).isEqualTo(Map.of(1L, REPETITIONS));
        assertThat(forced.waitsOfB()).isZero();
        assertThat(forced.retriesOfA()).isZero();
    }

    @Test
    void synchronizedMakesTheSecondThreadWaitSoNoUpdateIsLost() throws Exception {
        Forced forced = Threading_04_LostUpdate.forceInterleaving(Strategy.SYNCHRONIZED, REPETITIONS);

        assertThat(forced.finalCounts()).isEqualTo(Map.of(2L, REPETITIONS));
        assertThat(forced.waitsOfB()).isEqualTo(REPETITIONS);
        assertThat(forced.retriesOfA()).isZero();
    }

    @Test
    void reentrantLockMakesTheSecondThreadWaitSoNoUpdateIsLost() throws Exception {
        Forced forced = Threading_04_LostUpdate.forceInterleaving(Strategy.REENTRANT_LOCK, REPETITIONS);

        assertThat(forced.finalCounts()).isEqualTo(Map.of(2L, REPETITIONS));
        assertThat(forced.waitsOfB()).isEqualTo(REPETITIONS);
        assertThat(forced.retriesOfA()).isZero();
    }

    @Test
    void atomicLongMakesTheStaleWriterRetrySoNoUpdateIsLost() throws Exception {
        Forced forced = Threading_04_LostUpdate.forceInterleaving(Strategy.ATOMIC_LONG, REPETITIONS);

        assertThat(forced.finalCounts()).isEqualTo(Map.of(2L, REPETITIONS));
        assertThat(forced.waitsOfB()).isZero();
        assertThat(forced.retriesOfA()).isEqualTo(REPETITIONS);
    }

    @Test
    void longAdderHasNoReadThenWriteToInterruptSoNoUpdateIsLost() throws Exception {
        Forced forced = Threading_04_LostUpdate.forceInterleaving(Strategy.LONG_ADDER, REPETITIONS);

        assertThat(forced.finalCounts()).isEqualTo(Map.of(2L, REPETITIONS));
        assertThat(forced.waitsOfB()).isZero();
        assertThat(forced.retriesOfA()).isZero();
    }

    /**
     * Unforced, the plain long may lose any number of updates, or none; it never counts more than were made.
     * (jcstress grading: a lost update is ACCEPTABLE_INTERESTING, never required; an extra count is FORBIDDEN.)
     */
    @Test
    void aRacyCounterNeverCountsMoreThanTheIncrementsMade() throws Exception {
        Stopwatch budget = Stopwatch.start();
        int runs = 0;
        while (runs < STRESS_RUNS && budget.elapsed().compareTo(RACY_STRESS_BUDGET) < 0) {
            Stressed stressed = Threading_04_LostUpdate.stress(Strategy.RACY, THREADS, INCREMENTS);
            assertThat(stressed.count()).as("run %d", runs).isBetween(1L, (long) THREADS * INCREMENTS);
            runs++;
        }
        assertThat(runs).isPositive();
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = "RACY", mode = EnumSource.Mode.EXCLUDE)
    void everyFixCountsEveryIncrementUnderStress(Strategy strategy) throws Exception {
        for (int run = 0; run < STRESS_RUNS; run++) {
            Stressed stressed = Threading_04_LostUpdate.stress(strategy, THREADS, INCREMENTS);

            assertThat(stressed.count()).as("%s run %d", strategy, run).isEqualTo((long) THREADS * INCREMENTS);
            assertThat(stressed.lost()).isZero();
        }
    }

    @Test
    void badArgumentsNameTheParameterAndTheValue() {
        assertThatThrownBy(() -> Threading_04_LostUpdate.forceInterleaving(Strategy.RACY, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("repetitions must be positive: 0");
        assertThatThrownBy(() -> Threading_04_LostUpdate.forceInterleaving(null, 1))
            .isInstanceOf(NullPointerException.class).hasMessage("strategy");
        assertThatThrownBy(() -> Threading_04_LostUpdate.stress(Strategy.RACY, 0, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("threads must be positive: 0");
        assertThatThrownBy(() -> Threading_04_LostUpdate.stress(Strategy.RACY, 1, -1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("increments must not be negative: -1");
        assertThatThrownBy(() -> Threading_04_LostUpdate.stress(null, 1, 1))
            .isInstanceOf(NullPointerException.class).hasMessage("strategy");
    }
}
