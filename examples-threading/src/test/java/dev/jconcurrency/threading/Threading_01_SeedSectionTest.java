package dev.jconcurrency.threading;

import dev.jconcurrency.core.testing.Console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.workload.Workloads;
import dev.jconcurrency.threading.Threading_01_SeedSection.Options;
import dev.jconcurrency.threading.Threading_01_SeedSection.Result;
import dev.jconcurrency.threading.Threading_01_SeedSection.TaskRun;
import dev.jconcurrency.threading.Threading_01_SeedSection.TaskType;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Timing tests here run alone: no other test competes for the cores (TESTING.md, Isolation). */
@Isolated
class Threading_01_SeedSectionTest {

    private static final String TOTAL = "Total time \\(threading\\): \\d+\\.\\d\\d sec";

    /**
     * The seed's own run: its lines, in an order the threads may vary, and its total of about one task's duration.
     */
    @Test
    @Tag("timing")
    void threeOneSecondIoTasksOnThreeThreadsPrintTheSeedsLinesAndTakeAboutOneSecond() throws Exception {
        Console console = new Console();

        Result result = Threading_01_SeedSection.run(Options.SEED, Report.to(console.stream));

        List<String> lines = console.lines();
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).isEqualTo("=== THREADING DEMO (I/O-BOUND) ===");
        assertThat(lines.subList(1, 7)).containsExactlyInAnyOrder(
            "Thread 0: Starting I/O operation",
            "Thread 1: Starting I/O operation",
            "Thread 2: Starting I/O operation",
            "Thread 0: Finished after 1 sec",
            "Thread 1: Finished after 1 sec",
            "Thread 2: Finished after 1 sec");
        for (int thread = 0; thread < 3; thread++) {
            assertThat(lines.indexOf("Thread " + thread + ": Starting I/O operation"))
                .as("thread %d starts before it finishes", thread)
                .isLessThan(lines.indexOf("Thread " + thread + ": Finished after 1 sec"));
        }
        assertThat(lines.get(7)).matches(TOTAL);
        assertThat(lines.get(7)).isEqualTo("Total time (threading): " + Report.seconds(result.total()));
        assertThat(result.total()).isGreaterThanOrEqualTo(Duration.ofSeconds(1))
            .isLessThan(Duration.ofSeconds(1).plus(Delays.MEDIUM));
        assertThat(result.maxInFlight()).isEqualTo(3);
        assertThat(result.distinctThreads()).isEqualTo(3);
        assertThat(result.runs()).extracting(TaskRun::value).containsOnly(Duration.ofSeconds(1));
    }

    /** A pool of 2 for 5 tasks never runs more than 2 at once, and so needs 3 waves of the task's duration. */
    @Test
    void aPoolSmallerThanTheTasksRunsThemInWaves() throws Exception {
        Console console = new Console();
        Options options = new Options(5, Delays.SHORT, 2, TaskType.IO);

        Result result = Threading_01_SeedSection.run(options, Report.to(console.stream));

        assertThat(options.waves()).isEqualTo(3);
        assertThat(result.maxInFlight()).isEqualTo(2);
        assertThat(result.distinctThreads()).isEqualTo(2);
        assertThat(result.total()).isGreaterThanOrEqualTo(Delays.SHORT.multipliedBy(3));
        assertThat(result.runs()).extracting(TaskRun::task).containsExactly(0, 1, 2, 3, 4);
        List<String> lines = console.lines();
        assertThat(lines).hasSize(1 + 10 + 2);
        assertThat(lines.get(11)).matches(TOTAL);
        assertThat(lines.get(12)).isEqualTo("(2 threads for 5 tasks: at most 2 at once, so 3 waves)");
    }

    @Test
    void cpuTasksComputeTheExactSumOfSquaresOnAThreadEach() throws Exception {
        Console console = new Console();
        Options options = new Options(3, Delays.SHORT, 0, TaskType.CPU);

        Result result = Threading_01_SeedSection.run(options, Report.to(console.stream));

        CpuWork work = CpuWork.lasting(Delays.SHORT);
        BigInteger exact = Workloads.sumOfSquaresClosedForm(work.termsPerRound())
            .multiply(BigInteger.valueOf(work.rounds()));
        assertThat(result.runs()).extracting(TaskRun::value).containsOnly(exact);
        assertThat(result.distinctThreads()).isEqualTo(3);
        List<String> lines = console.lines();
        assertThat(lines.get(0)).isEqualTo("=== THREADING DEMO (CPU-BOUND) ===");
        assertThat(lines.subList(1, 7)).filteredOn(l -> l.contains("Starting"))
            .containsExactlyInAnyOrder("Thread 0: Starting CPU work", "Thread 1: Starting CPU work",
                "Thread 2: Starting CPU work");
        assertThat(lines.subList(1, 7)).filteredOn(l -> l.contains("Finished"))
            .hasSize(3)
            .allMatch(l -> l.matches("Thread [0-2]: Finished " + Pattern.quote(Report.duration(Delays.SHORT))
                + " of CPU work after \\d+\\.\\d\\d sec"));
    }

    @Test
    void cpuWorkIsSplitIntoExactRoundsWhenItExceedsOneSum() {
        CpuWork work = new CpuWork(CpuWork.MAX_TERMS, 3);

        assertThat(work.terms()).isEqualTo(3 * CpuWork.MAX_TERMS);
        assertThat(work.answer()).isEqualTo(Workloads.sumOfSquaresClosedForm(CpuWork.MAX_TERMS).multiply(BigInteger.valueOf(3)));
        assertThatThrownBy(() -> new CpuWork(CpuWork.MAX_TERMS + 1, 1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("termsPerRound must be from 1 to 3037000500: 3037000501");
        assertThat(CpuWork.lasting(Duration.ofSeconds(60)).termsPerRound()).isLessThanOrEqualTo(CpuWork.MAX_TERMS);
    }

    @Test
    void badOptionsNameTheParameterAndTheValue() {
        assertThatThrownBy(() -> new Options(0, Delays.SHORT, 0, TaskType.IO))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("tasks must be positive: 0");
        assertThatThrownBy(() -> new Options(1, Duration.ofMillis(-1), 0, TaskType.IO))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("duration must not be negative: PT-0.001S");
        assertThatThrownBy(() -> new Options(1, Delays.SHORT, -1, TaskType.IO))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("workers must not be negative: -1");
        assertThatThrownBy(() -> new Options(1, null, 0, TaskType.IO))
            .isInstanceOf(NullPointerException.class).hasMessage("duration");
        assertThatThrownBy(() -> new Options(1, Delays.SHORT, 0, null))
            .isInstanceOf(NullPointerException.class).hasMessage("type");
        assertThatThrownBy(() -> Threading_01_SeedSection.run(null, Report.to(new Console().stream)))
            .isInstanceOf(NullPointerException.class).hasMessage("options");
        assertThatThrownBy(() -> Threading_01_SeedSection.run(Options.SEED, null))
            .isInstanceOf(NullPointerException.class).hasMessage("report");
    }
}
