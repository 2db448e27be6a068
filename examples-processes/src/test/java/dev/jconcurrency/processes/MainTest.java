package dev.jconcurrency.processes;

import dev.jconcurrency.core.testing.Console;
import dev.jconcurrency.core.testing.LauncherContract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The module's launcher: the seed section's options and lines, the lessons it runs; the rest is the contract's. */
class MainTest extends LauncherContract {

    private static final String TOTAL = "Total time \\(multiprocessing\\): \\d+\\.\\d\\d sec";

    @Override
    protected Class<?> main() {
        return Main.class;
    }

    @Override
    protected List<String> quickSection() {
        return List.of("--tasks", "1", "--size", "10", "--workers", "1");
    }

    @Override
    protected Stream<BadOption> badSeedOptions() {
        return Stream.of(
            new BadOption(List.of("--tasks", "0"), "'--tasks': '0' (allowed: a whole number from 1 to 1000)"),
            new BadOption(List.of("--tasks", "many"), "'--tasks': 'many' (allowed: a whole number from 1 to 1000)"),
            new BadOption(List.of("--tasks"), "option '--tasks' needs a value: a whole number from 1 to 1000"),
            new BadOption(List.of("--size", "-1"), "'--size': '-1' (allowed: a whole number from 0 to 3037000500)"),
            new BadOption(List.of("--size", "3037000501"),
                "'--size': '3037000501' (allowed: a whole number from 0 to 3037000500)"),
            new BadOption(List.of("--size", "10M"), "'--size': '10M' (allowed: a whole number from 0 to 3037000500)"),
            new BadOption(List.of("--workers", "0"), "'--workers': '0' (allowed: a whole number from 1 to 64)"),
            new BadOption(List.of("--workers", "65"), "'--workers': '65' (allowed: a whole number from 1 to 64)"),
            new BadOption(List.of("--workers=two"), "'--workers': 'two' (allowed: a whole number from 1 to 64)"),
            new BadOption(List.of("--bogus"), "unknown option '--bogus'"),
            new BadOption(List.of("seed"), "unexpected argument 'seed'"));
    }

    /** Without options the module plays the seed's section, as {@code python main.py} does, then lists the lessons. */
    @Test
    void withoutOptionsItPlaysTheSeedSectionThenListsTheLessons() throws Exception {
        Console out = new Console();
        Console err = new Console();
        Console list = new Console();

        int code = Main.run(new String[0], out.stream, err.stream);
        Main.run(new String[] {"--list"}, list.stream, err.stream);

        assertThat(code).isZero();
        assertThat(err.text()).isEmpty();
        List<String> lines = out.lines();
        assertThat(lines.subList(0, 2)).containsExactly("=== MULTIPROCESSING DEMO (CPU-BOUND) ===",
            "Results: [333332833333500000, 333332833333500000, 333332833333500000]");
        assertThat(lines.get(2)).matches(TOTAL);
        assertThat(lines.get(3)).isEmpty();
        assertThat(lines.subList(4, lines.size())).isEqualTo(list.lines());
        assertThat(list.lines().get(4)).isEqualTo("  04  Processes_04_CrashIsolation       What happens to the rest"
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
    void sectionNamesItselfAndItsSeedOptionsInItsErrors() throws Exception {
        Console err = new Console();

        assertThat(Main.section(new String[] {"--list"}, new Console().stream, err.stream)).isEqualTo(2);
        assertThat(err.lines()).containsExactly("examples-processes section: unknown option '--list': allowed"
            + " options are --tasks, --size, --workers, --help (see --help)");
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
