package dev.jconcurrency.core.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The benchmark main runs, reports in its documented shape, and computes per-lap figures exactly. */
class StopwatchBenchmarkTest {

    @Test
    void perLapFiguresAreEachRunsDurationDividedByTheLaps() {
        Measurement runs = new Measurement(List.of(Duration.ofNanos(30_000), Duration.ofNanos(10_000),
            Duration.ofNanos(20_000)));
        StopwatchBenchmark.Result result = new StopwatchBenchmark.Result(1_000, runs);

        assertThat(result.medianNanosPerLap()).isCloseTo(20.0, within(1e-9));
        assertThat(result.minNanosPerLap()).isCloseTo(10.0, within(1e-9));
        assertThat(result.maxNanosPerLap()).isCloseTo(30.0, within(1e-9));
        assertThat(result.nanosPerLapByRun()).containsExactly(30.0, 10.0, 20.0);
    }

    @Test
    void measureKeepsOneSamplePerTimedRun() throws Exception {
        StopwatchBenchmark.Result result = StopwatchBenchmark.measure(1_000, 1, 3);

        assertThat(result.laps()).isEqualTo(1_000);
        assertThat(result.runs().samples()).hasSize(3);
    }

    @Test
    void mainPrintsTheBannerTheSettingsAndTheMedianLine() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = StopwatchBenchmark.run(new String[] {"--laps", "1000", "--runs", "3", "--warmups", "1"},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("=== STOPWATCH LAP COST ===");
        assertThat(lines.get(1)).isEqualTo("1000 laps per run, 1 warm-up runs, 3 timed runs");
        assertThat(lines.get(2)).matches("Per lap \\(ns\\), run by run: \\[\\d+\\.\\d, \\d+\\.\\d, \\d+\\.\\d]");
        assertThat(lines.get(3))
            .matches("Median \\d+\\.\\d ns per lap \\(min \\d+\\.\\d, max \\d+\\.\\d\\): "
                + "(under|OVER) the 100 ns target");
        assertThat(lines.get(4)).matches("\\(checksum -?[0-9a-f]+\\)");
    }

    @Test
    void aBadOptionGivesExitTwoAndOneLine() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = StopwatchBenchmark.run(new String[] {"--laps", "0"},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("StopwatchBenchmark: invalid value for option "
            + "'--laps': '0' (allowed: a whole number from 1 to 1000000000) (see --help)" + System.lineSeparator());
    }
}
