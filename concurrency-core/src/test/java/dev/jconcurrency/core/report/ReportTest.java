package dev.jconcurrency.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A report prints the seed's lines exactly, and whole lines only, however many threads print at once. */
class ReportTest {

    private static final String NL = System.lineSeparator();

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final Report report = Report.to(new PrintStream(buffer, false, StandardCharsets.UTF_8));

    private String printed() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void bannerIsTheTitleBetweenThreeEqualsSigns() {
        report.banner("THREADING DEMO (I/O-BOUND)");

        assertThat(printed()).isEqualTo("=== THREADING DEMO (I/O-BOUND) ===" + NL);
        assertThat(Report.bannerText("MULTIPROCESSING DEMO (CPU-BOUND)"))
            .isEqualTo("=== MULTIPROCESSING DEMO (CPU-BOUND) ===");
    }

    @Test
    void totalTimeNamesTheModelAndGivesSecondsToTwoDecimals() {
        report.totalTime("threading", Duration.ofMillis(1010));
        report.totalTime("multiprocessing", Duration.ofMillis(2_345));

        assertThat(printed()).isEqualTo("Total time (threading): 1.01 sec" + NL
            + "Total time (multiprocessing): 2.35 sec" + NL);
    }

    @Test
    void timeLabelsTheSecondsAsTheFuturesSectionDoes() {
        report.time("Thread", Duration.ofMillis(1010));
        report.time("Process", Duration.ofMillis(999));

        assertThat(printed()).isEqualTo("Thread time: 1.01 sec" + NL + "Process time: 1.00 sec" + NL);
    }

    @Test
    void resultsListTheValuesWithOrWithoutALabel() {
        BigInteger sum = new BigInteger("333332833333500000");
        report.results(null, List.of(sum, sum));
        report.results("", List.of());
        report.results("Thread", List.of(0, 1, 4));

        assertThat(printed()).isEqualTo("Results: [333332833333500000, 333332833333500000]" + NL
            + "Results: []" + NL
            + "Thread results: [0, 1, 4]" + NL);
    }

    @Test
    void lineAndBlankWriteOneLineEach() {
        report.line("Thread 0: Starting I/O operation");
        report.blank();
        report.line("");

        assertThat(printed()).isEqualTo("Thread 0: Starting I/O operation" + NL + NL + NL);
    }

    @ParameterizedTest(name = "{0} ns prints as ''{1}''")
    @CsvSource({
        "0, 0.00 sec",
        "1010000000, 1.01 sec",
        "1004999999, 1.00 sec",
        "1005000000, 1.01 sec",    // an exact half rounds up
        "999000000, 1.00 sec",
        "994999999, 0.99 sec",
        "12345000000, 12.35 sec",
        "61000000000, 61.00 sec",
        "4000000, 0.00 sec",
        "5000000, 0.01 sec",
    })
    void secondsRoundsToTwoDecimals(long nanos, String expected) {
        assertThat(Report.seconds(Duration.ofNanos(nanos))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ms prints as ''{1}''")
    @CsvSource({
        "1000, 1 sec",
        "200, 0.2 sec",
        "1500, 1.5 sec",
        "0, 0 sec",
        "1234, 1.234 sec",
        "60000, 60 sec",
        "100, 0.1 sec",
        "1, 0.001 sec",
    })
    void durationPrintsAConfiguredDurationWithoutTrailingZeros(long millis, String expected) {
        assertThat(Report.duration(Duration.ofMillis(millis))).isEqualTo(expected);
    }

    @Test
    void durationDropsWhatIsBelowAMillisecond() {
        assertThat(Report.duration(Duration.ofNanos(1_999_999))).isEqualTo("0.001 sec");
    }

    /**
     * The seed's own sample output shows two lines glued together. Here 16 threads, released together by a
     * barrier, print 2,000 lines each through one report: every line that comes out is exactly one of the lines
     * written, whole, and each appears once.
     */
    @Test
    void manyThreadsPrintingAtOnceNeverGlueOrSplitLines() throws Exception {
        int threads = 16;
        int linesEach = 2_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<String> expected = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < linesEach; i++) {
                expected.add(lineOf(t, i));
            }
        }

        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> printers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                printers.add(pool.submit(() -> {
                    Waits.await(start);
                    for (int i = 0; i < linesEach; i++) {
                        report.line(lineOf(thread, i));
                    }
                    return null;
                }));
            }
            for (Future<?> printer : printers) {
                printer.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        String output = printed();
        assertThat(output).endsWith(NL);
        List<String> lines = new ArrayList<>(List.of(output.substring(0, output.length() - NL.length()).split(NL, -1)));
        assertThat(lines).hasSize(threads * linesEach);
        // Sorted and compared whole: the same as "each expected line exactly once", in linear-ish time.
        lines.sort(null);
        expected.sort(null);
        assertThat(lines).isEqualTo(expected);
    }

    /** Lines of different lengths, so a glued or split line could not pass for another one. */
    private static String lineOf(int thread, int index) {
        return String.format(Locale.ROOT, "Thread %02d: line %04d %s", thread, index,
            "x".repeat((thread * 7 + index) % 90));
    }
}
