package dev.jconcurrency.docs.results;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.timing.Measurement;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Measures every model on this machine and writes the measured-results page, {@code docs/results.md}, with one
 * chart per model ({@code docs/results-*.png}).
 *
 * <p>What is the speedup of each model here, against what was possible? The page answers with a table and a
 * chart per model: threads on I/O, threads on CPU, virtual threads and CompletableFuture timers at scale,
 * fork/join, a process pool of worker JVMs, each measured against its ideal and Amdahl's prediction; then what a
 * pool costs per task and what a process pool takes to start, and the
 * Python demo's equivalents measured in the same run when {@code python3} is on the {@code PATH}.
 *
 * <h2>How to run</h2>
 * From the repository root (about three minutes on two cores; it prints a line per measurement):
 * <pre>
 * mvn -q -pl docs -am package -DskipTests -Dresults
 * mvn -q -pl docs -am package -DskipTests -Dresults -Dargs="--quick --out /tmp/results"
 * </pre>
 * Options: {@code --quick} (tiny sizes, a few seconds), {@code --no-python}, {@code --out DIR} (default: the
 * checkout's {@code docs} directory), {@code --help}.
 */
public final class ResultsPage {

    static final String COMMAND = "results";

    private static final CommandLine CLI = CommandLine.builder(COMMAND,
            "Measures threads, virtual threads, CompletableFuture timers, fork/join and a process pool on this "
                + "machine and writes results.md and its charts (results-*.png), with the Python demo's equivalents "
                + "side by side when python3 is on the PATH. Write them elsewhere with --out DIR (default: docs; a "
                + "relative DIR is taken from the checkout's root).")
        .flag("quick", "tiny sizes: a few seconds instead of minutes, to check the command works")
        .flag("no-python", "leave the Python figures 'not measured' even when python3 is on the PATH")
        .build();

    private ResultsPage() {
    }

    /**
     * Runs the measurements and writes the page; exits with 2 after a one-line message on a bad option.
     *
     * @param args the options, see {@code --help}
     * @throws Exception if a measurement fails or the page cannot be written
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(run(args, System.out, System.err));
    }

    /**
     * Runs the measurements and writes the page, with {@code python3} from the {@code PATH}.
     *
     * @param args the options, see {@code --help}
     * @param out progress lines and help
     * @param err a usage error, one line
     * @return 0, or {@link CommandLine#USAGE_ERROR}
     * @throws Exception if a measurement fails or the page cannot be written
     * @throws NullPointerException if any argument is null
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        return run(args, out, err, Python.onPath(System.getenv("PATH")), Path.of("").toAbsolutePath());
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, with the interpreter and working directory given. */
    static int run(String[] args, PrintStream out, PrintStream err, Optional<Path> python, Path workingDir)
        throws Exception {
        List<String> rest = new ArrayList<>();
        Optional<String> outOption = Optional.empty();
        boolean help = List.of(args).contains("--help") || List.of(args).contains("-h");
        // CommandLine has no option taking a path, so --out is read here and the rest handed to it.
        for (int i = 0; i < args.length && !help; i++) {
            if (args[i].equals("--out")) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    return usage(err, "option '--out' needs a value: a directory");
                }
                outOption = Optional.of(args[++i]);
            } else if (args[i].startsWith("--out=")) {
                outOption = Optional.of(args[i].substring("--out=".length()));
            } else {
                rest.add(args[i]);
            }
        }
        Optional<Path> root = findRoot(workingDir);
        if (!help && root.isEmpty() && outOption.isEmpty()) {
            return usage(err, "no jconcurrency checkout at or above " + workingDir + ": run inside one, or give "
                + "--out DIR");
        }
        // A relative --out means the same directory whether Maven (in docs/) or a user (anywhere) runs this.
        Path base = root.orElse(workingDir);
        Path outDir = outOption.map(base::resolve).orElseGet(() -> base.resolve("docs")).normalize();
        return CLI.run(help ? args : rest.toArray(String[]::new), out, err, options -> {
            Machine machine = Machine.current();
            Plan plan = options.flag("quick") ? Plan.quick(machine.cores()) : Plan.full(machine.cores());
            write(machine, plan, pythonSide(options.flag("no-python"), python, root, plan), outDir, out);
        });
    }

    private static int usage(PrintStream err, String message) {
        err.println(COMMAND + ": " + message + " (see --help)");
        err.flush();
        return CommandLine.USAGE_ERROR;
    }

    private static PythonSide pythonSide(boolean refused, Optional<Path> python, Optional<Path> root, Plan plan) {
        if (refused) {
            return PythonSide.without("--no-python was given");
        }
        if (python.isEmpty()) {
            return PythonSide.without("no python3 on the PATH");
        }
        Optional<Path> scripts = root.map(r -> r.resolve("docs").resolve("python")).filter(Files::isDirectory);
        if (scripts.isEmpty()) {
            return PythonSide.without("docs/python not found: run inside the jconcurrency checkout");
        }
        return PythonSide.with(new Python(python.get(), scripts.get(), plan.pythonTimeout()));
    }

    private static void write(Machine machine, Plan plan, PythonSide python, Path outDir, PrintStream out)
        throws Exception {
        int cores = machine.cores();
        boolean quick = plan.isQuick();
        // The models, in page order. A new one is one more line here.
        List<Sweep> sweeps = List.of(
            Sweeps.threadsOnIo(plan),
            Sweeps.threadsOnCpu(plan, cores),
            Sweeps.virtualThreadsAtScale(plan),
            Sweeps.completableFutureTimers(plan),
            Sweeps.forkJoinOnCpu(plan, cores),
            Sweeps.processPoolOnCpu(plan, cores));

        Report report = Report.to(out);
        int total = sweeps.stream().mapToInt(s -> s.points().size()).sum() + 5 + python.measurements();
        report.banner("MEASURED RESULTS");
        report.line("Measuring " + total + " configurations on " + cores + " cores (" + plan.name() + " run, "
            + (quick ? "a few seconds" : "about three minutes") + "); the page is written at the end.");
        Progress progress = new Progress(report, total);

        List<Sweep.Result> results = new ArrayList<>();
        for (Sweep sweep : sweeps) {
            Sweep.Result result = sweep.measure(plan, progress);
            if (sweep.slug().equals("threads-cpu")) {
                result = result.with(python.threadsOnCpu(plan, progress));
            }
            results.add(result);
        }
        List<Costs.Row> costs = new ArrayList<>();
        costs.add(Costs.threadPool(plan, cores, progress));
        costs.add(Costs.virtualThreads(plan, progress));
        costs.addAll(Costs.processPool(plan, cores, progress));
        costs.add(python.processPool(plan, cores, progress));
        Measurement processPoolStart = Costs.processPoolStart(plan, progress);
        PythonSide.AsyncioOutcome asyncio = python.asyncio(plan, progress);

        Page.Results page = new Page.Results(machine, plan, Machine.loadAverage(), python.describe(python.version()),
            results, costs, processPoolStart, asyncio, Machine.peakResidentKib());
        Files.createDirectories(outDir);
        for (Sweep.Result result : results) {
            Charts.write(result, outDir);
        }
        Path file = outDir.resolve("results.md");
        Files.writeString(file, Page.render(page));
        report.line("Wrote " + file + " and " + results.size() + " charts (" + Charts.fileName(sweeps.get(0))
            + ", ...).");
    }

    /**
     * The repository root: the nearest directory at or above {@code start} whose {@code pom.xml} lists the
     * {@code docs} module. Maven runs the page's command from the module directory, a user from anywhere inside.
     */
    static Optional<Path> findRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.readString(pom).contains("<module>docs</module>")) {
                    return Optional.of(dir);
                }
            } catch (IOException e) {
                // An unreadable pom is not the root we look for: keep walking up.
            }
        }
        return Optional.empty();
    }
}
