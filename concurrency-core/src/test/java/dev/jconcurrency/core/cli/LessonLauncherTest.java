package dev.jconcurrency.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jconcurrency.core.cli.LessonLauncher.Lesson;
import dev.jconcurrency.core.testing.Console;
import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launcher every example module's {@code Main} is, on a made-up module of three lessons numbered 01, 02 and
 * 04 (a gap, as a retired lesson leaves): what each option does, exactly what it prints, and that the section
 * alone never asks for the lessons. Each module's own wiring is checked by its {@code MainTest} through
 * {@code dev.jconcurrency.core.testing.LauncherContract}.
 */
class LessonLauncherTest {

    static final class Demo_01_SeedSection {
    }

    static final class Demo_02_Locks {
    }

    static final class Demo_04_AVeryLongLessonName {
    }

    /** What the made-up section and lessons were asked to do, in order. */
    private final List<String> played = new CopyOnWriteArrayList<>();
    private final AtomicInteger suppliedLessons = new AtomicInteger();
    private int sectionCode;
    private int lessonCode;

    private final Console out = new Console();
    private final Console err = new Console();

    private LessonLauncher launcher() {
        return LessonLauncher.builder("demo", "Demo lessons: plays the seed section, then lists the lessons.")
            .seedSection("demo section", "Plays the seed section.",
                builder -> builder.intOption("tasks", 3, 1, 10, "how many tasks"),
                (options, sectionOut, sectionErr) -> {
                    played.add("section --tasks " + options.intValue("tasks"));
                    sectionOut.println("=== DEMO SECTION ===");
                    return sectionCode;
                })
            .lessons(() -> {
                suppliedLessons.incrementAndGet();
                return List.of(
                    new Lesson(Demo_01_SeedSection.class, "Does the seed section play?", player("01")),
                    new Lesson(Demo_02_Locks.class, "Do locks lock?", player("02")),
                    new Lesson(Demo_04_AVeryLongLessonName.class, "Is a long name padded?", player("04")));
            })
            .build();
    }

    private LessonLauncher.Player player(String number) {
        return (args, lessonOut, lessonErr) -> {
            played.add("lesson " + number + " " + List.of(args));
            lessonOut.println("=== LESSON " + number + " ===");
            return lessonCode;
        };
    }

    private static final List<String> LIST = List.of(
        "Lessons (run one with --lesson N):",
        "  01  Demo_01_SeedSection          Does the seed section play?",
        "  02  Demo_02_Locks                Do locks lock?",
        "  04  Demo_04_AVeryLongLessonName  Is a long name padded?");

    @Test
    void withoutOptionsItPlaysTheSeedSectionThenABlankLineThenTheList() throws Exception {
        assertThat(launcher().run(new String[0], out.stream, err.stream)).isZero();

        List<String> expected = new ArrayList<>(List.of("=== DEMO SECTION ===", ""));
        expected.addAll(LIST);
        assertThat(out.lines()).isEqualTo(expected);
        assertThat(err.text()).isEmpty();
        assertThat(played).containsExactly("section --tasks 3");
    }

    @Test
    void theSeedOptionsShapeTheSection() throws Exception {
        assertThat(launcher().run(new String[] {"--tasks", "7"}, out.stream, err.stream)).isZero();

        assertThat(played).containsExactly("section --tasks 7");
    }

    /** A section that refuses a combination of options ends the run with its code, and lists nothing after it. */
    @Test
    void aSectionsExitCodeIsTheLaunchersAndNoListFollowsAFailure() throws Exception {
        sectionCode = 2;

        assertThat(launcher().run(new String[0], out.stream, err.stream)).isEqualTo(2);

        assertThat(out.lines()).containsExactly("=== DEMO SECTION ===");
    }

    @Test
    void listPrintsTheNumberClassAndQuestionOfEveryLessonInAlignedColumnsAndPlaysNothing() throws Exception {
        assertThat(launcher().run(new String[] {"--list", "--tasks", "5"}, out.stream, err.stream)).isZero();

        assertThat(out.lines()).isEqualTo(LIST);
        assertThat(played).isEmpty();
    }

    /** Every spelling a learner might type reaches the lesson, which gets every other option, in order. */
    @ParameterizedTest
    @ValueSource(strings = {"--lesson 2", "--lesson 02", "--lesson Demo_02_Locks", "--lesson demo_02_locks",
        "--lesson=2", "--lesson=02", "--lesson=DEMO_02_LOCKS"})
    void lessonRunsOneLessonByNumberZeroPaddedNumberOrClassNameInAnyCase(String lesson) throws Exception {
        List<String> args = new ArrayList<>(List.of("--tasks", "5"));
        args.addAll(List.of(lesson.split(" ")));
        args.addAll(List.of("--help", "--list", "stray"));

        assertThat(launcher().run(args.toArray(String[]::new), out.stream, err.stream)).isZero();

        assertThat(played).containsExactly("lesson 02 [--tasks, 5, --help, --list, stray]");
        assertThat(out.lines()).containsExactly("=== LESSON 02 ===");
        assertThat(err.text()).isEmpty();
    }

    @Test
    void aLessonsExitCodeIsTheLaunchers() throws Exception {
        lessonCode = 2;

        assertThat(launcher().run(new String[] {"--lesson", "4"}, out.stream, err.stream)).isEqualTo(2);

        assertThat(played).containsExactly("lesson 04 []");
    }

    @Test
    void helpListsTheSeedOptionsThenTheLaunchersOwnAndPlaysNothing() throws Exception {
        assertThat(launcher().run(new String[] {"--tasks", "0", "--help"}, out.stream, err.stream)).isZero();

        assertThat(out.text()).isEqualTo("""
            Usage: demo [options]

            Demo lessons: plays the seed section, then lists the lessons.

            Options:
              --tasks N       how many tasks (a whole number from 1 to 10); default 3
              --list          list the lessons and exit
              --lesson 1|2|4  run one lesson, by number or class name (see --list); the other options go to it
              --help          print this help and exit
            """);
        assertThat(played).isEmpty();
    }

    /** A mistake is one line on err naming the option and what it allows, exit code 2, and nothing played. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        --lesson 3      | invalid value for option '--lesson': '3' (allowed: 1, 2, 4)
        --lesson=Locks  | invalid value for option '--lesson': 'Locks' (allowed: 1, 2, 4)
        --lesson        | option '--lesson' needs a value: 1, 2, 4
        --lesson --help | option '--lesson' needs a value: 1, 2, 4
        --tasks 0       | invalid value for option '--tasks': '0' (allowed: a whole number from 1 to 10)
        --list=yes      | option '--list' takes no value, but was given 'yes'
        --bogus         | unknown option '--bogus': allowed options are --tasks, --list, --lesson, --help
        stray           | unexpected argument 'stray': options start with --, allowed: --tasks, --list, --lesson, --help
        """)
    void aBadOptionIsOneLineNamingItAndExitCode2(String args, String message) throws Exception {
        assertThat(launcher().run(args.split(" "), out.stream, err.stream)).isEqualTo(2);

        assertThat(err.lines()).containsExactly("demo: " + message + " (see --help)");
        assertThat(out.text()).isEmpty();
        assertThat(played).isEmpty();
    }

    @Test
    void sectionPlaysOnlyTheSeedSectionWithItsOptionsAndNeverAsksForTheLessons() throws Exception {
        LessonLauncher launcher = launcher();

        assertThat(launcher.section(new String[] {"--tasks", "4"}, out.stream, err.stream)).isZero();

        assertThat(out.lines()).containsExactly("=== DEMO SECTION ===");
        assertThat(played).containsExactly("section --tasks 4");
        assertThat(suppliedLessons).hasValue(0);
    }

    @Test
    void sectionReturnsTheSectionsExitCode() throws Exception {
        sectionCode = 2;

        assertThat(launcher().section(new String[0], out.stream, err.stream)).isEqualTo(2);
    }

    @Test
    void sectionHasItsOwnNameAndSummaryAndRefusesTheLaunchersOptions() throws Exception {
        LessonLauncher launcher = launcher();
        Console help = new Console();

        assertThat(launcher.section(new String[] {"--help"}, help.stream, err.stream)).isZero();
        assertThat(launcher.section(new String[] {"--list"}, out.stream, err.stream)).isEqualTo(2);
        assertThat(launcher.section(new String[] {"--lesson", "2"}, out.stream, err.stream)).isEqualTo(2);

        assertThat(help.lines()).startsWith("Usage: demo section [options]", "", "Plays the seed section.");
        assertThat(help.text()).doesNotContain("--list", "--lesson");
        assertThat(err.lines()).containsExactly(
            "demo section: unknown option '--list': allowed options are --tasks, --help (see --help)",
            "demo section: unknown option '--lesson': allowed options are --tasks, --help (see --help)");
        assertThat(out.text()).isEmpty();
        assertThat(played).isEmpty();
    }

    @Test
    void lessonsAreTheClassesInOrderAndTheSupplierIsCalledOnceHoweverOftenTheyAreUsed() throws Exception {
        LessonLauncher launcher = launcher();

        assertThat(launcher.lessons())
            .containsExactly(Demo_01_SeedSection.class, Demo_02_Locks.class, Demo_04_AVeryLongLessonName.class);
        launcher.lessons();
        launcher.run(new String[] {"--list"}, out.stream, err.stream);

        assertThat(suppliedLessons).hasValue(1);
    }

    /** Threads that ask for the lessons at the same moment share one list: the supplier still runs once. */
    @Test
    void threadsThatAskForTheLessonsAtOnceShareOneSupplierCall() throws Exception {
        LessonLauncher launcher = launcher();
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<List<Class<?>>>> asked = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                asked.add(pool.submit(() -> {
                    Waits.await(start);
                    return launcher.lessons();
                }));
            }
            for (Future<List<Class<?>>> lessons : asked) {
                assertThat(lessons.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS)).hasSize(3);
            }
        }

        assertThat(suppliedLessons).hasValue(1);
    }

    @Test
    void aLessonIsNumberedByItsClassName() {
        assertThat(new Lesson(Demo_04_AVeryLongLessonName.class, "Q?", player("04")).number()).isEqualTo(4);
    }

    @Test
    void aSupplierThatBreaksTheRulesIsNamedAtFirstUse() {
        LessonLauncher.Builder builder = LessonLauncher.builder("demo", "Demo.")
            .seedSection("demo section", "Seed.", b -> b, (options, o, e) -> 0);
        Lesson locks = new Lesson(Demo_02_Locks.class, "Q?", player("02"));

        assertThatThrownBy(() -> builder.lessons(() -> List.of(locks, locks)).build().lessons())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("lessons must have distinct numbers: [Demo_02_Locks, Demo_02_Locks]");
        assertThatThrownBy(() -> builder.lessons(List::of).build().lessons())
            .isInstanceOf(IllegalArgumentException.class).hasMessage("lessons must not be empty: []");
        assertThatThrownBy(() -> builder.lessons(() -> null).build().lessons())
            .isExactlyInstanceOf(NullPointerException.class).hasMessage("lessons");
        assertThatThrownBy(() -> builder.lessons(() -> java.util.Arrays.asList(locks, null)).build().lessons())
            .isExactlyInstanceOf(NullPointerException.class).hasMessage("lessons");
    }

    @Test
    void aSeedOptionNamedLikeALauncherOptionIsRefusedAtFirstUse() {
        LessonLauncher launcher = LessonLauncher.builder("demo", "Demo.")
            .seedSection("demo section", "Seed.", b -> b.flag("list", "a clash"), (options, o, e) -> 0)
            .lessons(() -> List.of(new Lesson(Demo_02_Locks.class, "Q?", player("02"))))
            .build();

        assertThatThrownBy(launcher::lessons)
            .isInstanceOf(IllegalArgumentException.class).hasMessage("name must be unique: list");
    }

    @Test
    void buildNeedsTheSeedSectionAndTheLessons() {
        assertThatThrownBy(() -> LessonLauncher.builder("demo", "Demo.").build())
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("a launcher needs seedSection(...) and lessons(...) before build()");
        assertThatThrownBy(() -> LessonLauncher.builder("demo", "Demo.").lessons(List::of).build())
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLessonWithNoOptionsShowsItsQuestionAsHelpAndRefusesAnyOption() throws Exception {
        CommandLine cli = LessonLauncher.noOptions(Demo_02_Locks.class, "Do locks lock?");
        PrintStream sink = new Console().stream;

        assertThat(cli.help()).isEqualTo("""
            Usage: Demo_02_Locks [options]

            Do locks lock?
            This lesson takes no options: its knobs are the parameters of Demo_02_Locks.run(...).

            Options:
              --help  print this help and exit
            """);
        assertThat(cli.run(new String[] {"--tasks", "5"}, sink, err.stream, options -> played.add("ran")))
            .isEqualTo(2);
        assertThat(err.lines()).containsExactly(
            "Demo_02_Locks: unknown option '--tasks': allowed options are --help (see --help)");
        assertThat(played).isEmpty();
    }
}
