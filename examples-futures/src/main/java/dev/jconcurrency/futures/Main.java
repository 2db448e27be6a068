package dev.jconcurrency.futures;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.cli.LessonLauncher;
import dev.jconcurrency.core.cli.LessonLauncher.Lesson;

import java.io.PrintStream;
import java.util.List;

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

    private static final LessonLauncher LAUNCHER = LessonLauncher.builder(COMMAND,
            "Plays the seed's concurrent.futures section, then lists the lessons; or runs one lesson.")
        .seedSection(COMMAND, Futures_01_SeedSection.SUMMARY, Futures_01_SeedSection::withSeedOptions,
            (options, out, err) -> Futures_01_SeedSection.play(COMMAND, options, out, err))
        .lessons(Main::lessonTable)
        .build();

    private Main() {
    }

    /**
     * Every lesson class, in order.
     *
     * @return the lessons, numbered from 1
     */
    public static List<Class<?>> lessons() {
        return LAUNCHER.lessons();
    }

    /**
     * The lessons with their questions, in order, as listed by {@code --list} and the README. Made when asked:
     * naming a lesson's main loads its class, and {@link #section} needs none of them.
     */
    static List<Lesson> lessonTable() {
        return List.of(
            lesson(Futures_01_SeedSection.class,
                "How do you run blocking calls on a pool and get their results back in order?",
                Futures_01_SeedSection::main),
            lesson(Futures_02_SubmitAndFuture.class,
                "What does a Future tell you, and where does a task's exception go?",
                Futures_02_SubmitAndFuture::main),
            lesson(Futures_03_MapVsAsCompleted.class,
                "In which order do a pool's results come back: submission (map) or completion (as_completed)?",
                Futures_03_MapVsAsCompleted::main),
            lesson(Futures_04_InvokeAny.class,
                "How do you take the first good answer and stop the other tasks?",
                Futures_04_InvokeAny::main),
            lesson(Futures_05_CancellationAndTimeouts.class,
                "What do cancel, a timed get, shutdown, shutdownNow and close really do to running and queued tasks?",
                Futures_05_CancellationAndTimeouts::main),
            lesson(Futures_06_SizingAPool.class,
                "How many threads should a pool have, for waiting work and for computing work?",
                Futures_06_SizingAPool::main),
            lesson(Futures_07_ForkJoin.class,
                "How do you split one big computation across the cores, and how small should the pieces be?",
                Futures_07_ForkJoin::main),
            lesson(Futures_08_ProcessPoolExecutor.class,
                "Can the same invokeAll code run its tasks in child JVMs instead of threads, and what changes?",
                Futures_08_ProcessPoolExecutor::main));
    }

    /** A lesson's {@code main}: this module's lessons print to {@code System.out} and exit on a bad option. */
    @FunctionalInterface
    private interface LessonMain {
        void main(String[] args) throws Exception;
    }

    private static Lesson lesson(Class<?> type, String question, LessonMain main) {
        return new Lesson(type, question, (args, out, err) -> {
            main.main(args);
            return 0;
        });
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
     * number or class name) with the other options, and it prints to {@code System.out}; {@code --help} prints
     * the options.
     *
     * @param args the command line
     * @param out where output goes
     * @param err where a one-line usage error goes
     * @return the exit code: 0, or 2 after one line on {@code err}
     * @throws Exception if the section or a lesson fails
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        return LAUNCHER.run(args, out, err);
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
        return LAUNCHER.section(args, out, err);
    }
}
