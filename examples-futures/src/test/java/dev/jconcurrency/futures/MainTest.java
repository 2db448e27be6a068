package dev.jconcurrency.futures;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jconcurrency.futures.Futures_01_SeedSectionTest.Output;

import dev.jconcurrency.core.cli.LessonLauncher;
import dev.jconcurrency.core.testing.Console;
import dev.jconcurrency.core.testing.LauncherContract;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The module's launcher: the seed section's options, the lessons it runs; the rest is the contract's. */
class MainTest extends LauncherContract {

    MainTest() {
        super(Main.class, """
              --tasks N                       how many tasks (a whole number from 1 to 10000); default 3
              --workers N                     pool size (a process pool: at most 32, a JVM each) (a whole number \
            from 1 to 1000); default 3
              --duration TIME                 each task's wait (simulated I/O) (a duration from 0ms to 60s); \
            default 1s
              --executor thread|process|both  which pool runs the tasks: threads, child JVMs, or both side by \
            side; default both
              --help                          print this help and exit
            """, "--executor", "thread", "--tasks", "1", "--duration", "0s");
    }

    /** The seed section collects its results with lesson 3's map, as the seed's executor.map does. */
    @Override
    protected List<Class<?>> lessonsTheSectionCalls() {
        return List.of(Futures_03_MapVsAsCompleted.class);
    }


    @Test
    void lessonsAreTheEightLessonClassesInOrder() {
        assertThat(Main.lessons()).containsExactly(
            Futures_01_SeedSection.class,
            Futures_02_SubmitAndFuture.class,
            Futures_03_MapVsAsCompleted.class,
            Futures_04_InvokeAny.class,
            Futures_05_CancellationAndTimeouts.class,
            Futures_06_SizingAPool.class,
            Futures_07_ForkJoin.class,
            Futures_08_ProcessPoolExecutor.class);
    }

    @Test
    void everyLessonIsNumberedInOrderAndHasAMainAndARunReturningARecord() throws Exception {
        List<Class<?>> lessons = Main.lessons();
        for (int i = 0; i < lessons.size(); i++) {
            Class<?> lesson = lessons.get(i);
            assertThat(lesson.getSimpleName()).matches(String.format("Futures_%02d_[A-Z][A-Za-z]+", i + 1));
            Method main = lesson.getMethod("main", String[].class);
            assertThat(Modifier.isStatic(main.getModifiers())).as(lesson + " main is static").isTrue();
            assertThat(Arrays.stream(lesson.getMethods())
                .filter(m -> m.getName().equals("run") && Modifier.isStatic(m.getModifiers()))
                .map(Method::getReturnType))
                .as(lesson + " has a public static run(...) returning a record")
                .anySatisfy(type -> assertThat(type.isRecord()).isTrue());
        }
    }

    @Test
    void listPrintsEveryLessonWithItsQuestionAndPlaysNothing() throws Exception {
        Output output = new Output();

        int code = Main.run(new String[] {"--list"}, output.out, output.err);

        assertThat(code).isZero();
        assertThat(output.out()).doesNotContain("=== CONCURRENT.FUTURES DEMO ===");
        for (LessonLauncher.Lesson lesson : Main.lessonTable()) {
            assertThat(output.out()).contains(String.format("%02d  %s", lesson.number(), lesson.type().getSimpleName()));
            assertThat(output.out()).contains(lesson.question());
        }
    }

    @Test
    void noOptionsPlaysTheSeedSectionThenListsTheLessons() throws Exception {
        Output output = new Output();

        int code = Main.run(new String[0], output.out, output.err);

        assertThat(code).isZero();
        List<String> lines = output.lines();
        assertThat(lines.subList(0, 2)).containsExactly("=== CONCURRENT.FUTURES DEMO ===",
            "Thread results: [0, 1, 4]");
        assertThat(lines.get(2)).startsWith("Thread time: ");
        assertThat(lines.get(3)).isEqualTo("Process results: [0, 1, 4]");
        assertThat(lines.get(4)).startsWith("Process time: ");
        assertThat(lines.get(5)).isEmpty();
        assertThat(lines.get(6)).isEqualTo("Lessons (run one with --lesson N):");
        assertThat(output.out()).contains("Futures_08_ProcessPoolExecutor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--lesson 2", "--lesson 02", "--lesson Futures_02_SubmitAndFuture",
        "--lesson=futures_02_submitandfuture"})
    void lessonRunsOneLessonsMainByNumberOrName(String args) throws Exception {
        Output output = new Output();
        PrintStream console = System.out;
        ByteArrayOutputStream lessonOutput = new ByteArrayOutputStream();
        // A lesson's main prints to System.out; capture it for the duration of the call.
        System.setOut(new PrintStream(lessonOutput, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(args.split(" "), output.out, output.err);
        } finally {
            System.setOut(console);
        }

        assertThat(code).isZero();
        assertThat(output.err()).isEmpty();
        assertThat(lessonOutput.toString(StandardCharsets.UTF_8).lines().findFirst())
            .contains("While held at its gate: state() = RUNNING, isDone() = false");
    }

    @Test
    void helpListsTheLauncherAndSectionOptions() throws Exception {
        Output output = new Output();

        int code = Main.run(new String[] {"--help"}, output.out, output.err);

        assertThat(code).isZero();
        assertThat(output.out()).contains("--list", "--lesson 1|2|3|4|5|6|7|8", "--tasks N", "--workers N",
            "--duration TIME", "--executor thread|process|both");
    }
}
