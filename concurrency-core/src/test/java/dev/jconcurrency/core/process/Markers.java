package dev.jconcurrency.core.process;

import static org.awaitility.Awaitility.await;

import dev.jconcurrency.core.testing.Delays;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Files as signals between a test and the tasks it runs in worker JVMs: a latch cannot cross a process boundary,
 * a file can. Paths travel as strings because {@link Path} is not serializable.
 */
final class Markers {

    private Markers() {
    }

    /** Called in a worker: writes this JVM's pid to {@code file} (atomically, so a reader never sees half). */
    static void announcePid(String file) {
        try {
            Path target = Path.of(file);
            Path tmp = Files.createTempFile(target.getParent(), "pid", ".tmp");
            Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Called in a worker: appends one line to {@code file}, so a test can count how often something ran. */
    static void appendLine(String file, String line) {
        try {
            Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Called in a worker: waits until {@code file} exists, checking every 10 ms (the simulated I/O of a task that
     * blocks until the test releases it), at most {@link Delays#LONGER}.
     */
    static boolean awaitFile(String file) throws InterruptedException {
        long deadline = System.nanoTime() + Delays.LONGER.toNanos();
        while (!Files.exists(Path.of(file))) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** In the test: waits for a worker to announce its pid in {@code file}, and returns it. */
    static long awaitPid(Path file) {
        await().atMost(Delays.LONGER).pollInterval(Duration.ofMillis(20)).until(() -> Files.exists(file));
        try {
            return Long.parseLong(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** In the test: releases the tasks waiting in {@link #awaitFile(String)}. */
    static void release(Path file) throws IOException {
        Files.writeString(file, "go");
    }

    static long lineCount(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    /** In the test: waits until the process is gone (or was never visible), at most {@link Delays#LONG}. */
    static void awaitDead(long pid) {
        await().atMost(Delays.LONG).pollInterval(Duration.ofMillis(20))
            .until(() -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty());
    }

    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent();
    }
}
