package dev.jconcurrency.threading;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.cli.LessonLauncher;
import dev.jconcurrency.core.cli.LessonLauncher.Lesson;
import dev.jconcurrency.core.report.Report;
import java.io.PrintStream;
import java.util.List;

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

    private static final LessonLauncher LAUNCHER = LessonLauncher.builder(COMMAND,
            "Java threads, by example: plays section 1 of the seed demo (threading, I/O-bound), then lists the"
                + " lessons. The seed options shape the section; --lesson runs one lesson.")
        .seedSection(COMMAND + " section", "Plays section 1 of the seed demo: threading, I/O-bound.",
            Threading_01_SeedSection::seedOptions, (options, out, err) -> {
                Threading_01_SeedSection.run(Threading_01_SeedSection.options(options), Report.to(out));
                return 0;
            })
        // Made on first use: naming a lesson's play loads its class, and section(...) needs none of them.
        .lessons(() -> List.of(
            new Lesson(Threading_01_SeedSection.class, Threading_01_SeedSection.QUESTION,
                Threading_01_SeedSection::play),
            new Lesson(Threading_02_IoSpeedup.class, Threading_02_IoSpeedup.QUESTION, Threading_02_IoSpeedup::play),
            new Lesson(Threading_03_NoGil.class, Threading_03_NoGil.QUESTION, Threading_03_NoGil::play),
            new Lesson(Threading_04_LostUpdate.class, Threading_04_LostUpdate.QUESTION, Threading_04_LostUpdate::play),
            new Lesson(Threading_05_Visibility.class, Threading_05_Visibility.QUESTION,
                Threading_05_Visibility::play),
            new Lesson(Threading_06_Deadlock.class, Threading_06_Deadlock.QUESTION, Threading_06_Deadlock::play),
            new Lesson(Threading_07_ProducerConsumer.class, Threading_07_ProducerConsumer.QUESTION,
                Threading_07_ProducerConsumer::play),
            new Lesson(Threading_08_Interruption.class, Threading_08_Interruption.QUESTION,
                Threading_08_Interruption::play),
            new Lesson(Threading_09_ManyThreads.class, Threading_09_ManyThreads.QUESTION,
                Threading_09_ManyThreads::play)))
        .build();

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
        return LAUNCHER.run(args, out, err);
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
        return LAUNCHER.section(args, out, err);
    }

    /**
     * The lessons in order, the seed section first.
     *
     * @return every lesson class of this module
     */
    public static List<Class<?>> lessons() {
        return LAUNCHER.lessons();
    }
}
