package dev.jconcurrency.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.stream.Stream;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.workload.TaskSpec.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A task written as text reads back to the right task, writes back to the same text, and runs. */
class TaskSpecTest {

    private static final String ACCEPTED = " (accepted: io:DURATION (io:200ms), cpu:N (cpu:1000000), "
        + "primes:N (primes:200000), spin:DURATION (spin:300ms))";

    static Stream<Arguments> everyAcceptedForm() {
        return Stream.of(
            Arguments.of("io:200ms", new TaskSpec(Kind.IO, 0, Duration.ofMillis(200)), "io:200ms"),
            Arguments.of("io:1s", new TaskSpec(Kind.IO, 0, Duration.ofSeconds(1)), "io:1000ms"),
            Arguments.of("io:1.5s", new TaskSpec(Kind.IO, 0, Duration.ofMillis(1500)), "io:1500ms"),
            Arguments.of("io:0.25s", new TaskSpec(Kind.IO, 0, Duration.ofMillis(250)), "io:250ms"),
            Arguments.of("io:0ms", new TaskSpec(Kind.IO, 0, Duration.ZERO), "io:0ms"),
            Arguments.of("  IO:200MS ", new TaskSpec(Kind.IO, 0, Duration.ofMillis(200)), "io:200ms"),
            Arguments.of("cpu:1000000", new TaskSpec(Kind.CPU, 1_000_000, Duration.ZERO), "cpu:1000000"),
            Arguments.of("cpu:1_000_000", new TaskSpec(Kind.CPU, 1_000_000, Duration.ZERO), "cpu:1000000"),
            Arguments.of("cpu:0", new TaskSpec(Kind.CPU, 0, Duration.ZERO), "cpu:0"),
            Arguments.of("cpu:3037000500", new TaskSpec(Kind.CPU, 3_037_000_500L, Duration.ZERO), "cpu:3037000500"),
            Arguments.of("primes:200000", new TaskSpec(Kind.PRIMES, 200_000, Duration.ZERO), "primes:200000"),
            Arguments.of("primes:2147483647", new TaskSpec(Kind.PRIMES, Integer.MAX_VALUE, Duration.ZERO),
                "primes:2147483647"),
            Arguments.of("spin:300ms", new TaskSpec(Kind.SPIN, 0, Duration.ofMillis(300)), "spin:300ms"),
            Arguments.of("spin:2s", new TaskSpec(Kind.SPIN, 0, Duration.ofSeconds(2)), "spin:2000ms"));
    }

    @ParameterizedTest(name = "''{0}'' reads as {1} and writes back as {2}")
    @MethodSource("everyAcceptedForm")
    void parseReadsEveryAcceptedFormAndToStringWritesItBack(String text, TaskSpec expected, String canonical) {
        TaskSpec parsed = TaskSpec.parse(text);

        assertThat(parsed).isEqualTo(expected);
        assertThat(parsed.toString()).isEqualTo(canonical);
        assertThat(TaskSpec.parse(parsed.toString())).isEqualTo(parsed);
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource(delimiter = '|', value = {
        "''                         | expected KIND:AMOUNT",
        "io                         | expected KIND:AMOUNT",
        "io:                        | expected KIND:AMOUNT",
        ":200ms                     | expected KIND:AMOUNT",
        "io 200ms                   | expected KIND:AMOUNT",
        "disk:1s                    | unknown kind 'disk'",
        "io:fast                    | bad duration 'fast'",
        "io:200                     | bad duration '200'",
        "io:-1s                     | bad duration '-1s'",
        "io:1.2345s                 | bad duration '1.2345s'",
        "spin:1h                    | bad duration '1h'",
        "io:0.5ms                   | bad duration '0.5ms' (whole milliseconds up to 9223372036854775807ms)",
        "io:99999999999999999999s   | bad duration '99999999999999999999s' (whole milliseconds up to "
            + "9223372036854775807ms)",
        "cpu:lots                   | bad size 'lots'",
        "cpu:1e6                    | bad size '1e6'",
        "cpu:200ms                  | bad size '200ms'",
        "cpu:99999999999999999999   | bad size '99999999999999999999'",
        "cpu:-1                     | size out of range '-1'",
        "cpu:3037000501             | size out of range '3037000501'",
        "primes:2147483648          | size out of range '2147483648'",
    })
    void parseRefusesABadSpecWithOneLineNamingTheBadPartAndTheAcceptedForms(String text, String what) {
        assertThatThrownBy(() -> TaskSpec.parse(text))
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessage("task spec '" + text + "': " + what + ACCEPTED)
            .message().doesNotContain("\n");
    }

    @Test
    void runDoesTheWorkAndReturnsItsAnswer() throws InterruptedException {
        assertThat(TaskSpec.parse("cpu:1000000").run()).isEqualTo(new BigInteger("333332833333500000"));
        assertThat(TaskSpec.parse("primes:100").run()).isEqualTo(25);
        assertThat(TaskSpec.parse("io:0ms").run()).isEqualTo(Duration.ZERO);
        assertThat(TaskSpec.parse("spin:0ms").run()).isEqualTo(0L);
    }

    @Test
    void anIoTaskRunsForAtLeastItsDurationAndReturnsIt() throws InterruptedException {
        long start = System.nanoTime();
        Object answer = TaskSpec.parse("io:" + Delays.SHORT.toMillis() + "ms").run();

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Delays.SHORT.toNanos());
        assertThat(answer).isEqualTo(Delays.SHORT);
    }

    @Test
    void anInterruptedIoTaskThrowsInterruptedException() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> TaskSpec.parse("io:" + Delays.LONG.toMillis() + "ms").run())
                .isInstanceOf(InterruptedException.class);
        } finally {
            // Thread.sleep clears the flag as it throws; cleared again so a failure here cannot poison the next test.
            Thread.interrupted();
        }
    }

    @ParameterizedTest(name = "{0} is CPU-bound: {1}")
    @CsvSource({"io:200ms, false", "cpu:10, true", "primes:10, true", "spin:300ms, true"})
    void onlyIoTasksAreNotCpuBound(String text, boolean cpuBound) {
        assertThat(TaskSpec.parse(text).isCpuBound()).isEqualTo(cpuBound);
    }
}
