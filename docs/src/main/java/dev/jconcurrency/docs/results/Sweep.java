package dev.jconcurrency.docs.results;

import dev.jconcurrency.core.timing.Measurement;
import dev.jconcurrency.core.timing.Speedup;
import dev.jconcurrency.core.timing.Timed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One model measured at several degrees of parallelism: the rows of one table and the lines of one chart.
 *
 * <p>Every point is a {@link Trial} opened before the clock starts (the pool is built then) and closed after
 * (the pool is shut down and its threads gone): only the work is timed, not the setup.
 *
 * @param slug names the chart file, {@code results-SLUG.png}, and the page's anchor
 * @param title the section's heading
 * @param intro the paragraph under the heading: what runs, and what the ideal is
 * @param axis what the x axis counts, e.g. {@code threads}
 * @param logScale whether the chart's axes are logarithmic (for sweeps over 1,000 to 100,000 waits)
 * @param sequentialWait empty when the baseline is measured at 1 worker (the first point); else the length of
 *     one wait, and the baseline for N waits is N of them one after the other, computed, not run (100,000
 *     one-second waits would take a day)
 * @param points the configurations, in order
 */
record Sweep(String slug, String title, String intro, String axis, boolean logScale, Optional<Duration> sequentialWait,
             List<Point> points) {

    Sweep {
        points = List.copyOf(points);
        if (sequentialWait.isEmpty() && points.get(0).workers() != 1) {
            throw new IllegalArgumentException("points must start at 1 worker when the baseline is measured: "
                + points.get(0).workers());
        }
    }

    /**
     * One configuration.
     *
     * @param workers how many threads, pool workers or concurrent waits
     * @param ideal the speedup a perfect machine would give: the workers that can make progress at once
     *     (I/O: the tasks in flight; CPU: at most the cores)
     * @param open builds the trial: the pool it needs, ready to run
     */
    record Point(int workers, int ideal, TrialFactory open) {
    }

    /** Builds a {@link Trial} for one point, before the clock starts. */
    @FunctionalInterface
    interface TrialFactory {
        Trial open() throws Exception;
    }

    /** The timed work of one point; closing it shuts down what {@link TrialFactory#open()} built. */
    interface Trial extends AutoCloseable {
        /** Does the work once and checks its answer (throws {@link IllegalStateException} when it is wrong). */
        void run() throws Exception;

        @Override
        void close() throws Exception;
    }

    /**
     * Measures every point, the runs interleaved: a warm-up round, then round after round of one run per point.
     * On a shared machine, a burst of competing work then lands on every point alike instead of spoiling
     * one point's runs, which a speedup (a ratio of two points) would magnify.
     *
     * @param plan how many warm-up and timed rounds
     * @param progress told about each point as its last run is done
     * @return the rows, with speedups, ideals and Amdahl's prediction
     * @throws Exception if a trial fails or its answer is wrong
     */
    Result measure(Plan plan, Progress progress) throws Exception {
        progress.note(title + ": " + points.size() + " points, " + plan.warmups() + " warm-up and " + plan.runs()
            + " timed rounds, one run per point per round");
        List<Trial> trials = new ArrayList<>();
        try {
            for (Point point : points) {
                trials.add(point.open().open());
            }
            for (int round = 0; round < plan.warmups(); round++) {
                for (Trial trial : trials) {
                    trial.run();
                }
            }
            List<List<Duration>> samples = new ArrayList<>();
            trials.forEach(trial -> samples.add(new ArrayList<>()));
            List<Measurement> times = new ArrayList<>();
            for (int round = 0; round < plan.runs(); round++) {
                for (int i = 0; i < trials.size(); i++) {
                    samples.get(i).add(Timed.run(trials.get(i)::run));
                    if (round == plan.runs() - 1) {
                        Measurement time = new Measurement(samples.get(i));
                        times.add(time);
                        progress.done(title + ", " + axis + ": " + Format.count(points.get(i).workers()), time);
                    }
                }
            }
            return result(times);
        } finally {
            closeAll(trials);
        }
    }

    /** Closes every trial, even when one fails to close; the first failure is thrown, the others suppressed. */
    private static void closeAll(List<Trial> trials) throws Exception {
        Exception failure = null;
        for (Trial trial : trials) {
            try {
                trial.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * The page's figures from the measured times: speedup against the baseline, the ideal, and Amdahl's
     * prediction with the serial fraction the Karp-Flatt metric reads from the first point with 2 or more
     * ideal workers (there the prediction equals the measurement by construction).
     *
     * @param times one per point, in order
     * @return the rows
     */
    Result result(List<Measurement> times) {
        if (times.size() != points.size()) {
            throw new IllegalArgumentException("times must have one per point (" + points.size() + "): "
                + times.size());
        }
        List<Double> speedups = new ArrayList<>();
        List<Duration> baselines = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            int workers = points.get(i).workers();
            Duration baseline = sequentialWait.map(wait -> wait.multipliedBy(workers)).orElse(times.get(0).median());
            baselines.add(baseline);
            speedups.add(Speedup.of(baseline, times.get(i).median()));
        }
        Optional<Integer> from = Optional.empty();
        double serialFraction = Double.NaN;
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).ideal() >= 2) {
                from = Optional.of(i);
                // Superlinear speedups give a negative fraction; Amdahl's law needs one from 0 to 1.
                serialFraction = Math.min(1.0, Math.max(0.0, Speedup.karpFlatt(speedups.get(i), points.get(i).ideal())));
                break;
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            double amdahl = from.isPresent() ? Speedup.amdahl(serialFraction, point.ideal()) : 1.0;
            rows.add(new Row(point.workers(), point.ideal(), times.get(i), baselines.get(i), speedups.get(i), amdahl));
        }
        return new Result(this, rows, from.map(points::get), from.isPresent() ? serialFraction : 0.0, List.of());
    }

    /**
     * One measured point.
     *
     * @param workers threads, pool workers or concurrent waits
     * @param ideal the ideal speedup
     * @param time the measured runs
     * @param baseline what the speedup divides: the median at 1 worker, or N sequential waits
     * @param speedup {@code baseline / median}
     * @param amdahl Amdahl's prediction at {@code ideal} workers
     */
    record Row(int workers, int ideal, Measurement time, Duration baseline, double speedup, double amdahl) {

        /** Speedup over ideal: 1.0 means every worker that could help did. */
        double efficiency() {
            return Speedup.efficiency(speedup, ideal);
        }
    }

    /**
     * A measured sweep.
     *
     * @param sweep what was measured
     * @param rows one per point
     * @param fractionFrom the point whose speedup gave the serial fraction, empty if no point has 2 ideal workers
     * @param serialFraction the Karp-Flatt serial fraction used for every Amdahl prediction
     * @param comparisons other speedups measured at the same worker counts (Python's threads), side by side
     */
    record Result(Sweep sweep, List<Row> rows, Optional<Point> fractionFrom, double serialFraction,
                  List<Comparison> comparisons) {
        Result {
            rows = List.copyOf(rows);
            Objects.requireNonNull(fractionFrom, "fractionFrom");
            comparisons = List.copyOf(comparisons);
        }

        /** This result with one more column (and chart line) beside the measured speedup. */
        Result with(Comparison comparison) {
            List<Comparison> more = new ArrayList<>(comparisons);
            more.add(comparison);
            return new Result(sweep, rows, fractionFrom, serialFraction, more);
        }
    }

    /**
     * Speedups measured elsewhere (Python) for the same worker counts, or why there are none.
     *
     * @param label the column header and chart legend, e.g. {@code Python threads}
     * @param speedups by worker count; empty when not measured
     * @param notMeasured why there are no figures; empty when measured
     */
    record Comparison(String label, java.util.Map<Integer, Double> speedups, Optional<String> notMeasured) {
        Comparison {
            speedups = java.util.Map.copyOf(speedups);
        }

        static Comparison notMeasured(String label, String why) {
            return new Comparison(label, java.util.Map.of(), Optional.of(why));
        }
    }
}
