package dev.jconcurrency.futures;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.report.Table;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The futures module's launcher: plays the seed's {@code concurrent.futures} section, then lists this module's
 * lessons; runs one lesson by number or name.
 *
 * <pre>
 * mvn -q -pl examples-futures -am test-compile -Drun=examples-futures                      # section + list
 * mvn -q -pl examples-futures -am test-compile -Drun=examples-futures -Dargs="--lesson 3"  # one lesson
 * mvn -q -pl examples-futures -am test-compile -Drun=examples-futures -Dargs="--help"
 * </pre>
 */
public final class Main {

    /** The command name shown in help and errors. */
    static final String COMMAND = "examples-futures";

    /** A lesson and the question it answers, as listed by {@code --list} and the README. */
    record Lesson(Class<?> type, String question) {
        int number() {
            return Integer.parseInt(type.getSimpleName().replaceAll("^[A-Za-z]+_(\\d+)_.*$", "$1"));
        }
    }

    private static final List<Lesson> LESSONS = List.of(
        new Lesson(Futures_01_SeedSection.class,
            "How do you run blocking calls on a pool and get their results back in order?"),
        new Lesson(Futures_02_SubmitAndFuture.class,
            "What does a Future tell you, and where does a task's exception go?"),
        new Lesson(Futures_03_MapVsAsCompleted.class,
            "In which order do a pool's results come back: submission (map) or completion (as_completed)?"),
        new Lesson(Futures_04_InvokeAny.class,
            "How do you take the first good answer and stop the other tasks?"),
        new Lesson(Futures_05_CancellationAndTimeouts.class,
            "What do cancel, a timed get, shutdown, shutdownNow and close really do to running and queued tasks?"),
        new Lesson(Futures_06_SizingAPool.class,
            "How many threads should a pool have, for waiting work and for computing work?"),
        new Lesson(Futures_07_ForkJoin.class,
            "How do you split one big computation across the cores, and how small should the pieces be?"),
        new Lesson(Futures_08_ProcessPoolExecutor.class,
            "Can the same invokeAll code run its tasks in child JVMs instead of threads, and what changes?"));

    private Main() {
    }

    /**
     * Every lesson class, in order.
     *
     * @return the lessons, numbered from 1
     */
    public static List<Class<?>> lessons() {
        List<Class<?>> types = new ArrayList<>();
        LESSONS.forEach(lesson -> types.add(lesson.type()));
        return List.copyOf(types);
    }

    /** The lessons with their questions, in order. */
    static List<Lesson> lessonTable() {
        return LESSONS;
    }

    /**
     * Runs {@link #run(String[], PrintStream, PrintStream)} on the console and exits with its code when that
     * is not 0.
     *
     * @param args the command line
     * @throws Exception if a lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(run(args, System.out, System.err));
    }

    /**
     * The launcher: no options plays the seed section (the section's options are accepted too) and then lists
     * the lessons; {@code --list} lists only; {@code --lesson N} runs lesson N's main (by number, zero-padded
     * number or class name), which prints to {@code System.out}; {@code --help} prints the options.
     *
     * @param args the command line
     * @param out where output goes
     * @param err where a one-line usage error goes
     * @return the exit code: 0, or 2 after one line on {@code err}
     * @throws Exception if the section or a lesson fails
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        List<String> numbers = LESSONS.stream().map(lesson -> Integer.toString(lesson.number())).toList();
        CommandLine cli = Futures_01_SeedSection.withSeedOptions(CommandLine.builder(COMMAND,
                "Plays the seed's concurrent.futures section, then lists the lessons; or runs one lesson."))
            .flag("list", "list the lessons and exit")
            .choiceOption("lesson", numbers, null, "run one lesson, by number or class name (see --list)")
            .build();
        int[] exit = {0};
        String[] numbered = lessonNamesToNumbers(args);
        LessonCall call = LessonCall.split(numbered);
        if (call != null && numbers.contains(call.lesson())) {
            // Everything but --lesson belongs to the lesson, whose own parser checks it and explains mistakes.
            runLesson(LESSONS.get(numbers.indexOf(call.lesson())).type(), call.rest());
            return 0;
        }
        int parsed = cli.run(numbered, out, err, options -> {
            if (options.flag("list")) {
                list(out);
            } else if (options.choice("lesson") != null) {
                runLesson(LESSONS.get(numbers.indexOf(options.choice("lesson"))).type(), new String[0]);
            } else {
                exit[0] = Futures_01_SeedSection.play(COMMAND, options, out, err);
                if (exit[0] == 0) {
                    out.println();
                    list(out);
                }
            }
        });
        return parsed != 0 ? parsed : exit[0];
    }

    /**
     * Plays only the seed's section (the tour calls this): options {@code --tasks}, {@code --workers},
     * {@code --duration}, {@code --executor thread|process|both}. The default, {@code both}, runs the thread pool
     * and the process pool side by side, so the section takes about one wait (plus the worker JVMs' start) in
     * all; each pool's time is measured from its own start.
     *
     * @param args the section's options
     * @param out where the section's lines go
     * @param err where a one-line usage error goes
     * @return the exit code: 0, or 2 after one line on {@code err}
     * @throws Exception if a task fails
     */
    public static int section(String[] args, PrintStream out, PrintStream err) throws Exception {
        return Futures_01_SeedSection.play(COMMAND, args, out, err);
    }

    private static void list(PrintStream out) {
        Table table = Table.of("no", "lesson", "question");
        for (Lesson lesson : LESSONS) {
            table.row(String.format(Locale.ROOT, "%02d", lesson.number()), lesson.type().getSimpleName(),
                lesson.question());
        }
        out.println("Lessons (run one with --lesson N):");
        out.print(table.toText());
        out.flush();
    }

    /** {@code --lesson X} (or {@code --lesson=X}) found among the arguments, and the arguments left without it. */
    private record LessonCall(String lesson, String[] rest) {
        static LessonCall split(String[] args) {
            List<String> rest = new ArrayList<>(Arrays.asList(args));
            for (int i = 0; i < rest.size(); i++) {
                String arg = rest.get(i);
                if (arg.equals("--lesson") && i + 1 < rest.size()) {
                    String lesson = rest.remove(i + 1);
                    rest.remove(i);
                    return new LessonCall(lesson, rest.toArray(String[]::new));
                }
                if (arg.startsWith("--lesson=")) {
                    rest.remove(i);
                    return new LessonCall(arg.substring("--lesson=".length()), rest.toArray(String[]::new));
                }
            }
            return null;
        }
    }

    private static void runLesson(Class<?> lesson, String[] args) throws Exception {
        try {
            lesson.getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        }
    }

    /** Lets {@code --lesson} take a class name or a zero-padded number as well as the plain number. */
    private static String[] lessonNamesToNumbers(String[] args) {
        String[] copy = args.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == null) {
                continue;
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
            String name = lesson.type().getSimpleName();
            String padded = String.format(Locale.ROOT, "%02d", lesson.number());
            if (value.equalsIgnoreCase(name) || value.equals(padded)) {
                return Integer.toString(lesson.number());
            }
        }
        return value; // unknown: left for the parser to reject in one line that lists the numbers
    }
}
