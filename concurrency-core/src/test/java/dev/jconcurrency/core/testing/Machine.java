package dev.jconcurrency.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a timing assertion's message should say about the machine it ran on. */
public final class Machine {

    private Machine() {
    }

    /** The processors this JVM may use. */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The 1, 5 and 15 minute load averages from /proc/loadavg, or a note where there is none. */
    public static String loadAverage() {
        try {
            return "/proc/loadavg " + Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException | RuntimeException e) {
            return "/proc/loadavg unavailable (" + e.getClass().getSimpleName() + ")";
        }
    }
}
