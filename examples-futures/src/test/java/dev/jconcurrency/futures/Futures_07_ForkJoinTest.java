package dev.jconcurrency.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jconcurrency.core.timing.Speedup;
import dev.jconcurrency.core.timing.Timed;
import dev.jconcurrency.core.workload.Workloads;
import dev.jconcurrency.futures.Futures_07_ForkJoin.ForkJoinRun;
import dev.jconcurrency.futures.Futures_07_ForkJoin.StreamRun;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Two of its tests are timing tests ({@code @Tag("timing")}): the class runs alone. */
@Isolated
class Futures_07_ForkJoinTest {

    private static final BigInteger TEN_MILLION_SQUARES = new BigInteger("333333283333335000000");

    @Test
    void forkJoinSumIsExactBeyondTheRangeOfLong() throws Exception {
        ForkJoinRun run = Futures_07_ForkJoin.forkJoin(10_000_000, Futures_07_ForkJoin.goodThreshold(10_000_000, 2),
            2, 1);

        assertThat(run.sum()).isEqualTo(TEN_MILLION_SQUARES);
        assertThat(run.sum()).isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
        assertThat(BigInteger.valueOf(Workloads.naiveLongSumOfSquares(10_000_000)))
            .as("what a plain long loop gives").isNotEqualTo(TEN_MILLION_SQUARES);
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 1", "2, 1", "1000003, 1", "1000003, 7", "1000003, 1000", "1000003, 1000003",
        "1000003, 5000000"})
    void everyThresholdGivesTheExactSum(long n, long threshold) throws Exception {
        ForkJoinRun run = Futures_07_ForkJoin.forkJoin(n, threshold, 2, 1);

        assertThat(run.sum()).isEqualTo(Workloads.sumOfSquaresClosedForm(n));
    }

    @ParameterizedTest
    @CsvSource({"262144, 1", "1048576, 1024", "1048576, 1048576", "1048576, 2000000"})
    void theThresholdDecidesHowManyPiecesAreComputedDirectly(long n, long threshold) throws Exception {
        ForkJoinRun run = Futures_07_ForkJoin.forkJoin(n, threshold, 2, 1);

        assertThat(run.leaves()).isEqualTo(Math.max(1, n / threshold));
    }

    /** A threshold of 1 makes a task per term: far more bookkeeping than work. */
    @Test
    @Tag("timing")
    void aTooSmallThresholdMakesForkJoinSlowerThanThePlainLoop() throws Exception {
        long n = 1_000_000;
        Timed<BigInteger> loop = Futures_07_ForkJoin.sequential(n, 3);

        ForkJoinRun tiny = Futures_07_ForkJoin.forkJoin(n, 1, 2, 1);

        assertThat(tiny.leaves()).isEqualTo(n);
        assertThat(tiny.sum()).isEqualTo(loop.value());
        assertThat(tiny.time()).as("threshold 1 vs the loop's %s (%s)", loop.duration(), Load.describe())
            .isGreaterThan(loop.duration().multipliedBy(2));
    }

    /**
     * About 350 ms of sequential work (the size calibrated on the spot): fork/join on two workers beats the loop by at least 1.2x in the best
     * of five paired trials, and the pieces were computed by both workers.
     */
    @Test
    @Tag("timing")
    void forkJoinOnTwoWorkersIsFasterThanThePlainLoop() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs 2 cores to run in parallel");
        long n = Futures_07_ForkJoin.sizeTaking(Duration.ofMillis(350));
        long threshold = Futures_07_ForkJoin.goodThreshold(n, 2);
        BigInteger expected = Workloads.sumOfSquaresClosedForm(n);
        List<Double> ratios = new ArrayList<>();
        Set<String> workers = new HashSet<>();

        try (ForkJoinPool pool = new ForkJoinPool(2)) {
            pool.invoke(new Futures_07_ForkJoin.SumOfSquares(0, n, threshold, new Futures_07_ForkJoin.Stats()));
            for (int trial = 0; trial < 5; trial++) {
                Futures_07_ForkJoin.Stats stats = new Futures_07_ForkJoin.Stats();
                Timed<BigInteger> loop;
                Timed<BigInteger> forkJoin;
                if (trial % 2 == 0) {
                    loop = Timed.call(() -> Workloads.sumOfSquares(n));
                    forkJoin = Timed.call(() -> pool.invoke(new Futures_07_ForkJoin.SumOfSquares(0, n, threshold,
                        stats)));
                } else {
                    forkJoin = Timed.call(() -> pool.invoke(new Futures_07_ForkJoin.SumOfSquares(0, n, threshold,
                        stats)));
                    loop = Timed.call(() -> Workloads.sumOfSquares(n));
                }
                assertThat(loop.value()).isEqualTo(expected);
                assertThat(forkJoin.value()).isEqualTo(expected);
                ratios.add(Speedup.of(loop.duration(), forkJoin.duration()));
                workers.addAll(stats.threads);
            }
        }

        // At least the two workers; a join that blocks may make the pool add a spare worker for a while.
        assertThat(workers).as("threads that computed pieces").hasSizeGreaterThanOrEqualTo(2)
            .allSatisfy(name -> assertThat(name).matches("ForkJoinPool-\\d+-worker-\\d+"));
        assertThat(Collections.max(ratios)).as("best of paired ratios %s (%s)", ratios, Load.describe())
            .isGreaterThanOrEqualTo(1.2);
    }

    @Test
    void aParallelStreamStartedFromAnOrdinaryThreadRunsOnTheCallerAndTheCommonPool() throws Exception {
        String caller = Thread.currentThread().getName();

        StreamRun run = Futures_07_ForkJoin.streamOnCommonPool(10_000_000, 16, 1);

        assertThat(run.sum()).isEqualTo(TEN_MILLION_SQUARES);
        assertThat(run.threads()).isNotEmpty().allSatisfy(name -> assertThat(
            name.equals(caller) || name.startsWith("ForkJoinPool.commonPool-worker-")).as(name).isTrue());
    }

    /** ForkJoinTask.fork() uses the pool the current task runs in: a stream started inside a pool stays there. */
    @Test
    void aParallelStreamStartedInsideADedicatedPoolRunsOnlyOnThatPoolsWorkers() throws Exception {
        StreamRun run = Futures_07_ForkJoin.streamOnDedicatedPool(10_000_000, 16, 2, 1);

        assertThat(run.sum()).isEqualTo(TEN_MILLION_SQUARES);
        assertThat(run.threads()).isNotEmpty()
            .allSatisfy(name -> assertThat(name).matches("ForkJoinPool-\\d+-worker-\\d+"));
    }

    @Test
    void theCommonPoolHasOneWorkerFewerThanTheCoresAndAtLeastOne() {
        assumeTrue(System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism") == null,
            "the common pool's size was set by a system property");

        assertThat(ForkJoinPool.getCommonPoolParallelism())
            .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    }

    @Test
    void runGivesTheExactSumEverywhere() throws Exception {
        Futures_07_ForkJoin.Result result = Futures_07_ForkJoin.run(1_000_000, 10_000, 2, 1);
        BigInteger million = Workloads.sumOfSquaresClosedForm(1_000_000);
        BigInteger tenThousand = Workloads.sumOfSquaresClosedForm(10_000);

        assertThat(result.sequential().value()).isEqualTo(million);
        assertThat(result.forkJoin().sum()).isEqualTo(million);
        assertThat(result.commonPoolStream().sum()).isEqualTo(million);
        assertThat(result.dedicatedPoolStream().sum()).isEqualTo(million);
        assertThat(result.thresholdSequential().value()).isEqualTo(tenThousand);
        assertThat(result.thresholds()).extracting(ForkJoinRun::threshold).containsExactly(10_000L, 100L, 1L, 1L);
        assertThat(result.thresholds()).extracting(ForkJoinRun::sum).containsOnly(tenThousand);
        assertThat(result.thresholds()).extracting(ForkJoinRun::leaves).containsExactly(1L, 128L, 10_000L, 10_000L);
        assertThat(result.speedup()).isEqualTo(Speedup.of(result.sequential().duration(), result.forkJoin().time()));
        assertThat(result.commonPoolParallelism()).isEqualTo(ForkJoinPool.getCommonPoolParallelism());
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertThatThrownBy(() -> Futures_07_ForkJoin.forkJoin(10, 0, 2, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("threshold must be positive: 0");
        assertThatThrownBy(() -> Futures_07_ForkJoin.forkJoin(-1, 1, 2, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("n must be from 0 to 3037000500: -1");
        assertThatThrownBy(() -> Futures_07_ForkJoin.forkJoin(3_037_000_501L, 1, 2, 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("n must be from 0 to 3037000500: 3037000501");
        assertThatThrownBy(() -> Futures_07_ForkJoin.forkJoin(10, 1, 0, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("parallelism must be positive: 0");
    }
}
