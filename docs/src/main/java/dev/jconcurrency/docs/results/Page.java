package dev.jconcurrency.docs.results;

import dev.jconcurrency.core.report.Table;
import dev.jconcurrency.core.timing.Measurement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Writes {@code results.md} from a run's figures: the machine first, then one section per model. */
final class Page {

    /** The one command that regenerates the page, from the repository root. */
    static final String COMMAND = "mvn -q -pl docs -am package -DskipTests -Dresults";

    static final String NOT_MEASURED = "not measured";

    private Page() {
    }

    /**
     * Everything one run measured.
     *
     * @param machine where and when
     * @param plan the sizes
     * @param endLoad the load averages when the measurements ended
     * @param python where the Python figures come from, or why there are none
     * @param sweeps the measured models, in page order
     * @param costs cost per trivial task, per pool
     * @param processPoolStart a pre-started process pool of {@link Costs#START_WORKERS} workers: build to first
     *     result
     * @param asyncio Python's asyncio at the largest scale
     * @param javaPeakRssKib this JVM's peak resident memory after the run, if known
     */
    record Results(Machine machine, Plan plan, Optional<String> endLoad, String python, List<Sweep.Result> sweeps,
                   List<Costs.Row> costs, Measurement processPoolStart, PythonSide.AsyncioOutcome asyncio,
                   Optional<Long> javaPeakRssKib) {
        Results {
            sweeps = List.copyOf(sweeps);
            costs = List.copyOf(costs);
        }
    }

    static String render(Results results) {
        StringBuilder page = new StringBuilder();
        Machine machine = results.machine();
        page.append("# Measured results\n\n");
        page.append("Regenerate this page on your own machine, from the repository root (about three minutes; "
            + "add `-Dargs=--quick` for a few-second check run, `-Dargs=--help` for the options):\n\n");
        page.append("```\n").append(COMMAND).append("\n```\n\n");
        page.append("The figures below were measured on " + machine.cores() + " cores on " + machine.dateText()
            + ", by a `" + results.plan().name() + "` run. Every model's speedup is set against its ideal and "
            + "against Amdahl's prediction; where `python3` is installed, the Python demo's equivalents are "
            + "measured in the same run and shown side by side.\n\n");

        page.append("## The machine\n\n");
        Table table = Table.of("what", "value");
        table.row("cores", machine.cores());
        machine.cpu().ifPresent(cpu -> table.row("CPU", cpu));
        table.row("memory", machine.memoryText());
        table.row("OS", machine.os());
        table.row("JDK", machine.jdk());
        table.row("Python", results.python());
        table.row("date", machine.dateText());
        table.row("run", results.plan().name() + ": " + results.plan().warmups() + " warm-up, then the median of "
            + results.plan().runs() + " timed run" + (results.plan().runs() == 1 ? "" : "s") + " per point, in "
            + "rounds of one run per point");
        table.row("load average", machine.load().orElse("unknown") + " at the start, "
            + results.endLoad().orElse("unknown") + " at the end (1, 5, 15 minutes)");
        page.append(table.toMarkdown()).append('\n');
        busyNote(machine, results.plan()).ifPresent(note -> page.append(note).append("\n\n"));

        page.append("**How to read the tables.** *time* is the median of the timed runs and *range* their "
            + "spread; the runs of a model's points alternate (a round of one run per point, then the next), so "
            + "a burst of other work on the machine slows every point alike. *speedup* is the baseline's time divided by the median. *ideal* is the speedup a perfect "
            + "machine would give: the workers that can make progress at once (for I/O, the waits that overlap; "
            + "for CPU work, at most one thread per core). *Amdahl* is Amdahl's law, 1 / (f + (1 − f) / n) with n "
            + "the ideal, where the serial fraction f is the one the Karp–Flatt metric reads from the first "
            + "measured point with n ≥ 2 (core's `Speedup.karpFlatt`, then `Speedup.amdahl`): at that point the "
            + "prediction equals the measurement by construction. Further on, a measurement below the prediction "
            + "means the loss grows with the workers (overhead, not serial work), and one above it means the "
            + "serial part stayed fixed while the work grew (a start-up cost, amortised). *efficiency* is "
            + "speedup ÷ ideal."
            + "\n\n");

        for (Sweep.Result result : results.sweeps()) {
            section(page, result);
        }
        costs(page, results);
        sideBySide(page, results);
        return page.toString();
    }

    private static Optional<String> busyNote(Machine machine, Plan plan) {
        List<String> notes = new ArrayList<>();
        double load = machine.load().map(l -> Double.parseDouble(l.split(" ")[0])).orElse(0.0);
        if (load >= 0.5) {
            notes.add(String.format(Locale.ROOT, "the load average was already %.2f on %d cores when the run "
                + "started: other work was competing for the CPUs (a shared machine), so the CPU speedups here may "
                + "be lower than this machine gives when idle; re-run when it is quiet", load, machine.cores()));
        }
        if (plan.isQuick()) {
            notes.add("this was a `" + plan.name() + "` run with tiny tasks: it checks that the command works, and "
                + "its figures are dominated by start-up costs and timer resolution");
        }
        if (notes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("> **Note:** " + String.join("; ", notes) + ".");
    }

    private static void section(StringBuilder page, Sweep.Result result) {
        Sweep sweep = result.sweep();
        page.append("## ").append(sweep.title()).append("\n\n");
        page.append(sweep.intro()).append("\n\n");
        result.fractionFrom().ifPresent(point -> page.append("Serial fraction f = ")
            .append(Format.serialFraction(result.serialFraction())).append(" (Karp–Flatt, from ")
            .append(Format.count(point.workers()))
            .append(' ').append(sweep.axis()).append(").\n\n"));
        List<String> headers = new ArrayList<>(List.of(sweep.axis(), "time", "range", "speedup", "ideal", "Amdahl",
            "efficiency"));
        result.comparisons().forEach(c -> headers.add(c.label() + " speedup"));
        Table table = Table.of(headers.toArray(String[]::new));
        for (Sweep.Row row : result.rows()) {
            List<Object> cells = new ArrayList<>(List.of(Format.count(row.workers()), Format.seconds(row.time().median()),
                Format.range(row.time()), Format.times(row.speedup()), Format.times(row.ideal()),
                Format.times(row.amdahl()), Format.fraction(row.efficiency())));
            for (Sweep.Comparison comparison : result.comparisons()) {
                Double speedup = comparison.speedups().get(row.workers());
                cells.add(speedup == null ? NOT_MEASURED : Format.times(speedup));
            }
            table.row(cells.toArray());
        }
        page.append(table.toMarkdown()).append('\n');
        for (Sweep.Comparison comparison : result.comparisons()) {
            comparison.notMeasured().ifPresent(why -> page.append(comparison.label()).append(": ")
                .append(NOT_MEASURED).append(" (").append(why).append(").\n\n"));
        }
        page.append("![").append(sweep.title()).append(": speedup vs ").append(sweep.axis()).append("](")
            .append(Charts.fileName(sweep)).append(")\n\n");
    }

    private static void costs(StringBuilder page, Results results) {
        page.append("## Cost per task\n\n");
        page.append("Trivial tasks (each returns its number; on the process pool, its square) through a pool: the "
            + "time of the whole batch divided by the tasks. This is what handing work to another thread or "
            + "process costs; a task must be much longer than this for the pool to pay.\n\n");
        Table table = Table.of("pool", "workers", "tasks", "per task", "note");
        for (Costs.Row row : results.costs()) {
            table.row(row.pool(), row.workers(), Format.count(row.tasks()),
                row.perTaskMicros().map(Format::micros).orElse(NOT_MEASURED), row.note().isEmpty() ? "" : row.note());
        }
        page.append(table.toMarkdown()).append('\n');
        Measurement start = results.processPoolStart();
        page.append("Starting a process pool of " + Costs.START_WORKERS + " worker JVMs (`prestart(true)`) until "
            + "its first result is back: " + Format.seconds(start.median()) + " (median of "
            + start.samples().size() + ", range " + Format.range(start) + "); closing each pool is not timed. "
            + "A thread pool starts in microseconds.\n\n");
    }

    private static void sideBySide(StringBuilder page, Results results) {
        page.append("## Side by side with Python\n\n");
        page.append("The seed's Python answers to the same questions, measured in the same run by the scripts in "
            + "`docs/python/`.\n\n");
        Table table = Table.of("question", "Java", "Python");
        int cores = results.machine().cores();
        find(results, "threads-cpu").ifPresent(cpu -> {
            Optional<Sweep.Row> atCores = cpu.rows().stream().filter(r -> r.workers() == cores).findFirst();
            String python = cpu.comparisons().stream().filter(c -> c.label().equals(PythonSide.THREADS)).findFirst()
                .map(c -> Optional.ofNullable(c.speedups().get(cores)).map(s -> Format.times(s) + " (threads: the GIL)")
                    .orElse(NOT_MEASURED + c.notMeasured().map(w -> " (" + w + ")").orElse("")))
                .orElse(NOT_MEASURED);
            table.row("CPU work on " + cores + " threads: speedup",
                atCores.map(r -> Format.times(r.speedup()) + " (platform threads)").orElse(NOT_MEASURED), python);
        });
        String javaCost = results.costs().stream().filter(c -> c.pool().startsWith("Java"))
            .map(c -> c.perTaskMicros().map(m -> Format.micros(m) + " (" + c.pool() + ")")
                .orElse(c.pool() + ": " + NOT_MEASURED))
            .reduce((a, b) -> a + "; " + b).orElse(NOT_MEASURED);
        String pythonCost = results.costs().stream().filter(c -> c.pool().startsWith("Python"))
            .map(c -> c.perTaskMicros().map(m -> Format.micros(m) + " (process pool)").orElse(c.note()))
            .findFirst().orElse(NOT_MEASURED);
        table.row("one trivial task through a pool", javaCost, pythonCost);
        Optional<Sweep.Result> virtual = find(results, "virtual-threads");
        Optional<Sweep.Result> timers = find(results, "completable-future-timers");
        Optional<Sweep.Row> largest = virtual.map(v -> v.rows().get(v.rows().size() - 1));
        largest.ifPresent(row -> {
            String java = Format.seconds(row.time().median()) + " (virtual threads)" + timers
                .flatMap(t -> t.rows().stream().filter(r -> r.workers() == row.workers()).findFirst())
                .map(r -> "; " + Format.seconds(r.time().median()) + " (CompletableFuture timers)").orElse("");
            String python = results.asyncio().run().map(a -> Format.seconds(a.wall()) + " (asyncio)")
                .orElse(NOT_MEASURED + " (" + results.asyncio().notMeasured() + ")");
            table.row(Format.count(row.workers()) + " waits of " + Format.seconds(virtual.get().sweep().sequentialWait()
                .orElseThrow()) + " at once: wall time", java, python);
            table.row("peak resident memory", results.javaPeakRssKib().map(k -> Format.mebibytes(k)
                    + " (the whole JVM over the whole run)").orElse("unknown"),
                results.asyncio().run().map(a -> Format.mebibytes(a.peakRssKib()) + " (the asyncio process)")
                    .orElse(NOT_MEASURED));
        });
        page.append(table.toMarkdown()).append('\n');
    }

    private static Optional<Sweep.Result> find(Results results, String slug) {
        return results.sweeps().stream().filter(r -> r.sweep().slug().equals(slug)).findFirst();
    }
}
