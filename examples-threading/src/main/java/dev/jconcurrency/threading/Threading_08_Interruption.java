package dev.jconcurrency.threading;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.cli.LessonLauncher;

import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.report.Table;
import dev.jconcurrency.core.timing.Stopwatch;
import dev.jconcurrency.core.workload.Workloads;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How do you stop a thread that is blocked in I/O? You interrupt it ({@code Thread.interrupt()}, or
 * {@code Future.cancel(true)}): a blocking call that honours interrupts ends at once with an exception, and code
 * that catches it must restore the interrupt flag or stop, never swallow it.
 *
 * <p>Java has no way to kill a thread from outside; interruption is the cooperative signal everything else builds
 * on ({@code ExecutorService.shutdownNow()}, {@code close()}, timeouts). {@link Threading_06_Deadlock} used it to end
 * deadlocked threads; Python's threads have no equivalent at all (a blocked Python thread cannot be interrupted).
 */
public final class Threading_08_Interruption {

    static final String QUESTION = "How do you stop a thread that is blocked in I/O?";

    private static final Duration GIVE_UP = Duration.ofSeconds(10);

    private Threading_08_Interruption() {
    }

    /*
     * Suppose a task is waiting for a reply that will never come, and we want it gone: the user pressed cancel, a
     * timeout expired, the program is shutting down. We submit the task to an executor, wait until it has started,
     * and call future.cancel(true), which interrupts the thread running it. Then we watch how, and how fast, the
     * task ends. Three tasks, the right ways first:
     *
     *   SLEEPING      blocked in Workloads.sleep (the simulated I/O of every lesson): the sleep throws
     *                 InterruptedException, which clears the flag; the task catches it, restores the flag and ends.
     *   CHANNEL_READ  blocked reading a java.nio Pipe that no one writes to: an InterruptibleChannel closes itself
     *                 and throws ClosedByInterruptException, with the flag left set for us.
     *   SWALLOWING    the wrong way: the same sleeps in a loop, but the catch block ignores the exception, so the
     *                 interrupt is lost and the task runs to the end as if nobody had asked.
     *
     * There is no race in "wait until it has started, then interrupt": the flag is sticky. An interrupt that
     * arrives before the task blocks makes the blocking call fail as soon as it is made.
     */

    /** The tasks, the right ways first. */
    public enum Task {
        /** Blocked in a sleep; catches the exception and restores the flag. */
        SLEEPING,
        /** Blocked reading an interruptible channel. */
        CHANNEL_READ,
        /** Sleeps step by step and swallows the interrupt: the wrong way. */
        SWALLOWING
    }

    /**
     * How a cancelled task ended.
     *
     * @param task which task
     * @param endedBy the simple name of the exception that ended it, or {@code "completed"} if it ran to its end
     * @param flagSetAtEnd whether the thread's interrupt flag was set as the task ended (restored, or left set)
     * @param stepsDone for {@link Task#SWALLOWING}: how many of its steps it completed; 0 for the others
     * @param afterInterrupt how long the task went on after it was interrupted
     */
    public record Outcome(Task task, String endedBy, boolean flagSetAtEnd, int stepsDone, Duration afterInterrupt) {
    }

    private record Ending(String endedBy, boolean flagSetAtEnd, int stepsDone) {
    }

    /* The right way with a sleep (or any method that throws InterruptedException). */

    private static Ending sleeping(CountDownLatch started) {
        started.countDown();
        try {
            Workloads.sleep(GIVE_UP);
            return new Ending("completed", Thread.currentThread().isInterrupted(), 0);
        } catch (InterruptedException e) {
            // Caught here, so restore: whoever runs this thread next (a pool, a caller up the stack) must still see
            // that it was asked to stop. Then stop.
            Thread.currentThread().interrupt();
            return new Ending(e.getClass().getSimpleName(), Thread.currentThread().isInterrupted(), 0);
        }
    }

    /* The right way with an interruptible channel: nothing to restore, the channel did it. */

    private static Ending channelRead(CountDownLatch started) throws IOException {
        Pipe pipe = Pipe.open();
        try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
            started.countDown();
            source.read(ByteBuffer.allocate(1)); // no one ever writes to the sink: blocks until interrupted
            return new Ending("completed", Thread.currentThread().isInterrupted(), 0);
        } catch (ClosedByInterruptException e) {
            // The channel is closed and the flag is already set (InterruptibleChannel's contract): leave it set.
            return new Ending(e.getClass().getSimpleName(), Thread.currentThread().isInterrupted(), 0);
        }
    }

    /* The wrong way: an empty catch turns a cancellation into a no-op. */

    private static Ending swallowing(CountDownLatch started, int steps, Duration step) {
        started.countDown();
        int done = 0;
        for (int i = 0; i < steps; i++) {
            try {
                Workloads.sleep(step);
            } catch (InterruptedException e) {
                // WRONG, kept to be shown: the interrupt is lost here and the loop goes on.
            }
            done++;
        }
        return new Ending("completed", Thread.currentThread().isInterrupted(), done);
    }

    /**
     * Starts {@code task}, cancels it with {@code Future.cancel(true)} once it has started, and waits for it to end.
     *
     * @param task which task
     * @param steps for {@link Task#SWALLOWING}: how many sleeps it does, 1 or more (ignored by the others)
     * @param step for {@link Task#SWALLOWING}: how long each sleep is, zero or more (ignored by the others)
     * @return how it ended; its thread has ended when this returns
     * @throws InterruptedException if the calling thread is interrupted (the task is interrupted and ended first)
     * @throws NullPointerException if {@code task} or {@code step} is null
     * @throws IllegalArgumentException if {@code steps} is not positive or {@code step} is negative
     */
    public static Outcome cancel(Task task, int steps, Duration step) throws InterruptedException {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(step, "step");
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be positive: " + steps);
        }
        if (step.isNegative()) {
            throw new IllegalArgumentException("step must not be negative: " + step);
        }
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Ending> ended = new CompletableFuture<>();
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("cancellable-" + task.name().toLowerCase(Locale.ROOT)).factory())) {
            Future<?> future = executor.submit(() -> {
                try {
                    ended.complete(switch (task) {
                        case SLEEPING -> sleeping(started);
                        case CHANNEL_READ -> channelRead(started);
                        case SWALLOWING -> swallowing(started, steps, step);
                    });
                } catch (IOException | RuntimeException e) {
                    ended.completeExceptionally(e);
                }
            });
            if (!started.await(GIVE_UP.toMillis(), TimeUnit.MILLISECONDS)) {
                future.cancel(true);
                throw new IllegalStateException(task + " did not start within " + GIVE_UP);
            }
            Stopwatch sinceInterrupt = Stopwatch.start();
            future.cancel(true);
            Ending ending = awaitEnding(task, ended, steps, step);
            Duration afterInterrupt = sinceInterrupt.elapsed();
            return new Outcome(task, ending.endedBy(), ending.flagSetAtEnd(), ending.stepsDone(), afterInterrupt);
        } // close() waits for the thread itself to end, after the task has handed back its ending
    }

    private static Ending awaitEnding(Task task, CompletableFuture<Ending> ended, int steps, Duration step)
        throws InterruptedException {
        Duration bound = task == Task.SWALLOWING ? GIVE_UP.plus(step.multipliedBy(steps)) : GIVE_UP;
        try {
            return ended.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(task + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(task + " did not end within " + bound + " of its interrupt", e);
        }
    }

    /**
     * The three tasks, each cancelled once.
     *
     * @param outcomes in {@link Task} order
     */
    public record Result(List<Outcome> outcomes) {
    }

    /**
     * Cancels each task once.
     *
     * @param steps the swallowing task's number of sleeps
     * @param step the swallowing task's sleep length
     * @return how each ended
     * @throws InterruptedException if the calling thread is interrupted
     */
    public static Result run(int steps, Duration step) throws InterruptedException {
        return new Result(List.of(cancel(Task.SLEEPING, steps, step), cancel(Task.CHANNEL_READ, steps, step),
            cancel(Task.SWALLOWING, steps, step)));
    }

    /*
     * It turns out the two right tasks end within a millisecond or so of cancel(true), with the flag set as they
     * end, so a pool or an outer loop can see it. The swallowing task ignores the cancellation and finishes all its
     * sleeps, with the flag clear: to its caller, it looks as if it was never asked.
     *
     * Not everything that blocks listens. A classic java.net.Socket's InputStream.read() ignores interrupts (close
     * the socket from another thread instead, or use a SocketChannel, which is interruptible); so do lock() and
     * synchronized (use lockInterruptibly(), as Threading_06_Deadlock does). And code that catches
     * InterruptedException where it cannot stop should restore the flag with Thread.currentThread().interrupt(),
     * or declare the exception and let it propagate.
     */

    static void show(Result result, Report report) {
        report.banner("INTERRUPTION: CANCELLING BLOCKED TASKS");
        Table table = Table.of("task", "ended by", "flag set at end", "steps done", "after interrupt");
        for (Outcome outcome : result.outcomes()) {
            table.row(outcome.task(), outcome.endedBy(), outcome.flagSetAtEnd(), outcome.stepsDone(),
                Report.seconds(outcome.afterInterrupt()));
        }
        table.toText().lines().forEach(report::line);
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        return LessonLauncher.noOptions(Threading_08_Interruption.class, QUESTION)
            .run(args, out, err, arguments -> show(run(5, Duration.ofMillis(200)), Report.to(out)));
    }

    /*
     * How to run (from the repository's root):
     *
     *   mvn -q -pl examples-threading -am test-compile -Drun=examples-threading -Dargs="--lesson 8"
     *
     * Look for: SLEEPING and CHANNEL_READ ended by their exceptions in about 0.00 sec with the flag set;
     * SWALLOWING completed all 5 steps, about 0.8 sec after it was cancelled, flag clear.
     *
     * Typical output (2-core Intel Xeon VM shared with other builds, Linux 6.18, Temurin 25.0.3,
     * measured with -XX:TieredStopAtLevel=1 (C1 only), 2026-11-25, load average 6.12):
     *
     *   === INTERRUPTION: CANCELLING BLOCKED TASKS ===
     *   task          ended by                    flag set at end  steps done  after interrupt
     *   ------------  --------------------------  ---------------  ----------  ---------------
     *   SLEEPING      InterruptedException        true                      0         0.00 sec
     *   CHANNEL_READ  ClosedByInterruptException  true                      0         0.00 sec
     *   SWALLOWING    completed                   false                     5         0.80 sec
     */

    /**
     * Cancels a sleeping task, a task reading a pipe and a task that swallows interrupts (5 sleeps of 200 ms).
     *
     * @param args none ({@code --help} prints the question)
     * @throws Exception if the lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
