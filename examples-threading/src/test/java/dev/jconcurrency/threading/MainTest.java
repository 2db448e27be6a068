package dev.jconcurrency.threading;

import dev.jconcurrency.core.testing.Console;
import dev.jconcurrency.core.testing.LauncherContract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jconcurrency.core.testing.Delays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The module's launcher: the seed section's options and lines, the lessons it runs; the rest is the contract's. */
class MainTest extends LauncherContract {

    private static final String SHORT = Delays.SHORT.toMillis() + "ms";

    MainTest() {
        super(Main.class, """
              --tasks N        how many tasks to run (a whole number from 1 to 10000); default 3
              --duration TIME  how long each task waits (io) or computes on an idle core (cpu) (a duration from 0ms \
            to 60s); default 1s
              --workers N      0 = a thread per task (the seed's way); K = a fixed pool of K threads (fewer than the \
            tasks: waves) (a whole number from 0 to 10000); default 0
              --type io|cpu    what each task does: io waits, cpu computes; default io
              --help           print this help and exit
            """, "--tasks", "1", "--duration", "0ms");
    }

    /** Without options the module plays the seed's section with the seed's values, as {@code python main.py} does. */
    @Test
    void withoutOptionsItPlaysTheSeedSectionWithTheSeedsValues() throws Exception {
        Console out = new Console();

        int code = Main.run(new String[0], out.stream, new Console().stream);

        assertThat(code).isZero();
        List<String> lines = out.lines();
        assertThat(lines.get(0)).isEqualTo("=== THREADING DEMO (I/O-BOUND) ===");
        assertThat(lines.subList(1, 7)).filteredOn(l -> l.endsWith("Finished after 1 sec")).hasSize(3);
        assertThat(lines.get(7)).matches("Total time \\(threading\\): \\d+\\.\\d\\d sec");
        assertThat(lines.get(12)).isEqualTo("  03  Threading_03_NoGil             Do Java threads speed up CPU-bound work?");
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
}
