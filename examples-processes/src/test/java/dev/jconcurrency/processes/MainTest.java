package dev.jconcurrency.processes;

import dev.jconcurrency.core.testing.Console;
import dev.jconcurrency.core.testing.LauncherContract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The module's launcher: the seed section's options and lines, the lessons it runs; the rest is the contract's. */
class MainTest extends LauncherContract {

    private static final String TOTAL = "Total time \\(multiprocessing\\): \\d+\\.\\d\\d sec";

    MainTest() {
        super(Main.class, """
              --tasks N    how many tasks to run (a whole number from 1 to 1000); default 3
              --size N     how many squares each task sums: range(size); exact at any size (a whole number from \
            0 to 3037000500); default 1000000
              --workers N  how many worker JVMs the pool starts (a whole number from 1 to 64); default 3
              --help       print this help and exit
            """, "--tasks", "1", "--size", "10", "--workers", "1");
    }

    /** Without options the module plays the seed's section with the seed's values, as {@code python main.py} does. */
    @Test
    void withoutOptionsItPlaysTheSeedSectionWithTheSeedsValues() throws Exception {
        Console out = new Console();

        assertThat(Main.run(new String[0], out.stream, new Console().stream)).isZero();

        assertThat(out.lines().subList(0, 2)).containsExactly("=== MULTIPROCESSING DEMO (CPU-BOUND) ===",
            "Results: [333332833333500000, 333332833333500000, 333332833333500000]");
        assertThat(out.lines().get(2)).matches(TOTAL);
        assertThat(out.lines().get(8)).isEqualTo("  04  Processes_04_CrashIsolation       What happens to the rest"
            + " of the program when one task calls System.exit, runs out of memory or is killed?");
    }

    @Test
    void seedOptionsShapeTheSection() throws Exception {
        Console out = new Console();

        int code = Main.run(new String[] {"--tasks", "2", "--size", "1000", "--workers", "1"}, out.stream,
            new Console().stream);

        assertThat(code).isZero();
        assertThat(out.lines().get(1)).isEqualTo("Results: [332833500, 332833500]");
    }

    /** What the whole tour calls: only the section's three lines, with the seed's options. */
    @Test
    void sectionPlaysOnlyTheSeedSection() throws Exception {
        Console out = new Console();
        Console err = new Console();

        int code = Main.section(new String[] {"--tasks", "3", "--size", "1000000", "--workers", "2"}, out.stream,
            err.stream);

        assertThat(code).isZero();
        assertThat(err.text()).isEmpty();
        assertThat(out.lines()).hasSize(3);
        assertThat(out.lines().subList(0, 2)).containsExactly("=== MULTIPROCESSING DEMO (CPU-BOUND) ===",
            "Results: [333332833333500000, 333332833333500000, 333332833333500000]");
        assertThat(out.lines().get(2)).matches(TOTAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "02", "Processes_02_SeparateMemory"})
    void lessonRunsOneLessonByNumberOrByClassName(String lesson) throws Exception {
        Console out = new Console();
        Console err = new Console();

        assertThat(Main.run(new String[] {"--lesson", lesson}, out.stream, err.stream)).isZero();

        assertThat(err.text()).isEmpty();
        assertThat(out.lines().get(0)).isEqualTo("=== SEPARATE MEMORY: A STATIC COUNTER IN TWO JVMS ===");
        assertThat(out.lines().get(4)).isEqualTo("Parent's counter after both tasks = 1000 (unchanged: the"
            + " worker's value came back only as a result)");
    }

    @Test
    void theSeedLessonTakesTheSeedOptions() throws Exception {
        Console out = new Console();

        int code = Main.run(new String[] {"--tasks", "1", "--lesson=1", "--size", "10"}, out.stream,
            new Console().stream);

        assertThat(code).isZero();
        assertThat(out.lines()).hasSize(3).element(1).isEqualTo("Results: [285]");
    }

    /** The help lists every option and carries the seed's troubleshooting notes in Java terms. */
    @Test
    void helpListsEveryOptionAndTheSeedsTroubleshootingNotes() throws Exception {
        Console out = new Console();
        Console err = new Console();

        int code = Main.run(new String[] {"--help"}, out.stream, err.stream);

        assertThat(code).isZero();
        assertThat(err.text()).isEmpty();
        assertThat(out.text()).startsWith("Usage: examples-processes [options]")
            .contains("--tasks N", "--size N", "--workers N", "--list", "--lesson 1|2|3|4|5|6", "--help")
            .contains("--size 10000000 gives 333333283333335000000")
            .contains("That is Java's \"functions must be defined at module level\"");
    }

    @Test
    void sectionHelpCarriesTheNotesToo() throws Exception {
        Console out = new Console();

        assertThat(Main.section(new String[] {"--help"}, out.stream, new Console().stream)).isZero();

        assertThat(out.text()).startsWith("Usage: examples-processes section [options]")
            .contains("past where a long overflows (3,024,618 terms and up)")
            .contains("it must be Serializable, capture only serializable values, and its class must be on the"
                + " class path");
    }

    @Test
    void lessonsAreTheSixLessonClassesInOrder() {
        assertThat(Main.lessons()).containsExactly(
            Processes_01_SeedSection.class,
            Processes_02_SeparateMemory.class,
            Processes_03_ThreadsVsProcesses.class,
            Processes_04_CrashIsolation.class,
            Processes_05_CrossingTheBoundary.class,
            Processes_06_PipeToAChild.class);
    }
}
