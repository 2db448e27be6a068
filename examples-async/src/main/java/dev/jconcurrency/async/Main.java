package dev.jconcurrency.async;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.cli.LessonLauncher;
import dev.jconcurrency.core.cli.LessonLauncher.Lesson;
import dev.jconcurrency.core.report.Report;

import java.io.PrintStream;
import java.util.List;

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

    private static final LessonLauncher LAUNCHER = LessonLauncher.builder("examples-async",
            "Plays the seed's asyncio section, then lists this module's lessons. "
                + "--lesson NAME runs one lesson; options after it go to that lesson (--lesson 4 --help).")
        .seedSection("examples-async", Async_01_SeedSection.SUMMARY, Async_01_SeedSection::withSeedOptions,
            (options, out, err) -> {
                Async_01_SeedSection.run(Async_01_SeedSection.config(options), Report.to(out));
                return 0;
            })
        // Made on first use: naming a lesson's play loads its class, and section(...) needs none of them.
        .lessons(() -> List.of(
            new Lesson(Async_01_SeedSection.class, Async_01_SeedSection.QUESTION, Async_01_SeedSection::play),
            new Lesson(Async_02_AsyncAwait.class, Async_02_AsyncAwait.QUESTION, Async_02_AsyncAwait::play),
            new Lesson(Async_03_CooperativeScheduling.class, Async_03_CooperativeScheduling.QUESTION,
                Async_03_CooperativeScheduling::play),
            new Lesson(Async_04_MillionWaits.class, Async_04_MillionWaits.QUESTION, Async_04_MillionWaits::play),
            new Lesson(Async_05_LoopbackAtScale.class, Async_05_LoopbackAtScale.QUESTION,
                Async_05_LoopbackAtScale::play),
            new Lesson(Async_06_BackPressure.class, Async_06_BackPressure.QUESTION, Async_06_BackPressure::play),
            new Lesson(Async_07_Pinning.class, Async_07_Pinning.QUESTION, Async_07_Pinning::play)))
        .build();

    private Main() {
    }

    /**
     * Every lesson class, in order.
     *
     * @return the lessons, from {@link Async_01_SeedSection} on
     */
    public static List<Class<?>> lessons() {
        return LAUNCHER.lessons();
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
        return LAUNCHER.run(args, out, err);
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
        return LAUNCHER.section(args, out, err);
    }
}
