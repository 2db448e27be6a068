package dev.jconcurrency.processes;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.cli.LessonLauncher;

import dev.jconcurrency.core.process.ChildJvm;
import dev.jconcurrency.core.report.Report;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How do you stream a lot of data through a child process's stdin and stdout without a deadlock? Write its input
 * on one thread while other threads read its output and its errors, all at the same time. Writing all
 * the input first and reading the output afterwards hangs for ever as soon as the data is larger than the two
 * pipes between the processes can hold (64 KiB each on Linux).
 *
 * <p>This is the other way to talk to a child: not tasks and results through a pool
 * ({@link Processes_01_SeedSection}), but a program and its text streams, as a shell pipeline does
 * ({@code generate | wc}). Python's {@code subprocess} documentation warns of the same deadlock and offers
 * {@code communicate()}; core's {@link ChildJvm} is that for a Java main class.
 */
public final class Processes_06_PipeToAChild {

    static final String QUESTION = "How do you stream a lot of data through a child process's stdin and stdout"
        + " without a deadlock?";

    private Processes_06_PipeToAChild() {
    }

    /*
     * Suppose the child is a word counter, a filter in the Unix sense: it reads lines from standard input and,
     * for each one, writes the line's word count and the line itself, as soon as it has read it; at the end it
     * writes the total. It is a main class of this module, so a child JVM on our class path can run it.
     */

    /** The child: {@code <words>\t<line>} for each input line, then {@code total\t<words>}. */
    static final class CountWords {
        public static void main(String[] args) throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            Writer out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8));
            long total = 0;
            String line;
            while ((line = in.readLine()) != null) {
                int words = words(line);
                total += words;
                out.write(words + "\t" + line + "\n");
            }
            out.write("total\t" + total + "\n");
            out.flush();
        }
    }

    /** Words are runs of characters other than spaces. */
    static int words(String line) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            boolean space = line.charAt(i) == ' ';
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    /** A text of {@code lines} lines, line i holding {@code 1 + i % 12} words: large, and known exactly. */
    static String text(int lines) {
        String[] vocabulary = {"process", "thread", "pipe", "buffer", "deadlock", "stdin", "stdout", "stderr",
            "child", "parent", "signal", "exit"};
        StringBuilder text = new StringBuilder(lines * 48);
        for (int i = 0; i < lines; i++) {
            for (int w = 0; w <= i % 12; w++) {
                if (w > 0) {
                    text.append(' ');
                }
                text.append(vocabulary[(i + w) % vocabulary.length]);
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** The words in {@link #text(int)}, from the formula: what the child must answer. */
    static long expectedWords(int lines) {
        long total = 0;
        for (int i = 0; i < lines; i++) {
            total += 1 + i % 12;
        }
        return total;
    }

    /*
     * The wrong way first, because it is the natural one to write: start the child, write all the input, close
     * it, then read the output. It works for small inputs. For large ones it stops, for ever, and nothing fails:
     * the child has filled its stdout pipe (nobody is reading it yet) and waits for us to read; we have filled its
     * stdin pipe (the child has stopped reading) and wait for it to read. Each process waits for the other.
     *
     * To show it without hanging this lesson, the writing runs on a thread of its own; we watch its progress, and
     * once it has made none for `patience`, we kill the child, which ends the writer's wait with an IOException.
     */

    /**
     * How the naive way ended.
     *
     * @param inputBytes how much we meant to write
     * @param writtenBytes how much we had written when the writer stopped making progress
     * @param stuck whether the writer was still blocked, making no progress, when we gave up on it
     * @param exitCode the child's exit code after we killed it (137: SIGKILL) or, if it was not stuck, its own
     */
    public record Naive(long inputBytes, long writtenBytes, boolean stuck, int exitCode) {
    }

    /**
     * Writes all of {@code input} to a new child, then would read its output: the deadlock.
     *
     * @param input the text for the child's stdin
     * @param patience how long the writer may make no progress before we call it stuck
     * @return how it ended; the child is dead and reaped, and the writer thread has ended
     * @throws IOException if the child could not be started
     * @throws InterruptedException if interrupted while watching (the child is then killed)
     */
    public static Naive naive(String input, Duration patience) throws IOException, InterruptedException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(patience, "patience");
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        Process child = new ProcessBuilder(ChildJvm.of(CountWords.class).command()).start();
        AtomicLong written = new AtomicLong();
        Thread writer = Thread.ofPlatform().name("naive-writer").start(() -> {
            try (OutputStream stdin = child.getOutputStream()) {
                for (int offset = 0; offset < bytes.length; offset += 4096) {
                    int length = Math.min(4096, bytes.length - offset);
                    stdin.write(bytes, offset, length);
                    written.addAndGet(length);
                }
            } catch (IOException e) {
                // The child was killed while we were blocked writing to it: exactly the way out we expect.
            }
            // Only now would the naive program read child.getInputStream(): it never gets here with a big input.
        });
        boolean stuck = false;
        try {
            long lastProgress = -1;
            while (writer.isAlive()) {
                long now = written.get();
                if (now == lastProgress) {
                    stuck = true;
                    break;
                }
                lastProgress = now;
                writer.join(patience);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(); // reap it: no zombie
            writer.join();   // the kill broke its pipe, so it ends
            child.getInputStream().close();
            child.getErrorStream().close();
        }
        return new Naive(bytes.length, written.get(), stuck, child.exitValue());
    }

    /*
     * The right way: write and read at the same time. ChildJvm does that for a main class: a thread feeds stdin
     * from the moment the child starts, and two more drain stdout and stderr into memory, so no pipe ever stays
     * full. (For outputs too large to keep in memory, the same three-thread shape applies with a consumer that
     * processes each line as it comes.)
     */

    /**
     * How the right way ended.
     *
     * @param inputBytes how much the child was given
     * @param outputBytes how much it wrote back
     * @param lines the count lines it wrote, one per input line
     * @param total the total it reported
     * @param allLinesCorrect whether every line's count matched our own count of that line, in order
     * @param pid the child's pid
     * @param duration from the child's start to its exit
     */
    public record Piped(long inputBytes, long outputBytes, int lines, long total, boolean allLinesCorrect, long pid,
                        Duration duration) {
    }

    /**
     * Streams {@code input} through a child JVM running {@link CountWords} with {@link ChildJvm}, and checks its
     * every line.
     *
     * @param input the text for the child's stdin
     * @return what came back
     * @throws Exception if the child fails or runs past a minute (it is then killed and reaped)
     */
    public static Piped piped(String input) throws Exception {
        Objects.requireNonNull(input, "input");
        ChildJvm.Result result = ChildJvm.of(CountWords.class).withStdin(input)
            .withTimeout(Duration.ofMinutes(1)).run();
        List<String> in = input.lines().toList();
        List<String> out = result.stdout().lines().toList();
        boolean correct = out.size() == in.size() + 1;
        for (int i = 0; correct && i < in.size(); i++) {
            correct = out.get(i).equals(words(in.get(i)) + "\t" + in.get(i));
        }
        String last = out.isEmpty() ? "" : out.get(out.size() - 1);
        long total = last.startsWith("total\t") ? Long.parseLong(last.substring("total\t".length())) : -1;
        return new Piped(input.getBytes(StandardCharsets.UTF_8).length,
            result.stdout().getBytes(StandardCharsets.UTF_8).length, out.size() - 1, total, correct, result.pid(),
            result.duration());
    }

    /**
     * Both ways, on the same input.
     *
     * @param lines how many lines of input
     * @param expectedWords the words in them, from the formula
     * @param naive the naive way
     * @param piped the right way
     */
    public record Result(int lines, long expectedWords, Naive naive, Piped piped) {
    }

    /**
     * Streams {@code lines} lines through the word counter both ways.
     *
     * @param lines how many lines of input, 1 or more
     * @param patience how long the naive writer may make no progress before we call it stuck
     * @return both outcomes
     * @throws Exception if a child could not be started or the right way failed
     * @throws IllegalArgumentException if {@code lines} is not positive
     */
    public static Result run(int lines, Duration patience) throws Exception {
        if (lines < 1) {
            throw new IllegalArgumentException("lines must be positive: " + lines);
        }
        String input = text(lines);
        Naive naive = naive(input, patience);
        Piped piped = piped(input);
        return new Result(lines, expectedWords(lines), naive, piped);
    }

    /*
     * It turns out the naive writer stops after about 150 KB (155,648 bytes here, in every run): the 64 KiB of
     * the stdin pipe, the child's 8 KiB read buffer, and the input the child managed to turn into output before
     * its own 64 KiB stdout pipe and buffers filled. How far it gets depends on those buffer sizes, never on
     * timing, so the hang is certain, not a race; only inputs small enough to fit escape it. The right way moves
     * 4.4 MB each way in about a tenth of a second, a good part of it the child JVM's start-up.
     */

    static void show(Result result, Report report) {
        report.banner("A PIPELINE THROUGH A CHILD JVM: " + String.format(Locale.ROOT, "%,d", result.lines())
            + " LINES IN, A WORD COUNT PER LINE OUT");
        Naive naive = result.naive();
        report.line(String.format(Locale.ROOT, "WRONG  write all input, then read: %s after %,d of %,d bytes;"
                + " child killed (exit code %d)", naive.stuck() ? "stuck" : "finished", naive.writtenBytes(),
            naive.inputBytes(), naive.exitCode()));
        Piped piped = result.piped();
        report.line(String.format(Locale.ROOT, "RIGHT  write and read at once (ChildJvm): %,d bytes in, %,d bytes"
                + " out, %,d lines, total %,d words (expected %,d), every line correct: %s, in %s", piped.inputBytes(),
            piped.outputBytes(), piped.lines(), piped.total(), result.expectedWords(),
            piped.allLinesCorrect() ? "yes" : "NO", Report.seconds(piped.duration())));
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        return LessonLauncher.noOptions(Processes_06_PipeToAChild.class, QUESTION)
            .run(args, out, err, arguments -> show(run(100_000, Duration.ofSeconds(1)), Report.to(out)));
    }

    /*
     * How to run (from the repository's root):
     *
     *   mvn -q -pl examples-processes -am test-compile -Drun=examples-processes -Dargs="--lesson 6"
     *
     * Look for: the naive writer stuck after a few hundred kilobytes, and the right way moving megabytes.
     *
     * Typical output (2-core Intel Xeon VM shared with other builds, Linux 6.18, Temurin 25.0.3, run profile,
     * 2026-11-25, load average 2.5):
     *
     *   === A PIPELINE THROUGH A CHILD JVM: 100,000 LINES IN, A WORD COUNT PER LINE OUT ===
     *   WRONG  write all input, then read: stuck after 155,648 of 4,399,894 bytes; child killed (exit code 137)
     *   RIGHT  write and read at once (ChildJvm): 4,399,894 bytes in, 4,624,906 bytes out, 100,000 lines, total
     *          649,984 words (expected 649,984), every line correct: yes, in 0.12 sec
     *
     * (The last line wrapped here.)
     */

    /**
     * Streams 100,000 lines through a child word counter, the wrong way and the right way.
     *
     * @param args none ({@code --help} prints the question)
     * @throws Exception if the lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
