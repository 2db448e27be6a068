package dev.jconcurrency.threading;

import dev.jconcurrency.core.testing.Machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.timing.Speedup;
import dev.jconcurrency.threading.Threading_02_IoSpeedup.Result;
import dev.jconcurrency.threading.Threading_02_IoSpeedup.Run;
import dev.jconcurrency.threading.Threading_02_IoSpeedup.Strategy;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

@Tag("timing")
@Isolated
class Threading_02_IoSpeedupTest {

    /** Ten waits on ten threads overlap: all ten in flight at once, and at least 5x faster than one by one. */
    @Test
    void tenBlockingCallsOnTenThreadsAreAtLeastFiveTimesFasterThanOneAfterTheOther() throws Exception {
        Result result = Threading_02_IoSpeedup.run(10, Delays.SMALL, 3);

        assertThat(result.sequential().maxInFlight()).isEqualTo(1);
        assertThat(result.sequential().elapsed()).isGreaterThanOrEqualTo(Delays.SMALL.multipliedBy(10));
        assertThat(result.threadPerTask().maxInFlight()).isEqualTo(10);
        assertThat(result.threadPerTask().threads()).isEqualTo(10);
        assertThat(result.threadPerTaskSpeedup())
            .as("sequential %s, thread per task %s; %s", result.sequential().elapsed(),
                result.threadPerTask().elapsed(), Machine.loadAverage())
            .isGreaterThanOrEqualTo(5.0);
    }

    /** A pool of 3 caps ten calls at 3 in flight, so they take 4 waves, and at best 10 / 4 = 2.5x. */
    @Test
    void aPoolOfThreeRunsTenBlockingCallsInFourWaves() throws Exception {
        Run pooled = Threading_02_IoSpeedup.time(Strategy.FIXED_POOL, 10, Delays.SMALL, 3);

        assertThat(pooled.maxInFlight()).isEqualTo(3);
        assertThat(pooled.elapsed()).isGreaterThanOrEqualTo(Delays.SMALL.multipliedBy(4));
        assertThat(Speedup.of(Delays.SMALL.multipliedBy(10), pooled.elapsed())).isLessThanOrEqualTo(2.5);
    }

    @Test
    void badArgumentsNameTheParameterAndTheValue() {
        assertThatThrownBy(() -> Threading_02_IoSpeedup.run(0, Delays.SMALL, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("tasks must be positive: 0");
        assertThatThrownBy(() -> Threading_02_IoSpeedup.run(1, Duration.ZERO, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("taskTime must be positive: PT0S");
        assertThatThrownBy(() -> Threading_02_IoSpeedup.run(1, Delays.SMALL, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("poolSize must be positive: 0");
        assertThatThrownBy(() -> Threading_02_IoSpeedup.run(1, null, 1))
            .isInstanceOf(NullPointerException.class).hasMessage("taskTime");
    }
}
