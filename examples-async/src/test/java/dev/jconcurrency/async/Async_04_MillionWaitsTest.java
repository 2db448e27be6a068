package dev.jconcurrency.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.async.Async_04_MillionWaits.Config;
import dev.jconcurrency.async.Async_04_MillionWaits.Row;
import dev.jconcurrency.async.Async_04_MillionWaits.Style;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.testing.TrackingThreadFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Many concurrent waits, four ways: all overlap; what each costs is the lesson's table, not asserted here. */
@Isolated
class Async_04_MillionWaitsTest {

    /** TESTING.md: 1,000 virtual threads × 200 ms measured 518–947× under load; we assert 100×. */
    @Test
    @Tag("timing")
    void aThousandVirtualThreadWaitsOverlapForAtLeastAHundredfoldSpeedup() throws Exception {
        TrackingThreadFactory threads = TrackingThreadFactory.virtual();

        Row row = Async_04_MillionWaits.measure(Style.VIRTUAL_THREADS, 1_000, Delays.SMALL, threads);

        assertThat(row.maxInFlight()).as("all 1,000 waiting at once").isEqualTo(1_000);
        assertThat(row.speedup()).as("speedup over 1,000 waits in a row (wall %s)", row.wall())
            .isGreaterThanOrEqualTo(100);
        assertThat(row.wall()).isGreaterThanOrEqualTo(Delays.SMALL);
        assertThat(threads.count()).as("one virtual thread per wait").isEqualTo(1_000);
        threads.assertAllTerminated();
    }

    @Test
    void timerBasedFuturesHoldAllTheirWaitsAtOnceOnOneTimerThread() throws Exception {
        for (Style style : List.of(Style.SCHEDULED_FUTURES, Style.WHEEL_FUTURES)) {
            TrackingThreadFactory timer = TrackingThreadFactory.platform("timer");

            Row row = Async_04_MillionWaits.measure(style, 10_000, Delays.SMALL, timer);

            assertThat(row.maxInFlight()).as("%s: all waiting at once", style).isEqualTo(10_000);
            assertThat(row.wall()).as("%s: no wait ends early", style).isGreaterThanOrEqualTo(Delays.SMALL);
            assertThat(timer.count()).as("%s: one timer thread for all the waits", style).isEqualTo(1);
            timer.assertAllTerminated();
        }
    }

    @Test
    void platformThreadsHoldOneThreadPerWait() throws Exception {
        TrackingThreadFactory threads = TrackingThreadFactory.platform("waiter");

        Row row = Async_04_MillionWaits.measure(Style.PLATFORM_THREADS, 50, Delays.SMALL, threads);

        assertThat(threads.count()).isEqualTo(50);
        assertThat(row.maxInFlight()).as("50 threads started well within one wait").isEqualTo(50);
        assertThat(row.peakOsThreads()).as("the JVM's peak thread count includes the 50").isGreaterThanOrEqualTo(50);
        threads.assertAllTerminated();
    }

    /**
     * Each row in its own JVM, so that its peak RSS is its own; a row above the platform cap is skipped and
     * the table says so.
     */
    @Test
    @Tag("slow")
    void theLessonMeasuresEachRowInAChildJvmAndSkipsPlatformRowsAboveTheCap() throws Exception {
        Captured out = new Captured();
        Config config = new Config(List.of(1_000), Delays.SHORT,
            List.of(Style.PLATFORM_THREADS, Style.WHEEL_FUTURES), 100, null);

        List<Row> rows = Async_04_MillionWaits.run(config, Report.to(out.stream));

        assertThat(rows).extracting(Row::style).containsExactly(Style.PLATFORM_THREADS, Style.WHEEL_FUTURES);
        assertThat(rows.get(0).ran()).isFalse();
        Row wheel = rows.get(1);
        assertThat(wheel.ran()).isTrue();
        assertThat(wheel.maxInFlight()).isEqualTo(1_000);
        assertThat(wheel.wall()).isGreaterThanOrEqualTo(Delays.SHORT);
        if (Files.exists(Path.of("/proc/self/status"))) {
            assertThat(wheel.peakRssBytes()).as("peak RSS read from the child's VmHWM").isPositive();
        }
        assertThat(wheel.peakOsThreads()).as("a handful of JVM threads, not one per wait").isLessThan(100);
        assertThat(out.lines()).anyMatch(line -> line.startsWith("platform threads") && line.contains("skipped"))
            .anyMatch(line -> line.startsWith("futures, timing wheel") && line.contains("1,000"))
            .anyMatch(line -> line.startsWith("skipped: N is above --platform-cap (100)"));
    }

    @Test
    void theRowsAreTenThousandToAMillionUpToTheMaximum() {
        assertThat(Async_04_MillionWaits.counts(1_000_000)).containsExactly(10_000, 100_000, 1_000_000);
        assertThat(Async_04_MillionWaits.counts(100_000)).containsExactly(10_000, 100_000);
        assertThat(Async_04_MillionWaits.counts(5_000)).containsExactly(5_000);
        assertThat(Async_04_MillionWaits.counts(2_000_000)).containsExactly(10_000, 100_000, 1_000_000, 2_000_000);
    }

    @Test
    void badArgumentsAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> Async_04_MillionWaits.measure(Style.WHEEL_FUTURES, 0, Delays.SHORT,
            TrackingThreadFactory.platform("timer")))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("n must be positive: 0");
        assertThatThrownBy(() -> new Config(List.of(0), Delays.SHORT, List.of(Style.values()), 1, null))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("counts must be positive and not empty: [0]");
        assertThatThrownBy(() -> new Config(List.of(1), Delays.SHORT, List.of(Style.values()), 0, null))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("platformCap must be positive: 0");
    }
}
