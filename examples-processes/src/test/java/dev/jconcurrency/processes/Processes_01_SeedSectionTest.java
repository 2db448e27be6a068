package dev.jconcurrency.processes;

import dev.jconcurrency.core.testing.Console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.process.ChildJvm;
import dev.jconcurrency.core.process.ProcessPool;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.workload.Workloads;
import dev.jconcurrency.processes.Processes_01_SeedSection.Options;
import dev.jconcurrency.processes.Processes_01_SeedSection.Result;
import java.math.BigInteger;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Processes_01_SeedSectionTest {

    private static final BigInteger SEED_SUM = new BigInteger("333332833333500000");
    private static final BigInteger TEN_MILLION_SUM = new BigInteger("333333283333335000000");

    /**
     * The seed's own run: its three lines exactly (the time aside), the exact sums, and three worker JVMs that
     * are not this one.
     */
    @Test
    void threeSeedTasksInThreeWorkerJvmsPrintTheSeedsLinesWithTheExactSums() throws Exception {
        Console console = new Console();

        Result result = Processes_01_SeedSection.run(Options.SEED, Report.to(console.stream));

        List<String> lines = console.lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("=== MULTIPROCESSING DEMO (CPU-BOUND) ===");
        assertThat(lines.get(1))
            .isEqualTo("Results: [333332833333500000, 333332833333500000, 333332833333500000]");
        assertThat(lines.get(2)).matches("Total time \\(multiprocessing\\): \\d+\\.\\d\\d sec")
            .isEqualTo("Total time (multiprocessing): " + Report.seconds(result.total()));
        assertThat(result.results()).containsExactly(SEED_SUM, SEED_SUM, SEED_SUM);
        assertThat(result.exact()).isTrue();
        assertThat(result.workerPids()).hasSize(3).doesNotHaveDuplicates()
            .doesNotContain(ProcessHandle.current().pid());
        assertThat(result.parentPid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(result.total()).isGreaterThanOrEqualTo(result.resultsIn());
    }

    /** Past where a long overflows, the sums stay exact, as Python's ints are, and the section says so. */
    @Test
    void tenMillionTermsGiveThePythonAnswerAndTheSectionShowsWhatALongWouldHavePrinted() throws Exception {
        Console console = new Console();

        Result result = Processes_01_SeedSection.run(new Options(2, 10_000_000, 2), Report.to(console.stream));

        assertThat(result.results()).containsExactly(TEN_MILLION_SUM, TEN_MILLION_SUM);
        assertThat(console.lines()).hasSize(4);
        assertThat(console.lines().get(1)).isEqualTo("Results: [333333283333335000000, 333333283333335000000]");
        long wrapped = Workloads.naiveLongSumOfSquares(10_000_000);
        assertThat(console.lines().get(3)).isEqualTo("(A plain long would have printed " + wrapped + ": from"
            + " 3,024,618 terms on the sum passes Long.MAX_VALUE and wraps around. BigInteger keeps it exact, as"
            + " Python's int does.)");
        assertThat(BigInteger.valueOf(wrapped)).isNotEqualTo(TEN_MILLION_SUM);
    }

    @Test
    void theLastSizeALongHoldsIsTheLastOneAPlainLongLoopGetsRight() {
        long last = Processes_01_SeedSection.LAST_SIZE_A_LONG_HOLDS;

        assertThat(BigInteger.valueOf(Workloads.naiveLongSumOfSquares(last)))
            .isEqualTo(Workloads.sumOfSquaresClosedForm(last));
        assertThat(BigInteger.valueOf(Workloads.naiveLongSumOfSquares(last + 1)))
            .isNotEqualTo(Workloads.sumOfSquaresClosedForm(last + 1));
    }

    /** Fewer workers than tasks: every task still runs, on the workers there are, as with Pool(2) in Python. */
    @Test
    void moreTasksThanWorkersShareTheWorkersAndEveryResultIsExact() throws Exception {
        Console console = new Console();

        Result result = Processes_01_SeedSection.run(new Options(5, 1_000, 2), Report.to(console.stream));

        assertThat(result.results()).hasSize(5).containsOnly(BigInteger.valueOf(332_833_500L));
        assertThat(result.exact()).isTrue();
        assertThat(result.workerPids()).hasSize(2);
        assertThat(console.lines()).hasSize(3);
    }

    @Test
    void shortTasksGetFastStartingWorkersAndLongOnesTheC2Compiler() {
        assertThat(Processes_01_SeedSection.workerFlags(1_000_000))
            .containsExactlyElementsOf(ChildJvm.FAST_START_FLAGS);
        assertThat(Processes_01_SeedSection.workerFlags(Processes_01_SeedSection.C2_FROM_SIZE - 1))
            .containsExactlyElementsOf(ChildJvm.FAST_START_FLAGS);
        assertThat(Processes_01_SeedSection.workerFlags(Processes_01_SeedSection.C2_FROM_SIZE))
            .containsExactlyElementsOf(ProcessPool.DEFAULT_JVM_FLAGS);
    }

    /** The counterpart of a module-level function: a static member class with no state to capture. */
    @Test
    void theTaskIsAStaticMemberClassThatHoldsNothingButComputesTheExactSum() {
        Class<?> task = Processes_01_SeedSection.SumOfSquares.class;

        assertThat(task.isMemberClass()).isTrue();
        assertThat(Modifier.isStatic(task.getModifiers())).isTrue();
        assertThat(Arrays.stream(task.getDeclaredFields()).map(Field::getName)).containsExactly("serialVersionUID");
        assertThat(new Processes_01_SeedSection.SumOfSquares().apply(1_000_000L)).isEqualTo(SEED_SUM);
    }

    @Test
    void badOptionsNameTheParameterAndTheValue() {
        assertThatThrownBy(() -> new Options(0, 1, 1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("tasks must be positive: 0");
        assertThatThrownBy(() -> new Options(1, -1, 1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("size must be from 0 to 3037000500: -1");
        assertThatThrownBy(() -> new Options(1, 3_037_000_501L, 1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("size must be from 0 to 3037000500: 3037000501");
        assertThatThrownBy(() -> new Options(1, 1, 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("workers must be positive: 0");
        assertThatThrownBy(() -> Processes_01_SeedSection.run(null, Report.to(new Console().stream)))
            .isInstanceOf(NullPointerException.class).hasMessage("options");
        assertThatThrownBy(() -> Processes_01_SeedSection.run(Options.SEED, null))
            .isInstanceOf(NullPointerException.class).hasMessage("report");
    }
}
