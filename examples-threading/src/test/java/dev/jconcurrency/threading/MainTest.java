package dev.jconcurrency.threading;

import dev.jconcurrency.core.testing.Console;
import dev.jconcurrency.core.testing.LauncherContract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jconcurrency.core.testing.Delays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The module's launcher: the seed section's options and lines, the lessons it runs; the rest is the contract's. */
class MainTest extends LauncherContract {

    private static final String SHORT = Delays.SHORT.toMillis() + "ms";

    @Override
    protected Class<?> main() {
        return Main.class;
    }

    @Override
    protected List<String> quickSection() {
        return List.of("--tasks", "1", "--duration", "0ms");
    }

    @Override
    protected Stream<BadOption> badSeedOptions() {
        return Stream.of(
            new BadOption(List.of("--tasks", "0"), "'--tasks': '0' (allowed: a whole number from 1 to 10000)"),
            new BadOption(List.of("--tasks", "many"), "'--tasks': 'many' (allowed: a whole number from 1 to 10000)"),
            new BadOption(List.of("--tasks", "10001"), "'--tasks': '10001' (allowed: a whole number from 1 to 10000)"),
            new BadOption(List.of("--tasks"), "option '--tasks' needs a value: a whole number from 1 to 10000"),
            new BadOption(List.of("--duration", "fast"), "'--duration': 'fast' (allowed: a duration from 0ms to 60s"),
            new BadOption(List.of("--duration", "61s"), "'--duration': '61s' (allowed: a duration from 0ms to 60s"),
            new BadOption(List.of("--duration=-1s"), "'--duration': '-1s' (allowed: a duration from 0ms to 60s"),
            new BadOption(List.of("--workers", "-1"), "'--workers': '-1' (allowed: a whole number from 0 to 10000)"),
            new BadOption(List.of("--workers", "two"), "'--workers': 'two' (allowed: a whole number from 0 to 10000)"),
            new BadOption(List.of("--type", "gpu"), "'--type': 'gpu' (allowed: io, cpu)"),
            new BadOption(List.of("--type"), "option '--type' needs a value: io, cpu"));
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
        assertThat(lines.get(0)).isEqualTo("=== THREADING DEMO (I/O-BOUND) ===");
        assertThat(lines.subList(1, 7)).filteredOn(l -> l.endsWith("Finished after 1 sec")).hasSize(3);
        assertThat(lines.get(7)).matches("Total time \\(threading\\): \\d+\\.\\d\\d sec");
        assertThat(lines.get(8)).isEmpty();
        assertThat(lines.subList(9, lines.size())).isEqualTo(list.lines());
        assertThat(list.lines().get(3)).isEqualTo(
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

    @Test
    void sectionNamesItselfAndItsSeedOptionsInItsErrors() throws Exception {
        Console err = new Console();

        assertThat(Main.section(new String[] {"--list"}, new Console().stream, err.stream)).isEqualTo(2);
        assertThat(err.lines()).containsExactly("examples-threading section: unknown option '--list': allowed options"
            + " are --tasks, --duration, --workers, --type, --help (see --help)");
    }
}
