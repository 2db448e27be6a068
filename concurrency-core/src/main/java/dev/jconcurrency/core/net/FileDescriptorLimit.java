package dev.jconcurrency.core.net;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How many sockets this process may open, and whether a planned number of concurrent loopback requests
 * fits under that limit.
 *
 * <h2>Purpose</h2>
 * Every open socket costs the process one file descriptor, and the operating system caps how many a process
 * may hold ({@code ulimit -n}). A client and a {@link LatencyServer} in the same JVM hold two per request in
 * flight: the client's socket and the server's accepted socket. Past the limit, {@code connect} or
 * {@code accept} fails with "Too many open files", usually in the middle of a run. Checking first turns that
 * into one clear sentence before anything starts:
 *
 * <pre>{@code
 * FileDescriptorLimit.Check check = FileDescriptorLimit.check(10_000);
 * if (!check.fits()) {
 *     System.err.println(check.explanation());   // "10,000 concurrent requests do not fit: ..."
 *     return;
 * }
 * }</pre>
 *
 * <h2>Where the limit comes from</h2>
 * On Linux it is the soft "Max open files" of {@code /proc/self/limits}. Elsewhere it is
 * {@code com.sun.management.UnixOperatingSystemMXBean#getMaxFileDescriptorCount()} where the JVM offers that
 * bean (macOS, the BSDs); on other systems (Windows) it is unknown. The JVM raises its own soft limit to the
 * hard limit when it starts on Linux and macOS, so the figure read here can be higher than the
 * {@code ulimit -n} a shell shows; it is the one that applies to this process.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The check is a snapshot: descriptors opened by other code after it (files, more sockets, class-path
 *       jars) reduce the room left. Leave a margin of a few dozen.
 *   <li>A client in another process needs only one descriptor per request here; the check assumes the
 *       common lesson set-up, client and server in the same JVM.
 *   <li>The operating system has other caps as well: the loopback listen backlog
 *       ({@code net.core.somaxconn}) and the range of ephemeral ports (about 28,000 on Linux by default).
 * </ul>
 *
 * <p>All methods are stateless and safe to call from any thread.
 */
public final class FileDescriptorLimit {

    /** A client and a server in one JVM each hold one socket per request in flight. */
    static final int DESCRIPTORS_PER_REQUEST = 2;

    private static final Path PROC_LIMITS = Path.of("/proc/self/limits");
    private static final String MAX_OPEN_FILES = "Max open files";

    private FileDescriptorLimit() {
    }

    /**
     * The most file descriptors this process may have open at once (its soft limit), or empty where it
     * cannot be read. {@link Long#MAX_VALUE} stands for a limit reported as "unlimited".
     *
     * @return the open-file limit, or empty if unknown on this system
     */
    public static OptionalLong openFileLimit() {
        if (Files.isReadable(PROC_LIMITS)) {
            try {
                OptionalLong parsed = parseMaxOpenFiles(Files.readString(PROC_LIMITS));
                if (parsed.isPresent()) {
                    return parsed;
                }
            } catch (IOException | RuntimeException e) {
                // Unreadable after all (a sandbox, an odd kernel): the JVM's own figure is the next best.
            }
        }
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long max = unix.getMaxFileDescriptorCount();
            if (max > 0) {
                return OptionalLong.of(max);
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Says whether {@code concurrentRequests} requests in flight at once, from a client in this JVM to a
     * {@link LatencyServer} in this JVM, fit under this process's open-file limit, counting two descriptors per
     * request and the descriptors already open now.
     *
     * <p>When the limit cannot be read the answer is {@code fits() == true}, with an explanation saying that
     * nothing could be checked.
     *
     * @param concurrentRequests requests planned in flight at once, 0 or more
     * @return the verdict and a one-line explanation naming the numbers
     * @throws IllegalArgumentException if {@code concurrentRequests} is negative
     */
    public static Check check(int concurrentRequests) {
        if (concurrentRequests < 0) {
            throw new IllegalArgumentException("concurrentRequests must not be negative: " + concurrentRequests);
        }
        return check(concurrentRequests, openFileLimit(), openNow());
    }

    /**
     * The verdict for given figures; {@link #check(int)} supplies this process's own.
     */
    static Check check(int requests, OptionalLong limit, OptionalLong openNow) {
        long needed = (long) requests * DESCRIPTORS_PER_REQUEST;
        if (limit.isEmpty()) {
            return new Check(true, needs(requests, needed, "were not checked")
                + " and the open-file limit of this system could not be read");
        }
        long max = limit.getAsLong();
        if (max == Long.MAX_VALUE) {
            return new Check(true, needs(requests, needed, "fit") + " and the open-file limit is unlimited");
        }
        long free = Math.max(0, max - openNow.orElse(0));
        String room = openNow.isPresent()
            ? String.format(Locale.ROOT, "%,d of the open-file limit of %,d are free", free, max)
            : String.format(Locale.ROOT, "the open-file limit is %,d", max);
        if (needed <= free) {
            return new Check(true, needs(requests, needed, "fit") + " and " + room);
        }
        return new Check(false, needs(requests, needed, "do not fit") + " but " + (openNow.isPresent() ? "only " : "")
            + room + String.format(Locale.ROOT, "; plan at most %,d or raise the limit (ulimit -n)",
                free / DESCRIPTORS_PER_REQUEST));
    }

    private static String needs(int requests, long needed, String verdict) {
        return String.format(Locale.ROOT, "%,d concurrent requests %s: they need %,d file descriptors"
            + " (%d per request: the client's and the server's socket in one JVM)",
            requests, verdict, needed, DESCRIPTORS_PER_REQUEST);
    }

    /**
     * The soft limit in the "Max open files" row of a {@code /proc/self/limits} text, or empty if the row is
     * missing or unreadable. "unlimited" gives {@link Long#MAX_VALUE}.
     */
    static OptionalLong parseMaxOpenFiles(String limits) {
        for (String line : limits.split("\n")) {
            if (!line.startsWith(MAX_OPEN_FILES)) {
                continue;
            }
            String[] columns = line.substring(MAX_OPEN_FILES.length()).trim().split("\\s+");
            String soft = columns[0];
            if (soft.equals("unlimited")) {
                return OptionalLong.of(Long.MAX_VALUE);
            }
            try {
                long value = Long.parseLong(soft);
                return value >= 0 ? OptionalLong.of(value) : OptionalLong.empty();
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    private static OptionalLong openNow() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long open = unix.getOpenFileDescriptorCount();
            if (open >= 0) {
                return OptionalLong.of(open);
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Whether a planned number of concurrent requests fits under the open-file limit, and why, in one line.
     *
     * <p>How to get one: {@link FileDescriptorLimit#check(int)}.
     *
     * @param fits true if the requests fit, or if the limit could not be read (the explanation says which)
     * @param explanation one line naming the requests, the descriptors they need and the room left
     */
    public record Check(boolean fits, String explanation) {

        /**
         * Makes a verdict; {@link FileDescriptorLimit#check(int)} is the usual way to get one.
         *
         * @throws NullPointerException if {@code explanation} is null
         */
        public Check {
            Objects.requireNonNull(explanation, "explanation");
        }
    }
}
