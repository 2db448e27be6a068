package dev.jconcurrency.futures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What else the machine was doing, for the message of a timing assertion. */
final class Load {

    private Load() {
    }

    /** The load averages from {@code /proc/loadavg}, or a note where there is none. */
    static String describe() {
        try {
            return "loadavg " + Files.readString(Path.of("/proc/loadavg")).strip() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException | RuntimeException e) {
            return "loadavg unavailable, " + Runtime.getRuntime().availableProcessors() + " cores";
        }
    }
}
