package dev.jconcurrency.processes;

import dev.jconcurrency.core.testing.Console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

    private static final String TOTAL = "Total time \\(multiprocessing\\): \\d+\\.\\d\\d sec";

    /** Without options the module plays the seed's section, as {@code python main.py} does, then lists the lessons. */
    @Test
    void withoutOptionsItPlaysTheSeedSectionThenListsTheLessons() throws Exception {
        Console out = new Console();
        Console err = new Console();

        int code = Main.run(new String[0], out.stream, err.stream);

        assertThat(code).isZero();
        assertThat(err.text()).isEmpty();
        List<String> lines = out.lines();
        assertThat(lines.subList(0, 2)).containsExactly("=== MULTIPROCESSING DEMO (CPU-BOUND) ===",
            "Results: [333332833333500000, 333332833333500000, 333332833333500000]");
        assertThat(lines.get(2)).matches(TOTAL);
        assertThat(lines.get(3)).isEmpty();
        assertThat(lines.subList(4, lines.size())).isEqualTo(listing());
    }

    @Test
    void listPrintsEveryLessonsNumberClassAndQuestionAndNothingElse() throws Exception {
        Console out = new Console();

        int code = Main.run(new String[] {"--list"}, out.stream, new Console().stream);

        assertThat(code).isZero();
        assertThat(out.lines()).isEqualTo(listing());
        assertThat(out.lines().get(4)).isEqualTo("  04  Processes_04_CrashIsolation        What happens to the rest"
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

    @Test
    void aLessonWithoutOptionsRejectsTheSeedOptionsInOneLine() throws Exception {
        Console out = new Console();
        Console err = new Console();

        int code = Main.run(new String[] {"--lesson", "3", "--tasks", "5"}, out.stream, err.stream);

        assertThat(code).isEqualTo(2);
        assertThat(out.text()).isEmpty();
        assertThat(err.lines()).containsExactly(
            "Processes_03_ThreadsVsProcesses: unknown option '--tasks': allowed options are --help (see --help)");
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

    static Stream<Arguments> badSeedOptions() {
        return Stream.of(
            Arguments.of(List.of("--tasks", "0"), "'--tasks': '0' (allowed: a whole number from 1 to 1000)"),
            Arguments.of(List.of("--tasks", "many"), "'--tasks': 'many' (allowed: a whole number from 1 to 1000)"),
            Arguments.of(List.of("--tasks"), "option '--tasks' needs a value: a whole number from 1 to 1000"),
            Arguments.of(List.of("--size", "-1"), "'--size': '-1' (allowed: a whole number from 0 to 3037000500)"),
            Arguments.of(List.of("--size", "3037000501"),
                "'--size': '3037000501' (allowed: a whole number from 0 to 3037000500)"),
            Arguments.of(List.of("--size", "10M"), "'--size': '10M' (allowed: a whole number from 0 to 3037000500)"),
            Arguments.of(List.of("--workers", "0"), "'--workers': '0' (allowed: a whole number from 1 to 64)"),
            Arguments.of(List.of("--workers", "65"), "'--workers': '65' (allowed: a whole number from 1 to 64)"),
            Arguments.of(List.of("--workers=two"), "'--workers': 'two' (allowed: a whole number from 1 to 64)"),
            Arguments.of(List.of("--bogus"), "unknown option '--bogus'"),
            Arguments.of(List.of("seed"), "unexpected argument 'seed'"));
    }

    static Stream<Arguments> badLauncherOptions() {
        return Stream.concat(badSeedOptions(), Stream.of(
            Arguments.of(List.of("--lesson", "7"), "'--lesson': '7' (allowed: 1, 2, 3, 4, 5, 6)"),
            Arguments.of(List.of("--lesson", "Threading_01_SeedSection"), "'--lesson': 'Threading_01_SeedSection'"),
            Arguments.of(List.of("--lesson"), "option '--lesson' needs a value: 1, 2, 3, 4, 5, 6"),
            Arguments.of(List.of("--list=yes"), "option '--list' takes no value")));
    }

    /** A mistake gives exit code 2, one line on err naming the option and what it allows, and nothing on out. */
    @ParameterizedTest
    @MethodSource("badLauncherOptions")
    void aBadOptionGivesOneLineNamingTheOptionAndItsAllowedValuesAndExitCode2(List<String> args, String expected)
        throws Exception {
        Console out = new Console();
        Console err = new Console();

        int code = Main.run(args.toArray(String[]::new), out.stream, err.stream);

        assertThat(code).isEqualTo(2);
        assertThat(out.text()).isEmpty();
        assertThat(err.lines()).hasSize(1);
        assertThat(err.lines().get(0)).startsWith("examples-processes: ").contains(expected).endsWith("(see --help)");
    }

    @ParameterizedTest
    @MethodSource("badSeedOptions")
    void sectionRejectsABadSeedOptionTheSameWay(List<String> args, String expected) throws Exception {
        Console out = new Console();
        Console err = new Console();

        int code = Main.section(args.toArray(String[]::new), out.stream, err.stream);

        assertThat(code).isEqualTo(2);
        assertThat(out.text()).isEmpty();
        assertThat(err.lines()).hasSize(1);
        assertThat(err.lines().get(0)).startsWith("examples-processes section: ").contains(expected);
    }

    @Test
    void sectionDoesNotTakeTheLaunchersOwnOptions() throws Exception {
        Console err = new Console();

        assertThat(Main.section(new String[] {"--list"}, new Console().stream, err.stream)).isEqualTo(2);
        assertThat(err.lines()).containsExactly("examples-processes section: unknown option '--list': allowed"
            + " options are --tasks, --size, --workers, --help (see --help)");
    }

    @Test
    void nullArgumentsAreRefusedByName() {
        Console console = new Console();
        assertThatThrownBy(() -> Main.run(null, console.stream, console.stream))
            .isInstanceOf(NullPointerException.class).hasMessage("args");
        assertThatThrownBy(() -> Main.run(new String[0], null, console.stream))
            .isInstanceOf(NullPointerException.class).hasMessage("out");
        assertThatThrownBy(() -> Main.section(new String[0], console.stream, null))
            .isInstanceOf(NullPointerException.class).hasMessage("err");
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

    private static List<String> listing() {
        return List.of(
            "Lessons (run one with --lesson N):",
            "  01  Processes_01_SeedSection           " + Processes_01_SeedSection.QUESTION,
            "  02  Processes_02_SeparateMemory        " + Processes_02_SeparateMemory.QUESTION,
            "  03  Processes_03_ThreadsVsProcesses    " + Processes_03_ThreadsVsProcesses.QUESTION,
            "  04  Processes_04_CrashIsolation        " + Processes_04_CrashIsolation.QUESTION,
            "  05  Processes_05_CrossingTheBoundary   " + Processes_05_CrossingTheBoundary.QUESTION,
            "  06  Processes_06_PipeToAChild          " + Processes_06_PipeToAChild.QUESTION);
    }
}
