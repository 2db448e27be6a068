package dev.jconcurrency.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.threading.Threading_05_Visibility.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class Threading_05_VisibilityTest {

    /** Far more iterations than the worker could do before the test's own timeout: only the flag can stop it. */
    private static final long UNREACHABLE = 1_000_000_000_000L;

    /**
     * What the memory model guarantees: a volatile write is seen by a later volatile read, so the worker stops.
     * Nothing is asserted about the plain flag: stopping and never stopping are both allowed.
     */
    @Test
    void aWorkerOnAVolatileFlagAlwaysStopsOnceTheFlagIsSet() throws Exception {
        for (int run = 0; run < 10; run++) {
            Outcome outcome = Threading_05_Visibility.volatileFlag(Delays.SHORT, UNREACHABLE);

            assertThat(outcome.stoppedByFlag()).as("run %d", run).isTrue();
            assertThat(outcome.iterations()).isPositive().isLessThan(UNREACHABLE);
            assertThat(outcome.afterStop()).isLessThan(Delays.LONG);
        }
    }

    @Test
    void badArgumentsNameTheParameterAndTheValue() {
        assertThatThrownBy(() -> Threading_05_Visibility.volatileFlag(Delays.SHORT, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("bound must be positive: 0");
        assertThatThrownBy(() -> Threading_05_Visibility.plain(Delays.SHORT, -1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("bound must be positive: -1");
        assertThatThrownBy(() -> Threading_05_Visibility.volatileFlag(null, 1))
            .isInstanceOf(NullPointerException.class).hasMessage("warmUp");
        assertThatThrownBy(() -> Threading_05_Visibility.plain(Duration.ofMillis(-1), 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("warmUp must not be negative: PT-0.001S");
    }
}
