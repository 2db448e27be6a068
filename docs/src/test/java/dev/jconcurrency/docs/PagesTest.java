package dev.jconcurrency.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pages in {@code docs/} and the root README agree with the code: each model page lists its module's lessons in
 * order with their questions and commands, every lesson a page names exists, and every relative link resolves.
 */
class PagesTest {

    /**
     * A model page and the module whose lessons it lists.
     *
     * @param page the page's file name in {@code docs/}
     * @param module the module's directory, which is also the {@code -Drun=} value of its run command
     * @param packageName the package of the module's lessons
     * @param lessons the module's {@code Main::lessons}
     */
    record ModulePage(String page, String module, String packageName, Supplier<List<Class<?>>> lessons) {

        /** The lessons' name prefix: the package's last segment, capitalised ({@code threading}: Threading). */
        String topic() {
            String last = packageName.substring(packageName.lastIndexOf('.') + 1);
            return last.substring(0, 1).toUpperCase(Locale.ROOT) + last.substring(1);
        }

        @Override
        public String toString() {
            return page;
        }
    }

    /* One row per model page: adding the processes and futures pages is one line each. */
    static final List<ModulePage> MODULE_PAGES = List.of(
        new ModulePage("threading.md", "examples-threading", "dev.jconcurrency.threading",
            dev.jconcurrency.threading.Main::lessons),
        new ModulePage("processes.md", "examples-processes", "dev.jconcurrency.processes",
            dev.jconcurrency.processes.Main::lessons),
        new ModulePage("async.md", "examples-async", "dev.jconcurrency.async", dev.jconcurrency.async.Main::lessons),
        new ModulePage("futures.md", "examples-futures", "dev.jconcurrency.futures",
            dev.jconcurrency.futures.Main::lessons));

    /*
     * Link targets that may be missing for now, relative to the repository's root. A link to one of them passes
     * only while the file does not exist; once it exists it is checked like any other link (anchors included).
     * The lead empties this list as the files land.
     */
    static final Set<String> NOT_THERE_YET = Set.of(); // every page has landed: all links are checked

    private static final Path ROOT = repositoryRoot();

    // | 03 | [`Threading_03_NoGil`](../examples-threading/src/...) | Do Java threads speed up ...? | `mvn ...` |
    private static final Pattern LESSON_ROW =
        Pattern.compile("^\\| (\\d\\d) \\| \\[`(\\w+)`]\\(([^)\\s]+)\\) \\| (.+?) \\| (.+) \\|$");

    static Stream<ModulePage> modulePages() {
        return MODULE_PAGES.stream();
    }

    /** A model page's table has one row per lesson, in the module's order, each with its question and command. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("modulePages")
    void everyLessonOfTheModuleHasARowInItsPageInOrderWithItsSourceQuestionAndCommand(ModulePage page)
        throws Exception {
        List<Class<?>> lessons = page.lessons().get();
        List<Matcher> rows = Files.readAllLines(docs(page.page())).stream()
            .map(LESSON_ROW::matcher).filter(Matcher::matches).toList();

        assertThat(rows).extracting(row -> row.group(2)).as("lesson rows of %s", page.page())
            .containsExactlyElementsOf(lessons.stream().map(Class::getSimpleName).toList());
        for (int i = 0; i < rows.size(); i++) {
            Matcher row = rows.get(i);
            Class<?> lesson = lessons.get(i);
            String name = lesson.getSimpleName();
            String number = name.split("_")[1];
            assertThat(name).startsWith(page.topic() + "_");
            assertThat(row.group(1)).as("number of %s", name).isEqualTo(number);
            assertThat(row.group(3)).as("source link of %s", name).isEqualTo("../" + page.module()
                + "/src/main/java/" + page.packageName().replace('.', '/') + "/" + name + ".java");
            Optional<String> question = question(lesson);
            if (question.isPresent()) {
                assertThat(row.group(4)).as("question of %s", name).isEqualTo(question.get());
            }
            assertThat(row.group(5)).as("command of %s", name)
                .containsPattern(Pattern.quote("`mvn -q -pl " + page.module() + " -am test-compile -Drun="
                    + page.module() + " -Dargs=\"--lesson " + Integer.parseInt(number)) + "[\" ]");
        }
    }

    /** A page cannot name a lesson that was renamed or never written: every Topic_NN_Name is a real class. */
    @Test
    void everyLessonNameThePagesMentionIsAClassInItsModulesPackage() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            for (String name : Markdown.lessonNames(Files.readString(page))) {
                String topic = name.substring(0, name.indexOf('_'));
                Optional<ModulePage> module = MODULE_PAGES.stream().filter(m -> m.topic().equals(topic)).findFirst();
                if (module.isEmpty()) {
                    problems.add(relative(page) + " names " + name + ", but no MODULE_PAGES row has topic " + topic);
                    continue;
                }
                checked++;
                try {
                    Class.forName(module.get().packageName() + "." + name, false, PagesTest.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    problems.add(relative(page) + " names " + name + ", which is not a class of "
                        + module.get().packageName());
                }
            }
        }

        assertThat(problems).as("pages naming lessons that do not exist").isEmpty();
        // The pages name lessons of both modules, so a scan that found none would be a broken scan.
        assertThat(checked).isGreaterThanOrEqualTo(MODULE_PAGES.stream().mapToInt(m -> m.lessons().get().size()).sum());
    }

    /** Every relative link of every page resolves to a file or directory, and a link's anchor to a heading. */
    @Test
    void everyRelativeLinkInThePagesAndTheRootReadmeResolves() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path page : pages()) {
            problems.addAll(brokenLinks(page));
        }

        assertThat(problems).as("broken links").isEmpty();
        assertThat(pages()).as("the pages the link check reads")
            .contains(ROOT.resolve("README.md"), docs("README.md"), docs("decision-guide.md"))
            .containsAll(MODULE_PAGES.stream().map(m -> docs(m.page())).toList());
    }

    /* The link check must be able to fail: a page with good links, broken ones, and links it must not check. */
    @Test
    void theLinkCheckReportsMissingFilesAndHeadingsAndSkipsCodeExternalLinksAndMissingListedFiles(@TempDir Path root)
        throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("README.md"), "# jconcurrency \u2014 Java, by example\n\n## Part two\n");
        Files.writeString(root.resolve("docs/present.md"), "# Present\n");
        Files.writeString(root.resolve("docs/page.md"), """
            # A page, in brief

            [the root](../README.md#jconcurrency--java-by-example) and [its part two](../README.md#part-two),
            [this page](#a-page-in-brief), [a directory](../docs), [a listed page not there yet](pending.md)
            [a listed page that is there](present.md#nowhere) and [a missing
            file](no-such-file.java) and [a missing heading](#nowhere)
            `[in code](ignored.md)` [outside](https://example.invalid/missing.md)
            ```
            [in a fence](ignored.md)
            ```
            """);

        assertThat(brokenLinks(root, root.resolve("docs/page.md"), Set.of("docs/pending.md", "docs/present.md")))
            .containsExactly(
                "docs/page.md: present.md#nowhere: no such heading",
                "docs/page.md: no-such-file.java: no such file",
                "docs/page.md: #nowhere: no such heading");
    }

    private static List<String> brokenLinks(Path page) throws IOException {
        return brokenLinks(ROOT, page, NOT_THERE_YET);
    }

    private static List<String> brokenLinks(Path root, Path page, Set<String> notThereYet) throws IOException {
        List<String> problems = new ArrayList<>();
        for (String link : Markdown.links(Files.readString(page))) {
            if (link.startsWith("http://") || link.startsWith("https://") || link.startsWith("mailto:")) {
                continue; // no network in tests: external links are the reader's to check
            }
            int hash = link.indexOf('#');
            String file = hash < 0 ? link : link.substring(0, hash);
            String anchor = hash < 0 ? null : link.substring(hash + 1);
            Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
            if (!Files.exists(target)) {
                if (!notThereYet.contains(relative(root, target))) {
                    problems.add(relative(root, page) + ": " + link + ": no such file");
                }
                continue;
            }
            if (anchor != null && target.toString().endsWith(".md")
                && !Markdown.anchors(Files.readString(target)).contains(anchor)) {
                problems.add(relative(root, page) + ": " + link + ": no such heading");
            }
        }
        return problems;
    }

    /** The root README and every page directly in {@code docs/}, in name order. */
    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.list(docs(""))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static Path docs(String page) {
        return ROOT.resolve("docs").resolve(page);
    }

    private static String relative(Path path) {
        return relative(ROOT, path);
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** The lesson's {@code QUESTION} constant, the text its module's launcher lists, if it declares one. */
    private static Optional<String> question(Class<?> lesson) throws IllegalAccessException {
        Field field;
        try {
            field = lesson.getDeclaredField("QUESTION");
        } catch (NoSuchFieldException e) {
            return Optional.empty();
        }
        assertThat(Modifier.isStatic(field.getModifiers())).as("%s.QUESTION is static", lesson.getSimpleName())
            .isTrue();
        field.setAccessible(true);
        return Optional.of((String) field.get(null));
    }

    /**
     * The repository's root: the nearest directory at or above the working directory that holds both the parent
     * {@code pom.xml} and {@code docs/pom.xml}. Surefire runs in {@code docs/}; an IDE may run at the root.
     */
    private static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("docs/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (pom.xml beside docs/pom.xml) at or above " + start);
    }
}
