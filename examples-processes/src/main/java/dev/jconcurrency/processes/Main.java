package dev.jconcurrency.processes;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.cli.LessonLauncher;
import dev.jconcurrency.core.cli.LessonLauncher.Lesson;
import dev.jconcurrency.core.report.Report;
import java.io.PrintStream;
import java.util.List;

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

    private static final LessonLauncher LAUNCHER = LessonLauncher.builder(COMMAND,
            "Child JVMs, by example: plays section 2 of the seed demo (multiprocessing, CPU-bound), then lists"
                + " the lessons. The seed options shape the section; --lesson runs one lesson.\n"
                + Processes_01_SeedSection.SUMMARY.substring(Processes_01_SeedSection.SUMMARY.indexOf("Notes")))
        .seedSection(COMMAND + " section", Processes_01_SeedSection.SUMMARY, Processes_01_SeedSection::seedOptions,
            (options, out, err) -> {
                Processes_01_SeedSection.run(Processes_01_SeedSection.options(options), Report.to(out));
                return 0;
            })
        // Made on first use: naming a lesson's play loads its class, and section(...) needs none of them.
        .lessons(() -> List.of(
            new Lesson(Processes_01_SeedSection.class, Processes_01_SeedSection.QUESTION,
                Processes_01_SeedSection::play),
            new Lesson(Processes_02_SeparateMemory.class, Processes_02_SeparateMemory.QUESTION,
                Processes_02_SeparateMemory::play),
            new Lesson(Processes_03_ThreadsVsProcesses.class, Processes_03_ThreadsVsProcesses.QUESTION,
                Processes_03_ThreadsVsProcesses::play),
            new Lesson(Processes_04_CrashIsolation.class, Processes_04_CrashIsolation.QUESTION,
                Processes_04_CrashIsolation::play),
            new Lesson(Processes_05_CrossingTheBoundary.class, Processes_05_CrossingTheBoundary.QUESTION,
                Processes_05_CrossingTheBoundary::play),
            new Lesson(Processes_06_PipeToAChild.class, Processes_06_PipeToAChild.QUESTION,
                Processes_06_PipeToAChild::play)))
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
        return LAUNCHER.run(args, out, err);
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
