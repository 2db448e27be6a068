package dev.jconcurrency.docs.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jconcurrency.core.timing.Measurement;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The page's structure and figures, from fixed measurements (no timing, no charts drawn). */
class PageTest {

    private static final int CORES = 2;
    private static final Plan PLAN = Plan.full(CORES);
    private static final String JAVA_COSTS = "2.50 µs (Java thread pool); 14.0 µs (Java process pool (child JVMs), "
        + "submit); 0.65 µs (Java process pool (child JVMs), map)";

    @Test
    void thePageStartsWithTheCommandAndTheMachineThenHasOneSectionPerModel() {
        Markdown page = new Markdown(Page.render(results(Optional.of("0.10 0.20 0.30"), false)));

        assertThat(page.headings()).containsExactly(
            "# Measured results",
            "## The machine",
            "## Threads on I/O",
            "## Threads on CPU",
            "## Virtual threads on I/O at scale",
            "## CompletableFuture timers",
            "## Fork/join on CPU",
            "## Process pool on CPU (child JVMs)",
            "## Cost per task",
            "## Side by side with Python");
        assertThat(page.section("# Measured results")).contains("```", Page.COMMAND);
        assertThat(Page.COMMAND).isEqualTo("mvn -q -pl docs -am package -DskipTests -Dresults");
        assertThat(page.table("## The machine")).containsExactly(
            List.of("what", "value"),
            List.of("cores", "2"),
            List.of("CPU", "Test CPU"),
            List.of("memory", "24.0 GiB"),
            List.of("OS", "Linux 6.1 amd64"),
            List.of("JDK", "25.0.3+9-LTS (Vendor, VM)"),
            List.of("Python", "not measured: no python3 on the PATH"),
            List.of("date", "2025-05-02 14:03 UTC"),
            List.of("run", "full: 1 warm-up, then the median of 5 timed runs per point, in rounds of one run per "
                + "point"),
            List.of("load average", "0.10 0.20 0.30 at the start, 1.50 0.80 0.40 at the end (1, 5, 15 minutes)"));
        assertThat(page.section("## The machine")).noneMatch(line -> line.startsWith("> **Note:**"));
        assertThat(page.images()).containsExactly(
            "![Threads on I/O: speedup vs threads](results-threads-io.png)",
            "![Threads on CPU: speedup vs threads](results-threads-cpu.png)",
            "![Virtual threads on I/O at scale: speedup vs waits](results-virtual-threads.png)",
            "![CompletableFuture timers: speedup vs futures](results-completable-future-timers.png)",
            "![Fork/join on CPU: speedup vs workers](results-fork-join.png)",
            "![Process pool on CPU (child JVMs): speedup vs workers](results-process-pool.png)");
    }

    @Test
    void eachModelsTableSetsTheSpeedupAgainstItsIdealAndAmdahl() {
        Markdown page = new Markdown(Page.render(results(Optional.of("0.10 0.20 0.30"), false)));

        assertThat(page.table("## Threads on I/O")).containsExactly(
            List.of("threads", "time", "range", "speedup", "ideal", "Amdahl", "efficiency"),
            List.of("1", "1.600 s", "1.590–1.610 s", "1.00×", "1.00×", "1.00×", "1.000"),
            List.of("2", "0.800 s", "0.790–0.810 s", "2.00×", "2.00×", "2.00×", "1.000"),
            List.of("4", "0.400 s", "0.390–0.410 s", "4.00×", "4.00×", "4.00×", "1.000"),
            List.of("8", "0.200 s", "0.190–0.210 s", "8.00×", "8.00×", "8.00×", "1.000"),
            List.of("16", "0.100 s", "0.090–0.110 s", "16.00×", "16.00×", "16.00×", "1.000"));
        // 2 threads: S = 1 / 0.6, so f = 0.2 and Amdahl on 2 cores stays at 1.67 however many threads.
        assertThat(page.section("## Threads on CPU")).contains("Serial fraction f = 0.200 (Karp–Flatt, from 2 threads).",
            "Python threads: not measured (no python3 on the PATH).");
        assertThat(page.table("## Threads on CPU")).containsExactly(
            List.of("threads", "time", "range", "speedup", "ideal", "Amdahl", "efficiency", "Python threads speedup"),
            List.of("1", "1.000 s", "0.990–1.010 s", "1.00×", "1.00×", "1.00×", "1.000", "not measured"),
            List.of("2", "0.600 s", "0.590–0.610 s", "1.67×", "2.00×", "1.67×", "0.833", "not measured"),
            List.of("3", "0.550 s", "0.540–0.560 s", "1.82×", "2.00×", "1.67×", "0.909", "not measured"),
            List.of("4", "0.520 s", "0.510–0.530 s", "1.92×", "2.00×", "1.67×", "0.962", "not measured"));
        // 1,000 waits of 1 s in 1.01 s: S = 990.1, so f = (1/990.1 - 1/1000) / (1 - 1/1000) = 1.0e-05.
        assertThat(page.section("## Virtual threads on I/O at scale"))
            .contains("Serial fraction f = 1.0e-05 (Karp–Flatt, from 1,000 waits).");
        // 2 workers in 0.48 s: superlinear, a negative fraction, shown as no serial work at all.
        assertThat(page.section("## Fork/join on CPU")).contains("Serial fraction f = 0 (Karp–Flatt, from 2 workers).");
        // 2 worker JVMs: S = 1 / 0.55, so f = (0.55 - 0.5) / 0.5 = 0.1, Amdahl 1 / (0.1 + 0.9 / 2) = 1.82.
        assertThat(page.section("## Process pool on CPU (child JVMs)"))
            .contains("Serial fraction f = 0.100 (Karp–Flatt, from 2 workers).")
            .anyMatch(line -> line.contains("the times leave out the JVMs' start-up"));
        assertThat(page.table("## Process pool on CPU (child JVMs)")).containsExactly(
            List.of("workers", "time", "range", "speedup", "ideal", "Amdahl", "efficiency"),
            List.of("1", "1.100 s", "1.090–1.110 s", "1.00×", "1.00×", "1.00×", "1.000"),
            List.of("2", "0.605 s", "0.595–0.615 s", "1.82×", "2.00×", "1.82×", "0.909"),
            List.of("3", "0.660 s", "0.650–0.670 s", "1.67×", "2.00×", "1.82×", "0.833"),
            List.of("4", "0.550 s", "0.540–0.560 s", "2.00×", "2.00×", "1.82×", "1.000"));
        assertThat(Markdown.column(page.table("## Virtual threads on I/O at scale"), "speedup"))
            .containsExactly("990×", "9,091×", "66,667×");
        assertThat(Markdown.column(page.table("## Virtual threads on I/O at scale"), "ideal"))
            .containsExactly("1,000×", "10,000×", "100,000×");
    }

    @Test
    void withoutPythonEveryPythonFigureSaysNotMeasured() {
        Markdown page = new Markdown(Page.render(results(Optional.of("0.10 0.20 0.30"), false)));

        assertThat(page.table("## Cost per task")).containsExactly(
            List.of("pool", "workers", "tasks", "per task", "note"),
            List.of("Java thread pool", "2", "100,000", "2.50 µs", ""),
            List.of("Java process pool (child JVMs), submit", "2", "100,000", "14.0 µs", "every task submitted"),
            List.of("Java process pool (child JVMs), map", "2", "100,000", "0.65 µs", "chunks of 100"),
            List.of("Python ProcessPoolExecutor", "2", "100,000", "not measured", "not measured: no python3 on the PATH"));
        assertThat(page.section("## Cost per task")).contains("Starting a process pool of 2 worker JVMs "
            + "(`prestart(true)`) until its first result is back: 0.085 s (median of 3, range 0.075–0.095 s); "
            + "closing each pool is not timed. A thread pool starts in microseconds.");
        assertThat(page.table("## Side by side with Python")).containsExactly(
            List.of("question", "Java", "Python"),
            List.of("CPU work on 2 threads: speedup", "1.67× (platform threads)",
                "not measured (no python3 on the PATH)"),
            List.of("one trivial task through a pool", JAVA_COSTS, "not measured: no python3 on the PATH"),
            List.of("100,000 waits of 1.000 s at once: wall time", "1.500 s (virtual threads); 1.200 s "
                + "(CompletableFuture timers)", "not measured (no python3 on the PATH)"),
            List.of("peak resident memory", "300 MiB (the whole JVM over the whole run)", "not measured"));
    }

    @Test
    void withPythonItsFiguresStandBesideJavas() {
        Markdown page = new Markdown(Page.render(results(Optional.of("0.10 0.20 0.30"), true)));

        assertThat(page.table("## The machine")).contains(List.of("Python", "Python 3.11.7 (/usr/bin/python3)"));
        assertThat(Markdown.column(page.table("## Threads on CPU"), "Python threads speedup"))
            .containsExactly("1.00×", "0.95×", "0.90×", "0.91×");
        assertThat(page.section("## Threads on CPU")).noneMatch(line -> line.startsWith("Python threads: not"));
        assertThat(page.table("## Side by side with Python")).containsExactly(
            List.of("question", "Java", "Python"),
            List.of("CPU work on 2 threads: speedup", "1.67× (platform threads)", "0.95× (threads: the GIL)"),
            List.of("one trivial task through a pool", JAVA_COSTS, "80.0 µs (process pool)"),
            List.of("100,000 waits of 1.000 s at once: wall time", "1.500 s (virtual threads); 1.200 s "
                + "(CompletableFuture timers)", "2.190 s (asyncio)"),
            List.of("peak resident memory", "300 MiB (the whole JVM over the whole run)",
                "173 MiB (the asyncio process)"));
    }

    @Test
    void aBusyMachineOrAQuickRunIsSaidAboveTheFigures() {
        Markdown busy = new Markdown(Page.render(results(Optional.of("1.20 0.80 0.50"), false)));

        assertThat(busy.section("## The machine")).contains("> **Note:** the load average was already 1.20 on 2 "
            + "cores when the run started: other work was competing for the CPUs (a shared machine), so the CPU "
            + "speedups here may be lower than this machine gives when idle; re-run when it is quiet.");
    }

    private static Page.Results results(Optional<String> startLoad, boolean python) {
        Machine machine = new Machine(CORES, Optional.of(24L << 30), Optional.of("Test CPU"), "Linux 6.1 amd64",
            "25.0.3+9-LTS (Vendor, VM)", ZonedDateTime.of(2025, 5, 2, 14, 3, 0, 0, ZoneId.of("UTC")), startLoad);
        Sweep.Comparison threads = python
            ? new Sweep.Comparison(PythonSide.THREADS, Map.of(1, 1.0, 2, 0.95, 3, 0.90, 4, 0.91), Optional.empty())
            : Sweep.Comparison.notMeasured(PythonSide.THREADS, "no python3 on the PATH");
        List<Sweep.Result> sweeps = List.of(
            Sweeps.threadsOnIo(PLAN).result(times(1600, 800, 400, 200, 100)),
            Sweeps.threadsOnCpu(PLAN, CORES).result(times(1000, 600, 550, 520)).with(threads),
            Sweeps.virtualThreadsAtScale(PLAN).result(times(1010, 1100, 1500)),
            Sweeps.completableFutureTimers(PLAN).result(times(1005, 1050, 1200)),
            Sweeps.forkJoinOnCpu(PLAN, CORES).result(times(1000, 480, 540, 530)),
            Sweeps.processPoolOnCpu(PLAN, CORES).result(times(1100, 605, 660, 550)));
        List<Costs.Row> costs = List.of(
            new Costs.Row("Java thread pool", "2", 100_000, Optional.of(2.5), ""),
            new Costs.Row("Java process pool (child JVMs), submit", "2", 100_000, Optional.of(14.0),
                "every task submitted"),
            new Costs.Row("Java process pool (child JVMs), map", "2", 100_000, Optional.of(0.65), "chunks of 100"),
            python
                ? new Costs.Row("Python ProcessPoolExecutor", "2", 100_000, Optional.of(80.0), "workers started")
                : new Costs.Row("Python ProcessPoolExecutor", "2", 100_000, Optional.empty(),
                    "not measured: no python3 on the PATH"));
        PythonSide.AsyncioOutcome asyncio = python
            ? new PythonSide.AsyncioOutcome(Optional.of(new PythonSide.Asyncio(100_000, 1.0, 2.19, 177_472)), "")
            : new PythonSide.AsyncioOutcome(Optional.empty(), "no python3 on the PATH");
        return new Page.Results(machine, PLAN, Optional.of("1.50 0.80 0.40"),
            python ? "Python 3.11.7 (/usr/bin/python3)" : "not measured: no python3 on the PATH", sweeps,
            costs, times(85).get(0), asyncio, Optional.of(300L * 1024));
    }

    /** Three runs per point: the median given, and 10 ms either side. */
    private static List<Measurement> times(long... medians) {
        return Arrays.stream(medians).mapToObj(m -> new Measurement(List.of(Duration.ofMillis(m - 10),
            Duration.ofMillis(m), Duration.ofMillis(m + 10)))).toList();
    }
}
