package dev.jconcurrency.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.testing.TrackingThreadFactory;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The child-JVM runner: data and text apart, failures named, no child or reader ever left behind. */
@Tag("slow")
class ChildJvmTest {

    private final TrackingThreadFactory drainers = TrackingThreadFactory.platform("drain");
    private final Queue<String> text = new ConcurrentLinkedQueue<>();

    @AfterEach
    void nothingLeftBehind() throws InterruptedException {
        drainers.assertAllTerminated();
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
    }

    /** Prints text, data and its arguments. */
    public static final class Talker {
        public static void main(String[] args) {
            System.out.println("hello from the child");
            System.out.println(ChildJvm.DATA_PREFIX + "args " + String.join(" ", args));
            System.err.println("a line on stderr");
            System.out.println(ChildJvm.DATA_PREFIX + "carriers " + Async_01_SeedSection.carriersHere());
        }
    }

    /** Exits with 3 after saying why. */
    public static final class Failer {
        public static void main(String[] args) {
            System.err.println("something broke");
            System.exit(3);
        }
    }

    /** Never ends by itself. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(Duration.ofMinutes(5));
        }
    }

    /** Writes a mebibyte to each of stdout and stderr: a reader that lags would deadlock it. */
    public static final class Flooder {
        public static void main(String[] args) {
            String line = "x".repeat(1023);
            for (int i = 0; i < 1024; i++) {
                System.out.println(line);
                System.err.println(line);
            }
        }
    }

    @Test
    void aChildRunsWithTheGivenOptionsAndSeparatesDataFromText() throws Exception {
        ChildJvm.Outcome outcome = ChildJvm.run(Talker.class, ChildJvm.ONE_CARRIER, List.of("a", "b"),
            Delays.LONGER, drainers, text::add);

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.record("args")).containsExactly("a", "b");
        assertThat(outcome.record("carriers")).containsExactly("1");
        assertThat(outcome.text()).containsExactlyInAnyOrder("hello from the child", "a line on stderr");
        assertThat(text).containsExactlyInAnyOrderElementsOf(outcome.text());
        assertThat(drainers.count()).isEqualTo(1);
    }

    @Test
    void aNonZeroExitFailsNamingTheCodeAndTheOutput() {
        assertThatThrownBy(() -> ChildJvm.run(Failer.class, ChildJvm.QUICK_START, List.of(), Delays.LONGER,
            drainers, text::add))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("exited with 3").hasMessageContaining("something broke");
    }

    @Test
    void aChildThatOutlivesItsTimeoutIsKilledAndReaped() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> ChildJvm.run(Sleeper.class, ChildJvm.QUICK_START, List.of(), Delays.MEDIUM,
            drainers, text::add))
            .isInstanceOf(TimeoutException.class).hasMessageContaining("was killed");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Delays.MEDIUM.toNanos());
    }

    /** The caller's interrupt ends the wait at once, and the child is killed and reaped before the call returns. */
    @Test
    void anInterruptedCallerGetsInterruptedExceptionAndTheChildIsReaped() throws Exception {
        TrackingThreadFactory callers = TrackingThreadFactory.platform("caller");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = callers.newThread(() -> {
            try {
                ChildJvm.run(Sleeper.class, ChildJvm.QUICK_START, List.of(), Delays.LONGER, drainers, line -> { });
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        caller.start();
        Awaitility.await().atMost(Delays.LONG).pollInterval(Duration.ofMillis(20))
            .until(() -> ProcessHandle.current().descendants().findAny().isPresent());
        long interruptedAt = System.nanoTime();
        caller.interrupt();
        caller.join(Delays.LONG);

        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(System.nanoTime() - interruptedAt).as("answered within 1 s").isLessThan(1_000_000_000L);
        callers.assertAllTerminated();
    }

    @Test
    void aChildWritingAMebibyteToEachStreamNeverBlocks() throws Exception {
        ChildJvm.Outcome outcome = ChildJvm.run(Flooder.class, ChildJvm.QUICK_START, List.of(), Delays.LONGER,
            drainers, line -> { });

        assertThat(outcome.text()).hasSize(2 * 1024);
    }

    @Test
    void aMissingOrRepeatedRecordIsAnErrorThatQuotesTheChild() {
        ChildJvm.Outcome outcome = new ChildJvm.Outcome(0, List.of("row 1", "row 2"), List.of("said this"));

        assertThat(outcome.records("row")).containsExactly(List.of("1"), List.of("2"));
        assertThatThrownBy(() -> outcome.record("row")).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("got 2").hasMessageContaining("said this");
        assertThatThrownBy(() -> outcome.record("total")).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("got 0");
    }
}
