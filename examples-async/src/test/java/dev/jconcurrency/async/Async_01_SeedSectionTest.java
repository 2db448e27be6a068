package dev.jconcurrency.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.async.Async_01_SeedSection.Config;
import dev.jconcurrency.async.Async_01_SeedSection.Result;
import dev.jconcurrency.async.Async_01_SeedSection.Style;
import dev.jconcurrency.async.Async_01_SeedSection.TaskRun;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.testing.TrackingThreadFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The seed's asyncio section: its lines, its time, and who ran the tasks in each style. */
@Isolated
class Async_01_SeedSectionTest {

    private static final List<String> SEED_STARTS =
        List.of("Task 1: Starting async I/O", "Task 2: Starting async I/O", "Task 3: Starting async I/O");
    private static final Set<String> SEED_FINISHES =
        Set.of("Task 1: Finished after 1 sec", "Task 2: Finished after 1 sec", "Task 3: Finished after 1 sec");

    /**
     * The seed prints the banner, three start lines, three finish lines (in any order: tasks race) and the
     * total; each task's finish comes after its own start.
     */
    private static void assertSeedLines(List<String> lines, boolean startsInOrder) {
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).isEqualTo("=== ASYNCIO DEMO (HIGH CONCURRENCY I/O) ===");
        List<String> starts = lines.subList(1, 4);
        if (startsInOrder) {
            assertThat(starts).containsExactlyElementsOf(SEED_STARTS);
        } else {
            assertThat(starts).containsExactlyInAnyOrderElementsOf(SEED_STARTS);
        }
        assertThat(lines.subList(4, 7)).containsExactlyInAnyOrderElementsOf(SEED_FINISHES);
        assertThat(lines.get(7)).matches("Total time \\(asyncio\\): \\d+\\.\\d\\d sec");
    }

    private static void assertOverlapped(Result result) {
        long latestStart = result.tasks().stream().mapToLong(TaskRun::startNanos).max().orElseThrow();
        long earliestEnd = result.tasks().stream().mapToLong(TaskRun::endNanos).min().orElseThrow();
        assertThat(latestStart).as("every task started before any finished").isLessThan(earliestEnd);
        for (TaskRun task : result.tasks()) {
            assertThat(task.endNanos() - task.startNanos()).as("task %d waited its duration", task.task())
                .isGreaterThanOrEqualTo(result.config().duration().toNanos());
        }
    }

    @Test
    @Tag("timing")
    void seedSectionWithFuturesPrintsTheSeedLinesInAboutOneSecondOnOneLoopThread() throws Exception {
        Captured out = new Captured();
        TrackingThreadFactory loop = TrackingThreadFactory.platform("loop");

        Result result = Async_01_SeedSection.run(Config.SEED, Report.to(out.stream), loop);

        assertSeedLines(out.lines(), true);
        assertThat(result.total()).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1499));
        assertThat(result.tasks()).extracting(TaskRun::task).containsExactly(1, 2, 3);
        assertOverlapped(result);
        assertThat(loop.count()).as("one event-loop thread").isEqualTo(1);
        String loopThread = loop.threads().get(0).getName();
        assertThat(result.tasks()).allSatisfy(task -> {
            assertThat(task.startThread()).isEqualTo(loopThread);
            assertThat(task.endThread()).isEqualTo(loopThread);
        });
        assertThat(result.inChildJvm()).isFalse();
        loop.assertAllTerminated();
    }

    @Test
    @Tag("timing")
    void seedSectionWithVirtualThreadsPrintsTheSeedLinesInAboutOneSecondOnAThreadPerTask() throws Exception {
        Captured out = new Captured();
        TrackingThreadFactory threads = TrackingThreadFactory.virtual();

        Result result = Async_01_SeedSection.run(
            new Config(3, Duration.ofSeconds(1), Style.VIRTUAL, 0), Report.to(out.stream), threads);

        assertSeedLines(out.lines(), false);
        assertThat(result.total()).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1499));
        assertOverlapped(result);
        assertThat(threads.count()).as("one virtual thread per task").isEqualTo(3);
        assertThat(result.tasks().stream().map(TaskRun::startThread).collect(Collectors.toSet()))
            .containsExactlyInAnyOrderElementsOf(threads.threads().stream().map(Thread::getName).toList());
        assertThat(result.tasks()).allSatisfy(task -> assertThat(task.endThread()).isEqualTo(task.startThread()));
        threads.assertAllTerminated();
    }

    @Test
    void theDurationAndTaskCountShowInTheLines() throws Exception {
        Captured out = new Captured();
        TrackingThreadFactory loop = TrackingThreadFactory.platform("loop");

        Async_01_SeedSection.run(new Config(5, Delays.SHORT, Style.FUTURES, 2), Report.to(out.stream), loop);

        List<String> lines = out.lines();
        assertThat(lines).hasSize(1 + 5 + 5 + 1);
        assertThat(lines).contains("Task 5: Starting async I/O",
            "Task 5: Finished after " + Report.duration(Delays.SHORT));
        assertThat(loop.count()).as("--carriers 2 gives the loop two threads").isEqualTo(2);
        loop.assertAllTerminated();
    }

    /** The carrier count is fixed when a JVM starts, so another count means a child JVM with that setting. */
    @Test
    @Tag("slow")
    void virtualStyleWithADifferentCarrierCountRunsInAChildJvmAndRelaysItsLines() throws Exception {
        Captured out = new Captured();
        int carriers = Async_01_SeedSection.carriersHere() == 1 ? 2 : 1;

        Result result = Async_01_SeedSection.run(new Config(3, Delays.SMALL, Style.VIRTUAL, carriers),
            Report.to(out.stream), TrackingThreadFactory.virtual());

        assertThat(result.inChildJvm()).isTrue();
        List<String> lines = out.lines();
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).isEqualTo("=== ASYNCIO DEMO (HIGH CONCURRENCY I/O) ===");
        assertThat(lines.subList(4, 7)).allMatch(line -> line.endsWith("Finished after " + Report.duration(Delays.SMALL)));
        assertThat(result.tasks()).extracting(TaskRun::task).containsExactlyInAnyOrder(1, 2, 3);
        assertOverlapped(result);
        assertThat(result.total()).isGreaterThanOrEqualTo(Delays.SMALL).isLessThan(Delays.LONG);
    }

    @Test
    void badConfigValuesAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> new Config(0, Duration.ofSeconds(1), Style.FUTURES, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("tasks must be positive: 0");
        assertThatThrownBy(() -> new Config(3, Duration.ofSeconds(-1), Style.FUTURES, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("duration must not be negative: PT-1S");
        assertThatThrownBy(() -> new Config(3, Duration.ofSeconds(1), Style.FUTURES, -1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("carriers must not be negative: -1");
        assertThatThrownBy(() -> new Config(3, null, Style.FUTURES, 0))
            .isInstanceOf(NullPointerException.class).hasMessage("duration");
        assertThatThrownBy(() -> Async_01_SeedSection.run(null, Report.to(System.out)))
            .isInstanceOf(NullPointerException.class).hasMessage("config");
    }

    @Test
    void badOptionGivesExitCode2AndOneLine() throws Exception {
        Captured out = new Captured();
        Captured err = new Captured();

        int code = Async_01_SeedSection.play(new String[] {"--style", "threads"}, out.stream, err.stream);

        assertThat(code).isEqualTo(2);
        assertThat(err.lines()).singleElement().asString()
            .contains("--style").contains("futures, virtual");
        assertThat(out.text()).isEmpty();
    }
}
