package dev.jconcurrency.async;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.testing.Console;
import dev.jconcurrency.core.testing.LauncherContract;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/** The module launcher's contract: the seed section by default, the list, one lesson, help, one-line errors. */
class MainTest extends LauncherContract {

    private static final Pattern LESSON_NAME = Pattern.compile("Async_(\\d\\d)_[A-Za-z]+");

    MainTest() {
        super(Main.class, """
              --tasks N                how many tasks (a whole number from 1 to 100000); default 3
              --duration TIME          how long each task waits (a duration from 0ms to 60s); default 1s
              --style futures|virtual  futures: CompletableFutures on a timer, one event loop; virtual: blocking \
            code on virtual threads; default futures
              --carriers N             event-loop threads (futures) or carrier threads (virtual); 0: 1 loop / one \
            carrier per core (a whole number from 0 to 256); default 0
              --help                   print this help and exit
            """, "--tasks", "1", "--duration", "0ms");
    }

    private final Captured out = new Captured();
    private final Captured err = new Captured();

    private static String shortDuration() {
        return Delays.SHORT.toMillis() + "ms";
    }

    @Test
    void noOptionsPlaysTheSeedSectionThenListsTheLessons() throws Exception {
        int code = Main.run(new String[0], out.stream, err.stream);

        assertThat(code).isZero();
        List<String> lines = out.lines();
        assertThat(lines.get(0)).isEqualTo("=== ASYNCIO DEMO (HIGH CONCURRENCY I/O) ===");
        assertThat(lines.get(7)).startsWith("Total time (asyncio): ");
        assertThat(lines).contains("Task 3: Finished after 1 sec");
        assertThat(out.text()).contains("Lessons (run one with --lesson N");
        for (Class<?> lesson : Main.lessons()) {
            assertThat(out.text()).contains(lesson.getSimpleName());
        }
        assertThat(err.text()).isEmpty();
    }

    @Test
    void listShowsEveryLessonWithItsNumberAndQuestion() throws Exception {
        int code = Main.run(new String[] {"--list"}, out.stream, err.stream);

        assertThat(code).isZero();
        assertThat(out.text()).doesNotContain("ASYNCIO DEMO");
        List<String> lines = out.lines();
        for (Class<?> lesson : Main.lessons()) {
            String number = lesson.getSimpleName().substring(6, 8);
            String question = (String) lesson.getDeclaredField("QUESTION").get(null);
            assertThat(lines).anyMatch(line -> line.trim().startsWith(number) && line.contains(lesson.getSimpleName())
                && line.contains(question));
        }
        assertThat(out.text()).doesNotContain("reserved");
    }

    @Test
    void lessonsAreInOrderNumberedWithoutRepeatsAndEachHasAMain() throws Exception {
        List<Class<?>> lessons = Main.lessons();
        assertThat(lessons).extracting(Class::getSimpleName).containsExactly("Async_01_SeedSection",
            "Async_02_AsyncAwait", "Async_03_CooperativeScheduling", "Async_04_MillionWaits",
            "Async_05_LoopbackAtScale", "Async_06_BackPressure", "Async_07_Pinning");
        for (Class<?> lesson : lessons) {
            Method main = lesson.getMethod("main", String[].class);
            assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
            assertThat(Modifier.isPublic(lesson.getModifiers())).isTrue();
        }
    }

    @Test
    void lessonByNumberOrNameRunsThatLessonWithTheRestOfTheOptions() throws Exception {
        assertThat(Main.run(new String[] {"--lesson", "1", "--tasks", "2", "--duration", shortDuration()},
            out.stream, err.stream)).isZero();
        assertThat(Main.run(new String[] {"--tasks", "1", "--lesson=Async_01_SeedSection", "--style", "virtual",
            "--duration", shortDuration()}, out.stream, err.stream)).isZero();
        assertThat(Main.run(new String[] {"--lesson", "04", "--help"}, out.stream, err.stream)).isZero();

        String finished = "Finished after " + dev.jconcurrency.core.report.Report.duration(Delays.SHORT);
        assertThat(out.lines()).filteredOn(line -> line.endsWith(finished)).hasSize(2 + 1);
        assertThat(out.text()).contains("Usage: examples-async --lesson 4").contains("--platform-cap");
        assertThat(err.text()).isEmpty();
    }

    @Test
    void sectionPlaysOnlyTheSeedSectionWithItsOptions() throws Exception {
        int code = Main.section(new String[] {"--tasks", "2", "--duration", shortDuration(), "--style", "virtual",
            "--carriers", "0"}, out.stream, err.stream);

        assertThat(code).isZero();
        List<String> lines = out.lines();
        assertThat(lines).hasSize(1 + 2 + 2 + 1);
        assertThat(lines.get(0)).isEqualTo("=== ASYNCIO DEMO (HIGH CONCURRENCY I/O) ===");
        assertThat(lines.subList(1, 3)).containsExactlyInAnyOrder("Task 1: Starting async I/O",
            "Task 2: Starting async I/O");
        assertThat(out.text()).doesNotContain("Lessons");
    }

    @Test
    void helpListsTheOptionsAndExitsWithZero() throws Exception {
        assertThat(Main.run(new String[] {"--help"}, out.stream, err.stream)).isZero();
        assertThat(out.text()).contains("--list", "--lesson", "--tasks", "--duration", "--style", "--carriers");
    }

    static List<Arguments> badCommandLines() {
        return List.of(
            Arguments.of(List.of("--lesson", "8"), "--lesson"),
            Arguments.of(List.of("--lesson", "5", "--style", "curl"), "all, sockets, send, async"),
            Arguments.of(List.of("--lesson"), "--lesson"),
            Arguments.of(List.of("--lesson", "4", "--max", "0"), "--max"),
            Arguments.of(List.of("--lesson", "2", "--fail", "everything"), "none, user, orders, recommendations"),
            Arguments.of(List.of("--lesson", "7", "--hold", "forever"), "--hold"));
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void aBadOptionExitsWith2AndOneLineNamingIt(List<String> args, String named) throws Exception {
        int code = Main.run(args.toArray(String[]::new), out.stream, err.stream);

        assertThat(code).isEqualTo(2);
        assertThat(err.lines()).singleElement().asString().contains(named);
        assertThat(out.text()).isEmpty();
    }

    /** The README's table is the module's index: it must list every lesson and name only real classes. */
    @Test
    void theReadmeTableListsEveryLessonAndOnlyClassesThatExist() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        List<String> tableRows = readme.lines().filter(line -> line.startsWith("| ")).toList();
        for (Class<?> lesson : Main.lessons()) {
            assertThat(tableRows).as("README table row for %s", lesson.getSimpleName())
                .anyMatch(row -> row.contains("`" + lesson.getSimpleName() + "`"));
        }
        List<String> named = new ArrayList<>();
        Matcher matcher = LESSON_NAME.matcher(readme);
        while (matcher.find()) {
            named.add(matcher.group());
        }
        assertThat(named).isNotEmpty().allSatisfy(name ->
            assertThat(Class.forName("dev.jconcurrency.async." + name)).isIn(Main.lessons()));
    }
}
