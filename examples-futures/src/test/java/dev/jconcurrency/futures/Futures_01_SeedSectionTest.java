package dev.jconcurrency.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.timing.Stopwatch;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("timing")
@Isolated
class Futures_01_SeedSectionTest {

    private static final Pattern TIME = Pattern.compile("(Thread|Process) time: (\\d+\\.\\d\\d) sec");

    /**
     * The process pool's time includes starting its JVMs. The target is 1.2 s for the seed's one-second
     * tasks; that figure is measured and reported, not asserted (a busy machine starts JVMs several times
     * slower). The bound asserted is one wait plus LONG/10: less than two waits at the default scale, so a pool
     * that did not overlap the waits would fail it.
     */
    private static final Duration PROCESS_BOUND = Duration.ofSeconds(1).plus(Delays.LONG.dividedBy(10));

    /** The seed's numbers: three one-second waits on three threads overlap into one second, results in order. */
    @Test
    void threeOneSecondTasksOnThreeThreadsGiveTheSquaresInOrderInAboutOneSecond() throws Exception {
        Futures_01_SeedSection.Result result =
            Futures_01_SeedSection.run(PoolKind.THREAD, 3, 3, Duration.ofSeconds(1));

        assertThat(result.kind()).isEqualTo(PoolKind.THREAD);
        assertThat(result.results()).containsExactly(0, 1, 4);
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThan(Duration.ofMillis(1500));
    }

    /** The same on three child JVMs: the same squares in the same order, one wait plus the pool's start-up. */
    @Test
    void threeOneSecondTasksOnThreeChildJvmsGiveTheSameSquaresInOneWaitPlusTheStartOfThePool() throws Exception {
        Futures_01_SeedSection.Result result =
            Futures_01_SeedSection.run(PoolKind.PROCESS, 3, 3, Duration.ofSeconds(1));

        System.out.println("Process time, pool start included: " + Report.seconds(result.elapsed())
            + " (target 1.2 sec; " + Load.describe() + ")");
        assertThat(result.kind()).isEqualTo(PoolKind.PROCESS);
        assertThat(result.results()).containsExactly(0, 1, 4);
        assertThat(result.elapsed()).as("pool start included; target 1.2 s; %s", Load.describe())
            .isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThan(PROCESS_BOUND);
    }

    /**
     * By default the section plays both pools, side by side: five lines exactly (times aside), each time from its
     * own pool's start, and the whole section shorter than the two times added up, which it could not be if the
     * pools ran one after the other.
     */
    @Test
    void theSectionPlaysTheThreadAndTheProcessPoolSideBySideInTheSeedsFiveLines() throws Exception {
        Output output = new Output();

        Stopwatch watch = Stopwatch.start();
        int code = Main.section(new String[0], output.out, output.err);
        Duration section = watch.elapsed();

        assertThat(code).isZero();
        assertThat(output.err()).isEmpty();
        List<String> lines = output.lines();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("=== CONCURRENT.FUTURES DEMO ===");
        assertThat(lines.get(1)).isEqualTo("Thread results: [0, 1, 4]");
        double threadTime = seconds("Thread", lines.get(2));
        assertThat(lines.get(3)).isEqualTo("Process results: [0, 1, 4]");
        double processTime = seconds("Process", lines.get(4));
        assertThat(threadTime).isGreaterThanOrEqualTo(1.0).isLessThan(1.5);
        assertThat(processTime).as(Load.describe()).isGreaterThanOrEqualTo(1.0)
            .isLessThan(PROCESS_BOUND.toMillis() / 1000.0);
        assertThat(section.toMillis() / 1000.0).as("the section, with %s and %s", lines.get(2), lines.get(4))
            .isLessThan(threadTime + processTime);
    }

    @ParameterizedTest
    @ValueSource(strings = {"thread", "process"})
    void theExecutorOptionPlaysOnePoolInTheSeedsThreeLines(String executor) throws Exception {
        Output output = new Output();
        PoolKind kind = PoolKind.valueOf(executor.toUpperCase(Locale.ROOT));

        int code = Main.section(new String[] {"--executor", executor, "--duration", "50ms"}, output.out,
            output.err);

        assertThat(code).isZero();
        assertThat(output.err()).isEmpty();
        List<String> lines = output.lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("=== CONCURRENT.FUTURES DEMO ===");
        assertThat(lines.get(1)).isEqualTo(kind.label() + " results: [0, 1, 4]");
        assertThat(seconds(kind.label(), lines.get(2))).isGreaterThanOrEqualTo(0.05);
    }

    @Test
    void sideBySideGivesOneResultPerKindInTheOrderAsked() throws Exception {
        List<Futures_01_SeedSection.Result> results = Futures_01_SeedSection.runSideBySide(
            List.of(PoolKind.PROCESS, PoolKind.THREAD), 2, 2, Delays.SHORT);

        assertThat(results).extracting(Futures_01_SeedSection.Result::kind)
            .containsExactly(PoolKind.PROCESS, PoolKind.THREAD);
        assertThat(results).extracting(Futures_01_SeedSection.Result::results)
            .containsExactly(List.of(0, 1), List.of(0, 1));
    }

    @Test
    void moreTasksThanWorkersRunInRoundsAndStillComeBackInSubmissionOrder() throws Exception {
        Futures_01_SeedSection.Result result = Futures_01_SeedSection.run(PoolKind.THREAD, 6, 3, Delays.SHORT);

        assertThat(result.results()).containsExactly(0, 1, 4, 9, 16, 25);
        assertThat(result.elapsed()).as("two rounds of three").isGreaterThanOrEqualTo(Delays.SHORT.multipliedBy(2));
    }

    @Test
    void theSectionsOptionsChangeTasksWorkersAndDuration() throws Exception {
        Output output = new Output();

        int code = Main.section(new String[] {"--tasks", "4", "--workers=4", "--duration", "50ms",
            "--executor", "thread"}, output.out, output.err);

        assertThat(code).isZero();
        assertThat(output.lines().get(1)).isEqualTo("Thread results: [0, 1, 4, 9]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--tasks 0", "--tasks 10001", "--workers x", "--workers", "--duration -1s",
        "--duration 61s", "--executor fibers", "--bogus", "stray", "--tasks=3 --tasks=two", "--workers 33",
        "--workers 33 --executor process", "--workers=1000 --executor=both"})
    void everyBadOptionExitsWith2AndOneLineNamingTheOption(String args) throws Exception {
        Output output = new Output();

        int code = Main.section(args.split(" "), output.out, output.err);

        assertThat(code).isEqualTo(2);
        assertThat(output.out()).isEmpty();
        assertThat(output.err()).startsWith("examples-futures: ").endsWith(System.lineSeparator());
        assertThat(output.err().lines()).hasSize(1);
        String option = args.startsWith("--") ? args.split("[ =]")[0] : args;
        if (args.startsWith("--tasks=3")) {
            option = "--tasks";
        }
        assertThat(output.err()).contains(option);
    }

    /** The cap on --workers is for child JVMs only: threads may still have up to a thousand. */
    @Test
    void moreThan32WorkersAreRefusedForChildJvmsButNotForThreads() throws Exception {
        Output refused = new Output();
        int code = Main.section(new String[] {"--workers", "33", "--duration", "0s"}, refused.out, refused.err);

        assertThat(code).isEqualTo(2);
        assertThat(refused.out()).as("nothing is played, no JVM started").isEmpty();
        assertThat(refused.err()).isEqualTo("examples-futures: invalid value for option '--workers': '33' (allowed "
            + "with --executor both: a whole number from 1 to 32, a child JVM each; up to 1000 with --executor "
            + "thread) (see --help)" + System.lineSeparator());

        Output threads = new Output();
        code = Main.section(new String[] {"--workers", "33", "--duration", "0s", "--executor", "thread"},
            threads.out, threads.err);

        assertThat(code).isZero();
        assertThat(threads.lines().get(1)).isEqualTo("Thread results: [0, 1, 4]");
    }

    @Test
    void helpListsTheFourOptionsAndExitsWith0() throws Exception {
        Output output = new Output();

        int code = Main.section(new String[] {"--help"}, output.out, output.err);

        assertThat(code).isZero();
        assertThat(output.out()).contains("--tasks N", "--workers N", "--duration TIME",
            "--executor thread|process|both");
    }

    @Test
    void runRejectsBadArguments() {
        assertThatThrownBy(() -> Futures_01_SeedSection.run(null, 3, 3, Delays.SHORT))
            .isInstanceOf(NullPointerException.class).hasMessage("kind");
        assertThatThrownBy(() -> Futures_01_SeedSection.run(PoolKind.THREAD, 0, 3, Delays.SHORT))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("tasks must be positive: 0");
        assertThatThrownBy(() -> Futures_01_SeedSection.run(PoolKind.THREAD, 3, 0, Delays.SHORT))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("workers must be positive: 0");
        assertThatThrownBy(() -> Futures_01_SeedSection.run(PoolKind.THREAD, 3, 3, null))
            .isInstanceOf(NullPointerException.class).hasMessage("delay");
        assertThatThrownBy(() -> Futures_01_SeedSection.run(PoolKind.THREAD, 3, 3, Duration.ofMillis(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("delay must not be negative: PT-0.001S");
    }

    /** What a run throws reaches the caller of runSideBySide as it is, not wrapped; no pool is started for it. */
    @Test
    void sideBySideRejectsBadArgumentsWithTheExceptionsRunThrows() {
        List<PoolKind> both = List.of(PoolKind.THREAD, PoolKind.PROCESS);
        assertThatThrownBy(() -> Futures_01_SeedSection.runSideBySide(null, 3, 3, Delays.SHORT))
            .isInstanceOf(NullPointerException.class).hasMessage("kinds");
        assertThatThrownBy(() -> Futures_01_SeedSection.runSideBySide(List.of(), 3, 3, Delays.SHORT))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("kinds must not be empty: []");
        assertThatThrownBy(() -> Futures_01_SeedSection.runSideBySide(
                List.of(PoolKind.THREAD, PoolKind.THREAD), 3, 3, Delays.SHORT))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("kinds must not repeat a kind: [THREAD, THREAD]");
        assertThatThrownBy(() -> Futures_01_SeedSection.runSideBySide(both, 0, 3, Delays.SHORT))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("tasks must be positive: 0");
        assertThatThrownBy(() -> Futures_01_SeedSection.runSideBySide(both, 3, 0, Delays.SHORT))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("workers must be positive: 0");
        assertThatThrownBy(() -> Futures_01_SeedSection.runSideBySide(both, 3, 3, null))
            .isInstanceOf(NullPointerException.class).hasMessage("delay");
    }

    /** The time printed on a line such as {@code Thread time: 1.01 sec}, after checking the line's shape. */
    private static double seconds(String label, String line) {
        Matcher time = TIME.matcher(line);
        assertThat(time.matches()).as(line).isTrue();
        assertThat(time.group(1)).as(line).isEqualTo(label);
        return Double.parseDouble(time.group(2));
    }

    /** A pair of in-memory console streams. */
    static final class Output {
        private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

        String out() {
            return outBytes.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return errBytes.toString(StandardCharsets.UTF_8);
        }

        List<String> lines() {
            return out().lines().toList();
        }
    }
}
