package dev.jconcurrency.core.workload;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task written as text, so a learner can choose the work from the command line: {@code io:200ms},
 * {@code cpu:1000000}, {@code primes:200000}, {@code spin:300ms}.
 *
 * <h2>How to get one</h2>
 * <pre>{@code
 * TaskSpec task = TaskSpec.parse("cpu:1000000");
 * Object answer = task.run();   // 333332833333500000
 * }</pre>
 *
 * <table>
 *   <caption>The accepted forms</caption>
 *   <tr><th>text</th><th>does</th><th>{@link #run()} returns</th></tr>
 *   <tr><td>{@code io:DURATION}</td><td>{@link Workloads#sleep(Duration)}: blocking I/O, no CPU</td>
 *       <td>the {@link Duration} slept</td></tr>
 *   <tr><td>{@code cpu:N}</td><td>{@link Workloads#sumOfSquares(long)}</td><td>a {@link java.math.BigInteger}</td></tr>
 *   <tr><td>{@code primes:N}</td><td>{@link Workloads#countPrimesBelow(int)}</td><td>an {@link Integer}</td></tr>
 *   <tr><td>{@code spin:DURATION}</td><td>{@link Workloads#spin(Duration)}: CPU for a wall-clock time</td>
 *       <td>a {@link Long}, iterations done</td></tr>
 * </table>
 * Durations are {@code 250ms}, {@code 1s} or {@code 1.5s}, in whole milliseconds; numbers may group digits with
 * {@code _}.
 *
 * @param kind what the task does
 * @param size the problem size for {@code cpu} and {@code primes}, else 0
 * @param duration the duration for {@code io} and {@code spin}, else {@link Duration#ZERO}
 */
public record TaskSpec(Kind kind, long size, Duration duration) {

    /** What a task does. */
    public enum Kind {
        /** Simulated blocking I/O: a sleep. */
        IO,
        /** Sum of squares below a size: fixed CPU work. */
        CPU,
        /** Primes below a size: fixed CPU work. */
        PRIMES,
        /** Busy CPU for a wall-clock time. */
        SPIN
    }

    private static final String ACCEPTED =
        "accepted: io:DURATION (io:200ms), cpu:N (cpu:1000000), primes:N (primes:200000), spin:DURATION (spin:300ms)";
    private static final Pattern FORM = Pattern.compile("([a-z]+):(.+)");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d{1,3})?)(ms|s)");

    /**
     * @param kind what the task does
     * @param size for {@code CPU}: 0 to 3,037,000,500; for {@code PRIMES}: 0 to {@link Integer#MAX_VALUE}; else 0
     * @param duration for {@code IO} and {@code SPIN}: zero or more; else zero
     * @throws NullPointerException if {@code kind} or {@code duration} is null
     * @throws IllegalArgumentException if {@code size} or {@code duration} does not suit {@code kind}
     */
    public TaskSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(duration, "duration");
        boolean timed = kind == Kind.IO || kind == Kind.SPIN;
        if (duration.isNegative() || (!timed && !duration.isZero())) {
            throw new IllegalArgumentException("duration must be zero or more for io and spin, zero otherwise: "
                + duration);
        }
        long maxSize = switch (kind) {
            case CPU -> 3_037_000_500L;
            case PRIMES -> Integer.MAX_VALUE;
            default -> 0;
        };
        if (size < 0 || size > maxSize) {
            throw new IllegalArgumentException("size must be from 0 to " + maxSize + " for "
                + kind.name().toLowerCase(Locale.ROOT) + ": " + size);
        }
    }

    /**
     * Reads a task from text.
     *
     * @param text e.g. {@code io:200ms}
     * @return the task
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException with one line naming the bad part and the accepted forms
     */
    public static TaskSpec parse(String text) {
        Objects.requireNonNull(text, "text");
        Matcher form = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!form.matches()) {
            throw bad(text, "expected KIND:AMOUNT");
        }
        String kindText = form.group(1);
        String amount = form.group(2);
        Kind kind;
        try {
            kind = Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(text, "unknown kind '" + kindText + "'");
        }
        if (kind == Kind.IO || kind == Kind.SPIN) {
            Matcher duration = DURATION.matcher(amount);
            if (!duration.matches()) {
                throw bad(text, "bad duration '" + amount + "'");
            }
            long millis;
            try {
                // Exact or nothing: longValue() would drop a fraction of a millisecond (io:0.5ms ran as
                // io:0ms) and wrap a huge number round to a wrong or negative duration.
                millis = new java.math.BigDecimal(duration.group(1))
                    .multiply(java.math.BigDecimal.valueOf(duration.group(2).equals("s") ? 1000 : 1))
                    .longValueExact();
            } catch (ArithmeticException e) {
                throw bad(text, "bad duration '" + amount + "' (whole milliseconds up to "
                    + Long.MAX_VALUE + "ms)");
            }
            return new TaskSpec(kind, 0, Duration.ofMillis(millis));
        }
        long size;
        try {
            size = Long.parseLong(amount.replace("_", ""));
        } catch (NumberFormatException e) {
            throw bad(text, "bad size '" + amount + "'");
        }
        try {
            return new TaskSpec(kind, size, Duration.ZERO);
        } catch (IllegalArgumentException e) {
            throw bad(text, "size out of range '" + amount + "'");
        }
    }

    /**
     * Does the work on the calling thread.
     *
     * @return the task's answer (see the table above)
     * @throws InterruptedException if an {@code io} task is interrupted while it waits
     */
    public Object run() throws InterruptedException {
        return switch (kind) {
            case IO -> {
                Workloads.sleep(duration);
                yield duration;
            }
            case CPU -> Workloads.sumOfSquares(size);
            case PRIMES -> Workloads.countPrimesBelow((int) size);
            case SPIN -> Workloads.spin(duration);
        };
    }

    /** True for work that keeps a CPU busy ({@code cpu}, {@code primes}, {@code spin}). */
    public boolean isCpuBound() {
        return kind != Kind.IO;
    }

    /** The task written back as text, in the form {@link #parse(String)} reads. */
    @Override
    public String toString() {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case IO, SPIN -> name + ":" + duration.toMillis() + "ms";
            default -> name + ":" + size;
        };
    }

    private static IllegalArgumentException bad(String text, String what) {
        return new IllegalArgumentException("task spec '" + text + "': " + what + " (" + ACCEPTED + ")");
    }
}
