package dev.jconcurrency.async;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.report.Table;
import dev.jconcurrency.core.workload.Workloads;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Once waiting is nearly free, how do we keep many concurrent tasks in bounds? A {@link Semaphore} caps how many
 * run at once (asyncio's {@code Semaphore}); {@code orTimeout} and {@code completeOnTimeout} bound how long we
 * wait, but not the work; cancellation interrupts only through a {@link Future} that owns its thread, and only
 * code that blocks or checks the flag stops; {@code allOf} waits for everything, so failing fast takes a few
 * lines of our own.
 *
 * <p>After {@link Async_04_MillionWaits} showed how cheap a wait is, this lesson is about not drowning the
 * service on the other end, and about the ways a wait can end early.
 */
public final class Async_06_BackPressure {

    static final String QUESTION = "How do we cap, time out and cancel many concurrent tasks?";

    private Async_06_BackPressure() {
    }

    /*
     * Part 1: a cap. Suppose 20 requests to a service that must not see more than 5 at once. With virtual
     * threads the natural tool is a Semaphore around the call: a task blocks in acquire() until a permit is
     * free (which costs nothing, it is a virtual thread), exactly as "async with sem:" suspends a coroutine.
     * We count how many are inside at once, with and without the cap.
     */

    /**
     * One run of the cap experiment.
     *
     * @param tasks how many tasks
     * @param permits the cap, or 0 for none
     * @param maxInFlight the most tasks inside the call at the same time
     * @param elapsed how long all of them took
     */
    public record Capped(int tasks, int permits, int maxInFlight, Duration elapsed) {
    }

    static Capped capped(int tasks, int permits, Duration call, ThreadFactory virtualThreads) {
        Semaphore semaphore = permits == 0 ? null : new Semaphore(permits);
        InFlight inFlight = new InFlight();
        long start = System.nanoTime();
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(virtualThreads)) {
            for (int i = 0; i < tasks; i++) {
                executor.execute(() -> {
                    try {
                        if (semaphore != null) {
                            semaphore.acquire();
                        }
                        try {
                            inFlight.enter();
                            Workloads.sleep(call);
                        } finally {
                            inFlight.exit();
                            if (semaphore != null) {
                                semaphore.release();
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // the task ends here; nobody interrupts it in this lesson
                    }
                });
            }
        }
        return new Capped(tasks, permits, inFlight.max(), Duration.ofNanos(System.nanoTime() - start));
    }

    /*
     * Part 2 and 3 share a piece of "work" that notes what happened to it: when it ended, whether it saw an
     * interrupt, whether it finished. It either sleeps (a blocking call, which an interrupt ends at once) or
     * spins without ever looking at the interrupt flag (which nothing can stop).
     */

    static final class Work {
        private final Duration length;
        private final boolean ignoresInterrupts;
        private final long origin;
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile long endNanos;
        private volatile boolean interrupted;
        private volatile boolean finished;

        Work(Duration length, boolean ignoresInterrupts, long origin) {
            this.length = length;
            this.ignoresInterrupts = ignoresInterrupts;
            this.origin = origin;
        }

        String call() throws InterruptedException {
            try {
                if (ignoresInterrupts) {
                    long end = System.nanoTime() + length.toNanos();
                    while (System.nanoTime() < end) {
                        Thread.onSpinWait(); // never checks the interrupt flag: the flaw on purpose
                    }
                } else {
                    Workloads.sleep(length);
                }
                finished = true;
                return "done";
            } catch (InterruptedException e) {
                interrupted = true;
                throw e; // propagate: the task was cancelled and its thread must end
            } finally {
                endNanos = System.nanoTime() - origin;
                ended.countDown();
            }
        }

        /** The work as a Supplier for supplyAsync, which allows no checked exception. */
        String supply() {
            try {
                return call();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // keep the flag for the thread's owner; the task fails below
                throw new CompletionException(e);
            }
        }

        /** Waits until the work has ended (bounded: the work never runs past its length plus the scheduler). */
        Work awaitEnd() throws InterruptedException {
            if (!ended.await(length.toMillis() + 60_000, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("work did not end");
            }
            return this;
        }
    }

    /*
     * Part 2: timeouts. orTimeout(budget) fails the future with TimeoutException when the budget is spent;
     * completeOnTimeout(value, budget) completes it with a fallback instead. Both act on the future only:
     * the thread doing the work is not told, and carries on to the end. (Both use a JVM-wide timer thread,
     * the one place where a CompletableFuture picks its own thread.) The blocking version,
     * Future.get(budget) followed by cancel(true), does stop a sleeping task.
     */

    /**
     * One timeout experiment; times since the work started.
     *
     * @param how which mechanism
     * @param answer the caller's answer: the value, or the exception's simple name
     * @param answeredNanos when the caller had it
     * @param workEndedNanos when the work ended
     * @param workInterrupted whether the work saw an interrupt
     * @param workFinished whether the work ran to its end
     */
    public record TimedOut(String how, String answer, long answeredNanos, long workEndedNanos,
                           boolean workInterrupted, boolean workFinished) {
    }

    static TimedOut timeout(String how, Duration work, Duration budget, ExecutorService executor)
        throws InterruptedException {
        long origin = System.nanoTime();
        Work task = new Work(work, false, origin);
        String answer;
        switch (how) {
            case "orTimeout" -> answer = answer(CompletableFuture.supplyAsync(task::supply, executor)
                .orTimeout(budget.toNanos(), TimeUnit.NANOSECONDS));
            case "completeOnTimeout" -> answer = answer(CompletableFuture.supplyAsync(task::supply, executor)
                .completeOnTimeout("fallback", budget.toNanos(), TimeUnit.NANOSECONDS));
            case "get(timeout) + cancel(true)" -> {
                Future<String> future = executor.submit(task::call);
                try {
                    answer = future.get(budget.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    future.cancel(true);
                    answer = e.getClass().getSimpleName();
                } catch (ExecutionException e) {
                    answer = e.getCause().getClass().getSimpleName();
                }
            }
            default -> throw new IllegalArgumentException("how must name a mechanism: " + how);
        }
        long answered = System.nanoTime() - origin;
        task.awaitEnd();
        return new TimedOut(how, answer, answered, task.endNanos, task.interrupted, task.finished);
    }

    private static String answer(CompletableFuture<String> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return e.getCause().getClass().getSimpleName();
        }
    }

    /*
     * Part 3: cancellation. cancel(true) promises to interrupt "if running", but the promise is only as good
     * as the future:
     *
     *   - CompletableFuture.cancel(true) marks the future cancelled and nothing else: a CompletableFuture does
     *     not know which thread (if any) is computing it. Its javadoc: mayInterruptIfRunning "has no effect".
     *   - the Future from ExecutorService.submit is a FutureTask, which owns its thread: cancel(true)
     *     interrupts it, and a task blocked in sleep (or I/O, or a lock) ends at once.
     *   - an interrupt is a request: a task that spins without checking Thread.interrupted() never hears it.
     */

    /**
     * One cancellation experiment; times since the work started.
     *
     * @param how which future was cancelled, and what the work was
     * @param cancelled what cancel(true) returned
     * @param workInterrupted whether the work saw the interrupt
     * @param workFinished whether the work ran to its end anyway
     * @param workEndedNanos when the work ended
     */
    public record Cancelled(String how, boolean cancelled, boolean workInterrupted, boolean workFinished,
                            long workEndedNanos) {
    }

    static Cancelled cancellation(String how, Duration work, Duration cancelAfter, ExecutorService executor)
        throws InterruptedException {
        long origin = System.nanoTime();
        Work task = new Work(work, how.contains("spin"), origin);
        Future<String> future = switch (how) {
            case "CompletableFuture, sleeping task" -> CompletableFuture.supplyAsync(task::supply, executor);
            case "FutureTask, sleeping task", "FutureTask, spinning task" -> executor.submit(task::call);
            default -> throw new IllegalArgumentException("how must name an experiment: " + how);
        };
        Workloads.sleep(cancelAfter);
        boolean cancelled = future.cancel(true);
        task.awaitEnd();
        return new Cancelled(how, cancelled, task.interrupted, task.finished, task.endNanos);
    }

    /*
     * Part 4: fan-out and fan-in. allOf(f1..fn) completes when every future has, and fails if one failed: so
     * a failure after 1 unit still makes us wait for the slowest sibling, and the siblings run to the end for
     * nothing. What we usually want is "all results, or the first failure at once, and stop the rest"
     * (asyncio's TaskGroup; Java's StructuredTaskScope, a preview API up to JDK 25). Without it, it takes a
     * few lines: start each task as a FutureTask on a virtual thread (so cancel interrupts it), mirror it into
     * a CompletableFuture for composition, and on the first failure fail the result and cancel every task.
     *
     * anyOf is the other half: the first to finish wins (a "hedged" request to three replicas). The losers
     * keep running unless we cancel them; here they are timer-based futures, and Timers.after cancels the timer
     * with the future, so only the winner ever fires.
     */

    static <T> CompletableFuture<List<T>> allOrFirstFailure(List<Callable<T>> tasks, ExecutorService executor) {
        CompletableFuture<List<T>> result = new CompletableFuture<>();
        List<CompletableFuture<T>> each = new ArrayList<>();
        List<Future<?>> running = new ArrayList<>();
        for (Callable<T> task : tasks) {
            CompletableFuture<T> one = new CompletableFuture<>();
            each.add(one);
            running.add(executor.submit(() -> {
                try {
                    one.complete(task.call());
                } catch (Exception e) {
                    one.completeExceptionally(e);
                }
            }));
        }
        for (CompletableFuture<T> one : each) {
            one.whenComplete((value, failure) -> {
                if (failure != null && result.completeExceptionally(failure)) {
                    running.forEach(task -> task.cancel(true));
                }
            });
        }
        CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
            .thenRun(() -> result.complete(each.stream().map(CompletableFuture::join).toList()));
        return result;
    }

    /**
     * One fan-in experiment.
     *
     * @param how which combinator
     * @param answer the combined value, or the exception's simple name
     * @param answeredNanos when the caller had it, since the fan-out
     * @param interrupted how many tasks were interrupted
     * @param finished how many tasks ran to their end
     */
    public record FanIn(String how, String answer, long answeredNanos, int interrupted, int finished) {
    }

    /** The failure of the one task that fails in the fan-out. */
    static final class TaskFailed extends Exception {
        TaskFailed() {
            super("task failed");
        }
    }

    static FanIn fanIn(String how, int tasks, Duration unit, ExecutorService executor) throws Exception {
        long origin = System.nanoTime();
        List<Work> works = new ArrayList<>();
        List<Callable<String>> calls = new ArrayList<>();
        boolean failing = !how.equals("allOf, all succeed");
        for (int i = 0; i < tasks; i++) {
            boolean failer = failing && i == 0;
            Work work = new Work(failer ? unit : unit.multipliedBy(4), false, origin);
            works.add(work);
            calls.add(() -> {
                String value = work.call();
                if (failer) {
                    throw new TaskFailed();
                }
                return value;
            });
        }
        CompletableFuture<?> combined;
        if (how.equals("first failure cancels the rest")) {
            combined = allOrFirstFailure(calls, executor);
        } else {
            List<CompletableFuture<String>> each = new ArrayList<>();
            for (Callable<String> call : calls) {
                each.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return call.call();
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                }, executor));
            }
            combined = CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> each.stream().map(CompletableFuture::join).toList());
        }
        String answer;
        try {
            answer = String.valueOf(combined.get());
        } catch (ExecutionException e) {
            answer = rootCause(e).getClass().getSimpleName();
        }
        long answered = System.nanoTime() - origin;
        int interrupted = 0;
        int finished = 0;
        for (Work work : works) {
            work.awaitEnd();
            interrupted += work.interrupted ? 1 : 0;
            finished += work.finished ? 1 : 0;
        }
        return new FanIn(how, answer, answered, interrupted, finished);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
            && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * The hedged request.
     *
     * @param winner the answer of the fastest replica
     * @param answeredNanos when the caller had it
     * @param replicasAnswered how many replicas' timers fired (1: the losers were cancelled in time)
     */
    public record Hedged(String winner, long answeredNanos, int replicasAnswered) {
    }

    static Hedged hedged(Duration unit, ScheduledExecutorService timer) throws Exception {
        AtomicInteger answered = new AtomicInteger();
        long origin = System.nanoTime();
        List<CompletableFuture<String>> replicas = new ArrayList<>();
        int[] units = {3, 1, 2};
        for (int i = 0; i < units.length; i++) {
            String name = "replica-" + (i + 1);
            replicas.add(Timers.after(timer, unit.multipliedBy(units[i]), () -> {
                answered.incrementAndGet();
                return name;
            }));
        }
        Object winner = CompletableFuture.anyOf(replicas.toArray(CompletableFuture[]::new)).get();
        long at = System.nanoTime() - origin;
        replicas.forEach(replica -> replica.cancel(false)); // no effect on the winner: it is done
        return new Hedged((String) winner, at, answered.get());
    }

    /**
     * Everything the lesson measured.
     *
     * @param capped without and with the cap
     * @param timeouts the three ways to stop waiting
     * @param cancellations the three cancellations
     * @param fanIns allOf when all succeed, allOf with a failure, and fail-fast
     * @param hedged anyOf over three replicas
     */
    public record Result(List<Capped> capped, List<TimedOut> timeouts, List<Cancelled> cancellations,
                         List<FanIn> fanIns, Hedged hedged) {
        /** Copies the lists. */
        public Result {
            capped = List.copyOf(capped);
            timeouts = List.copyOf(timeouts);
            cancellations = List.copyOf(cancellations);
            fanIns = List.copyOf(fanIns);
        }
    }

    /**
     * What to run.
     *
     * @param tasks how many tasks in the cap and fan-out experiments
     * @param permits the cap
     * @param unit the time scale: calls, budgets and delays are small multiples of it
     */
    public record Config(int tasks, int permits, Duration unit) {
        /** 20 tasks, 5 permits, units of 200 ms. */
        public static final Config DEFAULT = new Config(20, 5, Duration.ofMillis(200));

        /** Checks the values. */
        public Config {
            if (tasks < 2) {
                throw new IllegalArgumentException("tasks must be at least 2: " + tasks);
            }
            if (permits < 1) {
                throw new IllegalArgumentException("permits must be positive: " + permits);
            }
            Objects.requireNonNull(unit, "unit");
            if (unit.isNegative() || unit.isZero()) {
                throw new IllegalArgumentException("unit must be positive: " + unit);
            }
        }
    }

    /**
     * Runs every experiment of the lesson.
     *
     * @param config what to run
     * @param virtualThreads makes every task's thread; tests pass a tracking factory
     * @param timerThreads makes the timer thread of the hedged request
     * @return what was measured
     * @throws Exception if an experiment fails unexpectedly
     */
    public static Result run(Config config, ThreadFactory virtualThreads, ThreadFactory timerThreads)
        throws Exception {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(virtualThreads, "virtualThreads");
        Objects.requireNonNull(timerThreads, "timerThreads");
        Duration unit = config.unit();
        List<Capped> capped = List.of(capped(config.tasks(), 0, unit, virtualThreads),
            capped(config.tasks(), config.permits(), unit, virtualThreads));
        List<TimedOut> timeouts = new ArrayList<>();
        List<Cancelled> cancellations = new ArrayList<>();
        List<FanIn> fanIns = new ArrayList<>();
        Hedged hedged;
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(virtualThreads);
             ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(timerThreads)) {
            for (String how : List.of("orTimeout", "completeOnTimeout", "get(timeout) + cancel(true)")) {
                timeouts.add(timeout(how, unit.multipliedBy(3), unit, executor));
            }
            for (String how : List.of("CompletableFuture, sleeping task", "FutureTask, sleeping task",
                "FutureTask, spinning task")) {
                cancellations.add(cancellation(how, unit.multipliedBy(3), unit, executor));
            }
            for (String how : List.of("allOf, all succeed", "allOf, one fails", "first failure cancels the rest")) {
                fanIns.add(fanIn(how, Math.min(config.tasks(), 5), unit, executor));
            }
            hedged = hedged(unit, timer);
        }
        return new Result(capped, timeouts, cancellations, fanIns, hedged);
    }

    /*
     * It turns out (typical output below):
     *
     *   - The cap holds exactly: at most `permits` inside at once, and the total time grows to
     *     tasks / permits calls, the price of protecting the other side.
     *   - Both CompletableFuture timeouts answer at the budget, and the work still runs to its end, not
     *     interrupted. Only get(timeout) + cancel(true) on a FutureTask stops it.
     *   - cancel(true) on a CompletableFuture returns true and interrupts nothing; on a FutureTask it
     *     interrupts a sleeping task at once, and a task that never checks the flag runs to its end anyway.
     *   - allOf with a failure answers only when the slowest sibling is done; fail-fast answers at the
     *     failure and interrupts the others.
     *   - anyOf answers with the fastest replica, and cancelling the others before they fire means only one
     *     replica did any work.
     */

    static void print(Config config, Result result, Report report) {
        report.banner("LIMITS AND BACK-PRESSURE");
        report.line("Unit: " + Report.duration(config.unit()) + ". Calls take 1 unit; timeouts and cancels come "
            + "after 1 unit of 3-unit work; in the fan-out, one task fails after 1 unit, the others take 4.");
        Table caps = Table.of("cap", "tasks", "in flight (max)", "time");
        for (Capped c : result.capped()) {
            caps.row(c.permits() == 0 ? "none" : "Semaphore(" + c.permits() + ")", c.tasks(), c.maxInFlight(),
                Report.seconds(c.elapsed()));
        }
        Async_03_CooperativeScheduling.printTable(report, caps);
        report.blank();
        Table timeouts = Table.of("timeout by", "caller got", "at", "work ended at", "work interrupted");
        for (TimedOut t : result.timeouts()) {
            timeouts.row(t.how(), t.answer(), ms(t.answeredNanos()), ms(t.workEndedNanos()),
                t.workInterrupted() ? "yes" : "no");
        }
        Async_03_CooperativeScheduling.printTable(report, timeouts);
        report.blank();
        Table cancels = Table.of("cancel(true) on", "returned", "work interrupted", "work finished anyway",
            "work ended at");
        for (Cancelled c : result.cancellations()) {
            cancels.row(c.how(), c.cancelled(), c.workInterrupted() ? "yes" : "no", c.workFinished() ? "yes" : "no",
                ms(c.workEndedNanos()));
        }
        Async_03_CooperativeScheduling.printTable(report, cancels);
        report.blank();
        Table fanIns = Table.of("fan-in", "answer", "at", "interrupted", "ran to the end");
        for (FanIn f : result.fanIns()) {
            fanIns.row(f.how(), f.answer(), ms(f.answeredNanos()), f.interrupted(), f.finished());
        }
        Async_03_CooperativeScheduling.printTable(report, fanIns);
        report.blank();
        Hedged h = result.hedged();
        report.line("anyOf over replicas taking 3, 1 and 2 units: " + h.winner() + " answered at "
            + ms(h.answeredNanos()) + "; replicas that did the work: " + h.replicasAnswered() + ".");
    }

    private static String ms(long nanos) {
        return Math.round(nanos / 1e6) + " ms";
    }

    static CommandLine commandLine() {
        return CommandLine.builder("examples-async --lesson 6",
                "A Semaphore cap, timeouts, cancellation and fan-out/fan-in, each measured.")
            .intOption("tasks", 20, 2, 10_000, "tasks in the cap experiment")
            .intOption("permits", 5, 1, 10_000, "the Semaphore's permits")
            .durationOption("unit", Duration.ofMillis(200), Duration.ofMillis(10), Duration.ofSeconds(10),
                "the time scale of every experiment")
            .build();
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        return commandLine().run(args, out, err, arguments -> {
            Config config = new Config(arguments.intValue("tasks"), arguments.intValue("permits"),
                arguments.duration("unit"));
            print(config, run(config, Thread.ofVirtual().name("task-", 1).factory(),
                Thread.ofPlatform().daemon(true).name("timer").factory()), Report.to(out));
        });
    }

    /*
     * How to run (from the repository root):
     *
     *     mvn -q -pl examples-async -am test-compile -Drun=examples-async -Dargs="--lesson 6"
     *     mvn -q -pl examples-async -am test-compile -Drun=examples-async \
     *         -Dargs="--lesson 6 --tasks 100 --permits 10"
     *
     * Look for: "work interrupted: no" beside both CompletableFuture timeouts and the CompletableFuture
     * cancel; fail-fast answering at 1 unit where allOf answers at 4.
     *
     * Typical output (2 CPUs shared with other builds, load average 3.5-5, Linux 6.18, Temurin JDK 25.0.3,
     * 2026-11-25):
     *
     *     cap           tasks  in flight (max)      time
     *     ------------  -----  ---------------  --------
     *     none             20               20  0.24 sec
     *     Semaphore(5)     20                5  0.80 sec
     *
     *     timeout by                   caller got            at  work ended at  work interrupted
     *     ---------------------------  ----------------  ------  -------------  ----------------
     *     orTimeout                    TimeoutException  215 ms         606 ms  no
     *     completeOnTimeout            fallback          202 ms         601 ms  no
     *     get(timeout) + cancel(true)  TimeoutException  206 ms         203 ms  yes
     *
     *     cancel(true) on                   returned  work interrupted  work finished anyway  work ended at
     *     --------------------------------  --------  ----------------  --------------------  -------------
     *     CompletableFuture, sleeping task  true      no                yes                          601 ms
     *     FutureTask, sleeping task         true      yes               no                           204 ms
     *     FutureTask, spinning task         true      no                yes                          600 ms
     *
     *     fan-in                          answer                              at  interrupted  ran to the end
     *     ------------------------------  ------------------------------  ------  -----------  --------------
     *     allOf, all succeed              [done, done, done, done, done]  808 ms            0               5
     *     allOf, one fails                TaskFailed                      804 ms            0               5
     *     first failure cancels the rest  TaskFailed                      202 ms            4               1
     *
     *     anyOf over replicas taking 3, 1 and 2 units: replica-2 answered at 205 ms; replicas that did the work: 1.
     */

    /**
     * Runs the lesson; options {@code --tasks N}, {@code --permits N}, {@code --unit TIME}.
     *
     * @param args the command line
     * @throws Exception if the lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
