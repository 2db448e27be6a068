package dev.jconcurrency.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.testing.Delays;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class Futures_04_InvokeAnyTest {

    /** The slow mirror's latency is LONG: if invokeAny waited for it, the time bound below would fail. */
    @Test
    void theFirstSuccessWinsAndTheTaskStillRunningIsInterrupted() throws Exception {
        Futures_04_InvokeAny.Result result = Futures_04_InvokeAny.run(Delays.SHORT, Delays.LONG);

        assertThat(result.winner()).isEqualTo("fast mirror");
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(Delays.SHORT).isLessThan(Delays.LONG);
        assertThat(result.started()).containsExactlyInAnyOrder("broken mirror", "fast mirror", "slow mirror");
        assertThat(result.interrupted()).containsExactly("slow mirror");
        assertThat(result.finished()).containsExactly("fast mirror");
    }

    @Test
    void aFailureIsSkippedNotReturned() throws Exception {
        Futures_04_InvokeAny.Result result = Futures_04_InvokeAny.run(Delays.SHORT, Delays.LONG);

        assertThat(result.failed()).containsExactly("broken mirror");
        assertThat(result.winner()).isEqualTo("fast mirror");
    }

    @Test
    void whenEveryTaskFailsInvokeAnyThrowsExecutionExceptionWithOneOfTheFailures() throws Exception {
        Futures_04_InvokeAny.Result result = Futures_04_InvokeAny.run(Delays.SHORT, Delays.LONG);

        assertThat(result.allFailed()).isNotNull();
        assertThat(result.allFailed().getCause()).isInstanceOf(IOException.class)
            .hasMessageMatching("broken mirror [AB]: connection refused");
    }

    @Test
    void theSlowMirrorMustBeSlowerThanTheFastOne() {
        assertThatThrownBy(() -> Futures_04_InvokeAny.run(Delays.SHORT, Delays.SHORT))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("slow must be longer than fast (" + Delays.SHORT + "): " + Delays.SHORT);
        assertThatThrownBy(() -> Futures_04_InvokeAny.run(Duration.ofMillis(-1), Delays.SHORT))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("fast must not be negative: PT-0.001S");
        assertThatThrownBy(() -> Futures_04_InvokeAny.run(null, Delays.SHORT))
            .isInstanceOf(NullPointerException.class).hasMessage("fast");
        assertThatThrownBy(() -> Futures_04_InvokeAny.run(Delays.SHORT, null))
            .isInstanceOf(NullPointerException.class).hasMessage("slow");
    }
}
