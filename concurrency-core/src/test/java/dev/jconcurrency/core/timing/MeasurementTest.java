package dev.jconcurrency.core.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jconcurrency.core.testing.Delays;
import org.junit.jupiter.api.Test;

/** A measurement keeps every sample in order and reads min, median and max from them exactly. */
class MeasurementTest {

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void anOddCountHasTheMiddleSampleAsItsMedian() {
        Measurement m = new Measurement(List.of(ms(30), ms(10), ms(20), ms(50), ms(40)));

        assertThat(m.min()).isEqualTo(ms(10));
        assertThat(m.median()).isEqualTo(ms(30));
        assertThat(m.max()).isEqualTo(ms(50));
        assertThat(m.samples()).containsExactly(ms(30), ms(10), ms(20), ms(50), ms(40));
    }

    @Test
    void anEvenCountHasTheMeanOfTheMiddleTwoAsItsMedian() {
        Measurement m = new Measurement(List.of(ms(4), ms(1), ms(3), ms(2)));

        assertThat(m.min()).isEqualTo(ms(1));
        assertThat(m.median()).isEqualTo(Duration.ofNanos(2_500_000));
        assertThat(m.max()).isEqualTo(ms(4));
        // The mean of 1 ns and 2 ns is 1.5 ns: Duration keeps whole nanoseconds, rounding down.
        assertThat(new Measurement(List.of(Duration.ofNanos(2), Duration.ofNanos(1))).median())
            .isEqualTo(Duration.ofNanos(1));
    }

    @Test
    void aSingleSampleIsItsOwnMinMedianAndMax() {
        Measurement m = new Measurement(List.of(ms(7)));
        assertThat(List.of(m.min(), m.median(), m.max())).containsOnly(ms(7));
    }

    @Test
    void samplesAreACopyThatCannotChange() {
        List<Duration> source = new ArrayList<>(List.of(ms(1), ms(2)));
        Measurement m = new Measurement(source);
        source.add(ms(3));

        assertThat(m.samples()).containsExactly(ms(1), ms(2));
        assertThatThrownBy(() -> m.samples().add(ms(4))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void repeatCallsTheWorkWarmupsPlusRunsTimesAndKeepsRunsSamples() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        Measurement m = Measurement.repeat(3, 5, calls::incrementAndGet);

        assertThat(calls).hasValue(8);
        assertThat(m.samples()).hasSize(5);
        assertThat(Measurement.repeat(0, 1, calls::incrementAndGet).samples()).hasSize(1);
        assertThat(calls).hasValue(9);
    }

    /**
     * The warm-ups are not timed: here they are instant and the timed runs are not, so every sample is at least
     * a timed run's length. Had a warm-up been kept as a sample, one sample would be near zero.
     */
    @Test
    void repeatTimesOnlyTheRunsAfterTheWarmups() throws Exception {
        int warmups = 2;
        AtomicInteger calls = new AtomicInteger();

        Measurement m = Measurement.repeat(warmups, 3, () -> {
            if (calls.incrementAndGet() > warmups) {
                Thread.sleep(Delays.SHORT);
            }
        });

        assertThat(calls).hasValue(5);
        assertThat(m.samples()).hasSize(3)
            .allSatisfy(sample -> assertThat(sample).isGreaterThanOrEqualTo(Delays.SHORT));
    }

    @Test
    void repeatStopsAtTheFirstFailureAndRethrowsIt() {
        IOException failure = new IOException("disk gone");
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> Measurement.repeat(1, 5, () -> {
            if (calls.incrementAndGet() == 3) {
                throw failure;
            }
        })).isSameAs(failure);
        assertThat(calls).hasValue(3);
    }
}
