package dev.jconcurrency.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** The leak extension catches the leaks it promises to catch, and stays quiet for a clean class. */
class NoLeaksExtensionTest {

    /** Released by the outer test once the report is in, so the deliberately leaked thread ends. */
    static final CountDownLatch RELEASE_LEAKED_THREAD = new CountDownLatch(1);

    static class LeaksAThread {
        @Test
        void startsAThreadAndNeverJoinsIt() {
            Thread.ofPlatform().name("deliberately-leaked").daemon(true).start(() -> {
                try {
                    RELEASE_LEAKED_THREAD.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // ending anyway: the flag is for whoever looks
                }
            });
        }
    }

    static class LeaksAChildProcess {
        @Test
        void startsAProcessAndNeverWaitsForIt() throws Exception {
            new ProcessBuilder("sleep", "30").start();
        }
    }

    static class LeavesTheInterruptFlagSet {
        @Test
        void interruptsItself() {
            Thread.currentThread().interrupt();
        }
    }

    static class CleansUpAfterItself {
        @Test
        void joinsWhatItStarts() throws Exception {
            Thread thread = Thread.ofPlatform().start(() -> { });
            thread.join();
            Process process = new ProcessBuilder("true").start();
            assertThat(process.waitFor()).isZero();
        }
    }

    @AfterAll
    static void releaseLeakedThread() {
        RELEASE_LEAKED_THREAD.countDown();
    }

    @Test
    void aClassThatLeaksAThreadFailsNamingTheThread() {
        Throwable failure = containerFailure(LeaksAThread.class);
        assertThat(failure).hasMessageContaining("deliberately-leaked").hasMessageContaining("threads still alive");
        RELEASE_LEAKED_THREAD.countDown();
    }

    @Test
    void aClassThatLeaksAChildProcessFailsNamingItAndKillsIt() {
        Throwable failure = containerFailure(LeaksAChildProcess.class);
        assertThat(failure).hasMessageContaining("child processes still alive").hasMessageContaining("sleep");
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void aTestThatLeavesItsThreadInterruptedFails() {
        Events tests = run(LeavesTheInterruptFlagSet.class).testEvents();
        assertThat(tests.failed().count()).isEqualTo(1);
        Throwable failure = tests.failed().stream().findFirst().orElseThrow()
            .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(failure).hasMessageContaining("interrupt flag");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aCleanClassPasses() {
        var results = run(CleansUpAfterItself.class);
        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
        assertThat(results.containerEvents().failed().count()).isZero();
    }

    private static Throwable containerFailure(Class<?> testClass) {
        Events containers = run(testClass).containerEvents();
        Event failed = containers.failed().stream().findFirst()
            .orElseThrow(() -> new AssertionError(testClass.getSimpleName() + " was expected to fail its class"));
        return failed.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
            .getThrowable().orElseThrow();
    }

    private static org.junit.platform.testkit.engine.EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter")
            .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
            .selectors(selectClass(testClass))
            .execute();
    }
}
