package dev.jconcurrency.futures;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.timing.Stopwatch;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What does a {@link Future} tell you, and where does a task's exception go? A future is a receipt for a result
 * that may not exist yet: you can ask whether it is done ({@code isDone}, {@code state()}), wait for it
 * ({@code get}), wait a bounded time ({@code get(timeout)}), or read it without waiting once it is done
 * ({@code resultNow}, {@code exceptionNow}). An exception thrown by the task is kept in the future and comes out
 * of {@code get} wrapped in an {@link ExecutionException} whose cause is the very exception the task threw.
 */
public final class Futures_02_SubmitAndFuture {

    private Futures_02_SubmitAndFuture() {
    }

    /*
     * Suppose we submit a task that cannot finish until we say so: it waits on a latch, a gate we hold. That
     * makes every state of its future observable on purpose, with no race: before we open the gate it is
     * RUNNING, however slow the machine; after, it is SUCCESS.
     */

    /**
     * What the futures said at each step.
     *
     * @param stateWhileRunning {@code state()} while the task was held at the gate: {@code RUNNING}
     * @param doneWhileRunning {@code isDone()} at the same moment: false
     * @param timedGetWaited how long {@code get(timeout)} waited before giving up with a TimeoutException
     * @param succeeded the future of the task that returned; done when this record is made
     * @param value what {@code get()} returned for it
     * @param failed the future of the task that threw; done when this record is made
     * @param thrown the exception the failing task threw, as the task saw it
     * @param getThrew what {@code get()} threw for the failed future: an {@link ExecutionException}
     */
    public record Result(Future.State stateWhileRunning, boolean doneWhileRunning, Duration timedGetWaited,
        Future<Integer> succeeded, int value, Future<Integer> failed, Throwable thrown, Throwable getThrew) {
    }

    /**
     * Submits one task that succeeds (held at a gate until we have looked at its running future) and one that
     * throws, and records what their futures show.
     *
     * @param timedGet how long the timed {@code get} waits on the still-running task, zero or more
     * @return what the futures showed
     * @throws Exception if we are interrupted
     */
    public static Result run(Duration timedGet) throws Exception {
        Objects.requireNonNull(timedGet, "timedGet");
        if (timedGet.isNegative()) {
            throw new IllegalArgumentException("timedGet must not be negative: " + timedGet);
        }
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        Throwable[] thrownByTask = new Throwable[1];

        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            try {
                /*
                 * submit returns at once with a Future; the task runs on a pool thread. The Callable's own
                 * InterruptedException (from gate.await) may propagate: a Callable may throw anything, and the
                 * future records it.
                 */
                Future<Integer> succeeded = pool.submit(() -> {
                    started.countDown();
                    gate.await();
                    return 6 * 7;
                });
                started.await();
                Future.State stateWhileRunning = succeeded.state();
                boolean doneWhileRunning = succeeded.isDone();

                /*
                 * A timed get is a bounded wait: if the result is not there in time it throws a
                 * TimeoutException, and leaves the task alone (it is still running; see
                 * Futures_05_CancellationAndTimeouts for what to do about it).
                 */
                Stopwatch watch = Stopwatch.start();
                Duration waited;
                try {
                    succeeded.get(timedGet.toNanos(), TimeUnit.NANOSECONDS);
                    throw new IllegalStateException("the held task cannot have finished before its gate opened");
                } catch (TimeoutException expected) {
                    waited = watch.elapsed();
                }

                gate.countDown();
                int value = succeeded.get(); // blocks until the task has returned

                /*
                 * Now a task that fails: it parses a number that is not one. The exception does not escape
                 * anywhere: no stack trace is printed, no thread dies. The future keeps it until someone asks.
                 */
                Future<Integer> failed = pool.submit(() -> {
                    try {
                        return Integer.parseInt("forty-two");
                    } catch (NumberFormatException e) {
                        thrownByTask[0] = e; // kept only so the lesson can show it is the same object
                        throw e;
                    }
                });
                Throwable getThrew;
                try {
                    failed.get();
                    throw new IllegalStateException("parsing 'forty-two' cannot succeed");
                } catch (ExecutionException e) {
                    getThrew = e;
                }
                // get() returned (by throwing) after the task ended: its write of thrownByTask is visible here.
                return new Result(stateWhileRunning, doneWhileRunning, waited, succeeded, value, failed,
                    thrownByTask[0], getThrew);
            } finally {
                gate.countDown(); // whatever went wrong above, never leave a pool thread waiting at the gate
            }
        }
    }

    /*
     * It turns out that:
     *   - state() and isDone() answer at once and never block; state() is the richer one (RUNNING, SUCCESS,
     *     FAILED, CANCELLED; Java 19+).
     *   - get(timeout) gave up after the timeout and not before; the task went on running.
     *   - get() on the failed task threw ExecutionException, and getCause() is the NumberFormatException the
     *     task threw: the same object, with the task's own stack trace. Unwrap it to handle it, as Python's
     *     future.result() re-raises the original exception.
     *   - resultNow() and exceptionNow() (Java 19+) read a finished future without any checked exception;
     *     on a future in the wrong state they throw IllegalStateException instead of waiting.
     *
     * The pitfall: a task submitted with submit() whose future nobody reads fails in silence. execute() on
     * the other hand has no future, so an exception reaches the thread's uncaught-exception handler and is
     * printed. If you fire and forget with submit(), you also forget the errors.
     */

    /*
     * How to run:
     *
     *   mvn -q -pl examples-futures -am test-compile -Drun=examples-futures -Dargs="--lesson 2"
     *
     * Typical output (2-core Intel Xeon VM shared with other builds, load average about 4; Linux 6.18;
     * Temurin JDK 25.0.3; the run profile; 2026-11-25):
     *
     *   While held at its gate: state() = RUNNING, isDone() = false
     *   get(250 ms) gave up with a TimeoutException after 0.25 sec
     *   After the gate opened: get() = 42, state() = SUCCESS, resultNow() = 42
     *   Failing task: get() threw ExecutionException, cause java.lang.NumberFormatException: For input string: "forty-two"
     *   The cause is the task's own exception object: true; state() = FAILED, exceptionNow() =
     *       java.lang.NumberFormatException: For input string: "forty-two"
     */

    /**
     * Prints what the futures showed.
     *
     * @param args {@code --help} only
     * @throws Exception if we are interrupted
     */
    public static void main(String[] args) throws Exception {
        CommandLine cli = CommandLine.builder(Futures_02_SubmitAndFuture.class.getSimpleName(),
            "submit, Future.get, timed get, isDone, state(), resultNow and exceptionNow; a failing task.").build();
        CommandLine.exitOnFailure(cli.run(args, System.out, System.err, options -> {
            Result r = run(Duration.ofMillis(250));
            Report report = Report.to(System.out);
            report.line("While held at its gate: state() = " + r.stateWhileRunning() + ", isDone() = "
                + r.doneWhileRunning());
            report.line("get(250 ms) gave up with a TimeoutException after " + Report.seconds(r.timedGetWaited()));
            report.line("After the gate opened: get() = " + r.value() + ", state() = " + r.succeeded().state()
                + ", resultNow() = " + r.succeeded().resultNow());
            report.line("Failing task: get() threw " + r.getThrew().getClass().getSimpleName() + ", cause "
                + r.getThrew().getCause());
            report.line("The cause is the task's own exception object: " + (r.getThrew().getCause() == r.thrown())
                + "; state() = " + r.failed().state() + ", exceptionNow() = " + r.failed().exceptionNow());
        }));
    }
}
