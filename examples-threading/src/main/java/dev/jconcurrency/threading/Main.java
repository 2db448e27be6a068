package dev.jconcurrency.threading;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.report.Report;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The threading module's launcher: plays the seed's threading section, then lists the lessons; runs one lesson by
 * number or name.
 *
 * <pre>
 * mvn -q -pl examples-threading -am test-compile -Drun=examples-threading
 * mvn -q -pl examples-threading -am test-compile -Drun=examples-threading -Dargs="--lesson 3"
 * mvn -q -pl examples-threading -am test-compile -Drun=examples-threading -Dargs="--tasks 5 --workers 2"
 * </pre>
 */
public final class Main {

    private static final String COMMAND = "examples-threading";

    /** One lesson: its class, the question it answers, and how to play it to a stream. */
    private record Lesson(Class<?> type, String question, Lessons.Player player) {

        int number() {
            return Integer.parseInt(type.getSimpleName().split("_")[1]);
        }
    }

    private static final List<Lesson> LESSONS = List.of(
        new Lesson(Threading_01_SeedSection.class, Threading_01_SeedSection.QUESTION, Threading_01_SeedSection::play),
        new Lesson(Threading_02_IoSpeedup.class, Threading_02_IoSpeedup.QUESTION, Threading_02_IoSpeedup::play),
        new Lesson(Threading_03_NoGil.class, Threading_03_NoGil.QUESTION, Threading_03_NoGil::play),
        new Lesson(Threading_04_LostUpdate.class, Threading_04_LostUpdate.QUESTION, Threading_04_LostUpdate::play),
        new Lesson(Threading_05_Visibility.class, Threading_05_Visibility.QUESTION, Threading_05_Visibility::play),
        new Lesson(Threading_06_Deadlock.class, Threading_06_Deadlock.QUESTION, Threading_06_Deadlock::play),
        new Lesson(Threading_07_ProducerConsumer.class, Threading_07_ProducerConsumer.QUESTION,
            Threading_07_ProducerConsumer::play),
        new Lesson(Threading_08_Interruption.class, Threading_08_Interruption.QUESTION,
            Threading_08_Interruption::play),
        new Lesson(Threading_09_ManyThreads.class, Threading_09_ManyThreads.QUESTION, Threading_09_ManyThreads::play));

    private Main() {
    }

    /**
     * Runs the launcher and exits with its code when that is not 0.
     *
     * @param args see {@link #run(String[], PrintStream, PrintStream)}
     * @throws Exception if a lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(run(args, System.out, System.err));
    }

    /**
     * The launcher. No options: plays the seed section, then lists the lessons. {@code --list}: lists only.
     * {@code --lesson N} (a number or a class's simple name): runs that lesson, handing it the other options.
     * {@code --tasks}, {@code --duration}, {@code --workers}, {@code --type}: shape the seed section. {@code --help}:
     * the options. A bad option: one line on {@code err} naming the option and its allowed values, exit code 2.
     *
     * @param args the command line
     * @param out where the lessons print
     * @param err where usage errors go
     * @return the exit code: 0, or 2 for a usage error
     * @throws Exception if a lesson fails
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        CommandLine cli = Threading_01_SeedSection.seedOptions(CommandLine.builder(COMMAND,
                "Java threads, by example: plays section 1 of the seed demo (threading, I/O-bound), then lists the"
                    + " lessons. The seed options shape the section; --lesson runs one lesson."))
            .flag("list", "list the lessons and exit")
            .choiceOption("lesson", lessonNames(), null, "run one lesson, by number or class name")
            .build();
        int[] lessonCode = {0};
        int code = cli.run(args, out, err, arguments -> {
            if (arguments.flag("list")) {
                list(Report.to(out));
                return;
            }
            String lesson = arguments.choice("lesson");
            if (lesson != null) {
                lessonCode[0] = find(lesson).player().play(withoutLessonOption(args), out, err);
                return;
            }
            Threading_01_SeedSection.run(Threading_01_SeedSection.options(arguments), Report.to(out));
            Report report = Report.to(out);
            report.blank();
            list(report);
        });
        return code != 0 ? code : lessonCode[0];
    }

    /**
     * Plays only the seed's threading section: what the whole tour calls for section 1.
     *
     * @param args {@code --tasks N}, {@code --duration TIME}, {@code --workers K}, {@code --type io|cpu}, or
     *     {@code --help}
     * @param out where the section prints
     * @param err where usage errors go
     * @return the exit code: 0, or 2 for a usage error
     * @throws Exception if the section fails
     */
    public static int section(String[] args, PrintStream out, PrintStream err) throws Exception {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        CommandLine cli = Threading_01_SeedSection.seedOptions(CommandLine.builder(COMMAND + " section",
            "Plays section 1 of the seed demo: threading, I/O-bound.")).build();
        return cli.run(args, out, err, arguments ->
            Threading_01_SeedSection.run(Threading_01_SeedSection.options(arguments), Report.to(out)));
    }

    /**
     * The lessons in order, the seed section first.
     *
     * @return every lesson class of this module
     */
    public static List<Class<?>> lessons() {
        return LESSONS.stream().<Class<?>>map(Lesson::type).toList();
    }

    private static void list(Report report) {
        report.line("Lessons (run one with --lesson N):");
        for (Lesson lesson : LESSONS) {
            report.line(String.format(Locale.ROOT, "  %02d  %-30s %s", lesson.number(), lesson.type().getSimpleName(),
                lesson.question()));
        }
    }

    private static List<String> lessonNames() {
        List<String> names = new ArrayList<>();
        LESSONS.forEach(l -> names.add(Integer.toString(l.number())));
        LESSONS.forEach(l -> names.add(l.type().getSimpleName()));
        return names;
    }

    private static Lesson find(String name) {
        return LESSONS.stream()
            .filter(l -> name.equals(Integer.toString(l.number())) || name.equals(l.type().getSimpleName()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no lesson " + name + " (the parser allowed it)"));
    }

    /** The arguments minus {@code --lesson X} or {@code --lesson=X}: what is left belongs to the lesson. */
    private static String[] withoutLessonOption(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).equals("--lesson")) {
                rest.subList(i, Math.min(i + 2, rest.size())).clear();
                break;
            }
            if (rest.get(i).startsWith("--lesson=")) {
                rest.remove(i);
                break;
            }
        }
        return rest.toArray(String[]::new);
    }
}
