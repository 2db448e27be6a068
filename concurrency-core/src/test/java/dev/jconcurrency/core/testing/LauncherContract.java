package dev.jconcurrency.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.jconcurrency.core.process.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks every example module makes of its {@code Main}: that it is wired to
 * {@code dev.jconcurrency.core.cli.LessonLauncher} with its own lessons and seed options, and that
 * {@code Main.section(...)}, the tour's entry point, loads no lesson class but the seed section's. What the
 * launcher itself does with each option is tested once, in core's {@code LessonLauncherTest}.
 *
 * <p>A module's {@code MainTest} extends this and gives what only it knows: its {@code Main}, its seed options as
 * {@code section --help} shows them, and seed options that make the section quick:
 * <pre>{@code
 * class MainTest extends LauncherContract {
 *     MainTest() {
 *         super(Main.class, """
 *               --tasks N  how many tasks (a whole number from 1 to 10000); default 3
 *               --help     print this help and exit
 *             """, "--tasks", "1");
 *     }
 * }
 * }</pre>
 */
public abstract class LauncherContract {

    private final Class<?> main;
    private final String seedOptions;
    private final List<String> quickSection;

    /**
     * @param main the module's {@code Main}: public static {@code run}, {@code section} and {@code lessons}
     * @param seedOptions the option lines of {@code section --help}, exactly: each seed option with its range and
     *     default, then {@code --help}
     * @param quickSection seed options that make the seed section take a fraction of a second, e.g.
     *     {@code --duration 0ms}
     */
    protected LauncherContract(Class<?> main, String seedOptions, String... quickSection) {
        this.main = main;
        this.seedOptions = seedOptions;
        this.quickSection = List.of(quickSection);
    }

    /**
     * The lessons besides the seed section's whose code the seed section itself calls, which it therefore loads
     * however the index is built. None, unless a module says otherwise.
     */
    protected List<Class<?>> lessonsTheSectionCalls() {
        return List.of();
    }

    /**
     * The tour calls {@code section(...)} in a fresh JVM: it must not pay for loading every lesson of the module
     * (about half a millisecond each), only the seed section's (and any whose code that section calls). Checked in
     * a child JVM, whose class-loading log is complete.
     */
    @Test
    void sectionLoadsTheSeedLessonButNoOtherLesson(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        List<String> flags = new ArrayList<>(ChildJvm.FAST_START_FLAGS);
        flags.add("-Xlog:class+load:file=" + log);
        List<String> args = new ArrayList<>(List.of(main.getName()));
        args.addAll(quickSection);

        ChildJvm.of(PlaySection.class).withJvmFlags(flags.toArray(String[]::new))
            .withArgs(args.toArray(String[]::new)).run();

        String loaded = Files.readString(log);
        List<Class<?>> lessons = lessons();
        assertThat(loaded).as("the seed section's class is loaded: the log is the right one")
            .contains(lessons.get(0).getName() + " source:");
        assertThat(lessons.subList(1, lessons.size())).filteredOn(lesson -> !lessonsTheSectionCalls().contains(lesson))
            .isNotEmpty()
            .allSatisfy(lesson -> assertThat(loaded).doesNotContain(lesson.getName() + " source:"));
    }

    /** In a child JVM: {@code Main.section(args)} of the class named first, as the tour calls it. */
    static final class PlaySection {
        public static void main(String[] args) throws Exception {
            Method section = Class.forName(args[0])
                .getMethod("section", String[].class, PrintStream.class, PrintStream.class);
            int code = (int) section.invoke(null, Arrays.copyOfRange(args, 1, args.length), System.out, System.err);
            System.exit(code);
        }
    }

    /** Without --lesson or --list the launcher plays the section as section(...) does, then lists the lessons. */
    @Test
    void withoutLessonOrListItPlaysTheSectionThenABlankLineThenTheList() throws Exception {
        String[] args = quickSection.toArray(String[]::new);
        Console launcher = new Console();
        Console section = new Console();
        Console list = new Console();
        Console err = new Console();

        assertThat(call("run", args, launcher.stream, err.stream)).isEqualTo(0);
        assertThat(call("section", args, section.stream, err.stream)).isEqualTo(0);
        assertThat(call("run", new String[] {"--list"}, list.stream, err.stream)).isEqualTo(0);

        List<String> lines = launcher.lines();
        int played = section.lines().size();
        assertThat(err.text()).isEmpty();
        assertThat(lines).hasSize(played + 1 + list.lines().size());
        assertThat(lines.get(0)).as("the section's banner").startsWith("=== ").isEqualTo(section.lines().get(0));
        assertThat(lines.get(played)).isEmpty();
        assertThat(lines.subList(played + 1, lines.size())).isEqualTo(list.lines());
    }

    @Test
    void listShowsEveryLessonByNumberAndClassInOrder() throws Exception {
        Console out = new Console();

        assertThat(call("run", new String[] {"--list"}, out.stream, new Console().stream)).isEqualTo(0);

        List<Class<?>> lessons = lessons();
        assertThat(out.lines()).hasSize(1 + lessons.size()).first().isEqualTo("Lessons (run one with --lesson N):");
        for (int i = 0; i < lessons.size(); i++) {
            String start = String.format(Locale.ROOT, "  %02d  %s ", number(lessons.get(i)),
                lessons.get(i).getSimpleName());
            assertThat(out.lines().get(i + 1)).as("lesson %d", i + 1)
                .matches(Pattern.quote(start) + " *[A-Z].+");
        }
    }

    /** The seed options, with their ranges and defaults, are the module's: the launcher takes the same (below). */
    @Test
    void sectionHelpEndsWithEachSeedOptionItsRangeAndDefault() throws Exception {
        Console help = new Console();

        assertThat(call("section", new String[] {"--help"}, help.stream, new Console().stream)).isEqualTo(0);

        assertThat(help.text()).endsWith("\nOptions:\n" + seedOptions);
    }

    /** The launcher takes exactly the section's options, described the same way, and offers every lesson. */
    @Test
    void helpOffersTheSectionsOptionsAndEveryLessonByItsNumber() throws Exception {
        Console launcher = new Console();
        Console section = new Console();

        assertThat(call("run", new String[] {"--help"}, launcher.stream, new Console().stream)).isEqualTo(0);
        assertThat(call("section", new String[] {"--help"}, section.stream, new Console().stream)).isEqualTo(0);

        String numbers = lessons().stream().map(lesson -> Integer.toString(number(lesson)))
            .collect(Collectors.joining("|"));
        List<String> seedOptions = options(section);
        assertThat(seedOptions).isNotEmpty().last().isEqualTo("--help print this help and exit");
        List<String> launcherOptions = new ArrayList<>(seedOptions.subList(0, seedOptions.size() - 1));
        launcherOptions.add("--list list the lessons and exit");
        launcherOptions.add("--lesson " + numbers + " run one lesson, by number or class name (see --list); the other"
            + " options go to it");
        launcherOptions.add("--help print this help and exit");
        assertThat(options(launcher)).isEqualTo(launcherOptions);
    }

    /** The option lines of a help text, their column padding folded. */
    private static List<String> options(Console help) {
        List<String> lines = help.lines();
        return lines.subList(lines.indexOf("Options:") + 1, lines.size()).stream()
            .map(line -> line.strip().replaceAll("\\s+", " ")).toList();
    }

    @Test
    void aLessonNumberPastTheLastIsOneLineListingTheNumbers() throws Exception {
        Console err = new Console();
        int last = number(lessons().get(lessons().size() - 1));

        assertThat(call("run", new String[] {"--lesson", Integer.toString(last + 1)}, new Console().stream,
            err.stream)).isEqualTo(2);

        String numbers = lessons().stream().map(lesson -> Integer.toString(number(lesson)))
            .collect(Collectors.joining(", "));
        assertThat(err.lines()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
            .endsWith(": invalid value for option '--lesson': '" + (last + 1) + "' (allowed: " + numbers
                + ") (see --help)");
    }

    /** A mistake is one line on err and exit code 2, from the launcher and from the section alike. */
    @Test
    void anUnknownOptionIsOneLineAndExitCode2FromTheLauncherAndFromTheSection() throws Exception {
        for (String entry : List.of("run", "section")) {
            Console out = new Console();
            Console err = new Console();

            assertThat(call(entry, new String[] {"--bogus"}, out.stream, err.stream)).as(entry).isEqualTo(2);

            assertThat(out.text()).as(entry).isEmpty();
            assertThat(err.lines()).as(entry).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains(": unknown option '--bogus': allowed options are --").endsWith(" (see --help)");
        }
    }

    @Test
    void sectionRefusesTheLaunchersOwnOptions() throws Exception {
        Console err = new Console();

        assertThat(call("section", new String[] {"--list"}, new Console().stream, err.stream)).isEqualTo(2);
        assertThat(call("section", new String[] {"--lesson", "1"}, new Console().stream, err.stream)).isEqualTo(2);

        assertThat(err.lines()).hasSize(2);
        assertThat(err.lines().get(0)).contains(": unknown option '--list': allowed options are --");
        assertThat(err.lines().get(1)).contains(": unknown option '--lesson': allowed options are --");
    }

    @Test
    void nullArgumentsAreRefusedByName() {
        PrintStream console = new Console().stream;
        for (String entry : List.of("run", "section")) {
            assertThatThrownBy(() -> call(entry, null, console, console))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("args");
            assertThatThrownBy(() -> call(entry, new String[0], null, console))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("out");
            assertThatThrownBy(() -> call(entry, new String[0], console, null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("err");
        }
    }

    private List<Class<?>> lessons() {
        try {
            @SuppressWarnings("unchecked")
            List<Class<?>> lessons = (List<Class<?>>) main.getMethod("lessons").invoke(null);
            return lessons;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(main + " has no public static lessons()", e);
        }
    }

    private static int number(Class<?> lesson) {
        return Integer.parseInt(lesson.getSimpleName().split("_")[1]);
    }

    /** Main's {@code run} or {@code section}, with what it throws passed on as it was thrown. */
    private int call(String entry, String[] args, PrintStream out, PrintStream err) throws Exception {
        Method method = main.getMethod(entry, String[].class, PrintStream.class, PrintStream.class);
        try {
            return (int) method.invoke(null, args, out, err);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
