package dev.jconcurrency.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks every example module makes of its indexes: Main's list of lessons, the module README's table and
 * each lesson's javadoc agree with the lessons themselves, and every lesson has a {@code main}, a {@code run(...)}
 * returning a record, and a package-private {@code play(String[], PrintStream, PrintStream)} that rejects bad
 * options with one line.
 *
 * <p>A module's {@code LessonIndexTest} extends this and says which lessons and topic are its own. Surefire runs
 * in the module's directory, so {@code README.md} and {@code src/main/java} are read from there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LessonIndexContract {

    private static final Path README = Path.of("README.md");

    /** The module's lessons in order: its {@code Main.lessons()}. */
    protected abstract List<Class<?>> lessons();

    /** The lessons' class-name prefix, e.g. {@code Threading} for {@code Threading_01_SeedSection}. */
    protected abstract String topic();

    private Pattern lessonName() {
        return Pattern.compile(topic() + "_\\d\\d_[A-Za-z]+");
    }

    private String packagePath() {
        return lessons().get(0).getPackageName().replace('.', '/');
    }

    @Test
    void lessonsAreNumberedFromOneWithoutGapsAndTheSeedSectionComesFirst() {
        List<String> numbers = lessons().stream().map(c -> c.getSimpleName().split("_")[1]).toList();

        assertThat(numbers).isEqualTo(IntStream.rangeClosed(1, lessons().size())
            .mapToObj(n -> String.format("%02d", n)).toList());
        assertThat(lessons().get(0).getSimpleName()).isEqualTo(topic() + "_01_SeedSection");
        assertThat(lessons()).allMatch(c -> lessonName().matcher(c.getSimpleName()).matches());
    }

    @Test
    void everyLessonIsInTheReadmeTableWithItsQuestionAndEveryClassTheReadmeNamesExists() throws Exception {
        List<String> rows = Files.readAllLines(README).stream().filter(l -> l.startsWith("| 0")).toList();

        assertThat(rows).hasSize(lessons().size());
        for (int i = 0; i < rows.size(); i++) {
            Class<?> lesson = lessons().get(i);
            assertThat(rows.get(i)).as("README row %d", i + 1)
                .startsWith("| " + lesson.getSimpleName().split("_")[1] + " | [" + lesson.getSimpleName() + "]")
                .contains("(src/main/java/" + packagePath() + "/" + lesson.getSimpleName() + ".java)")
                .contains("| " + question(lesson) + " |");
        }
        List<String> named = new ArrayList<>();
        Matcher matcher = lessonName().matcher(Files.readString(README));
        while (matcher.find()) {
            named.add(matcher.group());
        }
        assertThat(named).isNotEmpty().allSatisfy(name ->
            assertThat(lessons()).extracting(Class::getSimpleName).contains(name));
    }

    /** The class javadoc opens with the question that Main lists and the README shows. */
    @ParameterizedTest
    @MethodSource("lessons")
    void everyLessonsJavadocOpensWithItsQuestion(Class<?> lesson) throws Exception {
        String source = Files.readString(Path.of("src/main/java", packagePath(), lesson.getSimpleName() + ".java"));
        String javadoc = source.substring(source.indexOf("/**"), source.indexOf("public final class"));
        String opening = javadoc.replaceAll("(?m)^\\s*/?\\*+/?\\s?", " ").replaceAll("\\s+", " ")
            .replaceAll("\\{@(?:code|link) ([^}]*)}", "$1").strip();

        assertThat(opening).startsWith(question(lesson));
    }

    /** A lesson has a main for learners, a run(...) returning a record for tests, and rejects bad options. */
    @ParameterizedTest
    @MethodSource("lessons")
    void everyLessonHasAMainAndARunReturningARecord(Class<?> lesson) throws Exception {
        Method main = lesson.getMethod("main", String[].class);
        assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
        assertThat(Arrays.stream(lesson.getMethods()))
            .anyMatch(m -> m.getName().equals("run") && Modifier.isStatic(m.getModifiers())
                && m.getReturnType().isRecord());

        Console out = new Console();
        Console err = new Console();
        Method play = lesson.getDeclaredMethod("play", String[].class, PrintStream.class, PrintStream.class);
        play.setAccessible(true); // package-private in the lesson: the module's own entry point for its launcher
        assertThat(play.invoke(null, new String[] {"--bogus"}, out.stream, err.stream)).isEqualTo(2);
        assertThat(out.text()).isEmpty();
        assertThat(err.lines()).hasSize(1).first(org.assertj.core.api.InstanceOfAssertFactories.STRING)
            .startsWith(lesson.getSimpleName() + ": unknown option '--bogus': allowed options are ");

        Console help = new Console();
        assertThat(play.invoke(null, new String[] {"--help"}, help.stream, err.stream)).isEqualTo(0);
        assertThat(help.text()).contains(question(lesson));
    }

    private static String question(Class<?> lesson) throws ReflectiveOperationException {
        var field = lesson.getDeclaredField("QUESTION");
        field.setAccessible(true);
        return (String) field.get(null);
    }
}
