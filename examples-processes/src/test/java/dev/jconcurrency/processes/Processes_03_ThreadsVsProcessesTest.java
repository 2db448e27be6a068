package dev.jconcurrency.processes;

import dev.jconcurrency.core.testing.Machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jconcurrency.core.process.ProcessPool;
import dev.jconcurrency.core.timing.Measurement;
import dev.jconcurrency.core.workload.Workloads;
import dev.jconcurrency.processes.Processes_03_ThreadsVsProcesses.Overhead;
import dev.jconcurrency.processes.Processes_03_ThreadsVsProcesses.Result;
import dev.jconcurrency.processes.Processes_03_ThreadsVsProcesses.Row;
import dev.jconcurrency.processes.Processes_03_ThreadsVsProcesses.Span;
import dev.jconcurrency.processes.Processes_03_ThreadsVsProcesses.StartUp;
import dev.jconcurrency.processes.Processes_03_ThreadsVsProcesses.Trial;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Timing tests here run alone: no other test competes for the cores (TESTING.md, Isolation). */
@Isolated
class Processes_03_ThreadsVsProcessesTest {

    /**
     * Terms per task for the speedup test: about 0.35 s of C2-compiled work on an idle core of this machine,
     * longer under load. Long enough that the pipes' few tens of microseconds vanish against the task.
     */
    private static final long LONG_TASK = 800_000_000L;

    /**
     * Two CPU-bound tasks on two warm worker JVMs ran at the same time, in two processes, and the best of three
     * paired trials was at least 1.2x faster than the same two tasks one after the other on one thread.
     */
    @Test
    @Tag("timing")
    void twoLongCpuTasksOnTwoWorkerJvmsRunAtOnceAndBeatOneThread() throws Exception {
        assumeTrue(Machine.cores() >= 2, "needs 2 or more processors, has " + Machine.cores());

        Row row = Processes_03_ThreadsVsProcesses.sweep(2, List.of(LONG_TASK), 3).get(0);

        assertThat(row.exact()).isTrue();
        assertThat(row.trials()).hasSize(3).allSatisfy(trial -> {
            assertThat(trial.distinctPids()).isEqualTo(2);
            assertThat(trial.allOverlapped()).as("spans %s", trial.spans()).isTrue();
            assertThat(trial.spans()).extracting(Span::pid).doesNotContain(ProcessHandle.current().pid());
        });
        assertThat(row.bestPairedProcessSpeedup())
            .as("paired sequential/processes ratios %s; trials %s; %s",
                row.trials().stream().map(Trial::processSpeedup).toList(), row.trials(), Machine.loadAverage())
            .isGreaterThanOrEqualTo(1.2);
    }

    /**
     * The two costs a process pool adds, each measured in the same test against a thread pool of the same size:
     * a worker JVM takes far longer to give its first result than a thread, and each small task costs more.
     */
    @Test
    @Tag("timing")
    void aProcessPoolTakesLongerToStartAndCostsMorePerSmallTaskThanAThreadPool() throws Exception {
        StartUp startUp = Processes_03_ThreadsVsProcesses.startUp(2, 3);
        Overhead overhead;
        try (ExecutorService threads = Executors.newFixedThreadPool(2);
             ProcessPool processes = ProcessPool.builder().workers(2).prestart(true).build()) {
            overhead = Processes_03_ThreadsVsProcesses.overhead(threads, processes, 1_000);
        }

        assertThat(startUp.threadPool().samples()).hasSize(3);
        assertThat(startUp.processPool().median()).as("%s; %s", startUp, Machine.loadAverage())
            .isGreaterThan(startUp.threadPool().median().multipliedBy(5));
        assertThat(overhead.tasks()).isEqualTo(1_000);
        assertThat(overhead.processPool()).as("%s; %s", overhead, Machine.loadAverage())
            .isGreaterThan(overhead.threadPool());
        assertThat(overhead.processPoolMapped()).as("%s; %s", overhead, Machine.loadAverage())
            .isLessThan(overhead.processPool());
    }

    /** The sweep measures every size, returns the rows in ascending order, and every sum is exact. */
    @Test
    void aSmallSweepComputesExactSumsAtEverySizeInAscendingOrder() throws Exception {
        List<Row> rows = Processes_03_ThreadsVsProcesses.sweep(2, List.of(1_000L, 10L, 100_000L), 2);

        assertThat(rows).extracting(Row::size).containsExactly(10L, 1_000L, 100_000L);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.exact()).isTrue();
            assertThat(row.tasks()).isEqualTo(2);
            assertThat(row.trials()).hasSize(2).allSatisfy(trial -> assertThat(trial.spans()).hasSize(2)
                .allSatisfy(span -> assertThat(span.sum())
                    .isEqualTo(Workloads.sumOfSquaresClosedForm(row.size()))));
        });
    }

    @Test
    void overlapMeansTheLatestStartIsBeforeTheEarliestEnd() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Span a = new Span(1, t, t.plusMillis(100), BigInteger.ONE);
        Span b = new Span(2, t.plusMillis(50), t.plusMillis(150), BigInteger.ONE);
        Span c = new Span(2, t.plusMillis(100), t.plusMillis(200), BigInteger.ONE);

        assertThat(trial(a, b).allOverlapped()).isTrue();
        assertThat(trial(a, b).distinctPids()).isEqualTo(2);
        assertThat(trial(a, c).allOverlapped()).isFalse(); // c starts as a ends: one after the other
        assertThat(trial(b, c).distinctPids()).isEqualTo(1);
    }

    private static Trial trial(Span... spans) {
        return new Trial(Duration.ofMillis(300), Duration.ofMillis(160), Duration.ofMillis(200), List.of(spans));
    }

    /**
     * Speedups come from the best times; the pool pays from the first size where its best time beats one
     * thread's, and, counting start-up, where its best time plus the median start-up does.
     */
    @Test
    void breakEvenSizesComeFromTheBestTimesWithAndWithoutStartUp() {
        Row small = row(1_000, 10, 5, 40);
        Row medium = row(1_000_000, 100, 55, 80);
        Row large = row(1_000_000_000, 1_000, 510, 560);
        StartUp startUp = new StartUp(new Measurement(List.of(Duration.ofMillis(1))),
            new Measurement(List.of(Duration.ofMillis(400), Duration.ofMillis(300), Duration.ofMillis(250))));
        Result result = new Result(2, startUp, new Overhead(1, Duration.ZERO, Duration.ZERO, Duration.ZERO),
            List.of(small, medium, large));

        assertThat(medium.processSpeedup()).isCloseTo(1.25, within(1e-9));
        assertThat(medium.threadSpeedup()).isCloseTo(100.0 / 55, within(1e-9));
        assertThat(result.processesPayFrom()).contains(medium);
        assertThat(result.processesPayIncludingStartUpFrom()).contains(large); // 560 + 300 < 1,000
        assertThat(new Result(2, startUp, result.overhead(), List.of(small)).processesPayFrom()).isEmpty();
    }

    private static Row row(long size, long sequentialMillis, long threadMillis, long processMillis) {
        Trial best = new Trial(Duration.ofMillis(sequentialMillis), Duration.ofMillis(threadMillis),
            Duration.ofMillis(processMillis), List.of());
        Trial worse = new Trial(best.sequential().multipliedBy(2), best.threads().multipliedBy(2),
            best.processes().multipliedBy(2), List.of());
        return new Row(size, 2, List.of(worse, best), true);
    }

    @Test
    void badArgumentsNameTheParameterAndTheValue() {
        assertThatThrownBy(() -> Processes_03_ThreadsVsProcesses.sweep(0, List.of(1L), 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("workers must be positive: 0");
        assertThatThrownBy(() -> Processes_03_ThreadsVsProcesses.sweep(1, List.of(), 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("sizes must be one or more numbers from 1 to 3037000500: []");
        assertThatThrownBy(() -> Processes_03_ThreadsVsProcesses.sweep(1, List.of(0L), 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("sizes must be one or more numbers from 1 to 3037000500: [0]");
        assertThatThrownBy(() -> Processes_03_ThreadsVsProcesses.sweep(1, List.of(1L), 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("trials must be positive: 0");
        assertThatThrownBy(() -> Processes_03_ThreadsVsProcesses.run(1, null, 1))
            .isInstanceOf(NullPointerException.class).hasMessage("sizes");
    }
}
