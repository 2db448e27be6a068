package dev.jconcurrency.futures;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.timing.Stopwatch;
import dev.jconcurrency.core.workload.Workloads;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * How do you take the first good answer and stop the other tasks? {@link ExecutorService#invokeAny}: it returns
 * the result of the first task that completes <em>successfully</em> (failures are skipped), cancels the others
 * with an interrupt, and throws {@link ExecutionException} only if every task failed.
 */
public final class Futures_04_InvokeAny {

    private Futures_04_InvokeAny() {
    }

    /*
     * Suppose the same file is on three mirrors. One is broken and refuses at once, one is fast, one is slow.
     * We want the file once, as soon as possible, and we do not want the slow download to go on eating a thread
     * after we have what we need. In Python we would loop over as_completed, take the first good result and
     * cancel the rest by hand; invokeAny is that loop, written once.
     *
     * A mirror is a task that records what happened to it, so the lesson can prove what invokeAny did.
     */

    /** What happened to each mirror, filled in by the mirrors themselves from pool threads. */
    static final class Log {
        final Set<String> started = ConcurrentHashMap.newKeySet();
        final Set<String> failed = ConcurrentHashMap.newKeySet();
        final Set<String> interrupted = ConcurrentHashMap.newKeySet();
        final Set<String> finished = ConcurrentHashMap.newKeySet();
    }

    /** One download: waits {@code latency} (or fails at once), then returns its name. */
    record Mirror(String name, Duration latency, boolean broken, CountDownLatch allStarted, Log log)
        implements Callable<String> {

        @Override
        public String call() throws Exception {
            log.started.add(name);
            allStarted.countDown();
            if (broken) {
                log.failed.add(name);
                throw new IOException(name + ": connection refused");
            }
            try {
                /*
                 * Only for the demonstration: a mirror answers only once every mirror has started, so that
                 * the slow one is surely running (and not still queued) when it gets cancelled.
                 */
                allStarted.await();
                Workloads.sleep(latency);
            } catch (InterruptedException e) {
                // invokeAny cancelled us with cancel(true): note it and propagate, ending the task as asked.
                log.interrupted.add(name);
                throw e;
            }
            log.finished.add(name);
            return name;
        }
    }

    /**
     * What invokeAny did.
     *
     * @param winner the result it returned
     * @param elapsed how long it took to return
     * @param started the mirrors that started
     * @param failed the mirrors that threw (skipped by invokeAny)
     * @param interrupted the mirrors still running when the winner won, and interrupted by the cancel
     * @param finished the mirrors that ran to the end
     * @param allFailed what invokeAny threw when every mirror was broken
     */
    public record Result(String winner, Duration elapsed, Set<String> started, Set<String> failed,
        Set<String> interrupted, Set<String> finished, ExecutionException allFailed) {
        /**
         * @param winner the winner's result
         * @param elapsed the time to the winner
         * @param started who started
         * @param failed who threw
         * @param interrupted who was interrupted
         * @param finished who finished
         * @param allFailed the exception when all failed
         */
        public Result {
            started = Set.copyOf(started);
            failed = Set.copyOf(failed);
            interrupted = Set.copyOf(interrupted);
            finished = Set.copyOf(finished);
        }
    }

    /**
     * Races a broken mirror, a fast one and a slow one with invokeAny, then two broken ones.
     *
     * @param fast the fast mirror's latency
     * @param slow the slow mirror's latency, longer than {@code fast}
     * @return what happened
     * @throws Exception if we are interrupted
     */
    public static Result run(Duration fast, Duration slow) throws Exception {
        Objects.requireNonNull(fast, "fast");
        Objects.requireNonNull(slow, "slow");
        if (fast.isNegative()) {
            throw new IllegalArgumentException("fast must not be negative: " + fast);
        }
        if (slow.compareTo(fast) <= 0) {
            throw new IllegalArgumentException("slow must be longer than fast (" + fast + "): " + slow);
        }
        Log log = new Log();
        CountDownLatch allStarted = new CountDownLatch(3);
        List<Mirror> mirrors = List.of(
            new Mirror("broken mirror", Duration.ZERO, true, allStarted, log),
            new Mirror("fast mirror", fast, false, allStarted, log),
            new Mirror("slow mirror", slow, false, allStarted, log));

        String winner;
        Duration elapsed;
        // One thread per mirror: with fewer, a queued mirror would never start, and the others wait for it.
        try (ExecutorService pool = Executors.newFixedThreadPool(mirrors.size())) {
            Stopwatch watch = Stopwatch.start();
            winner = pool.invokeAny(mirrors);
            elapsed = watch.elapsed();
        }
        // close() waited for the cancelled mirror to stop: everything the mirrors logged is visible now.

        /*
         * And when every task fails, invokeAny has no result to give: it throws ExecutionException with one
         * of the failures (in practice the last) as its cause.
         */
        ExecutionException allFailed = null;
        Log brokenLog = new Log();
        CountDownLatch none = new CountDownLatch(0);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            pool.invokeAny(List.of(
                new Mirror("broken mirror A", Duration.ZERO, true, none, brokenLog),
                new Mirror("broken mirror B", Duration.ZERO, true, none, brokenLog)));
        } catch (ExecutionException e) {
            allFailed = e;
        }
        return new Result(winner, elapsed, log.started, log.failed, log.interrupted, log.finished, allFailed);
    }

    /*
     * It turns out the fast mirror won, after its latency and not the slow one's; the broken mirror's
     * exception was swallowed (a failure is not an answer); and the slow mirror was interrupted in the middle of
     * its wait. invokeAny cancels the losers with cancel(true), and a task that waits in an interruptible call
     * stops at once. A task that computes in a loop without checking Thread.interrupted() would not stop: it
     * would run to its end with nobody to read its result (Futures_05_CancellationAndTimeouts).
     *
     * There is also invokeAny(tasks, timeout, unit), which throws TimeoutException if no task succeeds in
     * time, and cancels them all.
     */

    /*
     * How to run:
     *
     *   mvn -q -pl examples-futures -am test-compile -Drun=examples-futures -Dargs="--lesson 4"
     *
     * Typical output (2-core Intel Xeon VM shared with other builds, load average about 4; Linux 6.18;
     * Temurin JDK 25.0.3; the run profile; 2026-11-25):
     *
     *   invokeAny returned 'fast mirror' after 0.30 sec
     *   Failed, skipped: [broken mirror]
     *   Interrupted by the cancel: [slow mirror]
     *   Ran to the end: [fast mirror]
     *   All broken: invokeAny threw ExecutionException caused by java.io.IOException: broken mirror B: connection refused
     */

    /**
     * Races the mirrors (0.3 s and 3 s) and prints what happened to each.
     *
     * @param args {@code --help} only
     * @throws Exception if we are interrupted
     */
    public static void main(String[] args) throws Exception {
        CommandLine cli = CommandLine.builder(Futures_04_InvokeAny.class.getSimpleName(),
            "invokeAny: the first successful result wins and the other tasks are cancelled.").build();
        CommandLine.exitOnFailure(cli.run(args, System.out, System.err, options -> {
            Result r = run(Duration.ofMillis(300), Duration.ofSeconds(3));
            Report report = Report.to(System.out);
            report.line("invokeAny returned '" + r.winner() + "' after " + Report.seconds(r.elapsed()));
            report.line("Failed, skipped: " + r.failed());
            report.line("Interrupted by the cancel: " + r.interrupted());
            report.line("Ran to the end: " + r.finished());
            report.line("All broken: invokeAny threw " + r.allFailed().getClass().getSimpleName() + " caused by "
                + r.allFailed().getCause());
        }));
    }
}
