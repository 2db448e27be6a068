package dev.jconcurrency.threading;

import dev.jconcurrency.core.testing.Machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.threading.Threading_09_ManyThreads.Result;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Timing tests here run alone: no other test competes for the cores (TESTING.md, Isolation). */
@Isolated
class Threading_09_ManyThreadsTest {

    /**
     * The lesson's 10,000 threads, scaled down to a test: a hundred platform threads all wait at once, so their
     * sleeps overlap instead of adding up. (The 10,000 x 1 s figure is the lesson's to print, not a unit test's.)
     */
    @Test
    @Tag("timing")
    void aHundredSleepingPlatformThreadsAllWaitAtOnce() throws Exception {
        Result result = Threading_09_ManyThreads.run(100, Delays.MEDIUM);

        assertThat(result.maxInFlight()).as("started in %s; %s", result.startedIn(), Machine.loadAverage())
            .isEqualTo(100);
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(Delays.MEDIUM);
        assertThat(result.speedup()).as("elapsed %s; %s", result.elapsed(), Machine.loadAverage())
            .isGreaterThanOrEqualTo(10.0);
    }

    @Test
    void badArgumentsNameTheParameterAndTheValue() {
        assertThatThrownBy(() -> Threading_09_ManyThreads.run(0, Delays.SHORT))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("threads must be positive: 0");
        assertThatThrownBy(() -> Threading_09_ManyThreads.run(1, Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("sleep must be positive: PT0S");
        assertThatThrownBy(() -> Threading_09_ManyThreads.run(1, null))
            .isInstanceOf(NullPointerException.class).hasMessage("sleep");
    }
}
