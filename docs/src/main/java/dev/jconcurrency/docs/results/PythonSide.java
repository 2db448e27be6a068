package dev.jconcurrency.docs.results;

import dev.jconcurrency.core.timing.Speedup;
import dev.jconcurrency.core.workload.Workloads;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Python demo's equivalents, measured in the same run when a {@code python3} is available: threads on CPU
 * work (the GIL), a process pool's cost per task, and asyncio at scale. Without Python every figure is
 * "not measured", with the reason.
 */
final class PythonSide {

    static final String THREADS = "Python threads";

    private final Optional<Python> python;
    private final String absent;
    /** Set by whichever script ran last; read after the measurements, on the same thread. */
    private Optional<String> version = Optional.empty();

    private PythonSide(Optional<Python> python, String absent) {
        this.python = python;
        this.absent = absent;
    }

    /** Measures with {@code python}. */
    static PythonSide with(Python python) {
        return new PythonSide(Optional.of(python), "");
    }

    /** Measures nothing; every figure says "not measured (why)". */
    static PythonSide without(String why) {
        return new PythonSide(Optional.empty(), why);
    }

    /** Whether a Python interpreter will be run. */
    boolean present() {
        return python.isPresent();
    }

    /** How many progress lines the measurements below print. */
    int measurements() {
        return python.isPresent() ? 3 : 0;
    }

    /** Where the figures come from, for the machine table: the version (once known) and the interpreter. */
    String describe(Optional<String> version) {
        return python.map(p -> version.map(v -> "Python " + v + " (" + p.executable() + ")")
                .orElse(p.executable().toString()))
            .orElse("not measured: " + absent);
    }

    /** The same sum of squares on 1 to 2 × cores Python threads, as speedups against 1 thread. */
    Sweep.Comparison threadsOnCpu(Plan plan, Progress progress) throws InterruptedException {
        if (python.isEmpty()) {
            return Sweep.Comparison.notMeasured(THREADS, absent);
        }
        long size = plan.pythonCpuSize();
        Python.Outcome outcome = python.get().run("threads_cpu.py", List.of("--size", Long.toString(size),
            "--workers", plan.cpuWorkers().stream().map(String::valueOf).collect(Collectors.joining(",")),
            "--runs", Integer.toString(plan.runs())));
        if (!(outcome instanceof Python.Measured measured)) {
            String why = ((Python.NotMeasured) outcome).reason();
            progress.done("Python threads on CPU", "not measured (" + why + ")");
            return Sweep.Comparison.notMeasured(THREADS, why);
        }
        if (!measured.text("answer").equals(Workloads.sumOfSquaresClosedForm(size).toString())) {
            String why = "wrong answer " + measured.text("answer");
            progress.done("Python threads on CPU", "not measured (" + why + ")");
            return Sweep.Comparison.notMeasured(THREADS, why);
        }
        List<BigDecimal> workers = measured.numbers("workers");
        List<BigDecimal> seconds = measured.numbers("median_seconds");
        if (workers.isEmpty() || workers.get(0).intValueExact() != 1 || seconds.size() != workers.size()) {
            String why = "threads_cpu.py did not time 1 thread first, or not every worker count";
            progress.done("Python threads on CPU", "not measured (" + why + ")");
            return Sweep.Comparison.notMeasured(THREADS, why);
        }
        double one = seconds.get(0).doubleValue();
        Map<Integer, Double> speedups = new HashMap<>();
        for (int i = 0; i < workers.size(); i++) {
            speedups.put(workers.get(i).intValueExact(), one / seconds.get(i).doubleValue());
        }
        version = Optional.of(measured.text("python"));
        progress.done("Python threads on CPU, " + workers.size() + " pool sizes", speedups.keySet().stream().sorted()
            .map(w -> w + ": " + Format.times(speedups.get(w))).collect(Collectors.joining(", ")));
        return new Sweep.Comparison(THREADS, speedups, Optional.empty());
    }

    /** {@code concurrent.futures.ProcessPoolExecutor}'s cost per trivial task, with one worker per core. */
    Costs.Row processPool(Plan plan, int cores, Progress progress) throws InterruptedException {
        String label = "Python ProcessPoolExecutor";
        int tasks = plan.trivialTasks();
        if (python.isEmpty()) {
            return new Costs.Row(label, Integer.toString(cores), tasks, Optional.empty(), "not measured: " + absent);
        }
        Python.Outcome outcome = python.get().run("process_pool.py",
            List.of("--tasks", Integer.toString(tasks), "--workers", Integer.toString(cores)));
        if (!(outcome instanceof Python.Measured measured)) {
            String why = ((Python.NotMeasured) outcome).reason();
            progress.done(label, "not measured (" + why + ")");
            return new Costs.Row(label, Integer.toString(cores), tasks, Optional.empty(), "not measured: " + why);
        }
        version = Optional.of(measured.text("python"));
        double micros = measured.number("per_task_microseconds");
        progress.done(label + ", " + Format.count(tasks) + " trivial tasks", Format.micros(micros) + " per task");
        return new Costs.Row(label, Integer.toString(cores), tasks, Optional.of(micros), String.format(Locale.ROOT,
            "workers started beforehand (%s); the run is timed once", Format.seconds(measured.number("startup_seconds"))));
    }

    /**
     * asyncio with N coroutines waiting at once on one event loop.
     *
     * @param waits N, the largest count the Java scale sweeps ran
     * @param seconds the length of each wait
     * @param peakRssKib the Python process's peak resident memory
     * @param wall how long all the waits took
     */
    record Asyncio(int waits, double seconds, double wall, long peakRssKib) {
        double speedup() {
            return waits * seconds / wall;
        }
    }

    /** Either the asyncio figures or why there are none. */
    record AsyncioOutcome(Optional<Asyncio> run, String notMeasured) {
    }

    /** asyncio at the largest scale the Java sweeps ran, with the same wait. */
    AsyncioOutcome asyncio(Plan plan, Progress progress) throws InterruptedException {
        if (python.isEmpty()) {
            return new AsyncioOutcome(Optional.empty(), absent);
        }
        int waits = plan.scaleWaits().get(plan.scaleWaits().size() - 1);
        double seconds = Speedup.seconds(plan.scaleWait());
        Python.Outcome outcome = python.get().run("asyncio_waits.py",
            List.of("--waits", Integer.toString(waits), "--duration", Double.toString(seconds)));
        if (!(outcome instanceof Python.Measured measured)) {
            String why = ((Python.NotMeasured) outcome).reason();
            progress.done("Python asyncio", "not measured (" + why + ")");
            return new AsyncioOutcome(Optional.empty(), why);
        }
        version = Optional.of(measured.text("python"));
        Asyncio run = new Asyncio(waits, seconds, measured.number("seconds"), (long) measured.number("peak_rss_kib"));
        progress.done("Python asyncio, " + Format.count(waits) + " waits", Format.seconds(run.wall()) + ", peak RSS "
            + Format.mebibytes(run.peakRssKib()));
        return new AsyncioOutcome(Optional.of(run), "");
    }

    /** The Python version the scripts reported, once one has run. */
    Optional<String> version() {
        return version;
    }
}
