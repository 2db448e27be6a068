package dev.jconcurrency.docs.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.timing.Measurement;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The page's arithmetic: speedup against the right baseline, Amdahl's prediction from one Karp-Flatt reading. */
class SweepTest {

    private static final double EXACT = 1e-9;

    @Test
    void speedupIsAgainstOneWorkerAndAmdahlUsesTheSerialFractionOfTheFirstParallelPoint() {
        Sweep sweep = sweep(Optional.empty(), new int[] {1, 2, 4}, new int[] {1, 2, 2});

        Sweep.Result result = sweep.result(List.of(time(1000), time(600), time(450)));

        // 2 workers: S = 1 / 0.6; Karp-Flatt: (0.6 - 0.5) / (1 - 0.5) = 0.2.
        assertThat(result.serialFraction()).isCloseTo(0.2, within(EXACT));
        assertThat(result.fractionFrom()).map(Sweep.Point::workers).contains(2);
        assertThat(result.rows()).extracting(Sweep.Row::workers).containsExactly(1, 2, 4);
        assertThat(result.rows().get(0).speedup()).isCloseTo(1.0, within(EXACT));
        assertThat(result.rows().get(1).speedup()).isCloseTo(1 / 0.6, within(EXACT));
        assertThat(result.rows().get(2).speedup()).isCloseTo(1 / 0.45, within(EXACT));
        // Amdahl at n = ideal: 1 at 1 worker, the measurement itself at the point f came from, and with 4
        // threads on 2 cores the ideal, hence the prediction, stays at 2 workers' 1 / (0.2 + 0.8 / 2).
        assertThat(result.rows().get(0).amdahl()).isCloseTo(1.0, within(EXACT));
        assertThat(result.rows().get(1).amdahl()).isCloseTo(1 / 0.6, within(EXACT));
        assertThat(result.rows().get(2).amdahl()).isCloseTo(1 / 0.6, within(EXACT));
        assertThat(result.rows().get(2).efficiency()).isCloseTo(1 / 0.45 / 2, within(EXACT));
        assertThat(result.rows()).allSatisfy(row -> assertThat(row.baseline()).isEqualTo(Duration.ofMillis(1000)));
    }

    @Test
    void atScaleTheBaselineIsTheWaitsOneAfterAnotherComputedNotRun() {
        Sweep sweep = sweep(Optional.of(Duration.ofSeconds(1)), new int[] {1_000, 10_000}, new int[] {1_000, 10_000});

        Sweep.Result result = sweep.result(List.of(time(1250), time(2500)));

        assertThat(result.rows()).extracting(Sweep.Row::baseline)
            .containsExactly(Duration.ofSeconds(1_000), Duration.ofSeconds(10_000));
        assertThat(result.rows().get(0).speedup()).isCloseTo(800, within(EXACT));
        assertThat(result.rows().get(1).speedup()).isCloseTo(4_000, within(EXACT));
        double f = (1.0 / 800 - 1.0 / 1_000) / (1 - 1.0 / 1_000);
        assertThat(result.serialFraction()).isCloseTo(f, within(EXACT));
        assertThat(result.rows().get(1).amdahl()).isCloseTo(1 / (f + (1 - f) / 10_000), within(EXACT));
    }

    @Test
    void aSuperlinearSpeedupCountsAsNoSerialWorkSoAmdahlPredictsTheIdeal() {
        Sweep sweep = sweep(Optional.empty(), new int[] {1, 2, 4}, new int[] {1, 2, 4});

        Sweep.Result result = sweep.result(List.of(time(1000), time(400), time(300)));

        assertThat(result.serialFraction()).isEqualTo(0.0);
        assertThat(result.rows()).extracting(Sweep.Row::amdahl).containsExactly(1.0, 2.0, 4.0);
    }

    @Test
    void withNoPointAboveOneIdealWorkerThereIsNoSerialFractionAndAmdahlSaysOne() {
        Sweep sweep = sweep(Optional.empty(), new int[] {1, 2}, new int[] {1, 1});

        Sweep.Result result = sweep.result(List.of(time(1000), time(1000)));

        assertThat(result.fractionFrom()).isEmpty();
        assertThat(result.rows()).extracting(Sweep.Row::amdahl).containsExactly(1.0, 1.0);
    }

    @Test
    void aMeasuredBaselineNeedsAFirstPointWithOneWorkerAndEveryPointNeedsATime() {
        assertThatThrownBy(() -> sweep(Optional.empty(), new int[] {2, 4}, new int[] {2, 2}))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("points must start at 1 worker when the baseline is measured: 2");
        Sweep sweep = sweep(Optional.empty(), new int[] {1, 2}, new int[] {1, 2});
        assertThatThrownBy(() -> sweep.result(List.of(time(1000))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("times must have one per point (2): 1");
    }

    @Test
    void measuringRunsWarmUpThenTimedRoundsOfOneRunPerPointAndClosesEveryTrial() throws Exception {
        List<String> log = new ArrayList<>();
        List<Sweep.Point> points = new ArrayList<>();
        for (int workers = 1; workers <= 3; workers++) {
            String name = "p" + workers;
            points.add(new Sweep.Point(workers, workers, () -> {
                log.add("open " + name);
                return Sweeps.trial(() -> log.add(name), () -> log.add("close " + name));
            }));
        }
        Sweep sweep = new Sweep("s", "S", "", "workers", false, Optional.empty(), points);
        Plan plan = new Plan("quick", 1, 2, 1, Duration.ZERO, List.of(1), 1, List.of(1), List.of(1), Duration.ZERO, 1,
            1, Duration.ofSeconds(1));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(Report.to(new PrintStream(bytes, true, UTF_8)), 3);

        Sweep.Result result = sweep.measure(plan, progress);

        assertThat(log).containsExactly("open p1", "open p2", "open p3",
            "p1", "p2", "p3",      // the warm-up round
            "p1", "p2", "p3",      // timed round 1
            "p1", "p2", "p3",      // timed round 2
            "close p1", "close p2", "close p3");
        assertThat(result.rows()).allSatisfy(row -> assertThat(row.time().samples()).hasSize(2));
        List<String> lines = bytes.toString(UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("S: 3 points, 1 warm-up and 2 timed rounds, one run per point per round");
        assertThat(lines.subList(1, 4)).satisfiesExactly(
            line -> assertThat(line).startsWith("[1/3] S, workers: 1: "),
            line -> assertThat(line).startsWith("[2/3] S, workers: 2: "),
            line -> assertThat(line).startsWith("[3/3] S, workers: 3: "));
    }

    @Test
    void aFailingTrialStillClosesEveryTrialOpened() {
        List<String> closed = new ArrayList<>();
        List<Sweep.Point> points = List.of(
            new Sweep.Point(1, 1, () -> Sweeps.trial(() -> { }, () -> closed.add("p1"))),
            new Sweep.Point(2, 2, () -> Sweeps.trial(() -> Sweeps.check(false, "a right answer", 41),
                () -> closed.add("p2"))));
        Sweep sweep = new Sweep("s", "S", "", "workers", false, Optional.empty(), points);
        Plan plan = new Plan("quick", 0, 1, 1, Duration.ZERO, List.of(1), 1, List.of(1), List.of(1), Duration.ZERO, 1,
            1, Duration.ofSeconds(1));
        Progress progress = new Progress(Report.to(new PrintStream(new ByteArrayOutputStream(), true, UTF_8)), 2);

        assertThatThrownBy(() -> sweep.measure(plan, progress))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("wrong answer: expected a right answer, got 41");
        assertThat(closed).containsExactly("p1", "p2");
    }

    private static Sweep sweep(Optional<Duration> sequentialWait, int[] workers, int[] ideal) {
        List<Sweep.Point> points = new ArrayList<>();
        for (int i = 0; i < workers.length; i++) {
            points.add(new Sweep.Point(workers[i], ideal[i], () -> {
                throw new AssertionError("not run");
            }));
        }
        return new Sweep("test", "Test", "", "workers", false, sequentialWait, points);
    }

    private static Measurement time(long millis) {
        return new Measurement(List.of(Duration.ofMillis(millis)));
    }
}
