package dev.jconcurrency.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Assertions that ask <em>every</em> observer of a future the same question (TESTING.md R8, after the TCK's
 * {@code checkCompletedNormally}).
 *
 * <p>A future has many ways to be read: {@code get}, timed {@code get}, {@code isDone}, {@code isCancelled},
 * {@code state()}, {@code resultNow}, {@code exceptionNow}, and for a {@link CompletableFuture} also
 * {@code join}, {@code getNow} and {@code isCompletedExceptionally}. A bug can make them disagree, so each
 * assertion here checks all of them, and that an exceptional future reports the same cause instance
 * everywhere. A ready future must answer a timed {@code get(LONG)} in under LONG/2.
 */
public final class FutureAssertions {

    private FutureAssertions() {
    }

    /** The future completed with {@code expected}, as seen by every observer. */
    public static <T> void assertCompletedNormally(Future<T> future, T expected) throws Exception {
        assertThat(future.isDone()).as("isDone").isTrue();
        assertThat(future.isCancelled()).as("isCancelled").isFalse();
        assertThat(future.state()).as("state").isEqualTo(Future.State.SUCCESS);
        assertThat(future.resultNow()).as("resultNow").isEqualTo(expected);
        assertThatThrownBy(future::exceptionNow).as("exceptionNow").isInstanceOf(IllegalStateException.class);
        assertThat(future.get()).as("get").isEqualTo(expected);
        assertThat(timedGet(future)).as("get(LONG)").isEqualTo(expected);
        if (future instanceof CompletableFuture<T> cf) {
            assertThat(cf.isCompletedExceptionally()).as("isCompletedExceptionally").isFalse();
            assertThat(cf.join()).as("join").isEqualTo(expected);
            assertThat(cf.getNow(null)).as("getNow").isEqualTo(expected);
        }
    }

    /**
     * The future failed with an exception of {@code causeType}; returns that cause, after checking that every
     * observer reports the very same instance.
     */
    public static Throwable assertCompletedExceptionally(Future<?> future, Class<? extends Throwable> causeType)
        throws Exception {
        assertThat(future.isDone()).as("isDone").isTrue();
        assertThat(future.isCancelled()).as("isCancelled").isFalse();
        assertThat(future.state()).as("state").isEqualTo(Future.State.FAILED);
        Throwable cause = future.exceptionNow();
        assertThat(cause).as("exceptionNow").isInstanceOf(causeType);
        assertThatThrownBy(future::resultNow).as("resultNow").isInstanceOf(IllegalStateException.class);

        assertThat(catchThrowable(future::get)).as("get")
            .isInstanceOf(ExecutionException.class).cause().isSameAs(cause);
        assertThat(catchThrowable(() -> timedGet(future))).as("get(LONG)")
            .isInstanceOf(ExecutionException.class).cause().isSameAs(cause);
        if (future instanceof CompletableFuture<?> cf) {
            assertThat(cf.isCompletedExceptionally()).as("isCompletedExceptionally").isTrue();
            assertThat(catchThrowable(cf::join)).as("join")
                .isInstanceOf(CompletionException.class).cause().isSameAs(cause);
            assertThat(catchThrowable(() -> cf.getNow(null))).as("getNow")
                .isInstanceOf(CompletionException.class).cause().isSameAs(cause);
        }
        return cause;
    }

    /** The future was cancelled, as seen by every observer. */
    public static void assertCancelled(Future<?> future) {
        assertThat(future.isDone()).as("isDone").isTrue();
        assertThat(future.isCancelled()).as("isCancelled").isTrue();
        assertThat(future.state()).as("state").isEqualTo(Future.State.CANCELLED);
        assertThatThrownBy(future::resultNow).as("resultNow").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(future::exceptionNow).as("exceptionNow").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(future::get).as("get").isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> future.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS))
            .as("get(LONG)").isInstanceOf(CancellationException.class);
        if (future instanceof CompletableFuture<?> cf) {
            assertThat(cf.isCompletedExceptionally()).as("isCompletedExceptionally").isTrue();
            assertThatThrownBy(cf::join).as("join").isInstanceOf(CancellationException.class);
            assertThatThrownBy(() -> cf.getNow(null)).as("getNow").isInstanceOf(CancellationException.class);
        }
    }

    /** The future has not completed yet, as seen by every observer that does not block. */
    public static void assertIncomplete(Future<?> future) throws Exception {
        assertThat(future.isDone()).as("isDone").isFalse();
        assertThat(future.isCancelled()).as("isCancelled").isFalse();
        assertThat(future.state()).as("state").isEqualTo(Future.State.RUNNING);
        assertThatThrownBy(future::resultNow).as("resultNow").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> future.get(0, TimeUnit.MILLISECONDS)).as("get(0)")
            .isInstanceOf(TimeoutException.class);
        if (future instanceof CompletableFuture<?> cf) {
            assertThat(cf.isCompletedExceptionally()).as("isCompletedExceptionally").isFalse();
            @SuppressWarnings("unchecked")
            CompletableFuture<Object> objects = (CompletableFuture<Object>) cf;
            Object marker = new Object();
            assertThat(objects.getNow(marker)).as("getNow").isSameAs(marker);
        }
    }

    private static <T> T timedGet(Future<T> future) throws Exception {
        long start = System.nanoTime();
        T value = future.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(took).as("a ready future answers get(LONG) in under LONG/2 (ms)")
            .isLessThan(Delays.LONG.toMillis() / 2);
        return value;
    }
}
