package dev.jconcurrency.futures;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.report.Table;
import dev.jconcurrency.core.timing.Measurement;
import dev.jconcurrency.core.timing.Speedup;
import dev.jconcurrency.core.timing.Timed;
import dev.jconcurrency.core.workload.Workloads;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.LongStream;

/**
 * How do you split one big computation across the cores, and how small should the pieces be? A {@link
 * RecursiveTask} splits its range in two until a piece is below a threshold, computes the pieces on a {@link
 * ForkJoinPool} and adds the results back up: on 2 cores a large sum runs nearly twice as fast. Pieces too small
 * drown the work in task overhead; parallel streams are the same machinery behind a one-line face, running on a
 * pool shared by the whole JVM.
 */
public final class Futures_07_ForkJoin {

    /** The most terms {@link Workloads#sumOfSquares(long, long)} accepts: the last square must fit in a long. */
    static final long MAX_TERMS = 3_037_000_500L;

    private Futures_07_ForkJoin() {
    }

    /*
     * Suppose one large job rather than many small ones: the sum of i squared for i below about a billion (as
     * many as take about 0.5 s in a plain loop on this machine). A pool of independent tasks
     * (Futures_06_SizingAPool) needs us to cut the job into pieces ourselves. Fork/join lets the job cut itself:
     * a task too big to do directly splits in two, forks one half (makes it available to idle workers, who steal
     * it), computes the other half itself, then joins the forked half.
     *
     * The answer is exact however large: core's Workloads.sumOfSquares(from, to) sums a range into a
     * BigInteger, and BigInteger::add joins two halves. For 10,000,000 the answer, 333333283333335000000, is
     * already beyond a long: Python's ints never overflow, Java's long does, silently.
     */

    /** Σ i² for {@code from ≤ i < to}, split in halves until a piece has at most {@code threshold} terms. */
    static final class SumOfSquares extends RecursiveTask<BigInteger> {
        private final long from;
        private final long to;
        private final long threshold;
        private final Stats stats;

        SumOfSquares(long from, long to, long threshold, Stats stats) {
            this.from = from;
            this.to = to;
            this.threshold = threshold;
            this.stats = stats;
        }

        @Override
        protected BigInteger compute() {
            if (to - from <= threshold) {
                stats.leaf();
                return Workloads.sumOfSquares(from, to);
            }
            long middle = from + (to - from) / 2;
            SumOfSquares left = new SumOfSquares(from, middle, threshold, stats);
            left.fork();                                     // offered to idle workers
            BigInteger right = new SumOfSquares(middle, to, threshold, stats).compute();   // done here
            return left.join().add(right);                   // wait for (or run) the forked half
        }
    }

    /** What the leaves of a run did: how many there were, and which threads computed them. */
    static final class Stats {
        final LongAdder leaves = new LongAdder();
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        void leaf() {
            leaves.increment();
            threads.add(Thread.currentThread().getName());
        }
    }

    /**
     * One fork/join run.
     *
     * @param threshold the largest piece computed directly
     * @param sum the exact result
     * @param time how long it took (the best of the timed repetitions)
     * @param leaves how many pieces were computed directly
     * @param threads the names of the threads that computed pieces
     */
    public record ForkJoinRun(long threshold, BigInteger sum, Duration time, long leaves, Set<String> threads) {
        /**
         * @param threshold the threshold
         * @param sum the result
         * @param time the time
         * @param leaves the leaf count
         * @param threads the threads' names
         */
        public ForkJoinRun {
            threads = Set.copyOf(threads);
        }
    }

    /**
     * Σ i² for i &lt; {@code n} on a dedicated pool of {@code parallelism} workers, closed before returning.
     *
     * @param n how many terms, 0 to 3,037,000,500
     * @param threshold the largest piece computed directly, 1 or more
     * @param parallelism how many workers, 1 or more
     * @param runs how many timed runs (after one untimed warm-up); the best is kept
     * @return the result, the best time and the leaves of the last run
     * @throws Exception if a run fails
     */
    public static ForkJoinRun forkJoin(long n, long threshold, int parallelism, int runs) throws Exception {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be positive: " + threshold);
        }
        if (n < 0 || n > MAX_TERMS) {
            throw new IllegalArgumentException("n must be from 0 to " + MAX_TERMS + ": " + n);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive: " + parallelism);
        }
        // A dedicated pool, closed by try-with-resources (ForkJoinPool is AutoCloseable since Java 19):
        // the common pool is shared by the whole JVM and we want to measure our workers only.
        try (ForkJoinPool pool = new ForkJoinPool(parallelism)) {
            BigInteger[] sum = new BigInteger[1];
            Stats[] last = new Stats[1];
            Measurement times = Measurement.repeat(1, runs, () -> {
                last[0] = new Stats();
                sum[0] = pool.invoke(new SumOfSquares(0, n, threshold, last[0]));
            });
            return new ForkJoinRun(threshold, sum[0], times.min(), last[0].leaves.sum(), last[0].threads);
        }
    }

    /**
     * The number of terms whose plain loop takes about {@code target} on this machine now. The loop's speed
     * varies between machines and between JIT settings (a JVM limited to the C1 compiler with {@code
     * -XX:TieredStopAtLevel=1} runs it about three times slower than the full JIT, here); a measurement should
     * last long enough to dwarf the noise, and no longer.
     *
     * @param target the wanted duration of the plain loop
     * @return the problem size, from 20,000,000 to {@link #MAX_TERMS}
     * @throws Exception never, in practice
     */
    static long sizeTaking(Duration target) throws Exception {
        long probe = 20_000_000L;
        // Warm-ups first, so the probe times compiled code; the fastest probe is the least disturbed one.
        Duration took = Measurement.repeat(3, 3, () -> Workloads.sumOfSquares(probe)).min();
        double scale = Speedup.seconds(target) / Math.max(1e-4, Speedup.seconds(took));
        return Math.min(MAX_TERMS, Math.max(probe, (long) (probe * scale)));
    }

    /** A threshold that gives each worker about eight pieces: enough to balance the load, few enough to be cheap. */
    static long goodThreshold(long n, int parallelism) {
        return Math.max(10_000, n / (8L * parallelism));
    }

    /*
     * Parallel streams are fork/join with the splitting written for us: the stream's source is split into
     * pieces, each piece mapped and reduced, and the partial results combined. We stream over chunks, not over
     * single numbers, for the same reason a threshold exists: one BigInteger per term would cost more than the
     * term.
     */

    /**
     * Σ i² for i &lt; {@code n} as a parallel stream over {@code chunks} equal chunks.
     *
     * @param n how many terms
     * @param chunks how many pieces, 1 or more
     * @param threads collects the names of the threads that computed a chunk
     * @return the exact sum
     */
    static BigInteger parallelStream(long n, int chunks, Set<String> threads) {
        long chunk = (n + chunks - 1) / chunks;
        return LongStream.range(0, chunks).parallel()
            .mapToObj(c -> {
                threads.add(Thread.currentThread().getName());
                return Workloads.sumOfSquares(Math.min(n, c * chunk), Math.min(n, (c + 1) * chunk));
            })
            .reduce(BigInteger.ZERO, BigInteger::add);
    }

    /**
     * A parallel stream, timed, started from the calling thread or from inside a dedicated pool.
     *
     * @param sum the exact result
     * @param time the best time of the timed runs
     * @param threads the names of the threads that computed chunks
     */
    public record StreamRun(BigInteger sum, Duration time, Set<String> threads) {
        /**
         * @param sum the result
         * @param time the time
         * @param threads the threads' names
         */
        public StreamRun {
            threads = Set.copyOf(threads);
        }
    }

    static StreamRun streamOnCommonPool(long n, int chunks, int runs) throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        BigInteger[] sum = new BigInteger[1];
        Measurement times = Measurement.repeat(1, runs, () -> sum[0] = parallelStream(n, chunks, threads));
        return new StreamRun(sum[0], times.min(), threads);
    }

    /*
     * The caveat: a parallel stream started from an ordinary thread runs on ForkJoinPool.commonPool(), shared
     * by every parallel stream (and every CompletableFuture async call without an executor) in the JVM. Its
     * size is cores - 1 (the calling thread helps), so on a 2-core machine it has ONE worker: a blocking call
     * inside any parallel stream, anywhere in the program, can stall all the others. Never put I/O in a parallel
     * stream. A stream started from inside a ForkJoinPool task runs in that pool instead, because
     * ForkJoinTask.fork() uses the pool the current task runs in: that is the one way to give a stream its
     * own workers.
     */

    static StreamRun streamOnDedicatedPool(long n, int chunks, int parallelism, int runs) throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        BigInteger[] sum = new BigInteger[1];
        try (ForkJoinPool pool = new ForkJoinPool(parallelism)) {
            Measurement times = Measurement.repeat(1, runs,
                () -> sum[0] = pool.submit(() -> parallelStream(n, chunks, threads)).get());
            return new StreamRun(sum[0], times.min(), threads);
        }
    }

    /**
     * Everything the lesson measured.
     *
     * @param n the problem size of the speedup runs
     * @param parallelism the dedicated pools' size
     * @param sequential the plain loop on one thread (best time)
     * @param forkJoin the fork/join run with a sensible threshold
     * @param thresholds fork/join runs over {@code thresholdN} terms with thresholds {@code thresholdN} (one
     *     piece), then 100, 10,000 and 1,000,000 times smaller
     * @param thresholdN the problem size of the threshold runs
     * @param thresholdSequential the plain loop over {@code thresholdN} terms (best time)
     * @param commonPoolStream a parallel stream on the common pool
     * @param dedicatedPoolStream the same stream started inside a dedicated pool
     * @param commonPoolParallelism {@link ForkJoinPool#getCommonPoolParallelism()}
     */
    public record Result(long n, int parallelism, Timed<BigInteger> sequential, ForkJoinRun forkJoin,
        List<ForkJoinRun> thresholds, long thresholdN, Timed<BigInteger> thresholdSequential,
        StreamRun commonPoolStream, StreamRun dedicatedPoolStream, int commonPoolParallelism) {
        /**
         * @param n the size
         * @param parallelism the pool size
         * @param sequential the sequential run
         * @param forkJoin the fork/join run
         * @param thresholds the threshold runs
         * @param thresholdN the threshold runs' size
         * @param thresholdSequential the sequential run at that size
         * @param commonPoolStream the common-pool stream
         * @param dedicatedPoolStream the dedicated-pool stream
         * @param commonPoolParallelism the common pool's parallelism
         */
        public Result {
            thresholds = List.copyOf(thresholds);
        }

        /** Fork/join's speedup over the plain loop. */
        public double speedup() {
            return Speedup.of(sequential.duration(), forkJoin.time());
        }
    }

    /**
     * The plain loop on the calling thread: best of {@code runs} after one warm-up.
     *
     * @param n how many terms
     * @param runs timed runs
     * @return the sum and its best time
     * @throws Exception never, in practice
     */
    static Timed<BigInteger> sequential(long n, int runs) throws Exception {
        BigInteger[] sum = new BigInteger[1];
        Measurement times = Measurement.repeat(1, runs, () -> sum[0] = Workloads.sumOfSquares(n));
        return new Timed<>(sum[0], times.min());
    }

    /**
     * Runs the whole lesson.
     *
     * @param n the size for the speedup runs (take one whose plain loop lasts at least 300 ms)
     * @param thresholdN the size for the threshold comparison (small: tiny thresholds are slow)
     * @param parallelism the dedicated pools' size
     * @param runs timed runs per measurement
     * @return what was measured
     * @throws Exception if a run fails
     */
    public static Result run(long n, long thresholdN, int parallelism, int runs) throws Exception {
        Timed<BigInteger> sequential = sequential(n, runs);
        ForkJoinRun forkJoin = forkJoin(n, goodThreshold(n, parallelism), parallelism, runs);

        Timed<BigInteger> thresholdSequential = sequential(thresholdN, runs);
        List<ForkJoinRun> thresholds = new ArrayList<>();
        for (long divisor = 1; divisor <= 1_000_000; divisor *= 100) {
            thresholds.add(forkJoin(thresholdN, Math.max(1, thresholdN / divisor), parallelism, runs));
        }
        int chunks = 8 * parallelism;
        return new Result(n, parallelism, sequential, forkJoin, thresholds, thresholdN, thresholdSequential,
            streamOnCommonPool(n, chunks, runs), streamOnDedicatedPool(n, chunks, parallelism, runs),
            ForkJoinPool.getCommonPoolParallelism());
    }

    /*
     * It turns out:
     *   - With a sensible threshold (about eight pieces per worker) fork/join on 2 workers is close to twice
     *     as fast as the loop, and the result is exact to the last digit.
     *   - One piece (threshold = n) is the loop plus a little overhead: no split, no speedup. A hundred and
     *     twenty-eight pieces do nearly as well as twenty. But the full JIT makes a term cost well under a
     *     nanosecond, so sixteen thousand pieces of about six thousand terms are only a few microseconds of work
     *     each, and creating, forking, stealing and joining them (and here adding them as BigIntegers) eats the
     *     whole gain: about as fast as the plain loop (0.8x to 1.1x). With 100 terms a piece, fork/join on two busy cores is
     *     about half as fast as the plain loop on one. The smaller the work per term, the larger a piece must
     *     be.
     *   - The parallel stream gives the same sum with about the same speedup, with no task class at all, and
     *     from the calling thread it ran on the common pool's workers plus the caller itself.
     *
     * Fork/join is for computation that splits: no waiting inside the tasks (a blocked worker is a lost
     * worker; ForkJoinPool.managedBlock exists for the rare exception).
     */

    /*
     * How to run:
     *
     *   mvn -q -pl examples-futures -am test-compile -Drun=examples-futures -Dargs="--lesson 7"
     *
     * or directly with --size N --threshold-size N --parallelism N (see --help). The module's run profile
     * starts the JVM with -XX:+UseSerialGC and the full JIT (C1, then C2), as a learner's own java would. A JVM
     * limited to C1 (-XX:TieredStopAtLevel=1) runs the loop about three times slower (10^8 terms: 124 ms against
     * 43 ms, same machine, same minute), so --size 0 picks fewer terms there, and small pieces hurt less because
     * each term costs more (16384 pieces: 1.68x there).
     *
     * Typical output (2-core Intel Xeon VM shared with other builds, load average about 1.9; Linux 6.18;
     * Temurin JDK 25.0.3; the run profile, java -XX:+UseSerialGC, full JIT; 2026-11-25):
     *
     *   Sum of squares below 1019553091 = 353271239049109752023742565 (closed form agrees: true)
     *   A plain long loop gives 1291890006563070912 for 10000000 instead of 333333283333335000000: it overflowed
     *   Plain loop: 0.52 sec; fork/join on 2 workers (threshold 63722068, 19 pieces, computed by 2 threads):
     *       0.27 sec; speedup 1.95x, efficiency 0.97, same sum: true
     *
     *   Threshold over 100000000 terms (plain loop 48.9 ms):
     *   threshold   pieces     time  vs plain loop  exact
     *   ---------  -------  -------  -------------  -----
     *   100000000        1  48.3 ms          1.01x  true
     *     1000000      128  27.1 ms          1.80x  true
     *       10000    16384  42.9 ms          1.14x  true
     *         100  1048576  93.2 ms          0.53x  true
     *
     *   Parallel stream, common pool (parallelism 1): 0.27 sec on [ForkJoinPool.commonPool-worker-1, main]
     *   Parallel stream inside a dedicated pool: 0.27 sec on [ForkJoinPool-6-worker-1, ForkJoinPool-6-worker-2]
     *
     * Two more runs a minute later gave speedups of 1.94x and 1.96x, and 0.91x and 1.00x for 16384 pieces.
     */

    /**
     * Prints the speedup, the threshold table and the stream comparison.
     *
     * @param args {@code --size N}, {@code --threshold-size N}, {@code --parallelism N}, {@code --help}
     * @throws Exception if a run fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine cli = CommandLine.builder(Futures_07_ForkJoin.class.getSimpleName(),
                "A RecursiveTask sum of squares: speedup on this machine's cores, the effect of the threshold, "
                    + "and parallel streams on the common pool vs a dedicated pool.")
            .longOption("size", 0, 0, MAX_TERMS, "terms of the speedup runs; 0: as many as take about 0.5 s "
                + "in a plain loop here")
            .longOption("threshold-size", 100_000_000L, 1, 1_000_000_000L, "terms of the threshold comparison")
            .intOption("parallelism", Runtime.getRuntime().availableProcessors(), 1, 256, "fork/join workers")
            .build();
        CommandLine.exitOnFailure(cli.run(args, System.out, System.err, options -> {
            long size = options.longValue("size");
            Result r = run(size == 0 ? sizeTaking(Duration.ofMillis(500)) : size, options.longValue("threshold-size"),
                options.intValue("parallelism"), 3);
            Report report = Report.to(System.out);
            report.line("Sum of squares below " + r.n() + " = " + r.sequential().value() + " (closed form agrees: "
                + r.sequential().value().equals(Workloads.sumOfSquaresClosedForm(r.n())) + ")");
            report.line("A plain long loop gives " + Workloads.naiveLongSumOfSquares(10_000_000)
                + " for 10000000 instead of " + Workloads.sumOfSquares(10_000_000) + ": it overflowed");
            report.line("Plain loop: " + Report.seconds(r.sequential().duration()) + "; fork/join on "
                + r.parallelism() + " workers (threshold " + r.forkJoin().threshold() + ", " + r.forkJoin().leaves()
                + " pieces, computed by " + r.forkJoin().threads().size() + " threads): "
                + Report.seconds(r.forkJoin().time()) + "; speedup " + format(r.speedup()) + "x, efficiency "
                + format(Speedup.efficiency(r.speedup(), r.parallelism())) + ", same sum: "
                + r.forkJoin().sum().equals(r.sequential().value()));
            report.blank();
            report.line("Threshold over " + r.thresholdN() + " terms (plain loop "
                + millis(r.thresholdSequential().duration()) + "):");
            Table table = Table.of("threshold", "pieces", "time", "vs plain loop", "exact");
            for (ForkJoinRun run : r.thresholds()) {
                table.row(run.threshold(), run.leaves(), millis(run.time()),
                    format(Speedup.of(r.thresholdSequential().duration(), run.time())) + "x",
                    run.sum().equals(r.thresholdSequential().value()));
            }
            System.out.print(table.toText());
            report.blank();
            report.line("Parallel stream, common pool (parallelism " + r.commonPoolParallelism() + "): "
                + Report.seconds(r.commonPoolStream().time()) + " on " + sorted(r.commonPoolStream().threads()));
            report.line("Parallel stream inside a dedicated pool: " + Report.seconds(r.dedicatedPoolStream().time())
                + " on " + sorted(r.dedicatedPoolStream().threads()));
        }));
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }

    private static String millis(Duration time) {
        return String.format(Locale.ROOT, "%.1f ms", time.toNanos() / 1e6);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
