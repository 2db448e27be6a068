package dev.jconcurrency.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jconcurrency.core.testing.Delays;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every blocking call of the pool answers an interrupt with {@link InterruptedException} within a second
 * (TESTING.md R6), and the calls that own tasks cancel them: a task left running in another JVM after its caller
 * gave up would be a leak nobody can see.
 */
class ProcessPoolInterruptTest {

    /** R6: an interrupt is answered within 1 s. */
    private static final Duration ONE_SECOND = Delays.MEDIUM.multipliedBy(2);

    @TempDir
    Path dir;

    static int announceAndHang(String marker, int value) {
        Markers.announcePid(marker);
        try {
            Thread.sleep(Delays.LONGER.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // in a worker nobody interrupts; if it happens, end the task
        }
        return value;
    }

    enum BlockingCall {
        MAP, INVOKE_ALL, INVOKE_ANY, AWAIT_TERMINATION
    }

    @ParameterizedTest
    @EnumSource(BlockingCall.class)
    void anInterruptedCallThrowsInterruptedExceptionWithinASecondAndStopsItsTasks(BlockingCall call)
        throws Exception {
        String started = dir.resolve("started").toString();
        try (ProcessPool pool = ProcessPool.create(1)) {
            SerializableCallable<Integer> hang = () -> {
                Markers.announcePid(started);
                Thread.sleep(Delays.LONGER.toMillis());
                return 0;
            };
            if (call == BlockingCall.AWAIT_TERMINATION) {
                pool.submit(hang);
            }
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread caller = Thread.ofPlatform().name("blocked-caller").start(() -> {
                try {
                    switch (call) {
                        case MAP -> pool.map(i -> announceAndHang(started, i), List.of(1), 1);
                        case INVOKE_ALL -> pool.invokeAll(List.of(hang));
                        case INVOKE_ANY -> pool.invokeAny(List.of(hang));
                        case AWAIT_TERMINATION -> pool.awaitTermination(Delays.LONGER.toMillis(), TimeUnit.MILLISECONDS);
                    }
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            long worker = Markers.awaitPid(Path.of(started));

            long start = System.nanoTime();
            caller.interrupt();
            caller.join(Delays.LONG);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ONE_SECOND);
            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
            if (call != BlockingCall.AWAIT_TERMINATION) {
                Markers.awaitDead(worker); // the caller's task was cancelled, its worker killed
            }
            pool.shutdownNow();
        }
    }

    @Test
    void anInterruptedCloseStopsEverythingAtOnceAndKeepsTheInterrupt() throws Exception {
        String started = dir.resolve("started").toString();
        ProcessPool pool = ProcessPool.create(1);
        pool.submit(() -> {
            Markers.announcePid(started);
            Thread.sleep(Delays.LONGER.toMillis());
            return 0;
        });
        long worker = Markers.awaitPid(Path.of(started));
        AtomicReference<Boolean> interruptedAfterClose = new AtomicReference<>();
        Thread closer = Thread.ofPlatform().name("closer").start(() -> {
            pool.close();
            interruptedAfterClose.set(Thread.currentThread().isInterrupted());
        });
        // close() is waiting for the hanging task: an interrupt turns it into shutdownNow.
        long start = System.nanoTime();
        closer.interrupt();
        closer.join(Delays.LONG);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ONE_SECOND);
        assertThat(interruptedAfterClose.get()).isTrue();
        assertThat(pool.isTerminated()).isTrue();
        assertThat(Markers.isAlive(worker)).isFalse();
    }
}
