package dev.jconcurrency.futures;

import static dev.jconcurrency.core.testing.FutureAssertions.assertCompletedExceptionally;
import static dev.jconcurrency.core.testing.FutureAssertions.assertCompletedNormally;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.testing.Delays;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class Futures_02_SubmitAndFutureTest {

    @Test
    void aRunningTasksFutureSaysRunningAndNotDone() throws Exception {
        Futures_02_SubmitAndFuture.Result result = Futures_02_SubmitAndFuture.run(Delays.SHORT);

        assertThat(result.stateWhileRunning()).isEqualTo(Future.State.RUNNING);
        assertThat(result.doneWhileRunning()).isFalse();
    }

    @Test
    void aTimedGetOnARunningTaskGivesUpAfterItsTimeoutAndNotBefore() throws Exception {
        Futures_02_SubmitAndFuture.Result result = Futures_02_SubmitAndFuture.run(Delays.SHORT);

        assertThat(result.timedGetWaited()).isGreaterThanOrEqualTo(Delays.SHORT).isLessThan(Delays.LONG);
    }

    @Test
    void aFinishedTasksResultIsTheSameThroughEveryObserver() throws Exception {
        Futures_02_SubmitAndFuture.Result result = Futures_02_SubmitAndFuture.run(Delays.SHORT);

        assertThat(result.value()).isEqualTo(42);
        assertCompletedNormally(result.succeeded(), 42);
    }

    /** The exception a task throws is kept in its future and arrives, the very same object, as the cause. */
    @Test
    void anExceptionInATaskArrivesAsExecutionExceptionWithTheOriginalCause() throws Exception {
        Futures_02_SubmitAndFuture.Result result = Futures_02_SubmitAndFuture.run(Delays.SHORT);

        assertThat(result.thrown()).isInstanceOf(NumberFormatException.class)
            .hasMessage("For input string: \"forty-two\"");
        assertThat(result.getThrew()).isInstanceOf(ExecutionException.class).cause().isSameAs(result.thrown());
        Throwable cause = assertCompletedExceptionally(result.failed(), NumberFormatException.class);
        assertThat(cause).isSameAs(result.thrown());
    }

    @Test
    void runRejectsANullOrNegativeTimeout() {
        assertThatThrownBy(() -> Futures_02_SubmitAndFuture.run(null))
            .isInstanceOf(NullPointerException.class).hasMessage("timedGet");
        assertThatThrownBy(() -> Futures_02_SubmitAndFuture.run(Duration.ofMillis(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("timedGet must not be negative: PT-0.001S");
    }
}
