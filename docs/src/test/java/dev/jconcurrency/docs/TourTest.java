package dev.jconcurrency.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tour plays the seed's four sections in the seed's order, through each module's own section code. */
class TourTest {

    record Played(int code, List<String> out, List<String> err) {
    }

    static Played play(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Tour.run(args, o, e);
        }
        return new Played(code, lines(out), lines(err));
    }

    private static List<String> lines(ByteArrayOutputStream bytes) {
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\\R", -1)).subList(0, text.split("\\R", -1).length - 1);
    }

    @Test
    @Tag("timing")
    void theTourPlaysTheFourSeedSectionsInTheSeedsOrderWithTheSeedsValues() throws Exception {
        Played played = play("--duration", "200ms");

        assertThat(played.code()).isZero();
        assertThat(played.err()).isEmpty();
        List<String> banners = played.out().stream().filter(l -> l.startsWith("=== ")).toList();
        assertThat(banners).containsExactly(
            "=== JAVA CONCURRENCY & PARALLELISM DEMO ===",
            "=== THREADING DEMO (I/O-BOUND) ===",
            "=== MULTIPROCESSING DEMO (CPU-BOUND) ===",
            "=== ASYNCIO DEMO (HIGH CONCURRENCY I/O) ===",
            "=== CONCURRENT.FUTURES DEMO ===");
        assertThat(played.out())
            .contains("Results: [333332833333500000, 333332833333500000, 333332833333500000]")
            .contains("Thread results: [0, 1, 4]")
            .contains("Thread 2: Finished after 0.2 sec", "Task 3: Finished after 0.2 sec");
        assertThat(played.out().stream().filter(l -> l.startsWith("Total time (")).map(l -> l.replaceAll(":.*", "")))
            .containsExactly("Total time (threading)", "Total time (multiprocessing)", "Total time (asyncio)");
    }

    @Test
    void oneSectionCanBePlayedAloneAndGetsOnlyTheOptionsItUnderstands() throws Exception {
        Played played = play("--section", "asyncio", "--tasks", "2", "--duration", "50ms", "--size", "1000",
            "--type", "cpu", "--workers", "1");

        assertThat(played.code()).isZero();
        assertThat(played.err()).isEmpty();
        assertThat(played.out().stream().filter(l -> l.startsWith("=== ")))
            .containsExactly("=== JAVA CONCURRENCY & PARALLELISM DEMO ===", "=== ASYNCIO DEMO (HIGH CONCURRENCY I/O) ===");
        assertThat(played.out().stream().filter(l -> l.startsWith("Task ")))
            .containsExactlyInAnyOrder("Task 1: Starting async I/O", "Task 2: Starting async I/O",
                "Task 1: Finished after 0.05 sec", "Task 2: Finished after 0.05 sec");
    }

    @Test
    void everyLessonOfEveryModuleIsKnownToTheTourInModuleOrder() {
        List<String> modules = Tour.SECTIONS.stream().map(Tour.Section::name).toList();
        assertThat(modules).containsExactly("threading", "multiprocessing", "asyncio", "futures");
        for (Tour.Section section : Tour.SECTIONS) {
            List<Class<?>> lessons = section.lessons().get();
            assertThat(lessons).as(section.name()).isNotEmpty();
            assertThat(lessons.get(0).getSimpleName()).as(section.name()).endsWith("_01_SeedSection");
        }
    }

    @Test
    void forwardedKeepsOnlyTheOptionsASectionUnderstandsInBothSpellings() {
        String[] args = {"--tasks", "5", "--size=1000", "--all", "--type", "cpu", "--duration=2s", "--section", "all"};

        assertThat(Tour.forwarded(args, java.util.Set.of("tasks", "duration")))
            .containsExactly("--tasks", "5", "--duration=2s");
        assertThat(Tour.forwarded(args, java.util.Set.of("size", "type")))
            .containsExactly("--size=1000", "--type", "cpu");
    }

    @Test
    void helpListsTheSeedOptionsAndExitsZero() throws Exception {
        Played played = play("--help");

        assertThat(played.code()).isZero();
        assertThat(String.join("\n", played.out()))
            .contains("--tasks N", "--duration TIME", "--workers N", "--size N", "--type io|cpu",
                "--section all|threading|multiprocessing|asyncio|futures", "--all", "--help");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--section=gil", "--tasks=0", "--speed=2", "--type=disk"})
    void aBadOptionGivesOneLineNamingItAndExitCode2(String bad) throws Exception {
        Played played = play(bad);

        assertThat(played.code()).isEqualTo(2);
        assertThat(played.out()).isEmpty();
        assertThat(played.err()).hasSize(1);
        assertThat(played.err().get(0)).contains(bad.substring(0, bad.indexOf('=')));
    }
}
