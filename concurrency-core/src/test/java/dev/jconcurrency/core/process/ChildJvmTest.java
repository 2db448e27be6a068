package dev.jconcurrency.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.testing.FutureAssertions;
import dev.jconcurrency.core.testing.TrackingThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A child JVM runs on our JDK and class path, never blocks on its pipes, and is always reaped. */
class ChildJvmTest {

    /** TESTING.md R10: the failure of a child is reported within 1 s of its exit. */
    private static final Duration ONE_SECOND = Delays.MEDIUM.multipliedBy(2);

    @Test
    void aChildRunsAMainClassOfOurClassPathAndReturnsItsOutputExitCodePidAndDuration() throws Exception {
        ChildJvm.Result result = ChildJvm.of(ChildMains.SumOfSquares.class).withArgs("1000000").run();

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout().strip()).isEqualTo("333332833333500000");
        assertThat(result.stderr()).isEmpty();
        assertThat(result.pid()).isPositive().isNotEqualTo(ProcessHandle.current().pid());
        assertThat(result.duration()).isPositive().isLessThan(Delays.LONG);
    }

    @Test
    void theChildRunsOnTheParentsJavaWithTheFastStartFlagsAndTheParentsClassPath() {
        List<String> command = ChildJvm.of("some.Main").withArgs("a b", "c").command();

        assertThat(command.get(0)).isEqualTo(Processes.javaExecutable());
        assertThat(command).containsSubsequence(ChildJvm.FAST_START_FLAGS)
            .containsSubsequence("-cp", System.getProperty("java.class.path"), "some.Main", "a b", "c")
            .endsWith("some.Main", "a b", "c");
        assertThat(ChildJvm.of("some.Main").withJvmFlags("-Xmx32m").command())
            .contains("-Xmx32m").doesNotContainAnyElementsOf(ChildJvm.FAST_START_FLAGS);
    }

    @Test
    void exitCodeThreeFailsTheFutureWithinASecondNamingTheExitCodeAndTheLastTwentyStderrLines() throws Exception {
        long start = System.nanoTime();
        ChildJvm.Running running = ChildJvm.of(ChildMains.ExitWith.class).withArgs("3", "30").start();

        Throwable failure = catchThrowable(() -> running.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS));
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(ChildJvmException.class);
        ChildJvmException cause = (ChildJvmException) FutureAssertions.assertCompletedExceptionally(
            running, ChildJvmException.class);
        // Reported within a second of the exit: the child's own run (its duration) may be slow under load.
        assertThat(waited.minus(cause.result().orElseThrow().duration())).isLessThan(ONE_SECOND);
        assertThat(cause.exitCode()).isEqualTo(3);
        assertThat(cause.pid()).isEqualTo(running.pid());
        assertThat(cause).hasMessageContaining("exit code 3")
            .hasMessageContaining("pid " + running.pid())
            .hasMessageContaining("stderr line 11").hasMessageContaining("stderr line 30")
            .hasMessageNotContaining("stderr line 10" + System.lineSeparator());
        assertThat(cause.stderrTail().lines()).hasSize(20).first().isEqualTo("stderr line 11");
        assertThat(cause.result()).get().extracting(ChildJvm.Result::stdout).asString()
            .isEqualToIgnoringNewLines("stdout before exit");
    }

    @Test
    void runThrowsTheChildJvmExceptionItselfWithTheFullResultAttached() {
        Throwable thrown = catchThrowable(() -> ChildJvm.of(ChildMains.ExitWith.class).withArgs("7", "1").run());

        assertThat(thrown).isInstanceOf(ChildJvmException.class).hasMessageContaining("exit code 7");
        ChildJvm.Result result = ((ChildJvmException) thrown).result().orElseThrow();
        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.stderr().strip()).isEqualTo("stderr line 1");
    }

    @Test
    void aMebibyteOnStdoutAndAnotherOnStderrNeverBlockTheChild() throws Exception {
        int mebibyte = 1 << 20;
        ChildJvm.Running running = ChildJvm.of(ChildMains.Flood.class).withArgs(Integer.toString(mebibyte)).start();

        ChildJvm.Result result = running.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(result.exitCode()).isZero();
        // Counted, not compared: an assertion message quoting a mebibyte helps nobody.
        assertThat(result.stdout().length()).isEqualTo(mebibyte);
        assertThat(result.stdout().chars().filter(c -> c == 'o').count()).isEqualTo(mebibyte);
        assertThat(result.stderr().length()).isEqualTo(mebibyte);
        assertThat(result.stderr().chars().filter(c -> c == 'e').count()).isEqualTo(mebibyte);
    }

    @Test
    void aChildPastItsTimeBoundIsDestroyedReapedAndReportedNoEarlierThanTheBound() throws Exception {
        Duration bound = Delays.SMALL;
        long start = System.nanoTime();
        ChildJvm.Running running = ChildJvm.of(ChildMains.Hang.class).withTimeout(bound).start();

        Throwable failure = catchThrowable(() -> running.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(TimeoutException.class)
            .hasMessageContaining("pid " + running.pid()).hasMessageContaining("did not exit within " + bound)
            .hasMessageContaining("exit code 143 (ended by SIGTERM)").hasMessageContaining("hanging now");
        assertThat(elapsed).isGreaterThanOrEqualTo(bound).isLessThan(bound.plusSeconds(3));
        assertThat(ProcessHandle.of(running.pid()).filter(ProcessHandle::isAlive)).isEmpty();
    }

    /** Regression: {@code Process.destroy()} closes the parent's ends of the pipes, losing what was still unread. */
    @Test
    void whatADestroyedChildWritesWhileItShutsDownIsStillReported() {
        Throwable thrown = catchThrowable(
            () -> ChildJvm.of(ChildMains.SaysGoodbyeOnSigterm.class).withTimeout(Delays.SMALL).run());

        assertThat(thrown).isInstanceOf(TimeoutException.class).hasMessageContaining("exit code 143")
            .hasMessageContaining("goodbye from the hook");
    }

    @Test
    @Tag("slow") // the 2 s grace is part of what it shows
    void aChildThatSurvivesSigtermIsKilledForciblyAfterTheGraceAndIsDeadByTheBoundPlusThreeSeconds()
        throws Exception {
        Duration bound = Delays.SMALL;
        long start = System.nanoTime();
        ChildJvm.Running running = ChildJvm.of(ChildMains.HangEvenOnSigterm.class).withTimeout(bound).start();

        Throwable failure = catchThrowable(() -> running.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure).cause().isInstanceOf(TimeoutException.class)
            .hasMessageContaining("exit code 137 (killed by SIGKILL)");
        assertThat(elapsed).isGreaterThanOrEqualTo(bound.plus(Processes.GRACE)).isLessThan(bound.plusSeconds(3));
        assertThat(ProcessHandle.of(running.pid()).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void theChildReadsTheGivenStdinAndOtherwiseSeesItClosed() throws Exception {
        assertThat(ChildJvm.of(ChildMains.UpperCaseEcho.class).withStdin("héllo, child\n").run().stdout())
            .isEqualTo("HÉLLO, CHILD\n");
        assertThat(ChildJvm.of(ChildMains.CountStdin.class).run().stdout().strip()).isEqualTo("0");
    }

    @Test
    void cancelWithInterruptDestroysTheChildAndCancelWithoutLetsItFinish() throws Exception {
        ChildJvm.Running hanging = ChildJvm.of(ChildMains.Hang.class).start();
        assertThat(hanging.cancel(true)).isTrue();
        FutureAssertions.assertCancelled(hanging);
        await().atMost(Delays.LONG).pollInterval(Duration.ofMillis(20))
            .until(() -> ProcessHandle.of(hanging.pid()).filter(ProcessHandle::isAlive).isEmpty());

        ChildJvm.Running finishing = ChildJvm.of(ChildMains.SumOfSquares.class).start();
        assertThat(finishing.cancel(false)).isTrue();
        assertThat(finishing.cancel(true)).as("a second cancel").isFalse();
        ProcessHandle.of(finishing.pid()).ifPresent(p -> p.onExit().join());
        FutureAssertions.assertCancelled(finishing);
    }

    @Test
    void anInterruptedRunThrowsInterruptedExceptionWithinASecondAndLeavesNoChild() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().name("interrupted-runner").start(() -> {
            try {
                ChildJvm.of(ChildMains.Hang.class).run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        await().atMost(Delays.LONG).pollInterval(Duration.ofMillis(20))
            .until(() -> ProcessHandle.current().children().anyMatch(ProcessHandle::isAlive));

        long start = System.nanoTime();
        runner.interrupt();
        runner.join(Delays.LONG);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ONE_SECOND);
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void everyThreadAChildUsesComesFromTheGivenFactoryAndEndsWithIt() throws Exception {
        TrackingThreadFactory factory = TrackingThreadFactory.platform("child-io");

        ChildJvm.of(ChildMains.UpperCaseEcho.class).withStdin("x").withThreadFactory(factory).run();

        assertThat(factory.count()).as("stdout, stderr, stdin and watchdog threads").isEqualTo(4);
        factory.assertAllTerminated();
    }

    @Test
    void aMissingMainClassIsAChildJvmExceptionQuotingTheLaunchersError() {
        assertThatThrownBy(() -> ChildJvm.of("no.such.Main").run())
            .isInstanceOf(ChildJvmException.class).hasMessageContaining("exit code 1")
            .hasMessageContaining("no.such.Main");
    }
}
