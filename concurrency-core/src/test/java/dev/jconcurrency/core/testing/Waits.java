package dev.jconcurrency.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Latch and barrier waits that fail the test after {@link Delays#LONG} instead of hanging it (TCK style).
 */
public final class Waits {

    private Waits() {
    }

    /** Awaits the latch; fails the test if it has not reached zero within {@link Delays#LONG}. */
    public static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS))
            .as("latch reached zero within %s (count left: %d)", Delays.LONG, latch.getCount())
            .isTrue();
    }

    /** Awaits the barrier; fails the test if the other parties have not arrived within {@link Delays#LONG}. */
    public static int await(CyclicBarrier barrier) throws InterruptedException {
        try {
            return barrier.await(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | BrokenBarrierException e) {
            throw new AssertionError("barrier not passed within " + Delays.LONG, e);
        }
    }
}
