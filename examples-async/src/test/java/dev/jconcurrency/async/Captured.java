package dev.jconcurrency.async;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A PrintStream whose lines a test can read back. */
final class Captured {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    List<String> lines() {
        stream.flush();
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    String text() {
        stream.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
