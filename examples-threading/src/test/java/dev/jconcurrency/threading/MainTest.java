package dev.jconcurrency.threading;

import dev.jconcurrency.core.testing.Console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jconcurrency.core.testing.Delays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MainTest {

    private static final String SHORT = Delays.SHORT.toMillis() + "ms";

    /** Without options the module plays the seed's section, as {@code python main.py} does, then lists the lessons. */
    @Test
    void withoutOptionsItPlaysTheSeedSectionThenListsTheLessons() throws Exception {
        Console out = new Console();
        Console err = new Console();

        int code = Main.run(new String[0], out.stream, err.stream);

        assertThat(code).isZero();
        assertThat(err.text()).isEmpty();
        List<String> lines = out.lines();
        assertThat(lines.get(0)).isEqualTo("=== THREADING DEMO (I/O-BOUND) ===");
        assertThat(lines.subList(1, 7)).filteredOn(l -> l.endsWith("Finished after 1 sec")).hasSize(3);
        assertThat(lines.get(7)).matches("Total time \\(threading\\): \\d+\\.\\d\\d sec");
        assertThat(lines.get(8)).isEmpty();
        assertThat(lines.subList(9, lines.size())).isEqualTo(listing());
    }

    @Test
    void listPrintsEveryLessonsNumberClassAndQuestionAndNothingElse() throws Exception {
        Console out = new Console();

        int code = Main.run(new String[] {"--list"}, out.stream, new Console().stream);

        assertThat(code).isZero();
        assertThat(out.lines()).isEqualTo(listing());
        assertThat(out.lines()).hasSize(1 + Main.lessons().size());
        assertThat(out.lines().get(3)).isEqualTo(
            "  03  Threading_03_NoGil             Do Java threads speed up CPU-bound work?");
    }

    @Test
    void seedOptionsShapeTheSection() throws Exception {
        Console out = new Console();

        int code = Main.run(new String[] {"--tasks", "4", "--duration", SHORT, "--workers", "2"}, out.stream,
            new Console().stream);

        assertThat(code).isZero();
        List<String> lines = out.lines();
        assertThat(lines.subList(1, 9)).filteredOn(l -> l.contains("Starting I/O operation")).hasSize(4);
        assertThat(lines.get(10)).isEqualTo("(2 threads for 4 tasks: at most 2 at once, so 2 waves)");
    }

    @Test
    void sectionPlaysOnlyTheSeedSection() throws Exception {
        Console out = new Console();
        Console err = new Console();

        int code = Main.section(new String[] {"--tasks", "2", "--duration", SHORT, "--type", "io", "--workers", "0"},
            out.stream, err.stream);

        assertThat(code).isZero();
        assertThat(err.text()).isEmpty();
        List<String> lines = out.lines();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("=== THREADING DEMO (I/O-BOUND) ===");
        assertThat(lines.subList(1, 5)).containsExactlyInAnyOrder(
            "Thread 0: Starting I/O operation", "Thread 1: Starting I/O operation",
            "Thread 0: Finished after " + dev.jconcurrency.core.report.Report.duration(Delays.SHORT),
            "Thread 1: Finished after " + dev.jconcurrency.core.report.Report.duration(Delays.SHORT));
        assertThat(lines.get(5)).matches("Total time \\(threading\\): \\d+\\.\\d\\d sec");
    }

    @Test
    void lessonRunsOneLessonByNumberOrByClassName() throws Exception {
        Console byNumber = new Console();
        Console byName = new Console();

        assertThat(Main.run(new String[] {"--lesson", "7"}, byNumber.stream, new Console().stream)).isZero();
        assertThat(Main.run(new String[] {"--lesson=Threading_07_ProducerConsumer"}, byName.stream,
            new Console().stream)).isZero();

        assertThat(byNumber.lines().get(0)).isEqualTo("=== PRODUCER / CONSUMER OVER A BLOCKING QUEUE ===");
        assertThat(byName.lines().get(0)).isEqualTo("=== PRODUCER / CONSUMER OVER A BLOCKING QUEUE ===");
        assertThat(byNumber.text()).contains("Every item delivered exactly once: yes");
    }

    @Test
    void theSeedLessonTakesTheSeedOptions() throws Exception {
        Console out = new Console();

        int code = Main.run(new String[] {"--tasks", "2", "--lesson", "1", "--duration", SHORT}, out.stream,
            new Console().stream);

        assertThat(code).isZero();
        assertThat(out.lines()).hasSize(6).first().isEqualTo("=== THREADING DEMO (I/O-BOUND) ===");
    }

    @Test
    void aLessonWithoutOptionsRejectsTheSeedOptionsInOneLine() throws Exception {
        Console out = new Console();
        Console err = new Console();

        int code = Main.run(new String[] {"--lesson", "3", "--tasks", "5"}, out.stream, err.stream);

        assertThat(code).isEqualTo(2);
        assertThat(out.text()).isEmpty();
        assertThat(err.lines()).containsExactly(
            "Threading_03_NoGil: unknown option '--tasks': allowed options are --help (see --help)");
    }

    @Test
    void helpListsEveryOptionAndExitsZero() throws Exception {
        Console out = new Console();
        Console err = new Console();

        int code = Main.run(new String[] {"--help"}, out.stream, err.stream);

        assertThat(code).isZero();
        assertThat(err.text()).isEmpty();
        assertThat(out.text()).startsWith("Usage: examples-threading [options]")
            .contains("--tasks N", "--duration TIME", "--workers N", "--type io|cpu", "--list", "--lesson", "--help");
    }

    static Stream<Arguments> badSeedOptions() {
        return Stream.of(
            Arguments.of(List.of("--tasks", "0"), "'--tasks': '0' (allowed: a whole number from 1 to 10000)"),
            Arguments.of(List.of("--tasks", "many"), "'--tasks': 'many' (allowed: a whole number from 1 to 10000)"),
            Arguments.of(List.of("--tasks", "10001"), "'--tasks': '10001' (allowed: a whole number from 1 to 10000)"),
            Arguments.of(List.of("--tasks"), "option '--tasks' needs a value: a whole number from 1 to 10000"),
            Arguments.of(List.of("--duration", "fast"), "'--duration': 'fast' (allowed: a duration from 0ms to 60s"),
            Arguments.of(List.of("--duration", "61s"), "'--duration': '61s' (allowed: a duration from 0ms to 60s"),
            Arguments.of(List.of("--duration=-1s"), "'--duration': '-1s' (allowed: a duration from 0ms to 60s"),
            Arguments.of(List.of("--workers", "-1"), "'--workers': '-1' (allowed: a whole number from 0 to 10000)"),
            Arguments.of(List.of("--workers", "two"), "'--workers': 'two' (allowed: a whole number from 0 to 10000)"),
            Arguments.of(List.of("--type", "gpu"), "'--type': 'gpu' (allowed: io, cpu)"),
            Arguments.of(List.of("--type"), "option '--type' needs a value: io, cpu"));
    }

    static Stream<Arguments> badLauncherOptions() {
        return Stream.concat(badSeedOptions(), Stream.of(
            Arguments.of(List.of("--lesson", "10"), "'--lesson': '10' (allowed: 1, 2, 3, 4, 5, 6, 7, 8, 9,"
                + " Threading_01_SeedSection, Threading_02_IoSpeedup"),
            Arguments.of(List.of("--lesson", "NoGil"), "'--lesson': 'NoGil' (allowed: 1, 2, 3,"),
            Arguments.of(List.of("--list=yes"), "option '--list' takes no value, but was given 'yes'"),
            Arguments.of(List.of("--bogus"), "unknown option '--bogus': allowed options are --tasks, --duration,"
                + " --workers, --type, --list, --lesson, --help"),
            Arguments.of(List.of("threading"), "unexpected argument 'threading': options start with --, allowed:"
                + " --tasks, --duration, --workers, --type, --list, --lesson, --help")));
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
        assertThat(err.lines().get(0)).startsWith("examples-threading: ").contains(expected).endsWith("(see --help)");
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
        assertThat(err.lines().get(0)).startsWith("examples-threading section: ").contains(expected);
    }

    @Test
    void sectionDoesNotTakeTheLaunchersOwnOptions() throws Exception {
        Console err = new Console();

        assertThat(Main.section(new String[] {"--list"}, new Console().stream, err.stream)).isEqualTo(2);
        assertThat(err.lines()).containsExactly("examples-threading section: unknown option '--list': allowed options"
            + " are --tasks, --duration, --workers, --type, --help (see --help)");
    }

    private static List<String> listing() {
        return List.of(
            "Lessons (run one with --lesson N):",
            "  01  Threading_01_SeedSection       " + Threading_01_SeedSection.QUESTION,
            "  02  Threading_02_IoSpeedup         " + Threading_02_IoSpeedup.QUESTION,
            "  03  Threading_03_NoGil             " + Threading_03_NoGil.QUESTION,
            "  04  Threading_04_LostUpdate        " + Threading_04_LostUpdate.QUESTION,
            "  05  Threading_05_Visibility        " + Threading_05_Visibility.QUESTION,
            "  06  Threading_06_Deadlock          " + Threading_06_Deadlock.QUESTION,
            "  07  Threading_07_ProducerConsumer  " + Threading_07_ProducerConsumer.QUESTION,
            "  08  Threading_08_Interruption      " + Threading_08_Interruption.QUESTION,
            "  09  Threading_09_ManyThreads       " + Threading_09_ManyThreads.QUESTION);
    }
}
