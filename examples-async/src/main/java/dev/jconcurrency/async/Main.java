package dev.jconcurrency.async;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.report.Table;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The async module's launcher: plays the seed's asyncio section, lists the lessons, runs one by number or name.
 *
 * <pre>
 * (no options)           the seed section (its options: --tasks, --duration, --style, --carriers), then the list
 * --list                 the list only
 * --lesson NAME [opts]   one lesson, by number (4, 04) or class name; the other options go to the lesson
 * --help                 the options
 * </pre>
 * A bad option prints one line naming it and its allowed values, and exits with 2.
 */
public final class Main {

    /** A lesson as the launcher knows it: its class, its question and how to play it with options. */
    private record Lesson(Class<?> type, String question, Play play) {
        String number() {
            return type.getSimpleName().substring("Async_".length(), "Async_".length() + 2);
        }
    }

    @FunctionalInterface
    private interface Play {
        int play(String[] args, PrintStream out, PrintStream err) throws Exception;
    }

    private static final List<Lesson> LESSONS = List.of(
        new Lesson(Async_01_SeedSection.class, Async_01_SeedSection.QUESTION, Async_01_SeedSection::play),
        new Lesson(Async_02_AsyncAwait.class, Async_02_AsyncAwait.QUESTION, Async_02_AsyncAwait::play),
        new Lesson(Async_03_CooperativeScheduling.class, Async_03_CooperativeScheduling.QUESTION,
            Async_03_CooperativeScheduling::play),
        new Lesson(Async_04_MillionWaits.class, Async_04_MillionWaits.QUESTION, Async_04_MillionWaits::play),
        new Lesson(Async_05_LoopbackAtScale.class, Async_05_LoopbackAtScale.QUESTION,
            Async_05_LoopbackAtScale::play),
        new Lesson(Async_06_BackPressure.class, Async_06_BackPressure.QUESTION, Async_06_BackPressure::play),
        new Lesson(Async_07_Pinning.class, Async_07_Pinning.QUESTION, Async_07_Pinning::play));

    private Main() {
    }

    /**
     * Every lesson class, in order.
     *
     * @return the lessons, from {@link Async_01_SeedSection} on
     */
    public static List<Class<?>> lessons() {
        return LESSONS.stream().<Class<?>>map(Lesson::type).toList();
    }

    /**
     * Runs the launcher on the process's streams and exits with the code when it is not 0.
     *
     * @param args the command line
     * @throws Exception if a lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(run(args, System.out, System.err));
    }

    /**
     * Runs the launcher.
     *
     * @param args the command line
     * @param out where the lessons print
     * @param err where a usage error goes, as one line
     * @return the exit code: 0, or 2 for a bad option
     * @throws Exception if a lesson fails
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        int at = lessonOption(args);
        if (at >= 0) {
            return runLesson(args, at, out, err);
        }
        return launcher().run(args, out, err, arguments -> {
            if (!arguments.flag("list")) {
                Async_01_SeedSection.run(Async_01_SeedSection.config(arguments),
                    Report.to(out));
                out.println();
            }
            printLessons(out);
        });
    }

    /**
     * Plays only the seed's section, as the tour does; options {@code --tasks}, {@code --duration},
     * {@code --style futures|virtual}, {@code --carriers}.
     *
     * @param args the section's options
     * @param out where the section prints
     * @param err where a usage error goes, as one line
     * @return the exit code: 0, or 2 for a bad option
     * @throws Exception if a task fails
     */
    public static int section(String[] args, PrintStream out, PrintStream err) throws Exception {
        Objects.requireNonNull(args, "args");
        return Async_01_SeedSection.play(args, out, err);
    }

    private static int runLesson(String[] args, int at, PrintStream out, PrintStream err) throws Exception {
        String[] own;
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (args[at].startsWith("--lesson=")) {
            own = new String[] {args[at]};
            rest.remove(at);
        } else if (at + 1 < args.length) {
            own = new String[] {args[at], args[at + 1]};
            rest.subList(at, at + 2).clear();
        } else {
            own = new String[] {args[at]};
            rest.remove(at);
        }
        String[] name = new String[1];
        int code = lessonChoice().run(own, out, err, arguments -> name[0] = arguments.choice("lesson"));
        if (code != 0) {
            return code;
        }
        return find(name[0]).play().play(rest.toArray(String[]::new), out, err);
    }

    private static int lessonOption(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--lesson") || args[i].startsWith("--lesson=")) {
                return i;
            }
        }
        return -1;
    }

    private static Lesson find(String name) {
        for (Lesson lesson : LESSONS) {
            if (names(lesson).contains(name)) {
                return lesson;
            }
        }
        throw new IllegalStateException("the choice option let through an unknown lesson: " + name);
    }

    private static List<String> names(Lesson lesson) {
        String number = lesson.number();
        return List.of(Integer.toString(Integer.parseInt(number)), number, lesson.type().getSimpleName());
    }

    private static List<String> allNames() {
        List<String> numbers = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (Lesson lesson : LESSONS) {
            List<String> names = names(lesson);
            numbers.add(names.get(0));
            numbers.add(names.get(1));
            classes.add(names.get(2));
        }
        numbers.addAll(classes);
        return numbers;
    }

    private static CommandLine lessonChoice() {
        return CommandLine.builder("examples-async", "Runs one lesson.")
            .choiceOption("lesson", allNames(), null, "the lesson to run: its number or class name")
            .build();
    }

    private static CommandLine launcher() {
        CommandLine.Builder builder = CommandLine.builder("examples-async",
                "Plays the seed's asyncio section, then lists this module's lessons. "
                    + "--lesson NAME runs one lesson; options after it go to that lesson (--lesson 4 --help).")
            .flag("list", "list the lessons only")
            .choiceOption("lesson", allNames(), null, "run one lesson: its number (4 or 04) or class name");
        return Async_01_SeedSection.withSeedOptions(builder).build();
    }

    static void printLessons(PrintStream out) {
        Table table = Table.of("#", "lesson", "question");
        for (Lesson lesson : LESSONS) {
            table.row(lesson.number(), lesson.type().getSimpleName(), lesson.question());
        }
        StringBuilder text = new StringBuilder("Lessons (run one with --lesson N, e.g. --lesson 2):\n");
        text.append(table.toText());
        out.print(text);
        out.flush();
    }
}
