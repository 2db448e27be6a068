package dev.jconcurrency.threading;

import dev.jconcurrency.core.testing.Machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.threading.Threading_03_NoGil.Result;
import dev.jconcurrency.threading.Threading_03_NoGil.Row;
import dev.jconcurrency.threading.Threading_03_NoGil.Trial;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Timing tests here run alone: no other test competes for the cores (TESTING.md, Isolation). */
@Isolated
class Threading_03_NoGilTest {

    /** Long enough that scheduling jitter is small against the work (TESTING.md: tasks of 300 ms or more). */
    private static final Duration TASK = Delays.SMALL.plus(Delays.SHORT);

    /**
     * Two CPU-bound tasks on two threads run on two cores at once: the best of five paired trials is at least
     * 1.2x faster than the same tasks one after the other, and two distinct threads did the work.
     */
    @Test
    @Tag("timing")
    void twoCpuBoundTasksOnTwoThreadsRunFasterThanOneAfterTheOther() throws Exception {
        assumeTrue(Machine.cores() >= 2, "needs 2 or more processors, has " + Machine.cores());

        Result result = Threading_03_NoGil.run(List.of(2), TASK, 5);

        Row row = result.rows().get(0);
        assertThat(row.parallelThreads()).hasSize(2);
        assertThat(row.exact()).isTrue();
        assertThat(row.trials()).hasSize(5);
        assertThat(row.bestPairedRatio())
            .as("best of 5 paired ratios %s; %s", row.ratios(), Machine.loadAverage())
            .isGreaterThanOrEqualTo(1.2);
    }

    /** Twice as many threads as cores: all run, but the cores, not the threads, bound the speedup. */
    @Test
    @Tag("timing")
    void moreThreadsThanCoresGiveNoMoreSpeedupThanTheCores() throws Exception {
        int threads = 2 * Machine.cores();

        Result result = Threading_03_NoGil.run(List.of(threads), TASK, 2);

        Row row = result.rows().get(0);
        assertThat(row.parallelThreads()).hasSize(threads);
        assertThat(row.exact()).isTrue();
        assertThat(row.workers()).isEqualTo(Machine.cores());
        assertThat(row.speedup())
            .as("best times %s sequential, %s on threads (paired ratios %s) on %d cores; %s", row.bestSequential(),
                row.bestParallel(), row.ratios(), Machine.cores(), Machine.loadAverage())
            .isLessThanOrEqualTo(Machine.cores() + 0.3);
    }

    /**
     * The lesson's speedup is the best sequential time over the best parallel time; efficiency and the Karp-Flatt
     * serial fraction count only the cores that could work; the tests' statistic is the best single trial.
     */
    @Test
    void speedupEfficiencyAndSerialFractionComeFromTheBestTimesOnTheCoresThatCouldWork() {
        Row row = new Row(4, 2, List.of(new Trial(Duration.ofMillis(2000), Duration.ofMillis(1600)),
            new Trial(Duration.ofMillis(2500), Duration.ofMillis(1250))), Set.of("a", "b", "c", "d"), true);

        assertThat(row.ratios()).hasSize(2);
        assertThat(row.ratios().get(0)).isCloseTo(1.25, within(1e-9));
        assertThat(row.ratios().get(1)).isCloseTo(2.0, within(1e-9));
        assertThat(row.bestPairedRatio()).isCloseTo(2.0, within(1e-9));
        assertThat(row.medianSpeedup()).isCloseTo(1.625, within(1e-9));
        assertThat(row.bestSequential()).isEqualTo(Duration.ofMillis(2000));
        assertThat(row.bestParallel()).isEqualTo(Duration.ofMillis(1250));
        assertThat(row.speedup()).isCloseTo(1.6, within(1e-9));
        assertThat(row.workers()).isEqualTo(2);
        assertThat(row.efficiency()).isCloseTo(0.8, within(1e-9));
        assertThat(row.serialFraction()).isCloseTo(0.25, within(1e-9));
        assertThat(new Row(1, 2, List.of(new Trial(Duration.ofSeconds(1), Duration.ofSeconds(1))), Set.of("a"), true)
            .serialFraction()).isNaN();
    }

    @Test
    void badArgumentsNameTheParameterAndTheValue() {
        assertThatThrownBy(() -> Threading_03_NoGil.run(List.of(0), TASK, 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("threadCounts must be one or more positive numbers: [0]");
        assertThatThrownBy(() -> Threading_03_NoGil.run(List.of(), TASK, 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("threadCounts must be one or more positive numbers: []");
        assertThatThrownBy(() -> Threading_03_NoGil.run(List.of(1), Duration.ZERO, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("taskTime must be positive: PT0S");
        assertThatThrownBy(() -> Threading_03_NoGil.run(List.of(1), TASK, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("trials must be positive: 0");
        assertThatThrownBy(() -> Threading_03_NoGil.run(null, TASK, 1))
            .isInstanceOf(NullPointerException.class).hasMessage("threadCounts");
        assertThatThrownBy(() -> Threading_03_NoGil.run(List.of(1), null, 1))
            .isInstanceOf(NullPointerException.class).hasMessage("taskTime");
    }
}
