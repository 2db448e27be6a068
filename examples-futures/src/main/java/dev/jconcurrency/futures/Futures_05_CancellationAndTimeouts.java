package dev.jconcurrency.futures;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.report.Table;
import dev.jconcurrency.core.timing.Stopwatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What do {@code cancel}, a timed {@code get}, {@code shutdown}, {@code shutdownNow} and {@code close} really do
 * to running and queued tasks? Less than their names suggest: {@code cancel(true)} and {@code shutdownNow}
 * <em>interrupt</em> a running task (it stops only if it responds to interrupts), {@code cancel(false)} and
 * {@code shutdown} never touch it, and a timed {@code get} that expires does nothing to the task at all. Queued
 * tasks still run after {@code shutdown} and {@code close}, are handed back by {@code shutdownNow}, and are lost
 * with futures that never complete when {@code close} is interrupted.
 */
public final class Futures_05_CancellationAndTimeouts {

    private Futures_05_CancellationAndTimeouts() {
    }

    /*
     * Suppose a task that waits at a gate we hold, like a call to a server that has not answered yet. Holding
     * the gate lets us act on the task while it is surely running, with no race: whatever we see next is the
     * effect of what we did, not of timing.
     *
     * The task notes how it ended: it ran to the end once the gate opened, or an interrupt cut its wait short.
     */

    /** How a task ended. */
    public enum Ending {
        /** It ran to its end. */
        FINISHED,
        /** An interrupt cut it short. */
        INTERRUPTED,
        /** It never started. */
        NEVER_STARTED
    }

    /** A task that waits at {@code gate}, and records how it ended. */
    static final class GatedTask implements Callable<String> {
        final String name;
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);
        final CountDownLatch gate;
        final AtomicReference<Ending> ending = new AtomicReference<>(Ending.NEVER_STARTED);

        GatedTask(String name, CountDownLatch gate) {
            this.name = name;
            this.gate = gate;
        }

        @Override
        public String call() throws InterruptedException {
            started.countDown();
            try {
                gate.await();
                ending.set(Ending.FINISHED);
                return name;
            } catch (InterruptedException e) {
                // Somebody cancelled us or shut the pool down now: note it and propagate, which ends the task.
                ending.set(Ending.INTERRUPTED);
                throw e;
            } finally {
                ended.countDown();
            }
        }
    }

    /*
     * First, cancel. cancel(mayInterruptIfRunning) marks the future CANCELLED at once, whatever the task is
     * doing; the flag decides only whether the thread running the task is also interrupted.
     */

    /**
     * What cancelling a running task did.
     *
     * @param mayInterrupt the argument given to {@code cancel}
     * @param cancelReturned what {@code cancel} returned: true, the future was not done yet
     * @param doneWhileTaskStillRan whether the future already said {@code isDone()} while the task was still held
     *     at its gate (true for {@code cancel(false)}: done is not the same as finished)
     * @param taskEnding how the task itself ended
     * @param future the cancelled future
     */
    public record CancelOutcome(boolean mayInterrupt, boolean cancelReturned, boolean doneWhileTaskStillRan,
        Ending taskEnding, Future<String> future) {
    }

    static CancelOutcome cancelRunning(boolean mayInterrupt) throws InterruptedException {
        CountDownLatch gate = new CountDownLatch(1);
        GatedTask task = new GatedTask("held", gate);
        try (ExecutorService pool = ObservedPool.ofOneThread()) {
            try {
                Future<String> future = pool.submit(task);
                task.started.await();
                boolean cancelReturned = future.cancel(mayInterrupt);
                boolean doneWhileTaskStillRan = false;
                if (!mayInterrupt) {
                    // The task cannot pass the gate we still hold: it is running, whatever its future says.
                    doneWhileTaskStillRan = future.isDone() && task.ended.getCount() == 1;
                }
                gate.countDown();
                task.ended.await();
                return new CancelOutcome(mayInterrupt, cancelReturned, doneWhileTaskStillRan, task.ending.get(),
                    future);
            } finally {
                gate.countDown();
            }
        }
    }

    /*
     * It turns out cancel(true) interrupted the wait and the task ended at once; cancel(false) left it
     * running, and once we opened the gate it ran to its end, its result thrown away: the future said
     * CANCELLED (and isDone) all along. Use cancel(false) only for tasks that have not started, or whose
     * side effects you want finished.
     *
     * Interruption is a request. A task blocked in sleep, wait, join, a latch, a lock's lockInterruptibly or
     * an interruptible channel stops; a task computing in a loop stops only if it checks
     * Thread.currentThread().isInterrupted() (core's Workloads.spin does). Plain java.io streams and
     * synchronized ignore it.
     *
     * Next, the timed get.
     */

    /**
     * What a timed {@code get} that expired did, and did not do.
     *
     * @param timeout the timeout given to {@code get}
     * @param waited how long {@code get} waited before its TimeoutException: never less than {@code timeout}
     * @param stateAfterTimeout the future's state just after: still {@code RUNNING}
     * @param taskRunningAfterTimeout whether the task was still running just after: true, a timeout is not a cancel
     * @param taskEnding how the task ended: {@code INTERRUPTED} by the {@code cancel(true)} that followed
     * @param future the task's future, cancelled at the end
     */
    public record TimeoutOutcome(Duration timeout, Duration waited, Future.State stateAfterTimeout,
        boolean taskRunningAfterTimeout, Ending taskEnding, Future<String> future) {
    }

    static TimeoutOutcome timedGet(Duration timeout) throws Exception {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        CountDownLatch gate = new CountDownLatch(1);
        GatedTask task = new GatedTask("slow call", gate);
        try (ExecutorService pool = ObservedPool.ofOneThread()) {
            try {
                Future<String> future = pool.submit(task);
                task.started.await();
                Stopwatch watch = Stopwatch.start();
                try {
                    future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
                    throw new IllegalStateException("the held task cannot finish before its gate opens");
                } catch (TimeoutException expected) {
                    Duration waited = watch.elapsed();
                    Future.State state = future.state();
                    boolean stillRunning = task.ended.getCount() == 1;
                    /*
                     * The timeout was ours, not the task's. If we no longer want the result, we must say so,
                     * or the task goes on holding its thread (and, in real code, its connection).
                     */
                    future.cancel(true);
                    task.ended.await();
                    return new TimeoutOutcome(timeout, waited, state, stillRunning, task.ending.get(), future);
                }
            } finally {
                gate.countDown();
            }
        }
    }

    /*
     * Last, the pool as a whole. Three ways to end it, and close() has two outcomes. We use one worker thread,
     * one task running (held at the gate) and two queued behind it.
     */

    /** How the pool was ended. */
    public enum Shutdown {
        /** {@code shutdown()}: no new tasks; queued and running ones finish; returns at once. */
        SHUTDOWN,
        /** {@code shutdownNow()}: no new tasks; running ones interrupted; queued ones handed back unrun. */
        SHUTDOWN_NOW,
        /** {@code close()} (Java 19+): {@code shutdown()}, then waits until every task has finished. */
        CLOSE,
        /** {@code close()} whose caller is interrupted while it waits: it turns into {@code shutdownNow()}. */
        CLOSE_INTERRUPTED;

        /** The call as written in code, e.g. {@code shutdownNow()}. */
        public String call() {
            return switch (this) {
                case SHUTDOWN -> "shutdown()";
                case SHUTDOWN_NOW -> "shutdownNow()";
                case CLOSE -> "close()";
                case CLOSE_INTERRUPTED -> "close(), interrupted";
            };
        }
    }

    /**
     * What one way of ending the pool did.
     *
     * @param how which way
     * @param running how the running task ended
     * @param queued how each of the two queued tasks ended
     * @param queuedFutures the queued tasks' futures, to inspect (for {@code CLOSE_INTERRUPTED} they never complete)
     * @param newTaskRejected whether a task submitted afterwards was refused ({@link RejectedExecutionException})
     * @param callerReturnedWhileTaskHeld whether the call returned while the running task was still held at its
     *     gate; null where that cannot be seen without a race ({@code SHUTDOWN_NOW}, {@code CLOSE_INTERRUPTED})
     * @param handedBack how many unrun tasks {@code shutdownNow()} returned (0 for the others)
     * @param callerInterruptedAfter whether the closing thread's interrupt flag was set when the call returned
     */
    public record ShutdownOutcome(Shutdown how, Ending running, List<Ending> queued, List<Future<String>> queuedFutures,
        boolean newTaskRejected, Boolean callerReturnedWhileTaskHeld, int handedBack, boolean callerInterruptedAfter) {
        /**
         * @param how which way
         * @param running the running task's ending
         * @param queued the queued tasks' endings
         * @param queuedFutures the queued tasks' futures
         * @param newTaskRejected whether a late task was refused
         * @param callerReturnedWhileTaskHeld whether the call returned before the running task could end
         * @param handedBack unrun tasks returned
         * @param callerInterruptedAfter the closer's interrupt flag afterwards
         */
        public ShutdownOutcome {
            queued = List.copyOf(queued);
            queuedFutures = List.copyOf(queuedFutures);
        }
    }

    /**
     * A one-thread pool that tells us when {@code shutdown()} has been called, also from inside {@code close()}
     * (whose default implementation calls it first): the moment from which the pool refuses new tasks.
     */
    static final class ObservedPool extends ThreadPoolExecutor {
        final CountDownLatch shutdownCalled = new CountDownLatch(1);

        private ObservedPool() {
            super(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
        }

        static ObservedPool ofOneThread() {
            return new ObservedPool();
        }

        @Override
        public void shutdown() {
            super.shutdown();
            shutdownCalled.countDown();
        }
    }

    static ShutdownOutcome end(Shutdown how) throws Exception {
        Objects.requireNonNull(how, "how");
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch open = new CountDownLatch(0);
        GatedTask running = new GatedTask("running", gate);
        List<GatedTask> queued = List.of(new GatedTask("queued 1", open), new GatedTask("queued 2", open));
        ObservedPool pool = ObservedPool.ofOneThread();
        Thread closer = null;
        try {
            pool.submit(running);
            List<Future<String>> queuedFutures = new ArrayList<>();
            for (GatedTask task : queued) {
                queuedFutures.add(pool.submit(task));
            }
            running.started.await();

            Boolean returnedWhileHeld = null;
            int handedBack = 0;
            boolean[] closerInterrupted = {false};
            switch (how) {
                case SHUTDOWN -> {
                    pool.shutdown();
                    returnedWhileHeld = running.ended.getCount() == 1; // the gate is shut: it cannot have ended
                }
                case SHUTDOWN_NOW -> {
                    List<Runnable> unrun = pool.shutdownNow();
                    handedBack = unrun.size();
                    /*
                     * The unrun tasks come back as the very FutureTasks whose futures submit() gave us. Nobody
                     * will run them now, so their futures would never complete: cancel them, so that anyone
                     * waiting on one gets a CancellationException instead of waiting for ever.
                     */
                    for (Runnable task : unrun) {
                        if (task instanceof Future<?> future) {
                            future.cancel(false);
                        }
                    }
                }
                case CLOSE, CLOSE_INTERRUPTED -> {
                    closer = Thread.ofPlatform().name("closer").start(() -> {
                        pool.close();
                        // close() sets the flag again if it was interrupted; read and clear it: this thread ends.
                        closerInterrupted[0] = Thread.interrupted();
                    });
                    pool.shutdownCalled.await();
                    if (how == Shutdown.CLOSE) {
                        // The closer is inside close() (shutdown called, pool not terminated: the task is held).
                        returnedWhileHeld = !closer.isAlive();
                    } else {
                        closer.interrupt();
                        // Wait for close() to finish before opening the gate: the interrupt, not the gate,
                        // must be what ends the running task.
                        closer.join();
                    }
                }
                default -> throw new IllegalStateException(how.name());
            }
            boolean rejected;
            try {
                pool.submit(() -> "late");
                rejected = false;
            } catch (RejectedExecutionException expected) {
                rejected = true;
            }
            gate.countDown();
            if (closer != null) {
                closer.join(); // the join makes the closer's writes (closerInterrupted) visible here
            }
            if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the pool did not terminate within a minute of opening the gate");
            }
            List<Ending> queuedEndings = queued.stream().map(task -> task.ending.get()).toList();
            return new ShutdownOutcome(how, running.ending.get(), queuedEndings, queuedFutures, rejected,
                returnedWhileHeld, handedBack, closerInterrupted[0]);
        } finally {
            gate.countDown();
            pool.shutdownNow();
            if (closer != null) {
                closer.join();
            }
        }
    }

    /*
     * It turns out:
     *   - shutdown() returned at once; the running task and both queued ones then finished; a late task was
     *     refused with RejectedExecutionException.
     *   - shutdownNow() interrupted the running task and handed back the two queued ones, unrun. Their
     *     futures stay incomplete until someone runs or cancels them.
     *   - close() did not return while the task was held: it is shutdown() plus waiting for termination,
     *     which is why try-with-resources on a pool waits for its tasks.
     *   - close() interrupted while waiting becomes shutdownNow(): the running task was interrupted, the
     *     queued ones never ran, and their futures never complete (the list shutdownNow returned was
     *     dropped: a get() on one would wait for ever; state() says RUNNING, which means "not completed":
     *     there is no separate state for "queued"). It then sets the caller's interrupt flag again, as it
     *     should. If tasks may still be queued, prefer shutdown() and a bounded awaitTermination().
     *
     * All four are idempotent: a second call is harmless (a second shutdownNow() returns an empty list).
     */

    /**
     * Everything the lesson observed.
     *
     * @param cancelTrue {@code cancel(true)} on a running task
     * @param cancelFalse {@code cancel(false)} on a running task
     * @param timedGet a timed get that expired, then a cancel
     * @param shutdowns one outcome per {@link Shutdown}, in declaration order
     */
    public record Result(CancelOutcome cancelTrue, CancelOutcome cancelFalse, TimeoutOutcome timedGet,
        List<ShutdownOutcome> shutdowns) {
        /**
         * @param cancelTrue cancel(true)
         * @param cancelFalse cancel(false)
         * @param timedGet the timed get
         * @param shutdowns the shutdown outcomes
         */
        public Result {
            shutdowns = List.copyOf(shutdowns);
        }
    }

    /**
     * Runs every scenario once.
     *
     * @param timeout the timed get's timeout
     * @return what each did
     * @throws Exception if we are interrupted
     */
    public static Result run(Duration timeout) throws Exception {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        List<ShutdownOutcome> shutdowns = new ArrayList<>();
        for (Shutdown how : Shutdown.values()) {
            shutdowns.add(end(how));
        }
        return new Result(cancelRunning(true), cancelRunning(false), timedGet(timeout), shutdowns);
    }

    /*
     * How to run:
     *
     *   mvn -q -pl examples-futures -am test-compile -Drun=examples-futures -Dargs="--lesson 5"
     *
     * Typical output (2-core Intel Xeon VM shared with other builds, load average about 4; Linux 6.18;
     * Temurin JDK 25.0.3; the run profile; 2026-11-25):
     *
     *   cancel(true) on a running task: returned true, future CANCELLED, the task INTERRUPTED
     *   cancel(false) on a running task: returned true, future CANCELLED, the task FINISHED (its future said done
     *       while it still ran)
     *   get(200 ms) timed out after 0.20 sec; the future was still RUNNING, the task still running: true; after
     *       cancel(true) the task INTERRUPTED
     *
     *   call                  running task  queued tasks                    their futures           late submit  returned at once  handed back  caller's flag after
     *   --------------------  ------------  ------------------------------  ----------------------  -----------  ----------------  -----------  -------------------
     *   shutdown()            FINISHED      [FINISHED, FINISHED]            [SUCCESS, SUCCESS]      rejected     true                        0  clear
     *   shutdownNow()         INTERRUPTED   [NEVER_STARTED, NEVER_STARTED]  [CANCELLED, CANCELLED]  rejected     -                           2  clear
     *   close()               FINISHED      [FINISHED, FINISHED]            [SUCCESS, SUCCESS]      rejected     false                       0  clear
     *   close(), interrupted  INTERRUPTED   [NEVER_STARTED, NEVER_STARTED]  [RUNNING, RUNNING]      rejected     -                           0  interrupted
     */

    /**
     * Prints what each way of stopping work did.
     *
     * @param args {@code --help} only
     * @throws Exception if we are interrupted
     */
    public static void main(String[] args) throws Exception {
        CommandLine cli = CommandLine.builder(Futures_05_CancellationAndTimeouts.class.getSimpleName(),
            "cancel(true) vs cancel(false), a timed get that expires, shutdown vs shutdownNow vs close.").build();
        CommandLine.exitOnFailure(cli.run(args, System.out, System.err, options -> {
            Result r = run(Duration.ofMillis(200));
            Report report = Report.to(System.out);
            for (CancelOutcome c : List.of(r.cancelTrue(), r.cancelFalse())) {
                report.line("cancel(" + c.mayInterrupt() + ") on a running task: returned " + c.cancelReturned()
                    + ", future " + c.future().state() + ", the task " + c.taskEnding()
                    + (c.doneWhileTaskStillRan() ? " (its future said done while it still ran)" : ""));
            }
            TimeoutOutcome t = r.timedGet();
            report.line("get(" + t.timeout().toMillis() + " ms) timed out after " + Report.seconds(t.waited())
                + "; the future was still " + t.stateAfterTimeout() + ", the task still running: "
                + t.taskRunningAfterTimeout() + "; after cancel(true) the task " + t.taskEnding());
            report.blank();
            Table table = Table.of("call", "running task", "queued tasks", "their futures", "late submit",
                "returned at once", "handed back", "caller's flag after");
            for (ShutdownOutcome s : r.shutdowns()) {
                table.row(s.how().call(), s.running(), s.queued(),
                    s.queuedFutures().stream().map(Future::state).toList(),
                    s.newTaskRejected() ? "rejected" : "accepted",
                    s.callerReturnedWhileTaskHeld() == null ? "-" : s.callerReturnedWhileTaskHeld(), s.handedBack(),
                    s.callerInterruptedAfter() ? "interrupted" : "clear");
            }
            System.out.print(table.toText());
        }));
    }
}
