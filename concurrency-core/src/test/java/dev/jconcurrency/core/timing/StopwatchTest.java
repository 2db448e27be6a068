package dev.jconcurrency.core.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.jconcurrency.core.testing.Delays;
import org.junit.jupiter.api.Test;

/** A stopwatch reads the time since it started: never less than what passed, never going backwards. */
class StopwatchTest {

    @Test
    void elapsedIsAtLeastTheTimeThatPassed() throws InterruptedException {
        Stopwatch watch = Stopwatch.start();
        Thread.sleep(Delays.SHORT);

        assertThat(watch.elapsed()).isGreaterThanOrEqualTo(Delays.SHORT);
        assertThat(watch.elapsedNanos()).isGreaterThanOrEqualTo(Delays.SHORT.toNanos());
    }

    @Test
    void readingsNeverGoBackwards() {
        Stopwatch watch = Stopwatch.start();
        long previous = 0;
        for (int i = 0; i < 10_000; i++) {
            long first = watch.elapsedNanos();
            Duration middle = watch.elapsed();
            long last = watch.elapsedNanos();

            assertThat(first).isGreaterThanOrEqualTo(previous);
            assertThat(middle.toNanos()).isBetween(first, last);
            previous = last;
        }
    }

    @Test
    void eachStopwatchCountsFromItsOwnStart() throws InterruptedException {
        Stopwatch earlier = Stopwatch.start();
        Thread.sleep(Delays.SHORT);
        Stopwatch later = Stopwatch.start();
        long laterReading = later.elapsedNanos();
        long earlierReading = earlier.elapsedNanos();

        assertThat(earlierReading - laterReading).isGreaterThanOrEqualTo(Delays.SHORT.toNanos());
    }
}
