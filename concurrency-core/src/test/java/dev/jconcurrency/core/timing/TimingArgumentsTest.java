package dev.jconcurrency.core.timing;

import static dev.jconcurrency.core.testing.ArgumentRow.member;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import dev.jconcurrency.core.testing.ArgumentRow;
import dev.jconcurrency.core.testing.ArgumentRows;

/** Bad input to the timing classes is refused at once, naming the parameter and the value (TESTING.md R7). */
class TimingArgumentsTest implements ArgumentRows {

    @Override
    public List<ArgumentRow> argumentRows() {
        Duration second = Duration.ofSeconds(1);
        Duration minusOneMilli = Duration.ofMillis(-1);
        ArgumentRow.Member measurement = member(Measurement.class, "Measurement(List)");
        ArgumentRow.Member repeat = member(Measurement.class, "repeat(int, int, ThrowingRunnable)");
        ArgumentRow.Member of = member(Speedup.class, "of(Duration, Duration)");
        ArgumentRow.Member efficiency = member(Speedup.class, "efficiency(double, int)");
        ArgumentRow.Member amdahl = member(Speedup.class, "amdahl(double, int)");
        ArgumentRow.Member karpFlatt = member(Speedup.class, "karpFlatt(double, int)");
        ArgumentRow.Member seconds = member(Speedup.class, "seconds(Duration)");
        ArgumentRow.Member timed = member(Timed.class, "Timed(Object, Duration)");
        ArgumentRow.Member call = member(Timed.class, "call(Callable)");
        ArgumentRow.Member run = member(Timed.class, "run(ThrowingRunnable)");
        return List.of(
            measurement.rejectsNull(0, "samples", () -> new Measurement(null)),
            measurement.rejectsNull(0, "samples", () -> new Measurement(Arrays.asList(second, null))),
            measurement.rejects(0, "samples", "samples must not be empty: []", () -> new Measurement(List.of())),
            measurement.rejects(0, "samples", "samples must not be negative: PT-0.001S",
                () -> new Measurement(List.of(second, minusOneMilli))),
            repeat.rejects(0, "warmups", "warmups must not be negative: -1",
                () -> Measurement.repeat(-1, 1, () -> { })),
            repeat.rejects(1, "runs", "runs must be positive: 0", () -> Measurement.repeat(0, 0, () -> { })),
            repeat.rejectsNull(2, "work", () -> Measurement.repeat(0, 1, null)),
            of.rejectsNull(0, "sequential", () -> Speedup.of(null, second)),
            of.rejects(0, "sequential", "sequential must be positive: PT0S", () -> Speedup.of(Duration.ZERO, second)),
            of.rejectsNull(1, "parallel", () -> Speedup.of(second, null)),
            of.rejects(1, "parallel", "parallel must be positive: PT-0.001S", () -> Speedup.of(second, minusOneMilli)),
            efficiency.rejects(0, "speedup", "speedup must be positive: 0.0", () -> Speedup.efficiency(0.0, 2)),
            efficiency.rejects(0, "speedup", "speedup must be positive: NaN", () -> Speedup.efficiency(Double.NaN, 2)),
            efficiency.rejects(0, "speedup", "speedup must be positive: Infinity",
                () -> Speedup.efficiency(Double.POSITIVE_INFINITY, 2)),
            efficiency.rejects(1, "workers", "workers must be positive: 0", () -> Speedup.efficiency(1.5, 0)),
            amdahl.rejects(0, "serialFraction", "serialFraction must be from 0 to 1: -0.1",
                () -> Speedup.amdahl(-0.1, 2)),
            amdahl.rejects(0, "serialFraction", "serialFraction must be from 0 to 1: 1.5",
                () -> Speedup.amdahl(1.5, 2)),
            amdahl.rejects(0, "serialFraction", "serialFraction must be from 0 to 1: NaN",
                () -> Speedup.amdahl(Double.NaN, 2)),
            amdahl.rejects(1, "workers", "workers must be positive: 0", () -> Speedup.amdahl(0.5, 0)),
            karpFlatt.rejects(0, "speedup", "speedup must be positive: -1.0", () -> Speedup.karpFlatt(-1.0, 2)),
            karpFlatt.rejects(1, "workers", "workers must be at least 2: 1", () -> Speedup.karpFlatt(1.0, 1)),
            seconds.rejectsNull(0, "duration", () -> Speedup.seconds(null)),
            timed.acceptsNull(0, "value", () -> new Timed<>(null, second)),
            timed.rejectsNull(1, "duration", () -> new Timed<>("x", null)),
            timed.rejects(1, "duration", "duration must not be negative: PT-0.001S",
                () -> new Timed<>("x", minusOneMilli)),
            call.rejectsNull(0, "work", () -> Timed.call(null)),
            run.rejectsNull(0, "work", () -> Timed.run(null)));
    }
}
