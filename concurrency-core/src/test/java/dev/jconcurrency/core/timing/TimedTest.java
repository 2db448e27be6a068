package dev.jconcurrency.core.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.workload.Workloads;
import org.junit.jupiter.api.Test;

/** A timed call returns the work's own value, and a duration at least as long as the work. */
class TimedTest {

    @Test
    void callReturnsTheWorksValueAndHowLongItTook() throws Exception {
        Timed<BigInteger> timed = Timed.call(() -> {
            Thread.sleep(Delays.SHORT);
            return Workloads.sumOfSquares(1_000_000);
        });

        assertThat(timed.value()).isEqualTo(new BigInteger("333332833333500000"));
        assertThat(timed.duration()).isGreaterThanOrEqualTo(Delays.SHORT);
    }

    @Test
    void callKeepsANullValue() throws Exception {
        assertThat(Timed.call(() -> null).value()).isNull();
    }

    @Test
    void callAndRunRethrowWhatTheWorkThrows() {
        TimeoutException failure = new TimeoutException("too slow");

        assertThatThrownBy(() -> Timed.call(() -> {
            throw failure;
        })).isSameAs(failure);
        assertThatThrownBy(() -> Timed.run(() -> {
            throw failure;
        })).isSameAs(failure);
    }

    @Test
    void runReturnsHowLongTheWorkTook() throws Exception {
        assertThat(Timed.run(() -> Thread.sleep(Delays.SHORT))).isGreaterThanOrEqualTo(Delays.SHORT);
    }

    @Test
    void secondsIsTheDurationInSeconds() {
        assertThat(new Timed<>("x", Duration.ofMillis(1500)).seconds()).isEqualTo(1.5);
        assertThat(new Timed<>("x", Duration.ZERO).seconds()).isZero();
    }
}
