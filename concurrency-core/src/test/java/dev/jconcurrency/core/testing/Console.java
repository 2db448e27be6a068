package dev.jconcurrency.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A {@link PrintStream} over a buffer, read back as lines: what a test hands a main instead of System.out. */
public final class Console {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    /** The stream to hand to the code under test. */
    public final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** Everything written so far. */
    public String text() {
        stream.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Everything written so far, as lines without their line breaks. */
    public List<String> lines() {
        return text().lines().toList();
    }
}
