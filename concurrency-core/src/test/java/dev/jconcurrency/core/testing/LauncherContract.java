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
import java.util.stream.Stream;

import dev.jconcurrency.core.process.ChildJvm;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks every example module makes of its {@code Main}: that it is wired to
 * {@code dev.jconcurrency.core.cli.LessonLauncher} with its own lessons and seed options, and that
 * {@code Main.section(...)}, the tour's entry point, loads no lesson class but the seed section's. What the
 * launcher itself does with each option is tested once, in core's {@code LessonLauncherTest}.
 *
 * <p>A module's {@code MainTest} extends this, names its {@code Main} and gives the data only it knows: seed
 * options that make the section quick, and bad seed options with the error each must give.
 */
public abstract class LauncherContract {

    /** The module's {@code Main}: public static {@code run}, {@code section} and {@code lessons}. */
    protected abstract Class<?> main();

    /** Seed options that make the seed section take a fraction of a second, e.g. {@code --duration 0ms}. */
    protected abstract List<String> quickSection();

    /**
     * The lessons besides the seed section's whose code the seed section itself calls, which it therefore loads
     * however the index is built. None, unless a module says otherwise.
     */
    protected List<Class<?>> lessonsTheSectionCalls() {
        return List.of();
    }

    /**
     * A bad seed option and a piece of the one-line error it must give.
     *
     * @param args the command line, e.g. {@code --tasks 0}
     * @param error a piece of the error, e.g. {@code '--tasks': '0' (allowed: a whole number from 1 to 10000)}
     */
    public record BadOption(List<String> args, String error) {
    }

    /** Bad seed options, each with a piece of the one-line error it must give. */
    protected abstract Stream<BadOption> badSeedOptions();

    /**
     * The tour calls {@code section(...)} in a fresh JVM: it must not pay for loading every lesson of the module
     * (about 1 ms each), only the seed section's (and any whose code that section calls). Checked in a child JVM,
     * whose class-loading log is complete.
     */
    @Test
    void sectionLoadsTheSeedLessonButNoOtherLesson(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        List<String> flags = new ArrayList<>(ChildJvm.FAST_START_FLAGS);
        flags.add("-Xlog:class+load:file=" + log);
        List<String> args = new ArrayList<>(List.of(main().getName()));
        args.addAll(quickSection());

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

    @Test
    void helpOffersEveryLessonByItsNumber() throws Exception {
        Console out = new Console();

        assertThat(call("run", new String[] {"--help"}, out.stream, new Console().stream)).isEqualTo(0);

        String numbers = lessons().stream().map(lesson -> Integer.toString(number(lesson)))
            .collect(Collectors.joining("|"));
        assertThat(out.text()).contains("  --list ", "  --lesson " + numbers + " ");
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

    /** A bad seed option is one line naming it, exit code 2, from the launcher and from the section alike. */
    @TestFactory
    Stream<DynamicTest> aBadSeedOptionIsOneLineAndExitCode2FromTheLauncherAndFromTheSection() {
        return badSeedOptions().flatMap(bad -> Stream.of("run", "section").map(entry ->
            DynamicTest.dynamicTest(entry + " " + String.join(" ", bad.args()), () -> {
                Console out = new Console();
                Console err = new Console();

                assertThat(call(entry, bad.args().toArray(String[]::new), out.stream, err.stream)).isEqualTo(2);

                assertThat(out.text()).isEmpty();
                assertThat(err.lines()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .contains(bad.error()).endsWith(" (see --help)");
            })));
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
            List<Class<?>> lessons = (List<Class<?>>) main().getMethod("lessons").invoke(null);
            return lessons;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(main() + " has no public static lessons()", e);
        }
    }

    private static int number(Class<?> lesson) {
        return Integer.parseInt(lesson.getSimpleName().split("_")[1]);
    }

    /** Main's {@code run} or {@code section}, with what it throws passed on as it was thrown. */
    private int call(String entry, String[] args, PrintStream out, PrintStream err) throws Exception {
        Method method = main().getMethod(entry, String[].class, PrintStream.class, PrintStream.class);
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
