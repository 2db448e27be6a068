package dev.jconcurrency.threading;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.cli.LessonLauncher;

import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.report.Table;
import dev.jconcurrency.core.timing.Speedup;
import dev.jconcurrency.core.timing.Stopwatch;
import java.io.PrintStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Do Java threads speed up CPU-bound work? Yes, up to the number of cores: Java has no Global Interpreter Lock, so
 * two threads computing on two cores finish close to twice as fast, and threads beyond the cores add nothing.
 *
 * <p>This is where Java and Python part ways. The seed's "GIL implications" are that CPython's threads take turns
 * holding one interpreter lock, so the same work on two Python threads takes as long as on one; the seed reaches
 * for processes instead (the examples-processes module). See {@link Threading_01_SeedSection} for the I/O case,
 * where both languages overlap the waits.
 */
public final class Threading_03_NoGil {

    static final String QUESTION = "Do Java threads speed up CPU-bound work?";

    private Threading_03_NoGil() {
    }

    /*
     * Suppose we have p tasks, each a fixed amount of CPU work: the seed's sum of squares, sized so that one task
     * takes about taskTime alone on an idle core (CpuWork measures this machine's speed once). We time the p
     * tasks twice:
     *
     *   sequential()  one after the other on the calling thread: the baseline, about p x taskTime;
     *   parallel()    on p platform threads at once: about taskTime x ceil(p / cores).
     *
     * On a shared machine one timing says little, so each measurement is a paired trial (baseline and parallel
     * back to back, the order alternating so neither always runs on a warmer or quieter machine), repeated. The
     * speedup reported divides the best sequential time by the best parallel time: the runs least disturbed by
     * whatever else the machine was doing. (A single trial's ratio can be inflated as well as deflated by noise: a
     * disturbed baseline makes the threads look faster than they are.)
     */

    /**
     * One paired trial: the same tasks one after the other, then on threads (or the other way round).
     *
     * @param sequential time on one thread
     * @param parallel time on one thread per task
     */
    public record Trial(Duration sequential, Duration parallel) {

        /** How many times faster the threads were in this trial. */
        public double ratio() {
            return Speedup.of(sequential, parallel);
        }
    }

    /**
     * The measurements for one number of threads.
     *
     * @param threads how many tasks, each on its own thread in the parallel runs
     * @param cores the processors available to the JVM
     * @param trials the paired trials, in the order taken
     * @param parallelThreads the names of the threads that ran the tasks in the first parallel run
     * @param exact whether every task, in every run, returned the closed-form answer
     */
    public record Row(int threads, int cores, List<Trial> trials, Set<String> parallelThreads, boolean exact) {

        /** The fastest sequential run over the fastest parallel run: the speedup this lesson reports. */
        public double speedup() {
            return Speedup.of(bestSequential(), bestParallel());
        }

        /** The fastest of the sequential runs. */
        public Duration bestSequential() {
            return trials.stream().map(Trial::sequential).min(Comparator.naturalOrder()).orElseThrow();
        }

        /** The fastest of the parallel runs. */
        public Duration bestParallel() {
            return trials.stream().map(Trial::parallel).min(Comparator.naturalOrder()).orElseThrow();
        }

        /**
         * The largest single trial's ratio: the statistic the project's tests assert a lower bound on (TESTING.md),
         * because a quiet moment in any one trial is enough to show the parallelism.
         */
        public double bestPairedRatio() {
            return trials.stream().mapToDouble(Trial::ratio).max().orElseThrow();
        }

        /**
         * The middle trial's ratio (the mean of the two middle ones for an even count): what a typical trial gave,
         * noise and all. With one thread it hovers around 1.0, above and below.
         */
        public double medianSpeedup() {
            List<Double> sorted = ratios().stream().sorted().toList();
            int middle = sorted.size() / 2;
            return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        }

        /** Every trial's ratio, in the order taken. */
        public List<Double> ratios() {
            return trials.stream().map(Trial::ratio).toList();
        }

        /** The cores that can work at once: {@code min(threads, cores)}, the ideal speedup. */
        public int workers() {
            return Math.min(threads, cores);
        }

        /** Speedup per core that could work: 1.0 means each was fully used. */
        public double efficiency() {
            return Speedup.efficiency(speedup(), workers());
        }

        /**
         * The Karp-Flatt serial fraction implied by the speedup on {@link #workers()} cores, or NaN with one worker
         * (the metric needs two or more).
         */
        public double serialFraction() {
            return workers() < 2 ? Double.NaN : Speedup.karpFlatt(speedup(), workers());
        }
    }

    /**
     * The whole measurement.
     *
     * @param taskTime how long one task takes alone on an idle core, as sized
     * @param termsPerTask how many squares each task sums
     * @param rows one per number of threads, in the order asked for
     */
    public record Result(Duration taskTime, long termsPerTask, List<Row> rows) {
    }

    /**
     * Measures CPU-bound tasks on each number of threads in {@code threadCounts}.
     *
     * @param threadCounts how many tasks and threads to try, each 1 or more, e.g. {@code [1, 2, 3, 4]}
     * @param taskTime how long one task should take alone on an idle core, positive (300 ms or more keeps
     *     scheduling noise small against the work)
     * @param trials paired trials per thread count, 1 or more
     * @return one row per thread count
     * @throws InterruptedException if the calling thread is interrupted (the tasks have ended by then)
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a number is out of range
     */
    public static Result run(List<Integer> threadCounts, Duration taskTime, int trials) throws InterruptedException {
        Objects.requireNonNull(threadCounts, "threadCounts");
        Objects.requireNonNull(taskTime, "taskTime");
        if (threadCounts.isEmpty() || threadCounts.stream().anyMatch(t -> t == null || t < 1)) {
            throw new IllegalArgumentException("threadCounts must be one or more positive numbers: " + threadCounts);
        }
        if (taskTime.isNegative() || taskTime.isZero()) {
            throw new IllegalArgumentException("taskTime must be positive: " + taskTime);
        }
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be positive: " + trials);
        }
        CpuWork work = CpuWork.lasting(taskTime);
        int cores = Runtime.getRuntime().availableProcessors();
        // One untimed task first, so that the trials measure compiled code and a started JVM.
        sequential(work, 1);
        List<Row> rows = new ArrayList<>();
        for (int threads : threadCounts) {
            rows.add(measure(work, threads, cores, trials));
        }
        return new Result(taskTime, work.terms(), rows);
    }

    private static Row measure(CpuWork work, int threads, int cores, int trials) throws InterruptedException {
        List<Trial> taken = new ArrayList<>();
        Set<String> names = null;
        boolean exact = true;
        for (int trial = 0; trial < trials; trial++) {
            Outcome first;
            Outcome second;
            if (trial % 2 == 0) {
                first = sequential(work, threads);
                second = parallel(work, threads);
            } else {
                first = parallel(work, threads);
                second = sequential(work, threads);
            }
            Outcome seq = first.threads() == null ? first : second;
            Outcome par = first.threads() == null ? second : first;
            taken.add(new Trial(seq.elapsed(), par.elapsed()));
            names = names == null ? par.threads() : names;
            exact &= seq.exact() && par.exact();
        }
        return new Row(threads, cores, List.copyOf(taken), names, exact);
    }

    private record Outcome(Duration elapsed, Set<String> threads, boolean exact) {
    }

    /* The baseline: the tasks one after the other, on the thread that calls. */

    private static Outcome sequential(CpuWork work, int tasks) {
        Stopwatch watch = Stopwatch.start();
        boolean exact = true;
        for (int i = 0; i < tasks; i++) {
            exact &= work.run().equals(work.answer());
        }
        return new Outcome(watch.elapsed(), null, exact);
    }

    /*
     * The parallel run: one new platform thread per task. Each task notes the thread it ran on, so the result
     * shows that p threads did run, whatever the clock says.
     */

    private static Outcome parallel(CpuWork work, int tasks) throws InterruptedException {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Future<BigInteger>> results = new ArrayList<>();
        Stopwatch watch = Stopwatch.start();
        try (ExecutorService executor =
                 Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("cpu-thread-", 0).factory())) {
            for (int i = 0; i < tasks; i++) {
                results.add(executor.submit(() -> {
                    threads.add(Thread.currentThread().getName());
                    return work.run();
                }));
            }
        }
        Duration elapsed = watch.elapsed();
        if (Thread.interrupted()) {
            // close() was interrupted and re-set the flag; the tasks have ended, so say it the checked way.
            throw new InterruptedException("interrupted while the CPU tasks ran");
        }
        boolean exact = results.stream().allMatch(f -> f.resultNow().equals(work.answer()));
        return new Outcome(elapsed, Set.copyOf(threads), exact);
    }

    /*
     * It turns out two threads on two idle cores come close to 2x (efficiency near 100%, a Karp-Flatt serial
     * fraction of a few percent: thread start-up and the two cores' shared caches and clock). Three or four threads
     * on two cores stay near 2x: the operating system time-slices them over the same two cores, so the work takes
     * as long as the cores need, however many threads carry it. For CPU-bound work, size a pool by the cores
     * (Runtime.availableProcessors()), not by the tasks.
     *
     * What Python's threads do with the same work: CPython runs Python bytecode only while holding the Global
     * Interpreter Lock, and a thread computing in pure Python gives it up only every few milliseconds
     * (sys.getswitchinterval(), 5 ms) for another thread to take. So two threads summing squares take turns on
     * one lock: the speedup is about 1.0x, often a little less because of the hand-offs, on any number of cores.
     * That is why the seed does its CPU work in processes. (CPython's optional free-threaded build, PEP 703,
     * removes the lock; the default build keeps it.) The JVM never had one: every Java thread is an operating
     * system thread that runs whenever a core is free.
     */

    static void show(Result result, Report report) {
        report.banner("NO GIL: CPU WORK ON 1.." + result.rows().stream().mapToInt(Row::threads).max().orElseThrow()
            + " PLATFORM THREADS");
        report.line(String.format(Locale.ROOT, "Each task sums %,d squares, about %s on an idle core; %d cores.",
            result.termsPerTask(), Report.duration(result.taskTime()), result.rows().get(0).cores()));
        Table table = Table.of("threads", "sequential", "threads time", "speedup", "median trial", "ideal",
            "efficiency",
            "serial fraction", "distinct threads", "exact");
        for (Row row : result.rows()) {
            table.row(row.threads(), Report.seconds(row.bestSequential()), Report.seconds(row.bestParallel()),
                String.format(Locale.ROOT, "%.2fx", row.speedup()),
                String.format(Locale.ROOT, "%.2fx", row.medianSpeedup()), row.workers() + "x",
                String.format(Locale.ROOT, "%.0f%%", 100 * row.efficiency()),
                Double.isNaN(row.serialFraction()) ? "-" : String.format(Locale.ROOT, "%.3f", row.serialFraction()),
                row.parallelThreads().size(), row.exact() ? "yes" : "NO");
        }
        table.toText().lines().forEach(report::line);
        result.rows().stream().filter(r -> r.threads() == r.cores() && r.workers() >= 2).findFirst().ifPresent(r -> {
            double serial = Math.max(0, r.serialFraction()); // a negative reading is noise: no work is less than none
            report.line(String.format(Locale.ROOT, "Amdahl: a serial fraction of %.3f (Karp-Flatt, from %d threads)"
                    + " caps %d cores at %.2fx and %d cores at %.2fx.", serial, r.threads(), r.cores(),
                Speedup.amdahl(serial, r.cores()), 4 * r.cores(), Speedup.amdahl(serial, 4 * r.cores())));
        });
        report.line("Times are the best of " + result.rows().get(0).trials().size() + " paired trials; each trial's"
            + " ratio: "
            + result.rows().stream().map(r -> r.threads() + " threads " + r.ratios().stream()
                .map(x -> String.format(Locale.ROOT, "%.2f", x)).toList()).toList());
        report.line("Python's threads on the same work: about 1.0x at any thread count (the GIL).");
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        List<Integer> counts = IntStream.rangeClosed(1, 2 * cores).boxed().toList();
        return LessonLauncher.noOptions(Threading_03_NoGil.class, QUESTION)
            .run(args, out, err, arguments -> show(run(counts, Duration.ofMillis(300), 5), Report.to(out)));
    }

    /*
     * How to run (from the repository's root):
     *
     *   mvn -q -pl examples-threading -am test-compile -Drun=examples-threading -Dargs="--lesson 3"
     *
     * Look for: the speedup climbing to about the number of cores and no further, every answer exact, and as many
     * distinct threads as tasks.
     *
     * Typical output (2-core Intel Xeon VM shared with other builds, Linux 6.18, Temurin 25.0.3,
     * measured with -XX:TieredStopAtLevel=1 (C1 only), 2026-11-25, load average 2.90; the 3-thread row caught
     * a burst of other work):
     *
     *   === NO GIL: CPU WORK ON 1..4 PLATFORM THREADS ===
     *   Each task sums 269,657,007 squares, about 0.3 sec on an idle core; 2 cores.
     *   threads  sequential  threads time  speedup  median trial  ideal  efficiency  serial fraction  distinct threads  exact
     *   -------  ----------  ------------  -------  ------------  -----  ----------  ---------------  ----------------  -----
     *         1    0.29 sec      0.30 sec    0.99x         0.99x     1x         99%  -                               1  yes
     *         2    0.64 sec      0.34 sec    1.88x         1.30x     2x         94%  0.061                           2  yes
     *         3    0.98 sec      0.95 sec    1.04x         1.01x     2x         52%  0.926                           3  yes
     *         4    1.25 sec      0.65 sec    1.93x         1.89x     2x         96%  0.037                           4  yes
     *   Amdahl: a serial fraction of 0.061 (Karp-Flatt, from 2 threads) caps 2 cores at 1.88x and 8 cores at 5.60x.
     *   Times are the best of 5 paired trials; each trial's ratio: [1 threads [0.96, 0.99, 0.91, 1.02, 0.99], 2 threads [1.20, 1.30, 1.25, 1.77, 1.91], 3 threads [0.93, 1.05, 0.94, 1.01, 1.05], 4 threads [1.06, 1.96, 1.89, 1.96, 1.82]]
     *   Python's threads on the same work: about 1.0x at any thread count (the GIL).
     */

    /**
     * Measures 1 to 2 x cores threads, 300 ms tasks, 5 paired trials each, and prints the table.
     *
     * @param args none ({@code --help} prints the question)
     * @throws Exception if the lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
