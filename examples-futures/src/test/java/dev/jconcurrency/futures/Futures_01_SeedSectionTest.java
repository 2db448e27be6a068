package dev.jconcurrency.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.testing.Delays;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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

    private static final Pattern THREAD_TIME = Pattern.compile("Thread time: (\\d+\\.\\d\\d) sec");

    /** The seed's numbers: three one-second waits on three threads overlap into one second, results in order. */
    @Test
    void threeOneSecondTasksOnThreeThreadsGiveTheSquaresInOrderInAboutOneSecond() throws Exception {
        Futures_01_SeedSection.Result result =
            Futures_01_SeedSection.run(PoolKind.THREAD, 3, 3, Duration.ofSeconds(1));

        assertThat(result.kind()).isEqualTo(PoolKind.THREAD);
        assertThat(result.results()).containsExactly(0, 1, 4);
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void theSectionPrintsTheSeedsThreeLinesExactly() throws Exception {
        Output output = new Output();

        int code = Main.section(new String[0], output.out, output.err);

        assertThat(code).isZero();
        assertThat(output.err()).isEmpty();
        List<String> lines = output.lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("=== CONCURRENT.FUTURES DEMO ===");
        assertThat(lines.get(1)).isEqualTo("Thread results: [0, 1, 4]");
        Matcher time = THREAD_TIME.matcher(lines.get(2));
        assertThat(time.matches()).as(lines.get(2)).isTrue();
        assertThat(Double.parseDouble(time.group(1))).isGreaterThanOrEqualTo(1.0).isLessThan(1.5);
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
    @ValueSource(strings = {"process", "both"})
    void theProcessPoolIsRefusedWithOneLineAndExitCode2UntilItLands(String executor) throws Exception {
        Output output = new Output();

        int code = Main.section(new String[] {"--executor", executor}, output.out, output.err);

        assertThat(code).isEqualTo(2);
        assertThat(output.out()).as("nothing is played").isEmpty();
        assertThat(output.err()).isEqualTo("examples-futures: invalid value for option '--executor': 'process' is "
            + "not available yet: the child-JVM process pool has not landed in concurrency-core (allowed now: "
            + "thread) (see --help)" + System.lineSeparator());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--tasks 0", "--tasks 10001", "--workers x", "--workers", "--duration -1s",
        "--duration 61s", "--executor fibers", "--bogus", "stray", "--tasks=3 --tasks=two"})
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
