package dev.jconcurrency.core.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The seed demo's console format, written a whole line at a time from any number of threads.
 *
 * <h2>Purpose</h2>
 * Every section of the Python demo prints the same shapes: a banner ({@code === THREADING DEMO (I/O-BOUND) ===}),
 * one line per task event ({@code Thread 0: Starting I/O operation}), results
 * ({@code Results: [333332833333500000, ...]}) and a total ({@code Total time (threading): 1.01 sec}). The
 * lessons print through this class so the Java output lines up with the seed's, line for line.
 *
 * <h2>Pitfalls it removes</h2>
 * The seed's own sample output shows two lines run together: Python's {@code print} writes the text and the
 * newline separately, and another thread's text can land between them. Here each line, newline included, is
 * one write under one lock, so lines from different threads never mix, whatever the interleaving.
 *
 * <h2>How to get one</h2>
 * {@code Report.to(System.out)}; tests pass a {@link PrintStream} over a byte buffer.
 *
 * <p>Memory consistency effects: everything a thread did before writing a line happens-before any line
 * written after it by another thread through the same report.
 */
public final class Report {

    private final PrintStream out;
    private final Object lock = new Object();

    private Report(PrintStream out) {
        this.out = out;
    }

    /**
     * A report writing to {@code out}.
     *
     * @param out where lines go, usually {@code System.out}
     * @return the report
     * @throws NullPointerException if {@code out} is null
     */
    public static Report to(PrintStream out) {
        return new Report(Objects.requireNonNull(out, "out"));
    }

    /**
     * Writes {@code text} and a line break as one write.
     *
     * @param text the line, without a line break
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException if {@code text} contains a line break (it would no longer be one line)
     */
    public void line(String text) {
        Objects.requireNonNull(text, "text");
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            // Escaped so that the message itself stays on one line.
            throw new IllegalArgumentException("text must be a single line: "
                + text.replace("\r", "\\r").replace("\n", "\\n"));
        }
        String whole = text + System.lineSeparator();
        synchronized (lock) {
            out.print(whole);
            out.flush();
        }
    }

    /** Writes an empty line. */
    public void blank() {
        line("");
    }

    /**
     * Writes a section banner: {@code === title ===}.
     *
     * @param title the section's title, as the seed writes it, e.g. {@code THREADING DEMO (I/O-BOUND)}
     * @throws NullPointerException if {@code title} is null
     */
    public void banner(String title) {
        line(bannerText(title));
    }

    /**
     * Writes {@code Total time (model): 1.01 sec}.
     *
     * @param model the model's name as the seed writes it: {@code threading}, {@code multiprocessing}...
     * @param elapsed the measured time
     * @throws NullPointerException if either is null
     */
    public void totalTime(String model, Duration elapsed) {
        Objects.requireNonNull(model, "model");
        line("Total time (" + model + "): " + seconds(elapsed));
    }

    /**
     * Writes {@code label time: 1.01 sec}, as the seed's futures section does ({@code Thread time: 1.01 sec}).
     *
     * @param label what was timed, e.g. {@code Thread}
     * @param elapsed the measured time
     * @throws NullPointerException if either is null
     */
    public void time(String label, Duration elapsed) {
        Objects.requireNonNull(label, "label");
        line(label + " time: " + seconds(elapsed));
    }

    /**
     * Writes {@code Results: [a, b, c]}, or {@code label results: [...]} when a label is given.
     *
     * @param label null or empty for plain {@code Results:}, else e.g. {@code Thread}
     * @param values the results in order
     * @throws NullPointerException if {@code values} is null
     */
    public void results(String label, List<?> values) {
        Objects.requireNonNull(values, "values");
        String prefix = label == null || label.isEmpty() ? "Results" : label + " results";
        line(prefix + ": " + values);
    }

    /**
     * The banner's text: {@code === title ===}.
     *
     * @param title the section title
     * @return the banner line
     * @throws NullPointerException if {@code title} is null
     */
    public static String bannerText(String title) {
        return "=== " + Objects.requireNonNull(title, "title") + " ===";
    }

    /**
     * A measured time as the seed prints totals: two decimals, {@code 1.01 sec}.
     *
     * @param elapsed the time
     * @return e.g. {@code 1.01 sec}
     * @throws NullPointerException if {@code elapsed} is null
     */
    public static String seconds(Duration elapsed) {
        Objects.requireNonNull(elapsed, "elapsed");
        return String.format(Locale.ROOT, "%.2f sec", elapsed.toNanos() / 1e9);
    }

    /**
     * A configured duration as the seed prints it in task lines: {@code 1 sec}, {@code 0.2 sec},
     * {@code 1.5 sec} (no trailing zeros).
     *
     * @param duration the duration, to the millisecond
     * @return e.g. {@code 1 sec}
     * @throws NullPointerException if {@code duration} is null
     */
    public static String duration(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        // Plain integer arithmetic: this line is printed right after a task's wait, often first in a cold JVM,
        // where loading BigDecimal would add milliseconds to the very time the seed's total measures.
        long millis = duration.toMillis();
        String sign = millis < 0 ? "-" : "";
        long magnitude = Math.abs(millis);
        String fraction = Long.toString(1000 + magnitude % 1000).substring(1); // always three digits
        int end = fraction.length();
        while (end > 0 && fraction.charAt(end - 1) == '0') {
            end--;
        }
        return sign + magnitude / 1000 + (end == 0 ? "" : "." + fraction.substring(0, end)) + " sec";
    }
}
