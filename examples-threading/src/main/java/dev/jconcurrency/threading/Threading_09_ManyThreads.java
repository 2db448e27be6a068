package dev.jconcurrency.threading;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.cli.LessonLauncher;

import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.timing.Speedup;
import dev.jconcurrency.core.timing.Stopwatch;
import dev.jconcurrency.core.workload.Workloads;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many platform threads can wait at once? Thousands: 10,000 threads each sleeping one second finish in about
 * three and a half seconds, because a waiting thread costs memory (its stack) but no CPU; starting them is what
 * takes the time.
 *
 * <p>{@link Threading_02_IoSpeedup} at scale. Python's threads manage the same 10,000 one-second sleeps in about
 * 14 seconds on the machine this project is measured on; the asynchronous lessons (examples-async) show virtual
 * threads doing a million.
 */
public final class Threading_09_ManyThreads {

    static final String QUESTION = "How many platform threads can wait at once?";

    private Threading_09_ManyThreads() {
    }

    /*
     * Suppose a server gives each open connection its own thread, and most connections are idle, waiting for the
     * next request. How far does that go? We start N platform threads, one after another, each sleeping for the
     * same time, and join them all. Each thread notes how many were sleeping when it started, so the result can
     * show that they really waited together, not in batches.
     *
     * A platform thread is an operating-system thread: creating one takes a system call and reserves a stack
     * (1 MiB of address space by default on Linux x64, of which only the pages touched are real memory). That is
     * the cost we are measuring.
     */

    /**
     * What the threads did.
     *
     * @param threads how many threads were started
     * @param sleep how long each slept
     * @param startedIn how long it took to start them all
     * @param elapsed from the first start to the last join
     * @param maxInFlight the most threads asleep at the same moment
     */
    public record Result(int threads, Duration sleep, Duration startedIn, Duration elapsed, int maxInFlight) {

        /** What the sleeps would take one after the other, over what they took: the overlap. */
        public double speedup() {
            return Speedup.of(sleep.multipliedBy(threads), elapsed);
        }
    }

    /**
     * Starts {@code threads} platform threads that each sleep {@code sleep}, and joins them all.
     *
     * @param threads 1 or more
     * @param sleep positive
     * @return the timings
     * @throws InterruptedException if the calling thread is interrupted (the threads are interrupted and joined
     *     first)
     * @throws NullPointerException if {@code sleep} is null
     * @throws IllegalArgumentException if a value is out of range
     */
    public static Result run(int threads, Duration sleep) throws InterruptedException {
        Objects.requireNonNull(sleep, "sleep");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        if (sleep.isNegative() || sleep.isZero()) {
            throw new IllegalArgumentException("sleep must be positive: " + sleep);
        }
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        Runnable sleeper = () -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Workloads.sleep(sleep);
            } catch (InterruptedException e) {
                // Our caller is giving up: the thread ends here; keep the flag, the rule for anyone who looks.
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        };
        List<Thread> started = new ArrayList<>(threads);
        Stopwatch watch = Stopwatch.start();
        Duration startedIn;
        try {
            Thread.Builder builder = Thread.ofPlatform().name("sleeper-", 0);
            for (int i = 0; i < threads; i++) {
                started.add(builder.start(sleeper));
            }
            startedIn = watch.elapsed();
            for (Thread thread : started) {
                thread.join();
            }
        } catch (InterruptedException | RuntimeException | OutOfMemoryError e) {
            // Interrupted, or out of threads (the OS said no): end what we started before we report it.
            started.forEach(Thread::interrupt);
            for (Thread thread : started) {
                thread.join(Duration.ofSeconds(10));
            }
            throw e;
        }
        return new Result(threads, sleep, startedIn, watch.elapsed(), maxInFlight.get());
    }

    /*
     * It turns out 10,000 platform threads sleeping 1 s take about 3.5 s in all on a 2-core machine, and nearly all
     * of that is starting them: a few hundred microseconds each (a system call, a stack mapped, a guard page), one
     * after the other on the starting thread. The first threads wake before the last ones start, so "at most asleep
     * at once" is the number started in one second, here about half. Shorten the start-up (start them from several
     * threads) or lengthen the sleep, and all 10,000 wait together. Python's threads take about 14 s for the same
     * 10,000 one-second sleeps on the same machine.
     *
     * Threads are a fine answer for thousands of waits. For hundreds of thousands, their start-up and their stacks
     * are the limit, and virtual threads (examples-async) remove both.
     */

    static void show(Result result, Report report) {
        report.banner("MANY THREADS: " + String.format(Locale.ROOT, "%,d", result.threads()) + " PLATFORM THREADS"
            + " SLEEPING " + Report.duration(result.sleep()) + " EACH");
        report.line(String.format(Locale.ROOT, "Started all in %s; all done in %s; at most %,d asleep at once;"
                + " %.0fx faster than one after the other.", Report.seconds(result.startedIn()),
            Report.seconds(result.elapsed()), result.maxInFlight(), result.speedup()));
        report.line("Python's threads, same work, same machine: about 14 sec.");
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        return LessonLauncher.noOptions(Threading_09_ManyThreads.class, QUESTION)
            .run(args, out, err, arguments -> show(run(10_000, Duration.ofSeconds(1)), Report.to(out)));
    }

    /*
     * How to run (from the repository's root):
     *
     *   mvn -q -pl examples-threading -am test-compile -Drun=examples-threading -Dargs="--lesson 9"
     *
     * Look for: "all done" under 6 sec, with thousands asleep at once.
     *
     * Typical output (2-core Intel Xeon VM shared with other builds, Linux 6.18, Temurin 25.0.3,
     * measured with -XX:TieredStopAtLevel=1 (C1 only), 2026-11-25, load average 6.27):
     *
     *   === MANY THREADS: 10,000 PLATFORM THREADS SLEEPING 1 sec EACH ===
     *   Started all in 2.52 sec; all done in 3.52 sec; at most 5,087 asleep at once; 2839x faster than one after the other.
     *   Python's threads, same work, same machine: about 14 sec.
     */

    /**
     * Starts 10,000 platform threads that each sleep 1 s, and prints how long they took.
     *
     * @param args none ({@code --help} prints the question)
     * @throws Exception if the lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
