package dev.jconcurrency.threading;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.cli.LessonLauncher;

import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.timing.Stopwatch;
import dev.jconcurrency.core.workload.Workloads;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * Does a thread see a flag that another thread sets? Only if the flag is {@code volatile} (or guarded by a lock):
 * with a plain field the Java memory model allows the reader never to see the write, and the JIT's optimising
 * compiler often makes that happen.
 *
 * <p>{@link Threading_04_LostUpdate} lost a write; here a write is made and kept, but another thread may never see
 * it. See JLS §17.4 (the Java memory model) and §17.4.5 (happens-before).
 */
public final class Threading_05_Visibility {

    static final String QUESTION = "Does a thread see a flag that another thread sets?";

    private Threading_05_Visibility() {
    }

    /*
     * Suppose a worker thread loops until someone asks it to stop:
     *
     *   while (!stop) { work(); }
     *
     * and the main thread sets stop = true. Does the worker stop? The Java memory model only promises that a read
     * sees a write when the write happens-before the read: an unlock before the next lock of the same monitor, a
     * volatile write before a later volatile read of the same field, a thread's start, a join. A plain field gives
     * no such edge, and the JIT may read the field once, before the loop, and never again. With volatile, every
     * read is a fresh read of the latest write.
     *
     * A worker that never stops would be a thread left behind, spinning on a core until the JVM exits. So the broken
     * worker here also stops after a fixed number of iterations (a few seconds' worth): that bound, not the flag,
     * is what ends it if the flag is never seen. The loop does nothing else, on purpose: any call that synchronises
     * (a lock, a volatile read, even Thread.isInterrupted()) would make the JIT re-read the flag and hide the bug.
     */

    /** The broken flag: a plain field. */
    static final class PlainFlag {
        boolean stop;
    }

    /** The right flag: a volatile field. */
    static final class VolatileFlag {
        volatile boolean stop;
    }

    /**
     * One worker's story.
     *
     * @param flag {@code "plain"} or {@code "volatile"}
     * @param stoppedByFlag true if the worker saw the flag and stopped; false if it ran to its iteration bound
     * @param afterStop how long the worker ran after the flag was set
     * @param iterations how many loop iterations it did in all
     */
    public record Outcome(String flag, boolean stoppedByFlag, Duration afterStop, long iterations) {
    }

    /**
     * Runs a worker on a plain flag and one on a volatile flag, each for {@code warmUp} before the flag is set.
     *
     * @param plain the broken worker's story
     * @param volatileFlag the right worker's story
     */
    public record Result(Outcome plain, Outcome volatileFlag) {
    }

    /*
     * The two workers are the same loop, once per kind of flag: a cheap step of arithmetic (so the loop cannot be
     * removed as dead code), a counter, and the flag check. Each returns how many iterations it did.
     */

    private static long plainLoop(PlainFlag flag, long bound) {
        long mix = 1;
        long i = 0;
        while (!flag.stop && i < bound) {
            mix = mix * 6364136223846793005L + 1442695040888963407L;
            i++;
        }
        return i + (mix == 42 ? 1 : 0);
    }

    private static long volatileLoop(VolatileFlag flag, long bound) {
        long mix = 1;
        long i = 0;
        while (!flag.stop && i < bound) {
            mix = mix * 6364136223846793005L + 1442695040888963407L;
            i++;
        }
        return i + (mix == 42 ? 1 : 0);
    }

    /**
     * Starts a worker on a plain flag, lets it run for {@code warmUp}, sets the flag and waits for the worker.
     *
     * @param warmUp how long the worker runs before the flag is set (long enough for the JIT to compile the loop:
     *     100 ms or more)
     * @param bound the most iterations the worker does if it never sees the flag, 1 or more
     * @return what happened: either is allowed by the memory model
     * @throws InterruptedException if the calling thread is interrupted while it waits (the worker still ends by
     *     its bound)
     * @throws NullPointerException if {@code warmUp} is null
     * @throws IllegalArgumentException if {@code warmUp} is negative or {@code bound} is not positive
     */
    public static Outcome plain(Duration warmUp, long bound) throws InterruptedException {
        PlainFlag flag = new PlainFlag();
        return watch("plain", warmUp, bound, () -> flag.stop = true, () -> plainLoop(flag, bound));
    }

    /**
     * Starts a worker on a volatile flag, lets it run for {@code warmUp}, sets the flag and waits for the worker.
     *
     * @param warmUp how long the worker runs before the flag is set, zero or more
     * @param bound the most iterations the worker does, 1 or more; the flag stops it long before
     * @return what happened: the worker always stops because of the flag
     * @throws InterruptedException if the calling thread is interrupted while it waits
     * @throws NullPointerException if {@code warmUp} is null
     * @throws IllegalArgumentException if {@code warmUp} is negative or {@code bound} is not positive
     */
    public static Outcome volatileFlag(Duration warmUp, long bound) throws InterruptedException {
        VolatileFlag flag = new VolatileFlag();
        return watch("volatile", warmUp, bound, () -> flag.stop = true, () -> volatileLoop(flag, bound));
    }

    private interface Loop {
        long run();
    }

    private static Outcome watch(String name, Duration warmUp, long bound, Runnable setStop, Loop loop)
        throws InterruptedException {
        Objects.requireNonNull(warmUp, "warmUp");
        if (warmUp.isNegative()) {
            throw new IllegalArgumentException("warmUp must not be negative: " + warmUp);
        }
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long[] iterations = new long[1];
        CountDownLatch running = new CountDownLatch(1);
        Thread worker = Thread.ofPlatform().name(name + "-flag-worker").start(() -> {
            running.countDown();
            iterations[0] = loop.run();
        });
        running.await();
        // Sleeping is the lesson here, not a test's guess: the loop must run long enough to be compiled by the JIT.
        Workloads.sleep(warmUp);
        Stopwatch sinceStop = Stopwatch.start();
        setStop.run();
        // join() is the happens-before edge that makes iterations[0] visible here. If we are interrupted first, the
        // worker still ends on its own, by the flag or by its bound.
        worker.join();
        Duration afterStop = sinceStop.elapsed();
        return new Outcome(name, iterations[0] < bound, afterStop, iterations[0]);
    }

    /**
     * Runs both workers.
     *
     * @param warmUp how long each worker runs before its flag is set
     * @param bound the broken worker's iteration bound
     * @return both stories
     * @throws InterruptedException if the calling thread is interrupted
     */
    public static Result run(Duration warmUp, long bound) throws InterruptedException {
        return new Result(plain(warmUp, bound), volatileFlag(warmUp, bound));
    }

    /*
     * It turns out the volatile worker stops within microseconds of the write, every time: that is the guarantee.
     * The plain worker, on HotSpot's optimising compiler (C2, which the module's run profile uses like any plain
     * java command), typically never sees the flag and runs to its bound: the compiled loop read the flag once and
     * kept it in a register. Run it with only the quick compiler (-XX:TieredStopAtLevel=1) or interpreted (-Xint),
     * and the plain worker usually stops too: C1 and the interpreter happen to re-read the field. Neither outcome
     * is guaranteed, and neither is a bug of the JVM; relying on either is a bug of the program. The test asserts
     * only the guarantee.
     *
     * Python has the same rule in spirit: the GIL makes CPython's threads see each other's writes in practice, but
     * the language promises nothing without a threading.Event or a lock, and free-threaded CPython drops the GIL.
     */

    static void show(Result result, Report report) {
        report.banner("VISIBILITY: A STOP FLAG WITHOUT AND WITH VOLATILE");
        for (Outcome outcome : new Outcome[] {result.plain(), result.volatileFlag()}) {
            report.line(String.format(Locale.ROOT, "%-8s flag: %s %s after the flag was set (%,d iterations)",
                outcome.flag(), outcome.stoppedByFlag() ? "stopped" : "never saw it; ran to its bound,",
                Report.seconds(outcome.afterStop()), outcome.iterations()));
        }
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        return LessonLauncher.noOptions(Threading_05_Visibility.class, QUESTION)
            .run(args, out, err, arguments -> show(run(Duration.ofMillis(300), 3_000_000_000L), Report.to(out)));
    }

    /*
     * How to run (from the repository's root):
     *
     *   mvn -q -pl examples-threading -am test-compile -Drun=examples-threading -Dargs="--lesson 5"
     *
     * The run profile uses the full JIT (C2), so the plain flag is typically ignored. To see the quick compiler
     * (C1) alone, where the plain worker usually stops, give the JVMs the flag through the environment:
     *
     *   JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=1 mvn -q -pl examples-threading -am test-compile \
     *       -Drun=examples-threading -Dargs="--lesson 5"
     *
     * Typical output (2-core Intel Xeon VM shared with other builds, Linux 6.18, Temurin 25.0.3, 2026-11-25,
     * load average about 2). With the run profile (C2):
     *
     *   === VISIBILITY: A STOP FLAG WITHOUT AND WITH VOLATILE ===
     *   plain    flag: never saw it; ran to its bound, 3.07 sec after the flag was set (3,000,000,000 iterations)
     *   volatile flag: stopped 0.00 sec after the flag was set (269,655,338 iterations)
     *
     * With JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=1 (C1 only; both JVMs first print "Picked up JAVA_TOOL_OPTIONS"):
     *
     *   === VISIBILITY: A STOP FLAG WITHOUT AND WITH VOLATILE ===
     *   plain    flag: stopped 0.00 sec after the flag was set (259,313,226 iterations)
     *   volatile flag: stopped 0.00 sec after the flag was set (270,346,731 iterations)
     *
     * Interpreted (java -Xint), the plain worker stopped as well, after 15,882,378 iterations.
     */

    /**
     * Runs a plain-flag worker and a volatile-flag worker, 300 ms each before the flag is set, and prints both.
     *
     * @param args none ({@code --help} prints the question)
     * @throws Exception if the lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
