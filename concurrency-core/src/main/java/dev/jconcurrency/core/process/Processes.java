package dev.jconcurrency.core.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What {@link ChildJvm} and {@link ProcessPool} share: finding {@code java}, ending a child, reading its output. */
final class Processes {

    /** Between {@code destroy} (SIGTERM: the JVM runs its shutdown hooks) and {@code destroyForcibly} (SIGKILL). */
    static final Duration GRACE = Duration.ofSeconds(2);

    /** How many of the child's last stderr lines an error message quotes (TESTING.md R10: at most 20). */
    static final int TAIL_LINES = 20;

    private Processes() {
    }

    /**
     * The {@code java} launcher of the JDK this JVM runs on: {@code java.home/bin/java}, or, in a runtime image
     * without one, the command this process was started with if that is a {@code java} launcher. (java.home comes
     * first because asking the OS for this process's command costs a cold JVM about a millisecond, on the path of
     * every pool's start.)
     */
    static String javaExecutable() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        for (String name : new String[] {"java", "java.exe"}) {
            Path java = bin.resolve(name);
            if (Files.isRegularFile(java)) {
                return java.toString();
            }
        }
        Optional<String> command = ProcessHandle.current().info().command();
        if (command.isPresent()) {
            String name = Path.of(command.get()).getFileName().toString();
            if (name.equals("java") || name.equals("java.exe")) {
                return command.get();
            }
        }
        return bin.resolve("java").toString(); // the start fails with an error that names it
    }

    /** The class path the children run with: this JVM's own. */
    static String classPath() {
        return System.getProperty("java.class.path", "");
    }

    /**
     * Sends SIGTERM. Not {@code Process.destroy()}: that also closes our ends of the child's pipes, and the
     * last lines the child wrote (often the very error we want to report) would be lost unread.
     */
    static void terminate(Process process) {
        process.toHandle().destroy();
    }

    /** Sends SIGKILL, leaving the pipes open for the same reason as {@link #terminate(Process)}. */
    static void kill(Process process) {
        process.toHandle().destroyForcibly();
    }

    /** Waits for a process that is being killed; an interrupt is kept for the caller, the wait goes on. */
    static int waitUninterruptibly(Process process) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true; // the child is already dying: waiting the last milliseconds is the safe choice
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt(); // restore it: the caller owns the thread's interrupt policy
            }
        }
    }

    /** "exit code 137 (killed by SIGKILL)": the signal is spelled out for the codes a kill produces. */
    static String describeExit(int exitCode) {
        String signal = switch (exitCode) {
            case 128 + 9 -> " (killed by SIGKILL)";
            case 128 + 15 -> " (ended by SIGTERM)";
            case 128 + 6 -> " (aborted: SIGABRT, the JVM crashed)";
            case 128 + 11 -> " (crashed: SIGSEGV)";
            default -> "";
        };
        return "exit code " + exitCode + signal;
    }

    /** The last {@code lines} lines of {@code text}. */
    static String tail(String text, int lines) {
        String[] all = text.split("\\R", -1);
        int end = all.length;
        if (end > 0 && all[end - 1].isEmpty()) {
            end--; // a final newline does not start another line
        }
        int start = Math.max(0, end - lines);
        return String.join(System.lineSeparator(), java.util.Arrays.asList(all).subList(start, end));
    }

    /** A message suffix quoting the stderr tail, or saying there was none. */
    static String quoteTail(String tail) {
        if (tail.isBlank()) {
            return "; it wrote nothing to stderr";
        }
        String indented = "  " + tail.replace(System.lineSeparator(), System.lineSeparator() + "  ");
        return "; last lines of its stderr:" + System.lineSeparator() + indented;
    }

    /** The full command: java, flags, class path, main class, arguments. */
    static List<String> command(List<String> fixedFlags, List<String> jvmFlags, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(fixedFlags);
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(classPath().isEmpty() ? "." : classPath());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * Reads a child's output stream to its end on a thread of its own, so the child never blocks on a full pipe
     * (64 KiB on Linux: a child writing more to an unread stderr hangs for ever, TESTING.md measured 70,000 B).
     * Keeps either everything (for {@link ChildJvm}) or the last {@link #TAIL_LINES} lines, optionally
     * forwarding each line to a print stream (for a pool worker's stderr).
     */
    static final class Drainer implements Runnable {
        private static final int MAX_LINE_BYTES = 8192;
        private final InputStream in;
        private final boolean keepAll;
        private final PrintStream forward;
        private final String forwardPrefix;
        private final java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        private final Deque<String> tail = new ArrayDeque<>();
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        private volatile boolean finished;
        private IOException failure;

        private Drainer(InputStream in, boolean keepAll, PrintStream forward, String forwardPrefix) {
            this.in = in;
            this.keepAll = keepAll;
            this.forward = forward;
            this.forwardPrefix = forwardPrefix;
        }

        static Drainer keepingAll(InputStream in) {
            return new Drainer(in, true, null, "");
        }

        static Drainer keepingTail(InputStream in, PrintStream forward, String forwardPrefix) {
            return new Drainer(in, false, forward, forwardPrefix);
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (this) {
                        if (keepAll) {
                            all.write(buffer, 0, n);
                        } else {
                            addLines(buffer, n);
                        }
                    }
                }
            } catch (IOException e) {
                synchronized (this) {
                    failure = e; // the stream was closed under us (the child is gone): keep what we have
                }
            } finally {
                synchronized (this) {
                    if (!keepAll && line.size() > 0) {
                        endLine();
                    }
                    finished = true;
                    notifyAll();
                }
            }
        }

        private void addLines(byte[] buffer, int n) {
            // Split on '\n' bytes and decode whole lines, so a UTF-8 character cut by a read is never garbled.
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    line.write(buffer, start, i - start);
                    endLine();
                    start = i + 1;
                }
            }
            line.write(buffer, start, n - start);
            if (line.size() > MAX_LINE_BYTES) {
                endLine(); // a child that never writes a newline must not grow our memory without bound
            }
        }

        private void endLine() {
            String text = line.toString(StandardCharsets.UTF_8);
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            line.reset();
            tail.addLast(text);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
            if (forward != null) {
                forward.println(forwardPrefix + text); // println writes the whole line at once
            }
        }

        /** Waits up to {@code timeout} for the end of the stream; true if it was reached. */
        synchronized boolean awaitEnd(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean interrupted = false;
            try {
                while (!finished) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        interrupted = true; // a bounded wait for the child's last bytes: finish it, keep the flag
                    }
                }
                return true;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt(); // restore: the caller decides what the interrupt means
                }
            }
        }

        synchronized String text() {
            return all.toString(StandardCharsets.UTF_8);
        }

        synchronized String tailText() {
            return String.join(System.lineSeparator(), tail);
        }

        synchronized IOException failure() {
            return failure;
        }
    }
}
