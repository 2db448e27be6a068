package dev.jconcurrency.processes;

import dev.jconcurrency.core.testing.Console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.processes.Processes_02_SeparateMemory.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

class Processes_02_SeparateMemoryTest {

    /**
     * A worker's static counter is its own: it starts at the class's initial value, not at ours; what it does to
     * it never reaches us; its value comes back only as the task's result.
     */
    @Test
    void aChildIncrementsItsOwnStaticCounterAndTheParentsCopyIsUnchanged() throws Exception {
        Result result = Processes_02_SeparateMemory.run(1_000);

        assertThat(result.afterThread()).isEqualTo(1_000);
        assertThat(result.first().before()).isZero();
        assertThat(result.first().after()).isEqualTo(1_000);
        assertThat(result.parentAfterTasks()).isEqualTo(1_000);
        assertThat(Processes_02_SeparateMemory.counter).isEqualTo(1_000);
        assertThat(result.first().pid()).isNotEqualTo(result.parentPid());
        assertThat(result.parentPid()).isEqualTo(ProcessHandle.current().pid());
    }

    /** Statics live as long as the worker: a second task in the same worker counts on from the first. */
    @Test
    void aSecondTaskInTheSameWorkerSeesTheFirstTasksIncrements() throws Exception {
        Result result = Processes_02_SeparateMemory.run(250);

        assertThat(result.second().pid()).isEqualTo(result.first().pid());
        assertThat(result.second().before()).isEqualTo(250);
        assertThat(result.second().after()).isEqualTo(500);
        assertThat(result.parentAfterTasks()).isEqualTo(250);
    }

    @Test
    void anArgumentIsCopiedToTheWorkerSoTheTasksChangeComesBackOnlyAsItsResult() throws Exception {
        Result result = Processes_02_SeparateMemory.run(1);

        assertThat(result.parentList()).containsExactly("milk");
        assertThat(result.returnedList()).containsExactly("milk", "eggs");
    }

    @Test
    void theLessonPrintsWhatEachSideSaw() throws Exception {
        Console console = new Console();
        Result result = new Result(11, 5, 5, new Processes_02_SeparateMemory.Seen(22, 0, 5),
            new Processes_02_SeparateMemory.Seen(22, 5, 10), 5, List.of("milk"), List.of("milk", "eggs"));

        Processes_02_SeparateMemory.show(result, dev.jconcurrency.core.report.Report.to(console.stream));

        assertThat(console.lines()).containsExactly(
            "=== SEPARATE MEMORY: A STATIC COUNTER IN TWO JVMS ===",
            "Parent JVM pid 11: a thread of this JVM added 5 -> parent's counter = 5 (threads share memory)",
            "Worker pid 22, task 1: counter was 0, added 5 -> 5 (the worker's own copy)",
            "Worker pid 22, task 2: counter was 5, added 5 -> 10 (statics live as long as the worker)",
            "Parent's counter after both tasks = 5 (unchanged: the worker's value came back only as a result)",
            "A list passed to a task: the task appended to its copy and returned [milk, eggs]; the parent's list is"
                + " still [milk]");
    }

    @Test
    void badArgumentsNameTheParameterAndTheValue() {
        assertThatThrownBy(() -> Processes_02_SeparateMemory.run(0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("increments must be positive: 0");
    }
}
