package dev.jconcurrency.core.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The speedup arithmetic gives the hand-computed values to 1e-9 (TESTING.md "Exact maths"). */
class SpeedupTest {

    private static final double EXACT = 1e-9;

    @Test
    void speedupIsSequentialTimeOverParallelTime() {
        assertThat(Speedup.of(Duration.ofSeconds(2), Duration.ofSeconds(1))).isCloseTo(2.0, within(EXACT));
        assertThat(Speedup.of(Duration.ofSeconds(1), Duration.ofMillis(250))).isCloseTo(4.0, within(EXACT));
        assertThat(Speedup.of(Duration.ofMillis(3030), Duration.ofMillis(1010))).isCloseTo(3.0, within(EXACT));
        assertThat(Speedup.of(Duration.ofSeconds(1), Duration.ofSeconds(2))).as("a slowdown")
            .isCloseTo(0.5, within(EXACT));
    }

    @Test
    void efficiencyIsSpeedupPerWorker() {
        assertThat(Speedup.efficiency(1.8, 2)).isCloseTo(0.9, within(EXACT));
        assertThat(Speedup.efficiency(4.0, 4)).isCloseTo(1.0, within(EXACT));
        assertThat(Speedup.efficiency(9.5, 10)).isCloseTo(0.95, within(EXACT));
    }

    @ParameterizedTest(name = "amdahl({0}, {1}) = {2}")
    @CsvSource({
        "0.05, 8, 5.925925925925926",  // 1 / (0.05 + 0.95 / 8) = 1 / 0.16875
        "0.0, 4, 4.0",                  // no serial part: linear
        "1.0, 4, 1.0",                  // all serial: no gain
        "0.5, 2, 1.3333333333333333",   // 1 / 0.75
        "0.1, 1, 1.0",                  // one worker: no gain whatever f is
        "0.1, 1000000, 9.999910000809993", // approaches 1/f = 10
    })
    void amdahlGivesTheHandComputedBound(double serialFraction, int workers, double expected) {
        assertThat(Speedup.amdahl(serialFraction, workers)).isCloseTo(expected, within(EXACT));
    }

    @ParameterizedTest(name = "karpFlatt({0}, {1}) = {2}")
    @CsvSource({
        "1.8, 2, 0.1111111111111111",   // (1/1.8 - 1/2) / (1 - 1/2) = 1/9
        "2.0, 2, 0.0",                  // perfect speedup: no serial part
        "1.0, 2, 1.0",                  // no speedup: all serial
        "1.0, 8, 1.0",
        "4.0, 2, -0.5",                 // superlinear: negative
        "5.925925925925926, 8, 0.05",   // the Amdahl example read back
    })
    void karpFlattGivesTheHandComputedSerialFraction(double speedup, int workers, double expected) {
        assertThat(Speedup.karpFlatt(speedup, workers)).isCloseTo(expected, within(EXACT));
    }

    /** Karp-Flatt is Amdahl's law solved for f: fed Amdahl's prediction, it gives back the serial fraction. */
    @ParameterizedTest(name = "f = {0}")
    @CsvSource({"0.0", "0.01", "0.05", "0.1", "0.25", "0.5", "0.9", "1.0"})
    void karpFlattOfAmdahlGivesBackTheSerialFraction(double serialFraction) {
        for (int workers : new int[] {2, 3, 4, 8, 16, 64, 1024}) {
            assertThat(Speedup.karpFlatt(Speedup.amdahl(serialFraction, workers), workers))
                .as("%d workers", workers)
                .isCloseTo(serialFraction, within(EXACT));
        }
    }

    @Test
    void secondsKeepsNanosecondPrecision() {
        assertThat(Speedup.seconds(Duration.ofMillis(1500))).isEqualTo(1.5);
        assertThat(Speedup.seconds(Duration.ofNanos(1))).isEqualTo(1e-9);
        assertThat(Speedup.seconds(Duration.ofSeconds(3, 5))).isCloseTo(3.000000005, within(1e-15));
        assertThat(Speedup.seconds(Duration.ZERO)).isZero();
        assertThat(Speedup.seconds(Duration.ofMillis(-250))).isEqualTo(-0.25);
    }
}
