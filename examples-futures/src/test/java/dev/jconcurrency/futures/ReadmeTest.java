package dev.jconcurrency.futures;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jconcurrency.core.cli.LessonLauncher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The module README's lesson table is an index: it must match {@link Main#lessons()} both ways. */
class ReadmeTest {

    private static final Pattern ROW = Pattern.compile(
        "^\\| *(\\d+) *\\| *`?(Futures_\\d{2}_\\w+)`? *\\| *(.+?) *\\| *(.+?) *\\|$");
    private static final Pattern ANY_LESSON_NAME = Pattern.compile("Futures_\\d{2}_\\w+");

    @Test
    void theTableListsEveryLessonInOrderWithItsNumberQuestionAndRunCommand() throws Exception {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                LessonLauncher.Lesson lesson = Main.lessonTable().get(rows.size());
                assertThat(Integer.parseInt(row.group(1))).as(line).isEqualTo(lesson.number());
                assertThat(row.group(2)).as(line).isEqualTo(lesson.type().getSimpleName());
                assertThat(row.group(3)).as(line).isEqualTo(lesson.question());
                assertThat(row.group(4)).as(line).isEqualTo("`mvn -q -pl examples-futures -am test-compile "
                    + "-Drun=examples-futures -Dargs=\"--lesson " + lesson.number() + "\"`");
                rows.add(row.group(2));
            }
        }
        assertThat(rows).containsExactlyElementsOf(
            Main.lessons().stream().map(Class::getSimpleName).toList());
    }

    @Test
    void everyLessonNamedAnywhereInTheReadmeExists() throws Exception {
        Matcher names = ANY_LESSON_NAME.matcher(Files.readString(Path.of("README.md")));
        List<String> known = Main.lessons().stream().map(Class::getSimpleName).toList();
        while (names.find()) {
            assertThat(known).as("README names a lesson class").contains(names.group());
        }
    }
}
