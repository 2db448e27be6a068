package dev.jconcurrency.docs;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.cli.LessonLauncher;
import dev.jconcurrency.core.report.Report;

/**
 * The whole tour with one command, the Java counterpart of the seed's {@code python main.py}: the four sections
 * in the seed's order, each played by its own module's code, then (with {@code --all}) every lesson of every
 * module in order.
 *
 * <p>The tour owns no lesson code. Each section is its module's {@code Main.section(...)}, the very method that
 * module's own main plays, so the tour and the module can never drift apart. The tour only forwards the options
 * a section understands.
 */
public final class Tour {

    /** The banner the seed opens with, in Java. */
    public static final String BANNER = "JAVA CONCURRENCY & PARALLELISM DEMO";

    /**
     * A section of the seed: its name on the command line, the options it takes, how to play it (its module's
     * {@code Main.section}) and the lessons behind it.
     */
    record Section(String name, Set<String> options, LessonLauncher.Player main, LessonList lessons) {
    }

    @FunctionalInterface
    interface LessonList {
        List<Class<?>> get();
    }

    /** The seed's four sections, in the seed's order. */
    static final List<Section> SECTIONS = List.of(
        new Section("threading", Set.of("tasks", "duration", "workers", "type"),
            dev.jconcurrency.threading.Main::section, dev.jconcurrency.threading.Main::lessons),
        new Section("multiprocessing", Set.of("tasks", "size", "workers"),
            dev.jconcurrency.processes.Main::section, dev.jconcurrency.processes.Main::lessons),
        new Section("asyncio", Set.of("tasks", "duration"),
            dev.jconcurrency.async.Main::section, dev.jconcurrency.async.Main::lessons),
        new Section("futures", Set.of("tasks", "workers", "duration"),
            dev.jconcurrency.futures.Main::section, dev.jconcurrency.futures.Main::lessons));

    static final CommandLine CLI = CommandLine.builder("jconcurrency tour",
            "Plays the Python demo's four sections in Java, in the seed's order: threading for I/O, "
                + "multiprocessing for CPU work, asyncio-style high-concurrency I/O, and concurrent.futures. "
                + "Options given here go to every section that understands them.")
        .intOption("tasks", 3, 1, 10_000, "how many tasks each section runs")
        .durationOption("duration", Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(60),
            "how long each I/O task waits (threading, asyncio, futures)")
        .intOption("workers", 0, 0, 1_000, "pool size of threading, multiprocessing and futures; 0 keeps each "
            + "section's own (threading: a thread per task; multiprocessing and futures: 3)")
        .longOption("size", 1_000_000, 0, 3_037_000_500L,
            "problem size of the multiprocessing section: the sum of i*i for i below it")
        .choiceOption("type", List.of("io", "cpu"), "io", "what the threading section's tasks do")
        .choiceOption("section", List.of("all", "threading", "multiprocessing", "asyncio", "futures"), "all",
            "play one section only")
        .flag("all", "after the sections, run every lesson of every module in order")
        .build();

    private Tour() {
    }

    /**
     * Plays the tour; exits non-zero only for a command-line mistake or a failed section.
     *
     * @param args see {@code --help}
     * @throws Exception if a section fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(run(args, System.out, System.err));
    }

    /**
     * Plays the tour.
     *
     * @param args see {@code --help}
     * @param out where the demo prints
     * @param err where a usage error goes
     * @return the exit code
     * @throws Exception if a section fails
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        int[] code = {0};
        int usage = CLI.run(args, out, err, options -> {
            Report report = Report.to(out);
            report.banner(BANNER);
            String only = options.choice("section");
            for (Section section : SECTIONS) {
                if (!only.equals("all") && !only.equals(section.name())) {
                    continue;
                }
                report.blank();
                int sectionCode = section.main().play(forwarded(args, section.options()), out, err);
                if (sectionCode != 0) {
                    code[0] = sectionCode;
                    return;
                }
            }
            if (options.flag("all")) {
                for (Section section : SECTIONS) {
                    for (Class<?> lesson : section.lessons().get()) {
                        report.blank();
                        report.banner(lesson.getSimpleName());
                        runMain(lesson);
                    }
                }
            }
        });
        return usage != 0 ? usage : code[0];
    }

    /** The options of {@code args} a section understands, as they were written. */
    static String[] forwarded(String[] args, Set<String> accepted) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].substring(2);
            int equals = name.indexOf('=');
            boolean inline = equals >= 0;
            if (inline) {
                name = name.substring(0, equals);
            }
            boolean takesValue = !name.equals("all");
            String value = !takesValue ? null : inline ? args[i].substring(args[i].indexOf('=') + 1) : args[i + 1];
            // --workers 0 means "each section's own pool size", which is what leaving it out gives.
            boolean sectionDefault = name.equals("workers") && "0".equals(value);
            if (accepted.contains(name) && !sectionDefault) {
                kept.add(args[i]);
                if (takesValue && !inline) {
                    kept.add(args[i + 1]);
                }
            }
            if (takesValue && !inline) {
                i++;
            }
        }
        return kept.toArray(String[]::new);
    }

    private static void runMain(Class<?> lesson) throws Exception {
        Method main = lesson.getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) new String[0]);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
