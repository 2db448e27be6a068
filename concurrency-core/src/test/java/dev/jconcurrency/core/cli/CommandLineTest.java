package dev.jconcurrency.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one command-line parser: every kind of option in both spellings, defaults, {@code --help}, and for every
 * kind of mistake exit code 2 with exactly one line on the error stream naming the option and what it allows.
 */
class CommandLineTest {

    private static final String ALL_OPTIONS = "--tasks, --size, --duration, --type, --mode, --verbose, --help";
    private static final String DURATIONS = "a duration from 1ms to 60s, e.g. 1s, 250ms, 1.5s";

    private static final CommandLine CLI = CommandLine.builder("demo", "Plays the seed's threading section.")
        .intOption("tasks", 3, 1, 10_000, "how many tasks")
        .longOption("size", 1_000_000, 1, 3_037_000_500L, "problem size")
        .durationOption("duration", Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofSeconds(60), "task length")
        .choiceOption("type", List.of("io", "cpu"), "io", "what each task does")
        .choiceOption("mode", List.of("fast", "slow"), null, "how")
        .flag("verbose", "print every step")
        .build();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<CommandLine.Arguments> bodyCalls = new ArrayList<>();

    private int run(String... args) throws Exception {
        return CLI.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), bodyCalls::add);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /* Parsing. */

    @Test
    void optionsNotGivenTakeTheirDefaults() {
        CommandLine.Arguments parsed = CLI.parse();

        assertThat(parsed.intValue("tasks")).isEqualTo(3);
        assertThat(parsed.longValue("size")).isEqualTo(1_000_000L);
        assertThat(parsed.duration("duration")).isEqualTo(Duration.ofSeconds(1));
        assertThat(parsed.choice("type")).isEqualTo("io");
        assertThat(parsed.choice("mode")).as("a choice with no default").isNull();
        assertThat(parsed.flag("verbose")).isFalse();
    }

    @ParameterizedTest(name = "{0} {1} gives {2}")
    @CsvSource(delimiter = '|', value = {
        "--tasks 5           | 5",
        "--tasks=5           | 5",
        "--tasks 10_000      | 10000",
        "--tasks=1,000       | 1000",
        "--tasks 1           | 1",
    })
    void intOptionsReadBothSpellingsAndDigitGroups(String commandLine, int expected) {
        assertThat(CLI.parse(commandLine.split(" ")).intValue("tasks")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} gives {1}")
    @CsvSource(delimiter = '|', value = {
        "--size 1_000_000    | 1000000",
        "--size=1,000,000    | 1000000",
        "--size 3037000500   | 3037000500",
    })
    void longOptionsTakeValuesBeyondInt(String commandLine, long expected) {
        assertThat(CLI.parse(commandLine.split(" ")).longValue("size")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "--duration {0} is {1} ms")
    @CsvSource({
        "250ms, 250",
        "1s, 1000",
        "1.5s, 1500",
        "1, 1000",        // a bare number is seconds, as in time.sleep(1)
        "0.25, 250",
        "1m, 60000",
        "1S, 1000",
        "1ms, 1",
        "60s, 60000",
        "1.25000s, 1250", // trailing zeros change nothing
        "0.0015m, 90",
        "2.000000000000000000000, 2000",
    })
    void durationOptionsReadMillisecondsSecondsMinutesAndBareSeconds(String value, long millis) {
        assertThat(CLI.parse("--duration", value).duration("duration")).isEqualTo(Duration.ofMillis(millis));
        assertThat(CLI.parse("--duration=" + value).duration("duration")).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void choicesAndFlagsAreRead() {
        CommandLine.Arguments parsed = CLI.parse("--type", "cpu", "--mode=slow", "--verbose");

        assertThat(parsed.choice("type")).isEqualTo("cpu");
        assertThat(parsed.choice("mode")).isEqualTo("slow");
        assertThat(parsed.flag("verbose")).isTrue();
    }

    @Test
    void theLastValueGivenForAnOptionWins() {
        assertThat(CLI.parse("--tasks", "2", "--tasks=7").intValue("tasks")).isEqualTo(7);
    }

    @Test
    void aValueStartingWithOneDashIsAValueNotAnOption() {
        CommandLine signed = CommandLine.builder("demo", "Demo.").intOption("offset", 0, -10, 10, "shift").build();

        assertThat(signed.parse("--offset", "-5").intValue("offset")).isEqualTo(-5);
    }

    @Test
    void aBuiltCommandLineIsNotChangedByLaterBuilderCalls() {
        CommandLine.Builder builder = CommandLine.builder("demo", "Demo.").flag("verbose", "v");
        CommandLine built = builder.build();
        builder.flag("quiet", "q");

        assertThatThrownBy(() -> built.parse("--quiet")).isInstanceOf(UsageException.class)
            .hasMessage("unknown option '--quiet': allowed options are --verbose, --help");
    }

    /* Running a main. */

    @Test
    void runCallsTheBodyOnceWithTheParsedValuesAndReturnsZero() throws Exception {
        assertThat(run("--tasks", "4", "--type=cpu")).isZero();

        assertThat(bodyCalls).hasSize(1);
        assertThat(bodyCalls.get(0).intValue("tasks")).isEqualTo(4);
        assertThat(bodyCalls.get(0).choice("type")).isEqualTo("cpu");
        assertThat(out()).isEmpty();
        assertThat(err()).isEmpty();
    }

    @Test
    void helpPrintsEveryOptionWithItsAllowedValuesAndDefaultThenExitsZero() throws Exception {
        assertThat(run("--help")).isZero();

        assertThat(out()).isEqualTo("""
            Usage: demo [options]

            Plays the seed's threading section.

            Options:
              --tasks N         how many tasks (a whole number from 1 to 10000); default 3
              --size N          problem size (a whole number from 1 to 3037000500); default 1000000
              --duration TIME   task length (a duration from 1ms to 60s); default 1s
              --type io|cpu     what each task does; default io
              --mode fast|slow  how
              --verbose         print every step
              --help            print this help and exit
            """);
        assertThat(out()).isEqualTo(CLI.help());
        assertThat(err()).isEmpty();
        assertThat(bodyCalls).isEmpty();
    }

    @Test
    void helpWinsOverOtherOptionsEvenBadOnesAndHasAShortForm() throws Exception {
        assertThat(run("--tasks", "0", "--help")).isZero();
        assertThat(run("-h")).isZero();

        assertThat(out()).isEqualTo(CLI.help() + CLI.help());
        assertThat(err()).isEmpty();
        assertThat(bodyCalls).isEmpty();
    }

    @Test
    void aFailureOfTheBodyIsThrownNotTurnedIntoAUsageError() {
        IOException failure = new IOException("disk gone");

        assertThatThrownBy(() -> CLI.run(new String[0], new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), arguments -> {
                throw failure;
            })).isSameAs(failure);
        assertThat(err()).isEmpty();
    }

    /* Mistakes: exit 2, nothing on out, one line on err naming the option and what it allows. */

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // unknown option
        "--threads 4         | unknown option '--threads': allowed options are " + ALL_OPTIONS,
        "--threads=4         | unknown option '--threads': allowed options are " + ALL_OPTIONS,
        "--                  | unknown option '--': allowed options are " + ALL_OPTIONS,
        // missing value
        "--tasks             | option '--tasks' needs a value: a whole number from 1 to 10000",
        "--tasks --verbose   | option '--tasks' needs a value: a whole number from 1 to 10000",
        "--duration          | option '--duration' needs a value: " + DURATIONS,
        "--type              | option '--type' needs a value: io, cpu",
        // out of range
        "--tasks 0           | invalid value for option '--tasks': '0' (allowed: a whole number from 1 to 10000)",
        "--tasks 10001       | invalid value for option '--tasks': '10001' (allowed: a whole number from 1 to 10000)",
        "--tasks 99999999999 | invalid value for option '--tasks': '99999999999' (allowed: a whole number from 1 to "
            + "10000)",
        "--size 3037000501   | invalid value for option '--size': '3037000501' (allowed: a whole number from 1 to "
            + "3037000500)",
        "--duration 2m       | invalid value for option '--duration': '2m' (allowed: " + DURATIONS + ")",
        "--duration 0ms      | invalid value for option '--duration': '0ms' (allowed: " + DURATIONS + ")",
        // not a number
        "--tasks many        | invalid value for option '--tasks': 'many' (allowed: a whole number from 1 to 10000)",
        "--tasks=            | invalid value for option '--tasks': '' (allowed: a whole number from 1 to 10000)",
        "--tasks 2.5         | invalid value for option '--tasks': '2.5' (allowed: a whole number from 1 to 10000)",
        "--size 1e6          | invalid value for option '--size': '1e6' (allowed: a whole number from 1 to 3037000500)",
        "--size 99999999999999999999 | invalid value for option '--size': '99999999999999999999' (allowed: a whole "
            + "number from 1 to 3037000500)",
        "--duration fast     | invalid value for option '--duration': 'fast' (allowed: " + DURATIONS + ")",
        "--duration -1s      | invalid value for option '--duration': '-1s' (allowed: " + DURATIONS + ")",
        "--duration 1h       | invalid value for option '--duration': '1h' (allowed: " + DURATIONS + ")",
        "--duration 1.0000000001s | invalid value for option '--duration': '1.0000000001s' (allowed: "
            + DURATIONS + ")",
        "--duration 99999999999999999999s | invalid value for option '--duration': '99999999999999999999s' (allowed: "
            + DURATIONS + ")",
        // bad choice
        "--type disk         | invalid value for option '--type': 'disk' (allowed: io, cpu)",
        "--mode=quick        | invalid value for option '--mode': 'quick' (allowed: fast, slow)",
        // flag with a value
        "--verbose=yes       | option '--verbose' takes no value, but was given 'yes'",
        // positional argument
        "extra               | unexpected argument 'extra': options start with --, allowed: " + ALL_OPTIONS,
        "--tasks 4 5         | unexpected argument '5': options start with --, allowed: " + ALL_OPTIONS,
        "-t 4                | unexpected argument '-t': options start with --, allowed: " + ALL_OPTIONS,
    })
    void everyMistakeGivesExitTwoAndOneLineNamingTheOptionAndWhatItAllows(String commandLine, String message)
        throws Exception {
        String[] args = commandLine.split(" ");

        assertThat(run(args)).isEqualTo(CommandLine.USAGE_ERROR).isEqualTo(2);

        assertThat(err()).isEqualTo("demo: " + message + " (see --help)" + System.lineSeparator());
        assertThat(out()).isEmpty();
        assertThat(bodyCalls).isEmpty();
        assertThatThrownBy(() -> CLI.parse(args)).isExactlyInstanceOf(UsageException.class).hasMessage(message);
    }
}
