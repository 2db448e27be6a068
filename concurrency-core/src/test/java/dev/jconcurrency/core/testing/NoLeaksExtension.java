package dev.jconcurrency.core.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaves platform threads or child processes behind, and a test that leaves its
 * thread interrupted.
 *
 * <p>Registered for every test class of every module through JUnit's extension auto-detection
 * ({@code META-INF/services} in core's test-jar, switched on in the parent POM's Surefire settings), so no
 * test class can forget it.
 *
 * <ul>
 *   <li><b>Threads (TESTING.md R3).</b> A snapshot of live threads is taken before the class; after it, every
 *       thread that is new and not on the short list of JVM-owned pools must be gone within 2 s. The check
 *       also runs before the class, so a leak from an earlier class is blamed on that class, not on this one.
 *   <li><b>Child processes (R5).</b> After the class, {@code ProcessHandle.current().descendants()} must be
 *       empty within 2 s; survivors are killed and named (pid and command) in the failure.
 *   <li><b>Interrupts (R6).</b> After each test the test thread's interrupt flag must be clear; it is cleared
 *       either way so that one bad test does not poison the next.
 * </ul>
 *
 * <p>Virtual threads do not appear in {@link Thread#getAllStackTraces()}; tests that start them use a
 * {@link TrackingThreadFactory} instead (R4).
 */
public final class NoLeaksExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    static final Duration GRACE = Duration.ofSeconds(2);

    /**
     * Threads the JVM or the libraries we use create lazily and keep pooled on purpose; their names start
     * with one of these exact prefixes.
     */
    private static final List<String> ALLOWED_PREFIXES = List.of(
        "ForkJoinPool.commonPool-worker-",
        "ForkJoinPool.commonPool-delayScheduler", // JDK 25: CompletableFuture.orTimeout's timer, kept for life
        "CompletableFutureDelayScheduler",        // the same timer on JDK 21-24
        "ForkJoinPool-",            // carriers of virtual threads
        "VirtualThread-unparker",
        "Java2D Disposer",         // started the first time an image is drawn, lives as long as the JVM
        "VirtualThread-unblocker", // JDK 24+: started with the first virtual thread, lives as long as the JVM
        "awaitility",
        "process reaper",
        "MasterPoller",             // JDK 25: polls sockets for virtual threads' blocking I/O, kept for life
        "Read-Poller",              // JDK 21: the same job, as two platform threads
        "Write-Poller",
        "Attach Listener",
        "Common-Cleaner",
        "Notification Thread",
        "Signal Dispatcher",
        "Reference Handler",
        "Finalizer",
        "JFR ",                     // JFR's own threads, started by the pinning lessons' recordings
        "RMI ",
        "surefire-forkedjvm-",
        "junit-",
        "InnocuousThread-",
        "Keep-Alive-");

    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(NoLeaksExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        // Threads alive now belong to whoever ran before us: that class's own afterAll has judged them.
        context.getStore(NAMESPACE).put("threads", liveThreads());
        List<String> children = descendants();
        if (!children.isEmpty()) {
            killAll();
            throw new AssertionError("Child processes were alive before " + name(context)
                + " started (an earlier class leaked them); killed: " + children);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (Thread.interrupted()) {
            throw new AssertionError(context.getDisplayName()
                + " left the test thread's interrupt flag set: restore it only where the interrupt is"
                + " handled on a thread you own, and clear it in the test once you have asserted it");
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterAll(ExtensionContext context) throws InterruptedException {
        Set<Thread> before = (Set<Thread>) context.getStore(NAMESPACE).get("threads");
        List<String> failures = new ArrayList<>();

        List<Thread> leaked = waitUntilGone(() -> newThreads(before));
        if (!leaked.isEmpty()) {
            failures.add("threads still alive " + GRACE.toMillis() + " ms after the class ended: "
                + leaked.stream().map(NoLeaksExtension::describe).collect(Collectors.joining(", ")));
        }

        List<String> children = waitUntilGone(NoLeaksExtension::descendants);
        if (!children.isEmpty()) {
            killAll();
            failures.add("child processes still alive " + GRACE.toMillis() + " ms after the class ended"
                + " (now killed): " + children);
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(name(context) + " leaked " + String.join("; ", failures));
        }
    }

    private static <T> List<T> waitUntilGone(java.util.function.Supplier<List<T>> survivors)
        throws InterruptedException {
        long deadline = System.nanoTime() + GRACE.toNanos();
        List<T> left = survivors.get();
        // A bounded poll of observable state: threads and processes finish on their own clock.
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = survivors.get();
        }
        return left;
    }

    private static List<Thread> newThreads(Set<Thread> before) {
        return liveThreads().stream()
            .filter(t -> !before.contains(t))
            .filter(t -> !isAllowed(t))
            .toList();
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .collect(Collectors.toSet());
    }

    static boolean isAllowed(Thread thread) {
        String name = thread.getName();
        return ALLOWED_PREFIXES.stream().anyMatch(name::startsWith);
    }

    private static String describe(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        String top = stack.length == 0 ? "no stack" : stack[0].toString();
        return "'" + thread.getName() + "' (" + thread.getState() + " at " + top + ")";
    }

    static List<String> descendants() {
        return ProcessHandle.current().descendants()
            .filter(ProcessHandle::isAlive)
            .map(p -> "pid " + p.pid() + (isZombie(p) ? " (zombie: never reaped) " : " ")
                + p.info().commandLine().orElse("(command unknown)"))
            .toList();
    }

    /** On Linux a child that exited but was never waited for shows state Z in /proc/PID/stat. */
    private static boolean isZombie(ProcessHandle process) {
        java.nio.file.Path stat = java.nio.file.Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String line = java.nio.file.Files.readString(stat);
            int afterName = line.lastIndexOf(')');
            return afterName > 0 && line.length() > afterName + 2 && line.charAt(afterName + 2) == 'Z';
        } catch (java.io.IOException | RuntimeException e) {
            return false; // not Linux, or the process is already gone: nothing to report
        }
    }

    private static void killAll() {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }

    private static String name(ExtensionContext context) {
        return context.getRequiredTestClass().getName();
    }
}
