package dev.jconcurrency.futures;

import static dev.jconcurrency.core.testing.FutureAssertions.assertCompletedExceptionally;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.process.ChildJvmException;
import dev.jconcurrency.core.process.RemoteTaskException;
import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.futures.Futures_08_ProcessPoolExecutor.Ran;
import dev.jconcurrency.futures.Futures_08_ProcessPoolExecutor.Run;
import dev.jconcurrency.futures.Futures_08_ProcessPoolExecutor.Unsendable;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One run of the lesson on each kind of pool, shared by the tests: each asserts one thing that changed, or did
 * not, when the same code moved from threads to child JVMs.
 */
class Futures_08_ProcessPoolExecutorTest {

    private static final int TASKS = 3;
    /** Long enough that each of the three workers holds one task while they wait (a worker takes one at first). */
    private static final Duration DELAY = Delays.SMALL;

    private static Futures_08_ProcessPoolExecutor.Result result;

    @BeforeAll
    static void runTheLessonOnce() throws Exception {
        result = Futures_08_ProcessPoolExecutor.run(TASKS, DELAY);
    }

    @Test
    void theSameMapCallGivesTheSameSquaresInSubmissionOrderOnThreadsAndOnChildJvms() {
        assertThat(result.threads().kind()).isEqualTo(PoolKind.THREAD);
        assertThat(result.processes().kind()).isEqualTo(PoolKind.PROCESS);
        assertThat(result.threads().values()).containsExactly(0, 1, 4);
        assertThat(result.processes().values()).containsExactly(0, 1, 4);
    }

    @Test
    void onThreadsEveryTaskRanInThisJvmOnAThreadOfThePool() {
        assertThat(result.threads().pids()).containsExactly(result.ourPid());
        assertThat(result.threads().ran()).extracting(Ran::thread).allMatch(name -> name.matches("pool-\\d+-thread-\\d"));
    }

    @Test
    void onTheProcessPoolEachTaskRanInAChildJvmOfItsOwnOnThatJvmsMainThread() {
        assertThat(result.processes().pids()).hasSize(TASKS).doesNotContain(result.ourPid());
        assertThat(result.processes().ran()).extracting(Ran::thread).containsOnly("main");
    }

    /** Threads share this JVM's statics; child JVMs each have their own copy, so ours does not move. */
    @Test
    void aStaticCounterTheTasksIncrementMovesHereOnlyWhenTheyRunOnThreads() {
        assertThat(result.threads().countedHere()).isEqualTo(TASKS);
        assertThat(result.processes().countedHere()).isZero();
    }

    @Test
    void bothPoolsTimesIncludeTheWait() {
        assertThat(result.threads().elapsed()).isGreaterThanOrEqualTo(DELAY);
        assertThat(result.processes().elapsed()).isGreaterThanOrEqualTo(DELAY);
    }

    /**
     * The same tasks take longer on the process pool: its time includes starting three JVMs (tens of
     * milliseconds at the very least) and copying tasks and results, the thread pool's only starting threads.
     */
    @Test
    @Tag("timing")
    void theProcessPoolsRunTakesLongerByTheStartOfItsJvms() {
        assertThat(result.processes().elapsed()).as("%s", Load.describe())
            .isGreaterThan(result.threads().elapsed());
    }

    /** From a thread the cause is the very exception the task threw, with the pool thread's stack. */
    @Test
    void onThreadsATasksExceptionArrivesAsTheCauseOfAnExecutionException() throws Exception {
        Throwable cause = assertCompletedExceptionally(result.threads().failed(), NumberFormatException.class);

        assertThat(cause).hasMessage("For input string: \"forty-two\"");
        assertThat(frames(cause)).contains("java.util.concurrent.ThreadPoolExecutor$Worker.run")
            .doesNotContain("dev.jconcurrency.core.process.WorkerMain.main");
    }

    /**
     * From a child JVM the cause is a copy the worker sent back: the same class and message, and the stack trace
     * the exception had in the worker, which ends in the worker's main.
     */
    @Test
    void onChildJvmsATasksExceptionArrivesAsTheCauseOfAnExecutionExceptionWithTheWorkersStackTrace()
        throws Exception {
        Throwable cause = assertCompletedExceptionally(result.processes().failed(), NumberFormatException.class);

        assertThat(cause).hasMessage("For input string: \"forty-two\"");
        assertThat(Futures_08_ProcessPoolExecutor.bottomFrame(cause))
            .isEqualTo("dev.jconcurrency.core.process.WorkerMain.main");
        assertThat(frames(cause)).contains("java.lang.Integer.parseInt",
                "dev.jconcurrency.futures.Futures_08_ProcessPoolExecutor$Parse.call")
            .doesNotContain("java.util.concurrent.ThreadPoolExecutor$Worker.run");
    }

    @Test
    void anExceptionThatCannotBeSerializedArrivesItselfFromAThreadAndAsARemoteTaskExceptionFromAChildJvm()
        throws Exception {
        Throwable onThread = assertCompletedExceptionally(result.threads().failedUnsendable(), Unsendable.class);
        assertThat(onThread).hasMessage("the connection was reset");

        Throwable fromChild = assertCompletedExceptionally(result.processes().failedUnsendable(),
            RemoteTaskException.class);
        assertThat(((RemoteTaskException) fromChild).remoteClassName()).isEqualTo(Unsendable.class.getName());
        assertThat(fromChild.getMessage()).startsWith(Unsendable.class.getName() + ": the connection was reset (")
            .contains("java.lang.Object");
        assertThat(Futures_08_ProcessPoolExecutor.bottomFrame(fromChild))
            .isEqualTo("dev.jconcurrency.core.process.WorkerMain.main");
    }

    @Test
    void aPlainLambdaRunsOnThreadsButTheProcessPoolRefusesItAtSubmitNamingTheClass() {
        assertThat(result.threads().plainLambdaValue()).isEqualTo(42);
        assertThat(result.threads().plainLambdaRefused()).isNull();

        assertThat(result.processes().plainLambdaValue()).isNull();
        assertThat(result.processes().plainLambdaRefused()).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("tasks[0] (a lambda written in " + Futures_08_ProcessPoolExecutor.class.getName())
            .hasMessageContaining("is not Serializable, so it cannot be sent to a worker JVM");
    }

    /** Isolation: the task ends one worker JVM, not ours; only its future fails and the pool carries on. */
    @Test
    void aTaskThatEndsItsJvmFailsAloneOnTheProcessPoolWhichThenGoesOn() throws Exception {
        Run processes = result.processes();
        Throwable cause = assertCompletedExceptionally(processes.halted(), ChildJvmException.class);

        ChildJvmException dead = (ChildJvmException) cause;
        assertThat(dead.exitCode()).isEqualTo(Futures_08_ProcessPoolExecutor.HALT_EXIT_CODE);
        assertThat(dead.pid()).isIn(processes.pids());
        assertThat(cause).hasMessageContaining("exit code 3");
        assertThat(processes.afterHalt()).containsExactly(0, 1, 4);

        assertThat(result.threads().halted()).as("never given to a thread: it would end this JVM").isNull();
        assertThat(result.threads().afterHalt()).isEmpty();
    }

    @Test
    void runRejectsBadArguments() {
        assertThatThrownBy(() -> Futures_08_ProcessPoolExecutor.run(null, 3, DELAY))
            .isInstanceOf(NullPointerException.class).hasMessage("kind");
        assertThatThrownBy(() -> Futures_08_ProcessPoolExecutor.run(PoolKind.PROCESS, 3, null))
            .isInstanceOf(NullPointerException.class).hasMessage("delay");
        assertThatThrownBy(() -> Futures_08_ProcessPoolExecutor.run(PoolKind.PROCESS, 0, DELAY))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("tasks must be positive: 0");
        assertThatThrownBy(() -> Futures_08_ProcessPoolExecutor.run(0, DELAY))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("tasks must be positive: 0");
        assertThatThrownBy(() -> Futures_08_ProcessPoolExecutor.run(PoolKind.PROCESS, 3, Duration.ofMillis(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("delay must not be negative: PT-0.001S");
    }

    private static List<String> frames(Throwable t) {
        return Arrays.stream(t.getStackTrace()).map(f -> f.getClassName() + "." + f.getMethodName()).toList();
    }
}
