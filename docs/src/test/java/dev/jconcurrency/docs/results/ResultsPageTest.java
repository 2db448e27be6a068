package dev.jconcurrency.docs.results;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The regenerate command end to end, on a quick run: the page, a valid chart per model, a line per measurement. */
@Tag("slow")
class ResultsPageTest {

    /** See {@link JdkSingletons}: started before the leak extension's snapshot, when JUnit reads this field. */
    @RegisterExtension
    static final Extension JDK_SINGLETONS_ALREADY_RUNNING = JdkSingletons.start();

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final List<String> CHARTS = List.of("results-threads-io.png", "results-threads-cpu.png",
        "results-virtual-threads.png", "results-completable-future-timers.png", "results-fork-join.png",
        "results-process-pool.png");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path outDir;

    @Test
    void aQuickRunWithoutPythonWritesThePageAValidChartPerModelAndALinePerMeasurement() throws Exception {
        int code = run(Optional.empty(), "--quick", "--out", outDir.toString());

        assertThat(code).isZero();
        assertThat(err.toString(UTF_8)).isEmpty();
        int cores = Runtime.getRuntime().availableProcessors();
        // I/O pools 1, 2, 4; 2 × cores points on each CPU sweep; 2 scales each for virtual threads and timers;
        // 2 × cores on the process pool; then the cost per task of the thread pool, virtual threads and the
        // process pool (submit and map), and the process pool's start. Python adds nothing when absent.
        int measurements = 3 + 2 * cores + 2 + 2 + 2 * cores + 2 * cores + 4 + 1;
        List<String> progress = out.toString(UTF_8).lines().filter(line -> line.startsWith("[")).toList();
        assertThat(progress).hasSize(measurements);
        assertThat(IntStream.range(0, measurements)).allSatisfy(i ->
            assertThat(progress.get(i)).startsWith("[" + (i + 1) + "/" + measurements + "] "));
        assertThat(progress.get(0)).startsWith("[1/" + measurements + "] Threads on I/O, threads: 1: ");

        assertThat(outDir).isDirectoryContaining("glob:**/results.md");
        for (String chart : CHARTS) {
            byte[] png = Files.readAllBytes(outDir.resolve(chart));
            assertThat(png).as(chart).startsWith(PNG_SIGNATURE);
            BufferedImage image = ImageIO.read(outDir.resolve(chart).toFile());
            assertThat(image).as(chart).isNotNull();
            assertThat(List.of(image.getWidth(), image.getHeight())).as(chart)
                .containsExactly(Charts.WIDTH, Charts.HEIGHT);
        }

        Markdown page = new Markdown(Files.readString(outDir.resolve("results.md")));
        assertThat(page.headings()).containsExactly("# Measured results", "## The machine", "## Threads on I/O",
            "## Threads on CPU", "## Virtual threads on I/O at scale", "## CompletableFuture timers",
            "## Fork/join on CPU", "## Process pool on CPU (child JVMs)", "## Cost per task",
            "## Side by side with Python");
        List<List<String>> machine = page.table("## The machine");
        assertThat(machine).contains(List.of("cores", Integer.toString(cores)),
            List.of("Python", "not measured: no python3 on the PATH"));
        assertThat(Markdown.column(machine, "value")).anySatisfy(v -> assertThat(v).startsWith(Runtime.version() + " ("));
        assertThat(page.images()).extracting(link -> link.substring(link.indexOf("](") + 2, link.length() - 1))
            .containsExactlyElementsOf(CHARTS);
        assertThat(Markdown.column(page.table("## Threads on I/O"), "ideal")).containsExactly("1.00×", "2.00×", "4.00×");
        List<String> cpuIdeal = new ArrayList<>();
        for (int threads = 1; threads <= 2 * cores; threads++) {
            cpuIdeal.add(Format.times(Math.min(threads, cores)));
        }
        assertThat(Markdown.column(page.table("## Threads on CPU"), "ideal")).containsExactlyElementsOf(cpuIdeal);
        assertThat(Markdown.column(page.table("## Process pool on CPU (child JVMs)"), "ideal"))
            .containsExactlyElementsOf(cpuIdeal);
        assertThat(Markdown.column(page.table("## Cost per task"), "pool")).containsExactly("Java thread pool",
            "Java virtual thread per task", "Java process pool (child JVMs), submit",
            "Java process pool (child JVMs), map", "Python ProcessPoolExecutor");
        assertThat(Markdown.column(page.table("## Cost per task"), "per task")).satisfiesExactly(
            threads -> assertThat(threads).endsWith(" µs"), virtual -> assertThat(virtual).endsWith(" µs"),
            submit -> assertThat(submit).endsWith(" µs"), map -> assertThat(map).endsWith(" µs"),
            python -> assertThat(python).isEqualTo(Page.NOT_MEASURED));
        assertThat(page.section("## Cost per task")).anySatisfy(line -> assertThat(line)
            .matches("Starting a process pool of 2 worker JVMs \\(`prestart\\(true\\)`\\) until its first result "
                + "is back: \\d+\\.\\d{3} s \\(median of 1, range \\d+\\.\\d{3} s\\); closing each pool is not "
                + "timed\\. A thread pool starts in microseconds\\."));
        assertThat(Markdown.column(page.table("## Threads on CPU"), "Python threads speedup"))
            .containsOnly(Page.NOT_MEASURED).hasSize(2 * cores);
        assertThat(Markdown.column(page.table("## Side by side with Python"), "Python"))
            .allSatisfy(cell -> assertThat(cell).startsWith(Page.NOT_MEASURED));
    }

    @Test
    void aQuickRunWithPythonFillsThePythonColumns() throws Exception {
        Optional<Path> python3 = Python.onPath(System.getenv("PATH"));
        assumeThat(python3).as("python3 on the PATH").isPresent();

        int code = run(python3, "--quick", "--out", outDir.toString());

        assertThat(code).isZero();
        assertThat(out.toString(UTF_8).lines()).anySatisfy(l -> assertThat(l).contains("] Python asyncio, 1,000 waits: "));
        Markdown page = new Markdown(Files.readString(outDir.resolve("results.md")));
        assertThat(Markdown.column(page.table("## The machine"), "value")).anySatisfy(v ->
            assertThat(v).startsWith("Python 3.").endsWith("(" + python3.get() + ")"));
        assertThat(Markdown.column(page.table("## Threads on CPU"), "Python threads speedup"))
            .allSatisfy(cell -> assertThat(cell).matches("\\d+\\.\\d\\d×"));
        assertThat(Markdown.column(page.table("## Side by side with Python"), "Python")).satisfiesExactly(
            cpu -> assertThat(cpu).endsWith("× (threads: the GIL)"),
            cost -> assertThat(cost).endsWith(" µs (process pool)"),
            waits -> assertThat(waits).endsWith(" s (asyncio)"),
            memory -> assertThat(memory).endsWith(" MiB (the asyncio process)"));
    }

    private int run(Optional<Path> python, String... args) throws Exception {
        return ResultsPage.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8), python,
            Path.of("").toAbsolutePath());
    }
}
