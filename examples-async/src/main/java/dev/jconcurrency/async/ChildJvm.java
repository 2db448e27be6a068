package dev.jconcurrency.async;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs a {@code main} of this module in a fresh JVM, for the experiments that need JVM-wide settings (one carrier
 * thread under the virtual threads) or a clean process to measure (peak RSS, peak OS threads).
 *
 * <p>The child uses the same {@code java} binary and class path as this JVM. Its stdout and stderr are merged
 * and drained line by line on a dedicated platform thread, so the child can never block on a full pipe; lines
 * that start with {@value #DATA_PREFIX} are data for the parent, the others are passed on as they arrive. The
 * child is always reaped: on a timeout, an interrupt or any failure it is killed and waited for.
 *
 * <p>This is the small piece of process handling the async lessons need; core's process runner is meant to
 * replace it once it lands.
 */
final class ChildJvm {

    /** Lines a child prints with this prefix are results for the parent, not text for the learner. */
    static final String DATA_PREFIX = "@";

    /** Platform threads, as a pipe reader must not sit on a virtual thread's carrier. */
    static final ThreadFactory DRAINERS = Thread.ofPlatform().daemon(true).name("child-jvm-output-", 0).factory();

    /** JVM options that start a small child fast: C1 only, serial GC (24–32 ms to run and exit, TESTING.md). */
    static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    /** Options that give the child's virtual threads exactly one carrier and no compensating extra one. */
    static final List<String> ONE_CARRIER = List.of(
        "-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1");

    /** What a finished child left: its exit code and its data lines (prefix removed), in order. */
    record Outcome(int exitCode, List<String> data, List<String> text) {
        Outcome {
            data = List.copyOf(data);
            text = List.copyOf(text);
        }

        /** The data lines whose first word is {@code key}, each split into words with the key removed. */
        List<List<String>> records(String key) {
            List<List<String>> found = new ArrayList<>();
            for (String line : data) {
                List<String> words = List.of(line.split(" "));
                if (words.get(0).equals(key)) {
                    found.add(words.subList(1, words.size()));
                }
            }
            return found;
        }

        /** The single data record {@code key}; fails if there is not exactly one. */
        List<String> record(String key) {
            List<List<String>> found = records(key);
            if (found.size() != 1) {
                throw new IllegalStateException("expected one '" + key + "' record from the child, got "
                    + found.size() + "; child said: " + text);
            }
            return found.get(0);
        }
    }

    private ChildJvm() {
    }

    /**
     * Runs {@code mainClass} in a child JVM and waits for it.
     *
     * @param mainClass a class of this module with a {@code public static void main}
     * @param jvmOptions options before the class name, e.g. {@link #ONE_CARRIER}
     * @param args the child's arguments
     * @param timeout how long the child may run before it is killed
     * @param drainers makes the one platform thread that reads the child's output
     * @param onText receives each non-data line, on the draining thread, as it arrives
     * @return the exit code and the data lines; a non-zero exit code is an {@link IllegalStateException}
     * @throws TimeoutException if the child ran longer than {@code timeout} (it has been killed and reaped)
     * @throws InterruptedException if interrupted while waiting (the child has been killed and reaped)
     * @throws IOException if the child could not be started
     */
    static Outcome run(Class<?> mainClass, List<String> jvmOptions, List<String> args, Duration timeout,
                       ThreadFactory drainers, Consumer<String> onText)
        throws IOException, InterruptedException, TimeoutException {
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(onText, "onText");
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);

        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        ConcurrentLinkedQueue<String> data = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> text = new ConcurrentLinkedQueue<>();
        Thread drainer = null;
        try {
            child.getOutputStream().close(); // the child reads nothing: EOF at once, never a blocked write
            drainer = drainers.newThread(() -> drain(child, data, text, onText));
            drainer.start();
            if (!child.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException(mainClass.getSimpleName() + " in a child JVM ran longer than "
                    + timeout + " and was killed; its output: " + List.copyOf(text));
            }
            // The pipe reaches EOF when the child exits; the join only waits for the last lines to be read.
            drainer.join();
            if (child.exitValue() != 0) {
                throw new IllegalStateException(mainClass.getSimpleName() + " in a child JVM exited with "
                    + child.exitValue() + "; its output: " + List.copyOf(text));
            }
            return new Outcome(child.exitValue(), List.copyOf(data), List.copyOf(text));
        } finally {
            reap(child, drainer);
        }
    }

    /** The {@code java} launcher running this JVM, so the child runs on the same JDK. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void drain(Process child, ConcurrentLinkedQueue<String> data, ConcurrentLinkedQueue<String> text,
                              Consumer<String> onText) {
        try (BufferedReader lines = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith(DATA_PREFIX)) {
                    data.add(line.substring(DATA_PREFIX.length()));
                } else {
                    text.add(line);
                    onText.accept(line);
                }
            }
        } catch (IOException e) {
            // The stream closes under us only when the child was killed; whoever killed it reports why.
            if (child.isAlive()) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Kills the child if it still runs and waits for it, so it never lingers as a zombie or an orphan. */
    private static void reap(Process child, Thread drainer) {
        boolean interrupted = false;
        if (child.isAlive()) {
            child.destroyForcibly();
        }
        while (true) {
            try {
                child.waitFor();
                if (drainer != null) {
                    drainer.join();
                }
                break;
            } catch (InterruptedException e) {
                // Keep waiting: leaving now would leave a child or a reader behind. The interrupt is kept below.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
