package dev.jconcurrency.docs.results;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine a run measured: what the page states at the top, so that figures are never read without it.
 *
 * @param cores the processors the JVM may use
 * @param memoryBytes physical memory, or empty when neither {@code /proc/meminfo} nor the JVM says
 * @param cpu the processor's model name, or empty
 * @param os operating system name, version and architecture
 * @param jdk the running JDK's version, vendor and VM
 * @param date when the run started
 * @param load the 1, 5 and 15 minute load averages when the run started, or empty off Linux
 */
record Machine(int cores, Optional<Long> memoryBytes, Optional<String> cpu, String os, String jdk,
               ZonedDateTime date, Optional<String> load) {

    static Machine current() {
        return new Machine(
            Runtime.getRuntime().availableProcessors(),
            memory(),
            procLine(Path.of("/proc/cpuinfo"), "model name").map(line -> line.substring(line.indexOf(':') + 1).strip()),
            System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"),
            Runtime.version() + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.vm.name")
                + ")",
            ZonedDateTime.now().withNano(0),
            loadAverage());
    }

    /** The 1, 5 and 15 minute load averages now, e.g. {@code 0.52 0.31 0.20}; empty where there is no /proc. */
    static Optional<String> loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return fields.length >= 3 ? Optional.of(fields[0] + " " + fields[1] + " " + fields[2]) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * This JVM's peak resident memory so far ({@code VmHWM} in {@code /proc/self/status}): the whole process,
     * heap, JIT and everything measured before included; empty off Linux.
     */
    static Optional<Long> peakResidentKib() {
        return procLine(Path.of("/proc/self/status"), "VmHWM").flatMap(line -> {
            try {
                return Optional.of(Long.parseLong(line.split("\\s+")[1]));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    /** The date as the page shows it, e.g. {@code 2025-05-02 14:03 UTC}. */
    String dateText() {
        return date.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT));
    }

    /** The memory as the page shows it, e.g. {@code 23.5 GiB}. */
    String memoryText() {
        return memoryBytes.map(b -> String.format(Locale.ROOT, "%.1f GiB", b / (1024.0 * 1024 * 1024)))
            .orElse("unknown");
    }

    private static Optional<Long> memory() {
        // /proc/meminfo first: it is what `free` reports; the JVM's bean is the portable fallback.
        Optional<Long> proc = procLine(Path.of("/proc/meminfo"), "MemTotal").flatMap(line -> {
            String[] fields = line.split("\\s+");
            try {
                return Optional.of(Long.parseLong(fields[1]) * 1024);
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
        if (proc.isPresent()) {
            return proc;
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Optional.of(os.getTotalMemorySize());
        }
        return Optional.empty();
    }

    private static Optional<String> procLine(Path file, String prefix) {
        try (var lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(prefix)).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
