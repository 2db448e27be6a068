package dev.jconcurrency.processes;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.report.Report;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The processes module's launcher: plays the seed's multiprocessing section, then lists the lessons; runs one
 * lesson by number or name.
 *
 * <pre>
 * mvn -q -pl examples-processes -am test-compile -Drun=examples-processes
 * mvn -q -pl examples-processes -am test-compile -Drun=examples-processes -Dargs="--lesson 4"
 * mvn -q -pl examples-processes -am test-compile -Drun=examples-processes -Dargs="--size 10000000"
 * </pre>
 */
public final class Main {

    private static final String COMMAND = "examples-processes";

    /** One lesson: its class, the question it answers, and how to play it to a stream. */
    private record Lesson(Class<?> type, String question, Lessons.Player player) {

        int number() {
            return Integer.parseInt(type.getSimpleName().split("_")[1]);
        }
    }

    private static final List<Lesson> LESSONS = List.of(
        new Lesson(Processes_01_SeedSection.class, Processes_01_SeedSection.QUESTION, Processes_01_SeedSection::play),
        new Lesson(Processes_02_SeparateMemory.class, Processes_02_SeparateMemory.QUESTION,
            Processes_02_SeparateMemory::play),
        new Lesson(Processes_03_ThreadsVsProcesses.class, Processes_03_ThreadsVsProcesses.QUESTION,
            Processes_03_ThreadsVsProcesses::play),
        new Lesson(Processes_04_CrashIsolation.class, Processes_04_CrashIsolation.QUESTION,
            Processes_04_CrashIsolation::play),
        new Lesson(Processes_05_CrossingTheBoundary.class, Processes_05_CrossingTheBoundary.QUESTION,
            Processes_05_CrossingTheBoundary::play),
        new Lesson(Processes_06_PipeToAChild.class, Processes_06_PipeToAChild.QUESTION, Processes_06_PipeToAChild::play));

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
     * {@code --tasks}, {@code --size}, {@code --workers}: shape the seed section. {@code --help}: the options. A bad
     * option: one line on {@code err} naming the option and its allowed values, exit code 2.
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
        CommandLine cli = Processes_01_SeedSection.seedOptions(CommandLine.builder(COMMAND,
                "Child JVMs, by example: plays section 2 of the seed demo (multiprocessing, CPU-bound), then lists"
                    + " the lessons. The seed options shape the section; --lesson runs one lesson.\n"
                    + Processes_01_SeedSection.SUMMARY.substring(Processes_01_SeedSection.SUMMARY.indexOf("Notes"))))
            .flag("list", "list the lessons and exit")
            .choiceOption("lesson", numbers(), null, "run one lesson, by number or class name (see --list)")
            .build();
        int[] lessonCode = {0};
        int code = cli.run(lessonNamesToNumbers(args), out, err, arguments -> {
            if (arguments.flag("list")) {
                list(Report.to(out));
                return;
            }
            String lesson = arguments.choice("lesson");
            if (lesson != null) {
                lessonCode[0] = find(lesson).player().play(withoutLessonOption(args), out, err);
                return;
            }
            Processes_01_SeedSection.run(Processes_01_SeedSection.options(arguments), Report.to(out));
            Report report = Report.to(out);
            report.blank();
            list(report);
        });
        return code != 0 ? code : lessonCode[0];
    }

    /**
     * Plays only the seed's multiprocessing section: what the whole tour calls for section 2.
     *
     * @param args {@code --tasks N}, {@code --size N}, {@code --workers N}, or {@code --help}
     * @param out where the section prints
     * @param err where usage errors go
     * @return the exit code: 0, or 2 for a usage error
     * @throws Exception if the section fails
     */
    public static int section(String[] args, PrintStream out, PrintStream err) throws Exception {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        CommandLine cli = Processes_01_SeedSection.seedOptions(CommandLine.builder(COMMAND + " section",
            Processes_01_SeedSection.SUMMARY)).build();
        return cli.run(args, out, err, arguments ->
            Processes_01_SeedSection.run(Processes_01_SeedSection.options(arguments), Report.to(out)));
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
            report.line(String.format(Locale.ROOT, "  %02d  %-34s %s", lesson.number(), lesson.type().getSimpleName(),
                lesson.question()));
        }
    }

    private static List<String> numbers() {
        return LESSONS.stream().map(l -> Integer.toString(l.number())).toList();
    }

    private static Lesson find(String number) {
        return LESSONS.stream()
            .filter(l -> number.equals(Integer.toString(l.number())))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no lesson " + number + " (the parser allowed it)"));
    }

    /**
     * Lets {@code --lesson} take a class name or a zero-padded number as well as the plain number, so that
     * {@code --help} can list the choices as short numbers.
     */
    private static String[] lessonNamesToNumbers(String[] args) {
        String[] copy = args.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == null) {
                continue; // left for the parser, which names "args"
            }
            if (copy[i].equals("--lesson") && i + 1 < copy.length) {
                copy[i + 1] = lessonNumber(copy[i + 1]);
            } else if (copy[i].startsWith("--lesson=")) {
                copy[i] = "--lesson=" + lessonNumber(copy[i].substring("--lesson=".length()));
            }
        }
        return copy;
    }

    private static String lessonNumber(String value) {
        if (value == null) {
            return null;
        }
        for (Lesson lesson : LESSONS) {
            if (value.equals(lesson.type().getSimpleName())
                || value.equals(String.format(Locale.ROOT, "%02d", lesson.number()))) {
                return Integer.toString(lesson.number());
            }
        }
        return value; // unknown: left for the parser to reject in one line that lists the numbers
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
