package dev.jconcurrency.docs.results;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Python demo's equivalent measurements ({@code docs/python/*.py}) in a child process and reads the
 * one line of JSON each prints.
 *
 * <p>Each script runs in its own {@code python3} process, started with {@link ProcessBuilder}. Its stdout and
 * stderr are drained on two dedicated platform threads, never on a shared pool: a child that fills a pipe
 * nobody reads blocks for ever, and on two CPUs the common pool has a single worker (TESTING.md). Every run is
 * bounded by a timeout, after which the script and anything it started (a process pool's workers) are killed,
 * and the process is always waited for, so no zombie and no orphan is left.
 */
final class Python {

    /** How often to repeat the kill while waiting for the killed script to be reaped. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);
    /** Lines of stderr kept to explain a failure. */
    private static final int STDERR_TAIL = 20;

    private final Path executable;
    private final Path scripts;
    private final Duration timeout;

    Python(Path executable, Path scripts, Duration timeout) {
        this.executable = Objects.requireNonNull(executable, "executable");
        this.scripts = Objects.requireNonNull(scripts, "scripts");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Finds {@code python3} on the {@code PATH}, as a shell would.
     *
     * @param path the value of the {@code PATH} variable, or null
     * @return the first executable {@code python3} (or {@code python3.exe}) found
     */
    static Optional<Path> onPath(String path) {
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : List.of("python3", "python3.exe")) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The interpreter this runs. */
    Path executable() {
        return executable;
    }

    /** What one script run gave: its JSON members, or why there are none. */
    sealed interface Outcome permits Measured, NotMeasured {
    }

    /**
     * The script's line of JSON.
     *
     * @param values its members
     */
    record Measured(Map<String, Object> values) implements Outcome {
        Measured {
            values = Map.copyOf(values);
        }

        double number(String name) {
            return ((java.math.BigDecimal) require(name)).doubleValue();
        }

        String text(String name) {
            return (String) require(name);
        }

        @SuppressWarnings("unchecked")
        List<java.math.BigDecimal> numbers(String name) {
            return (List<java.math.BigDecimal>) require(name);
        }

        private Object require(String name) {
            Object value = values.get(name);
            if (value == null) {
                throw new IllegalStateException("the script's JSON has no '" + name + "': " + values);
            }
            return value;
        }
    }

    /**
     * No figure, and why: shown on the page as "not measured (reason)".
     *
     * @param reason one line
     */
    record NotMeasured(String reason) implements Outcome {
    }

    /**
     * Runs {@code script} with {@code args} and returns its JSON line.
     *
     * @param script a file name in the scripts directory, e.g. {@code threads_cpu.py}
     * @param args the script's arguments
     * @return the parsed line, or why there is none (missing script, non-zero exit, timeout, no JSON)
     * @throws InterruptedException if interrupted while waiting; the child is killed and reaped first
     */
    Outcome run(String script, List<String> args) throws InterruptedException {
        Path file = scripts.resolve(script);
        if (!Files.isRegularFile(file)) {
            return new NotMeasured("script " + file + " not found");
        }
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.add(file.toString());
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).directory(scripts.toFile()).start();
        } catch (IOException e) {
            return new NotMeasured("cannot start " + executable + ": " + e.getMessage());
        }
        Drain stdout = Drain.start(process.getInputStream(), "results-python-stdout", Integer.MAX_VALUE);
        Drain stderr = Drain.start(process.getErrorStream(), "results-python-stderr", STDERR_TAIL);
        boolean finished = false;
        try {
            closeStdin(process);
            finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (!finished) {
                return new NotMeasured(script + " timed out after " + Format.seconds(timeout) + " and was killed");
            }
            stdout.join();
            stderr.join();
            if (process.exitValue() != 0) {
                return new NotMeasured(script + " failed with exit code " + process.exitValue()
                    + stderr.lastLine().map(line -> ": " + line).orElse(""));
            }
            Optional<String> json = stdout.lines().stream().filter(l -> l.startsWith("{")).reduce((a, b) -> b);
            if (json.isEmpty()) {
                return new NotMeasured(script + " printed no JSON line");
            }
            try {
                return new Measured(FlatJson.parse(json.get()));
            } catch (IllegalArgumentException e) {
                return new NotMeasured(script + " printed bad JSON: " + e.getMessage());
            }
        } finally {
            if (!finished) {
                killTree(process);
            }
            // Reached on every path, an interrupt included: the drains end when the pipes close, which the
            // exit (or the kill above) guarantees, so these joins are bounded.
            reap(process);
            stdout.joinUninterruptibly();
            stderr.joinUninterruptibly();
        }
    }

    private static void closeStdin(Process process) {
        try {
            // The scripts read nothing: an open stdin would only keep a pipe alive.
            process.getOutputStream().close();
        } catch (IOException e) {
            // Nothing to do: the child may already have exited and closed its end.
        }
    }

    /**
     * Kills the script and every process it started: a killed parent would leave its pool's workers running.
     * SIGKILL cannot be ignored; once the script is gone its orphans are no longer ours to reap (init's job), so
     * only the script itself is waited for, in {@link #reap(Process)}.
     */
    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Waits for the child to be reaped, even if this thread is interrupted meanwhile, and keeps the flag. */
    private static void reap(Process process) {
        boolean interrupted = false;
        while (true) {
            try {
                if (process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
                process.destroyForcibly();
            } catch (InterruptedException e) {
                // Reaping must finish or the child becomes a zombie; the interrupt is re-asserted below.
                interrupted = true;
                process.destroyForcibly();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads one stream to its end on a dedicated thread, keeping its last lines. */
    private static final class Drain {
        private final Thread thread;
        private final Deque<String> lines = new ArrayDeque<>();
        private final int keep;

        private Drain(InputStream stream, String name, int keep) {
            this.keep = keep;
            this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(() -> read(stream));
        }

        static Drain start(InputStream stream, String name, int keep) {
            Drain drain = new Drain(stream, name, keep);
            drain.thread.start();
            return drain;
        }

        private void read(InputStream stream) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.addLast(line);
                        if (lines.size() > keep) {
                            lines.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // The stream closes under us when the child is killed: what was read so far is all there is.
            }
        }

        void join() throws InterruptedException {
            thread.join();
        }

        void joinUninterruptibly() {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    // Leaving the drain running would leak a thread; the interrupt is re-asserted below.
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** The lines read; safe to call once {@link #join()} returned (the join orders the reads before). */
        List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        Optional<String> lastLine() {
            return lines().stream().filter(l -> !l.isBlank()).reduce((a, b) -> b);
        }
    }
}
