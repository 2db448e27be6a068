package dev.jconcurrency.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.threading.Threading_08_Interruption.Outcome;
import dev.jconcurrency.threading.Threading_08_Interruption.Task;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class Threading_08_InterruptionTest {

    /** TESTING.md R6: a blocking call answers an interrupt within 1 s (scaled with the other delays). */
    private static final Duration PROMPTLY = Delays.MEDIUM.multipliedBy(2);

    @Test
    void aTaskBlockedInSleepEndsPromptlyWhenCancelledAndRestoresTheFlagWhereItCatchesTheInterrupt()
        throws Exception {
        Outcome outcome = Threading_08_Interruption.cancel(Task.SLEEPING, 1, Duration.ZERO);

        assertThat(outcome.endedBy()).isEqualTo("InterruptedException");
        assertThat(outcome.flagSetAtEnd()).isTrue();
        assertThat(outcome.afterInterrupt()).isLessThan(PROMPTLY);
    }

    @Test
    void aTaskBlockedReadingAnInterruptibleChannelEndsPromptlyWithTheFlagStillSet() throws Exception {
        Outcome outcome = Threading_08_Interruption.cancel(Task.CHANNEL_READ, 1, Duration.ZERO);

        assertThat(outcome.endedBy()).isEqualTo("ClosedByInterruptException");
        assertThat(outcome.flagSetAtEnd()).isTrue();
        assertThat(outcome.afterInterrupt()).isLessThan(PROMPTLY);
    }

    /** The wrong way, graded as such: the interrupt is lost, every step still runs, and the flag ends clear. */
    @Test
    void aTaskThatSwallowsTheInterruptIgnoresTheCancellationAndRunsEveryStep() throws Exception {
        Outcome outcome = Threading_08_Interruption.cancel(Task.SWALLOWING, 3, Delays.SHORT);

        assertThat(outcome.endedBy()).isEqualTo("completed");
        assertThat(outcome.stepsDone()).isEqualTo(3);
        assertThat(outcome.flagSetAtEnd()).isFalse();
        // The interrupt cut the first step short at most; the other two ran in full after it.
        assertThat(outcome.afterInterrupt()).isGreaterThanOrEqualTo(Delays.SHORT.multipliedBy(2));
    }

    @Test
    void badArgumentsNameTheParameterAndTheValue() {
        assertThatThrownBy(() -> Threading_08_Interruption.cancel(Task.SWALLOWING, 0, Delays.SHORT))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("steps must be positive: 0");
        assertThatThrownBy(() -> Threading_08_Interruption.cancel(Task.SWALLOWING, 1, Duration.ofMillis(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("step must not be negative: PT-0.001S");
        assertThatThrownBy(() -> Threading_08_Interruption.cancel(null, 1, Delays.SHORT))
            .isInstanceOf(NullPointerException.class).hasMessage("task");
        assertThatThrownBy(() -> Threading_08_Interruption.cancel(Task.SLEEPING, 1, null))
            .isInstanceOf(NullPointerException.class).hasMessage("step");
    }
}
