package dev.jconcurrency.processes;

import dev.jconcurrency.core.testing.Console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.processes.Processes_04_CrashIsolation.Outcome;
import dev.jconcurrency.processes.Processes_04_CrashIsolation.Result;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run of the lesson (three worker deaths and their replacements, about a second), asserted from every side. */
@Tag("slow")
class Processes_04_CrashIsolationTest {

    private static final BigInteger SEED_SUM = new BigInteger("333332833333500000");

    @TempDir
    static Path scratch;

    private static Result result;

    @BeforeAll
    static void runTheLessonOnce() throws Exception {
        result = Processes_04_CrashIsolation.run(2, scratch);
    }

    @Test
    void aTaskThatCallsSystemExitEndsOnlyItsWorkerWhoseExitCodeAndLastWordsReachTheParent() {
        Outcome exit = result.outcome("exit");

        assertThat(exit.succeeded()).isFalse();
        assertThat(exit.failure()).isEqualTo("ChildJvmException");
        assertThat(exit.exitCode()).isEqualTo(3);
        assertThat(exit.stderrTail()).isEqualTo("exit task: configuration missing, calling System.exit(3)");
        assertThat(exit.pid()).isPositive().isNotEqualTo(ProcessHandle.current().pid());
    }

    /** With -XX:+ExitOnOutOfMemoryError the JVM exits with 3 too; its stderr says why. */
    @Test
    void aTaskThatFillsItsSmallHeapEndsOnlyItsWorkerAndTheStderrTailNamesTheOutOfMemoryError() {
        Outcome greedy = result.outcome("greedy");

        assertThat(greedy.failure()).isEqualTo("ChildJvmException");
        assertThat(greedy.exitCode()).isEqualTo(3);
        assertThat(greedy.stderrTail()).isEqualTo("greedy task: allocating 1 MiB blocks and keeping them"
            + System.lineSeparator() + "Terminating due to java.lang.OutOfMemoryError: Java heap space");
    }

    @Test
    void aWorkerKilledFromOutsideFailsItsTaskWithExitCode137() {
        Outcome victim = result.outcome("victim");

        assertThat(victim.failure()).isEqualTo("ChildJvmException");
        assertThat(victim.exitCode()).isEqualTo(137);
        assertThat(victim.stderrTail()).isEqualTo("victim task: hanging until someone kills this JVM");
    }

    @Test
    void theGoodTasksAndOneSubmittedAfterAllTheFailuresReturnTheExactSum() {
        assertThat(List.of("good 1", "good 2", "good 3")).allSatisfy(name -> {
            Outcome good = result.outcome(name);
            assertThat(good.succeeded()).isTrue();
            assertThat(good.value()).isEqualTo(SEED_SUM);
            assertThat(good.exitCode()).isEqualTo(-1);
        });
        assertThat(result.afterwards()).isEqualTo(SEED_SUM);
    }

    /** Each death cost one replacement, and the parent outlived all three. */
    @Test
    void thePoolReplacedEachDeadWorkerAndTheParentCarriedOn() {
        assertThat(result.workersStarted()).isEqualTo(2 + 3);
        assertThat(result.workersAtEnd()).isEqualTo(2);
        assertThat(result.parentPid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(result.outcomes().stream().filter(o -> !o.succeeded()).map(Outcome::pid).distinct()).hasSize(3);
    }

    @Test
    void theTableShowsEachTasksOutcomeExitCodeAndLastLine() {
        Console console = new Console();

        Processes_04_CrashIsolation.show(result, Report.to(console.stream));

        assertThat(console.lines().get(0))
            .isEqualTo("=== CRASH ISOLATION: THREE BAD TASKS AMONG GOOD ONES, 2 WORKER JVMS ===");
        assertThat(console.lines()).anySatisfy(line -> assertThat(line).startsWith("greedy")
            .contains("ChildJvmException").contains(" 3 ")
            .endsWith("Terminating due to java.lang.OutOfMemoryError: Java heap space"));
        assertThat(console.lines()).anySatisfy(line -> assertThat(line).startsWith("victim").contains(" 137 "));
        assertThat(console.lines()).contains("A good task submitted after all of this: 333332833333500000");
    }

    @Test
    void badArgumentsNameTheParameterAndTheValue() {
        assertThatThrownBy(() -> Processes_04_CrashIsolation.run(0, scratch))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("workers must be positive: 0");
        assertThatThrownBy(() -> Processes_04_CrashIsolation.run(1, null))
            .isInstanceOf(NullPointerException.class).hasMessage("scratch");
    }
}
