package dev.jconcurrency.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.timing.Speedup;
import dev.jconcurrency.futures.Futures_06_SizingAPool.PoolRun;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

@Tag("timing")
@Isolated
class Futures_06_SizingAPoolTest {

    /**
     * Eight waits of SMALL each: a pool of p threads has exactly p of them in flight and needs 8 / p rounds,
     * so it is at least p / 2 times faster than the eight waits one after another.
     */
    @Test
    void ioBoundWorkFinishesFasterWithEveryThreadAddedUpToOnePerTask() throws Exception {
        int tasks = 8;
        Duration wait = Delays.SMALL;
        Duration oneAfterAnother = wait.multipliedBy(tasks);
        for (int threads : List.of(2, 4, 8)) {
            PoolRun run = Futures_06_SizingAPool.io(threads, tasks, wait);

            assertThat(run.correct()).isTrue();
            assertThat(run.maxInFlight()).as("in flight on %d threads", threads).isEqualTo(threads);
            assertThat(run.threadsUsed()).as("threads used of %d", threads).isEqualTo(threads);
            assertThat(run.elapsed()).as("%d rounds", tasks / threads)
                .isGreaterThanOrEqualTo(wait.multipliedBy(tasks / threads));
            assertThat(Speedup.of(oneAfterAnother, run.elapsed()))
                .as("speedup on %d threads (%s)", threads, Load.describe())
                .isGreaterThanOrEqualTo(threads / 2.0);
        }
    }

    /**
     * Fixed CPU work (about 400 ms in all on one thread, the size calibrated on the spot): two threads beat one by at least 1.2x in the
     * best of five paired trials, and pools larger than the core count, with every task in flight, gain no more
     * than 15% over one thread per core.
     */
    @Test
    void cpuBoundWorkSpeedsUpWithTheCoresButNotBeyondThem() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        assumeTrue(cores >= 2, "needs 2 cores to run in parallel");
        int tasks = 2 * cores;
        long size = Futures_07_ForkJoin.sizeTaking(Duration.ofMillis(400)) / tasks;
        Futures_06_SizingAPool.cpu(cores, tasks, size); // warm-up: let the JIT compile the sum

        List<Double> ratios = new ArrayList<>();
        Duration bestOnOne = null;
        for (int trial = 0; trial < 5; trial++) {
            PoolRun one;
            PoolRun two;
            if (trial % 2 == 0) {
                one = Futures_06_SizingAPool.cpu(1, tasks, size);
                two = Futures_06_SizingAPool.cpu(2, tasks, size);
            } else {
                two = Futures_06_SizingAPool.cpu(2, tasks, size);
                one = Futures_06_SizingAPool.cpu(1, tasks, size);
            }
            assertThat(one.correct()).isTrue();
            assertThat(two.correct()).isTrue();
            assertThat(one.maxInFlight()).isEqualTo(1);
            assertThat(two.maxInFlight()).isEqualTo(2);
            ratios.add(Speedup.of(one.elapsed(), two.elapsed()));
            bestOnOne = bestOnOne == null || one.elapsed().compareTo(bestOnOne) < 0 ? one.elapsed() : bestOnOne;
        }
        assertThat(Collections.max(ratios)).as("best of paired ratios %s (%s)", ratios, Load.describe())
            .isGreaterThanOrEqualTo(1.2);

        for (int threads : List.of(2 * cores, 32)) {
            PoolRun many = Futures_06_SizingAPool.cpu(threads, tasks, size);
            assertThat(many.maxInFlight()).as("in flight on %d threads", threads).isEqualTo(Math.min(threads, tasks));
            assertThat(Speedup.of(bestOnOne, many.elapsed()))
                .as("speedup of %d threads on %d cores (%s)", threads, cores, Load.describe())
                .isLessThanOrEqualTo(cores * 1.15);
        }
    }

    @Test
    void runMeasuresBothBatchesOnEveryPoolSize() throws Exception {
        Futures_06_SizingAPool.Result result = Futures_06_SizingAPool.run(List.of(1, 2), 2, Delays.SHORT, 1_000);

        assertThat(result.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(result.rows()).extracting(row -> row.io().threads()).containsExactly(1, 2);
        assertThat(result.rows()).extracting(row -> row.io().maxInFlight()).containsExactly(1, 2);
        assertThat(result.rows()).allSatisfy(row -> {
            assertThat(row.io().correct()).isTrue();
            assertThat(row.cpu().correct()).isTrue();
            assertThat(row.cpu().tasks()).isEqualTo(2);
        });
        assertThat(result.ioSpeedup(result.rows().get(0))).isEqualTo(1.0);
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertThatThrownBy(() -> Futures_06_SizingAPool.io(1, 0, Delays.SHORT))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("tasks must be positive: 0");
        assertThatThrownBy(() -> Futures_06_SizingAPool.io(0, 1, Delays.SHORT))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("workers must be positive: 0");
        assertThatThrownBy(() -> Futures_06_SizingAPool.io(1, 1, null))
            .isInstanceOf(NullPointerException.class).hasMessage("wait");
        assertThatThrownBy(() -> Futures_06_SizingAPool.run(null, 1, Delays.SHORT, 1))
            .isInstanceOf(NullPointerException.class).hasMessage("poolSizes");
        assertThatThrownBy(() -> Futures_06_SizingAPool.run(List.of(), 1, Delays.SHORT, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("poolSizes must not be empty: []");
    }
}
