package dev.jconcurrency.async;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.process.ChildJvm;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.report.Table;
import dev.jconcurrency.core.workload.Workloads;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What happens when one task on an event loop does CPU work? Every other task stops until it is done: the loop
 * is cooperative, a task gives the thread back only when it waits. The fix is asyncio's
 * {@code run_in_executor}: send the CPU work to a pool and let the loop carry on. Virtual threads on one carrier
 * behave the same way: a blocking call frees the carrier, a busy loop keeps it.
 *
 * <p>Follows {@link Async_01_SeedSection}, where every task only waited. {@link Async_07_Pinning} shows the
 * other way a virtual thread can keep its carrier: blocking while pinned.
 */
public final class Async_03_CooperativeScheduling {

    static final String QUESTION = "What does one CPU-heavy task do to all the others on an event loop?";

    private Async_03_CooperativeScheduling() {
    }

    /*
     * Suppose an event loop (a single-threaded ScheduledExecutorService) runs a few "ticker" tasks. Each does
     * a sliver of work and then yields by scheduling its continuation one period later, exactly what
     * "await asyncio.sleep(period)" does. Every tick is stamped with the time, so a ticker's health is the gap
     * between its ticks: one period when all is well.
     *
     * A little later a "hog" task arrives that computes for a while without yielding. We run the experiment
     * twice: the hog computing on the loop itself, then the hog handing its computation to a pool.
     */

    /**
     * What to run.
     *
     * @param tickers how many well-behaved tasks share the loop
     * @param period how often each ticker wants to run
     * @param hog how long the hog computes (and, in the one-carrier part, how long each probe runs)
     */
    public record Config(int tickers, Duration period, Duration hog) {
        /** 3 tickers every 100 ms and a hog of 1 second. */
        public static final Config DEFAULT = new Config(3, Duration.ofMillis(100), Duration.ofSeconds(1));

        /** Checks the values. */
        public Config {
            if (tickers < 1) {
                throw new IllegalArgumentException("tickers must be positive: " + tickers);
            }
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(hog, "hog");
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("period must be positive: " + period);
            }
            if (hog.isNegative() || hog.isZero()) {
                throw new IllegalArgumentException("hog must be positive: " + hog);
            }
        }
    }

    /**
     * One run of the loop experiment; times in nanoseconds since it started.
     *
     * @param offloaded whether the hog sent its work to a pool
     * @param hogStartNanos when the hog's computation started
     * @param hogEndNanos when it ended
     * @param loopThread the event loop's thread
     * @param hogThread the thread that did the computation
     * @param ticks each ticker's tick times, in order
     */
    public record LoopRun(boolean offloaded, long hogStartNanos, long hogEndNanos, String loopThread,
                          String hogThread, List<List<Long>> ticks) {
        /** Copies the lists. */
        public LoopRun {
            ticks = ticks.stream().map(List::copyOf).toList();
        }

        /** How long the hog computed. */
        public long hogNanos() {
            return hogEndNanos - hogStartNanos;
        }

        /** The longest wait between two consecutive ticks of {@code ticker}. */
        public long maxGapNanos(int ticker) {
            List<Long> times = ticks.get(ticker);
            long max = 0;
            for (int i = 1; i < times.size(); i++) {
                max = Math.max(max, times.get(i) - times.get(i - 1));
            }
            return max;
        }

        /** How many ticks of {@code ticker} ran while the hog was computing. */
        public int ticksDuringHog(int ticker) {
            return (int) ticks.get(ticker).stream().filter(t -> t > hogStartNanos && t < hogEndNanos).count();
        }
    }

    /*
     * The ticker: a task that yields by scheduling its own continuation. A tick is only late if the loop's
     * thread was busy with something else when it came due.
     */

    private static void tick(ScheduledExecutorService loop, Duration period, List<Long> times, int left,
                             long origin, CompletableFuture<Void> done) {
        times.add(System.nanoTime() - origin); // only the loop thread touches this list
        if (left <= 1) {
            done.complete(null);
            return;
        }
        loop.schedule(() -> tick(loop, period, times, left - 1, origin, done), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    /*
     * The hog, the classic asyncio mistake: CPU work called straight from a coroutine. On the loop, the
     * tickers' continuations come due and wait in the queue behind it.
     *
     * The fix: the loop only starts the computation on a pool (supplyAsync with the pool named, as every
     * async call here names its executor) and comes back to the loop for the result (thenApplyAsync with
     * the loop named), which is what "await loop.run_in_executor(pool, work)" does.
     */

    private record HogRun(long startNanos, long endNanos, String thread) {
    }

    private static HogRun compute(Duration hog, long origin) {
        long start = System.nanoTime();
        Workloads.spin(hog);
        return new HogRun(start - origin, System.nanoTime() - origin, Thread.currentThread().getName());
    }

    static LoopRun loopExperiment(Config config, boolean offload, ThreadFactory loopThreads,
                                  ThreadFactory poolThreads) {
        Duration hogAt = config.period().multipliedBy(3);
        long ticksNeeded = (hogAt.plus(config.hog()).toNanos() / config.period().toNanos()) + 4;
        List<List<Long>> ticks = new ArrayList<>();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        CompletableFuture<HogRun> hog;
        String[] loopThread = new String[1];
        try (ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(loopThreads);
             ExecutorService pool = Executors.newSingleThreadExecutor(poolThreads)) {
            long origin = System.nanoTime();
            for (int t = 0; t < config.tickers(); t++) {
                List<Long> times = new ArrayList<>();
                CompletableFuture<Void> finished = new CompletableFuture<>();
                ticks.add(times);
                done.add(finished);
                loop.execute(() -> tick(loop, config.period(), times, (int) ticksNeeded, origin, finished));
            }
            CompletableFuture<HogRun> hogDone = new CompletableFuture<>();
            loop.schedule(() -> {
                loopThread[0] = Thread.currentThread().getName();
                if (offload) {
                    CompletableFuture.supplyAsync(() -> compute(config.hog(), origin), pool)
                        .thenAcceptAsync(hogDone::complete, loop);
                } else {
                    hogDone.complete(compute(config.hog(), origin));
                }
            }, hogAt.toNanos(), TimeUnit.NANOSECONDS);
            hog = hogDone;
            done.add(hogDone.thenApply(run -> null));
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        }
        HogRun run = hog.join();
        return new LoopRun(offload, run.startNanos(), run.endNanos(), loopThread[0], run.thread(), ticks);
    }

    /*
     * Virtual threads are scheduled the same cooperative way: a virtual thread keeps its carrier until it
     * blocks (sleep, I/O, a lock, a queue). The JDK does not take the carrier back from a running virtual
     * thread. With many carriers that is hard to see, so we give a child JVM exactly one
     * (-Djdk.virtualThreadScheduler.parallelism=1, and maxPoolSize=1 so that nothing adds a spare) and probe
     * it three times. Each probe starts a "busy" virtual thread; once it is running, it starts an observer
     * virtual thread that only notes when it got to run:
     *
     *   sleeping  the busy thread sleeps (a blocking call): the observer runs at once.
     *   spinning  the busy thread computes without blocking: the observer runs only when it is done.
     *   pausing   the busy thread computes, but blocks for 1 ms every few ms: the observer runs at once.
     *             (Thread.yield() would be the obvious tool; its javadoc calls it a hint, and the
     *             scheduler may put the same thread straight back on the carrier.)
     *
     * The child also runs ten sleeping virtual threads at once on its one carrier.
     */

    /**
     * One probe on one carrier; times since the probe started.
     *
     * @param busyStartNanos when the busy thread started
     * @param busyEndNanos when it ended
     * @param observerRanNanos when the observer first ran
     */
    public record Probe(long busyStartNanos, long busyEndNanos, long observerRanNanos) {
        /** Whether the observer had to wait for the busy thread to end. */
        public boolean observerWaited() {
            return observerRanNanos >= busyEndNanos;
        }
    }

    /**
     * The one-carrier experiment, run in a child JVM.
     *
     * @param carriers the carrier count the child reported ({@code 1})
     * @param sleeping the probe whose busy thread sleeps
     * @param spinning the probe whose busy thread computes without blocking
     * @param pausing the probe whose busy thread computes and blocks briefly now and then
     * @param sleepers how many sleeping virtual threads ran at once
     * @param sleepersMaxInFlight the most of them asleep at the same time
     * @param sleepersElapsedNanos how long they all took
     */
    public record OneCarrier(int carriers, Probe sleeping, Probe spinning, Probe pausing, int sleepers,
                             int sleepersMaxInFlight, long sleepersElapsedNanos) {
    }

    /** The entry point of the one-carrier child JVM: runs the probes, prints the results as records for the parent. */
    public static final class OneCarrierChild {
        private OneCarrierChild() {
        }

        /**
         * Runs the probes.
         *
         * @param args the busy time in nanoseconds
         * @throws InterruptedException if interrupted (the parent only ever kills us)
         */
        public static void main(String[] args) throws InterruptedException {
            Duration busy = Duration.ofNanos(Long.parseLong(args[0]));
            ThreadFactory virtual = Thread.ofVirtual().name("probe-", 1).factory();
            int sleepers = 10;
            InFlight inFlight = new InFlight();
            long start = System.nanoTime();
            try (ExecutorService executor = Executors.newThreadPerTaskExecutor(virtual)) {
                for (int i = 0; i < sleepers; i++) {
                    executor.execute(() -> {
                        inFlight.enter();
                        try {
                            Workloads.sleep(busy);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt(); // ending anyway; nobody interrupts us here
                        } finally {
                            inFlight.exit();
                        }
                    });
                }
            }
            long sleepersElapsed = System.nanoTime() - start;
            ChildRecords.print("carriers " + Async_01_SeedSection.carriersHere());
            ChildRecords.print("sleeping " + probe(virtual, () -> Workloads.sleep(busy)));
            ChildRecords.print("spinning " + probe(virtual, () -> Workloads.spin(busy)));
            ChildRecords.print("pausing " + probe(virtual, () -> spinWithPauses(busy)));
            ChildRecords.print("sleepers " + sleepers + " " + inFlight.max() + " " + sleepersElapsed);
        }

        private static void spinWithPauses(Duration busy) throws InterruptedException {
            long end = System.nanoTime() + busy.toNanos();
            while (System.nanoTime() < end) {
                Workloads.spin(Duration.ofMillis(5));
                Workloads.sleep(Duration.ofMillis(1)); // the cooperative point: asyncio's "await sleep(0)"
            }
        }

        private static String probe(ThreadFactory virtual, Busy busy) throws InterruptedException {
            CountDownLatch running = new CountDownLatch(1);
            long origin = System.nanoTime();
            long[] times = new long[3];
            Thread busyThread = virtual.newThread(() -> {
                times[0] = System.nanoTime() - origin;
                running.countDown();
                try {
                    busy.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // ending anyway; nobody interrupts us here
                }
                times[1] = System.nanoTime() - origin;
            });
            busyThread.start();
            running.await();
            Thread observer = virtual.newThread(() -> times[2] = System.nanoTime() - origin);
            observer.start();
            busyThread.join();
            observer.join(); // join makes the times written by both threads visible here
            return times[0] + " " + times[1] + " " + times[2];
        }

        @FunctionalInterface
        private interface Busy {
            void run() throws InterruptedException;
        }
    }

    /**
     * JVM flags for a fast-starting child whose virtual threads have exactly one carrier: no compensating extra
     * carrier either, even while one is pinned.
     */
    static final List<String> ONE_CARRIER_FLAGS = Stream.concat(ChildJvm.FAST_START_FLAGS.stream(),
        Stream.of("-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1"))
        .toList();

    /** The child JVM of the one-carrier experiment, ready to run; tests add their own thread factory. */
    static ChildJvm oneCarrierChild(Duration busy) {
        return ChildJvm.of(OneCarrierChild.class)
            .withJvmFlags(ONE_CARRIER_FLAGS.toArray(String[]::new))
            .withArgs(Long.toString(busy.toNanos()))
            .withTimeout(busy.multipliedBy(6).plus(Duration.ofSeconds(60)));
    }

    static OneCarrier oneCarrierExperiment(ChildJvm child) throws Exception {
        ChildRecords records = ChildRecords.of(child.run());
        List<String> sleepers = records.record("sleepers");
        return new OneCarrier(Integer.parseInt(records.record("carriers").get(0)), probe(records, "sleeping"),
            probe(records, "spinning"), probe(records, "pausing"), Integer.parseInt(sleepers.get(0)),
            Integer.parseInt(sleepers.get(1)), Long.parseLong(sleepers.get(2)));
    }

    private static Probe probe(ChildRecords records, String key) {
        List<String> words = records.record(key);
        return new Probe(Long.parseLong(words.get(0)), Long.parseLong(words.get(1)), Long.parseLong(words.get(2)));
    }

    /**
     * All three experiments.
     *
     * @param stalled the hog computing on the loop
     * @param offloaded the hog computing on a pool
     * @param oneCarrier virtual threads on one carrier
     */
    public record Result(LoopRun stalled, LoopRun offloaded, OneCarrier oneCarrier) {
    }

    /**
     * Runs the lesson's three experiments.
     *
     * @param config what to run
     * @param loopThreads makes the event loop's thread
     * @param poolThreads makes the pool's thread
     * @return what was measured
     * @throws Exception if the child JVM fails
     */
    public static Result run(Config config, ThreadFactory loopThreads, ThreadFactory poolThreads) throws Exception {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(loopThreads, "loopThreads");
        Objects.requireNonNull(poolThreads, "poolThreads");
        LoopRun stalled = loopExperiment(config, false, loopThreads, poolThreads);
        LoopRun offloaded = loopExperiment(config, true, loopThreads, poolThreads);
        OneCarrier oneCarrier = oneCarrierExperiment(oneCarrierChild(config.hog()));
        return new Result(stalled, offloaded, oneCarrier);
    }

    /*
     * It turns out the stall is total and exact: with the hog on the loop, no ticker runs while it computes,
     * and each ticker's longest gap is at least the hog's whole run. Offloaded, the tickers keep their
     * rhythm and the computation runs on the pool's thread. On one carrier, virtual threads show the same
     * rule: the observer runs at once beside a sleeping thread and a pausing one, and waits for the whole
     * run of a spinning one; ten sleeps on one carrier take the time of one.
     *
     * The lesson for both models: waiting is free, computing is exclusive. CPU work goes to a pool sized for
     * the cores (or, for virtual threads, at least yields by blocking now and then).
     */

    static void print(Config config, Result result, Report report) {
        report.banner("COOPERATIVE SCHEDULING: ONE HOG, ONE LOOP");
        report.line(config.tickers() + " tickers every " + Report.duration(config.period()) + " on one event loop;"
            + " a hog computes for " + Report.duration(config.hog()) + ".");
        Table table = Table.of("hog runs on", "hog thread", "ticks while hog ran", "longest gap between ticks");
        for (LoopRun run : List.of(result.stalled(), result.offloaded())) {
            int during = 0;
            long gap = 0;
            for (int t = 0; t < run.ticks().size(); t++) {
                during += run.ticksDuringHog(t);
                gap = Math.max(gap, run.maxGapNanos(t));
            }
            table.row(run.offloaded() ? "a pool (run_in_executor)" : "the loop", run.hogThread(), during,
                Report.seconds(Duration.ofNanos(gap)));
        }
        printTable(report, table);
        OneCarrier one = result.oneCarrier();
        report.blank();
        report.line("Virtual threads on " + one.carriers() + " carrier (child JVM): when did an observer get to run?");
        Table probes = Table.of("busy thread", "busy for", "observer ran at", "observer waited");
        probes.row("sleeps", ms(one.sleeping().busyEndNanos() - one.sleeping().busyStartNanos()),
            ms(one.sleeping().observerRanNanos()), one.sleeping().observerWaited() ? "yes" : "no");
        probes.row("spins", ms(one.spinning().busyEndNanos() - one.spinning().busyStartNanos()),
            ms(one.spinning().observerRanNanos()), one.spinning().observerWaited() ? "yes" : "no");
        probes.row("spins, pausing 1 ms every 5 ms", ms(one.pausing().busyEndNanos() - one.pausing().busyStartNanos()),
            ms(one.pausing().observerRanNanos()), one.pausing().observerWaited() ? "yes" : "no");
        printTable(report, probes);
        report.line(one.sleepers() + " virtual threads sleeping " + Report.duration(config.hog()) + " on one carrier: "
            + one.sleepersMaxInFlight() + " asleep at once, " + Report.seconds(Duration.ofNanos(one.sleepersElapsedNanos()))
            + " in all.");
    }

    static void printTable(Report report, Table table) {
        for (String line : table.toText().split("\n")) {
            report.line(line);
        }
    }

    private static String ms(long nanos) {
        return Math.round(nanos / 1e6) + " ms";
    }

    static CommandLine commandLine() {
        return CommandLine.builder("examples-async --lesson 3",
                "An event loop with well-behaved tickers and one CPU hog, on the loop and offloaded; then "
                    + "virtual threads on one carrier.")
            .intOption("tickers", 3, 1, 100, "how many tickers share the loop")
            .durationOption("period", Duration.ofMillis(100), Duration.ofMillis(1), Duration.ofSeconds(10),
                "how often each ticker runs")
            .durationOption("hog", Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofSeconds(30),
                "how long the hog computes")
            .build();
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        return commandLine().run(args, out, err, arguments -> {
            Config config = new Config(arguments.intValue("tickers"), arguments.duration("period"),
                arguments.duration("hog"));
            Result result = run(config, Thread.ofPlatform().daemon(true).name("event-loop").factory(),
                Thread.ofPlatform().daemon(true).name("cpu-pool-", 1).factory());
            print(config, result, Report.to(out));
        });
    }

    /*
     * How to run (from the repository root):
     *
     *     mvn -q -pl examples-async -am test-compile -Drun=examples-async -Dargs="--lesson 3"
     *     mvn -q -pl examples-async -am test-compile -Drun=examples-async -Dargs="--lesson 3 --hog 3s"
     *
     * Look for: on the loop, zero ticks while the hog ran and a gap as long as the hog; offloaded, ticks all
     * along and a gap near one period. On one carrier, only the spinning probe makes its observer wait.
     *
     * Typical output (2 CPUs shared with other builds, load average 3.5-5, Linux 6.18, Temurin JDK 25.0.3,
     * 2026-11-25):
     *
     *     hog runs on               hog thread  ticks while hog ran  longest gap between ticks
     *     ------------------------  ----------  -------------------  -------------------------
     *     the loop                  event-loop                    0                   1.09 sec
     *     a pool (run_in_executor)  cpu-pool-1                   30                   0.13 sec
     *
     *     Virtual threads on 1 carrier (child JVM): when did an observer get to run?
     *     busy thread                     busy for  observer ran at  observer waited
     *     ------------------------------  --------  ---------------  ---------------
     *     sleeps                           1002 ms             8 ms  no
     *     spins                            1003 ms          1003 ms  yes
     *     spins, pausing 1 ms every 5 ms   1004 ms             5 ms  no
     *     10 virtual threads sleeping 1 sec on one carrier: 10 asleep at once, 1.03 sec in all.
     */

    /**
     * Runs the lesson; options {@code --tickers N}, {@code --period TIME}, {@code --hog TIME}.
     *
     * @param args the command line
     * @throws Exception if the lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
