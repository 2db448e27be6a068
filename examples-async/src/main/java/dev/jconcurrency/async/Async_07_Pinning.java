package dev.jconcurrency.async;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.process.ChildJvm;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.report.Table;
import dev.jconcurrency.core.workload.Workloads;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * When does a blocked virtual thread keep its carrier ("pin" it)? Inside {@code synchronized} on JDK 21–23
 * (JEP 491 removed that in JDK 24), and inside a class initializer on every JDK so far; the lesson says which
 * JDK it ran on and shows what it saw, in timings and in JFR's {@code jdk.VirtualThreadPinned} events.
 *
 * <p>A pinned virtual thread blocks its carrier like a platform thread would: with few carriers, a few pinned
 * threads stall every other virtual thread, the stall {@link Async_03_CooperativeScheduling} showed for a busy
 * loop. Before JDK 24, the advice was to use a {@link ReentrantLock} around blocking calls; the lesson runs
 * that too.
 */
public final class Async_07_Pinning {

    static final String QUESTION = "When does a blocked virtual thread keep its carrier thread (pin it)?";

    /** The JFR event the JDK records when a virtual thread blocks while pinned. */
    static final String PINNED_EVENT = "jdk.VirtualThreadPinned";

    private Async_07_Pinning() {
    }

    /*
     * Suppose a few virtual threads that each take their own lock and sleep while holding it. Nobody contends
     * for a lock, so they should all sleep at once. We run them on a child JVM with exactly one carrier
     * (as in Async_03) so the answer is black and white: if a sleeping thread unmounts, all sleep together
     * (most in flight = all of them); if it pins, the one carrier is held and they sleep one by one (most in
     * flight = 1). Three variants:
     *
     *   synchronized    sleep inside a synchronized block.
     *   ReentrantLock   sleep while holding a java.util.concurrent lock: never pinned.
     *   initializer     a virtual thread sleeps inside a class's static initializer (the JVM runs class
     *                   initialization on the native stack); a second virtual thread tries to run meanwhile.
     *
     * Meanwhile a JFR recording listens for jdk.VirtualThreadPinned, the JDK's own report of a pinned block
     * (we do not use -Djdk.tracePinnedThreads: it was removed in JDK 24 and printed nothing for these cases
     * on JDK 25).
     */

    /**
     * One lock variant on one carrier.
     *
     * @param threads how many virtual threads slept holding a lock
     * @param maxInFlight the most of them asleep at the same time (all: not pinned; 1: pinned)
     * @param elapsedNanos how long they all took
     */
    public record Sleepers(int threads, int maxInFlight, long elapsedNanos) {
        /** Whether the sleeps were serialised: the carrier was held while a thread slept. */
        public boolean pinned() {
            return maxInFlight < threads;
        }
    }

    /**
     * The class-initializer variant; times since it started.
     *
     * @param initStartNanos when the initializer began (and began to sleep)
     * @param initEndNanos when it ended
     * @param otherStartNanos when the second virtual thread got to run
     */
    public record Initializer(long initStartNanos, long initEndNanos, long otherStartNanos) {
        /** Whether the other virtual thread had to wait for the initializer: the carrier was held. */
        public boolean pinned() {
            return otherStartNanos >= initEndNanos;
        }
    }

    /**
     * A {@code jdk.VirtualThreadPinned} event.
     *
     * @param where {@code synchronized}, {@code lock}, {@code initializer} or {@code other}, from its stack trace
     * @param durationNanos how long the thread was blocked while pinned
     */
    public record Pinned(String where, long durationNanos) {
    }

    /**
     * What the child JVM saw.
     *
     * @param jdkFeature the JDK's feature release (21, 25...)
     * @param jdkVersion the full version string
     * @param carriers the child's carrier count
     * @param monitor the synchronized variant
     * @param lock the ReentrantLock variant
     * @param initializer the class-initializer variant
     * @param events the pinned events JFR recorded
     */
    public record Result(int jdkFeature, String jdkVersion, int carriers, Sleepers monitor, Sleepers lock,
                         Initializer initializer, List<Pinned> events) {
        /** Copies the list. */
        public Result {
            events = List.copyOf(events);
        }

        /** How many pinned events were recorded {@code where}. */
        public long eventsIn(String where) {
            return events.stream().filter(e -> e.where().equals(where)).count();
        }
    }

    /*
     * The code under test. Each sleeper takes a lock of its own, so the only thing that can serialise them
     * is the carrier. The initializer's class is loaded only when the first virtual thread touches it.
     */

    static void sleepHoldingMonitor(Duration hold, InFlight inFlight) throws InterruptedException {
        Object monitor = new Object();
        synchronized (monitor) {
            inFlight.enter();
            try {
                Workloads.sleep(hold);
            } finally {
                inFlight.exit();
            }
        }
    }

    static void sleepHoldingLock(Duration hold, InFlight inFlight) throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        lock.lock();
        try {
            inFlight.enter();
            try {
                Workloads.sleep(hold);
            } finally {
                inFlight.exit();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Its static initializer sleeps; the child sets the hold time and the latch before touching it. */
    static final class SlowToInitialize {
        static final long INIT_START;
        static final long INIT_END;

        static {
            INIT_START = System.nanoTime();
            PinningChild.inInitializer.countDown();
            try {
                Workloads.sleep(PinningChild.hold);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // nobody interrupts the child's threads; keep the flag anyway
            }
            INIT_END = System.nanoTime();
        }

        private SlowToInitialize() {
        }
    }

    /** The entry point of the one-carrier child JVM: runs the three variants under a JFR recording. */
    public static final class PinningChild {
        static volatile Duration hold;
        static final CountDownLatch inInitializer = new CountDownLatch(1);

        private PinningChild() {
        }

        /**
         * Runs the variants and prints the results as records for the parent.
         *
         * @param args the hold time in nanoseconds, and the number of sleepers
         * @throws Exception if the recording cannot be written or read
         */
        public static void main(String[] args) throws Exception {
            hold = Duration.ofNanos(Long.parseLong(args[0]));
            int threads = Integer.parseInt(args[1]);
            ThreadFactory virtual = Thread.ofVirtual().name("sleeper-", 1).factory();
            ChildRecords.print("jdk " + Runtime.version().feature() + " " + Runtime.version());
            ChildRecords.print("carriers " + Async_01_SeedSection.carriersHere());
            Path file = Files.createTempFile("pinning-", ".jfr");
            try (Recording recording = new Recording()) {
                recording.enable(PINNED_EVENT).withThreshold(hold.dividedBy(5)).withStackTrace();
                recording.start();
                ChildRecords.print("monitor " + sleepers(threads, virtual, Async_07_Pinning::sleepHoldingMonitor));
                ChildRecords.print("lock " + sleepers(threads, virtual, Async_07_Pinning::sleepHoldingLock));
                ChildRecords.print("initializer " + initializer(virtual));
                recording.stop();
                recording.dump(file);
                for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                    if (event.getEventType().getName().equals(PINNED_EVENT)) {
                        ChildRecords.print("pinned " + where(event) + " " + event.getDuration().toNanos());
                    }
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }

        @FunctionalInterface
        private interface Sleeper {
            void sleep(Duration hold, InFlight inFlight) throws InterruptedException;
        }

        private static String sleepers(int threads, ThreadFactory virtual, Sleeper sleeper) {
            InFlight inFlight = new InFlight();
            long start = System.nanoTime();
            try (ExecutorService executor = Executors.newThreadPerTaskExecutor(virtual)) {
                for (int i = 0; i < threads; i++) {
                    executor.execute(() -> {
                        try {
                            sleeper.sleep(hold, inFlight);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt(); // ending anyway; nobody interrupts us here
                        }
                    });
                }
            }
            return threads + " " + inFlight.max() + " " + (System.nanoTime() - start);
        }

        private static String initializer(ThreadFactory virtual) throws InterruptedException {
            long origin = System.nanoTime();
            long[] otherStart = new long[1];
            Thread initializing = virtual.newThread(() -> Objects.requireNonNull(SlowToInitialize.class.getName()
                + SlowToInitialize.INIT_END));
            initializing.start();
            inInitializer.await();
            Thread other = virtual.newThread(() -> otherStart[0] = System.nanoTime());
            other.start();
            initializing.join();
            other.join();
            return (SlowToInitialize.INIT_START - origin) + " " + (SlowToInitialize.INIT_END - origin) + " "
                + (otherStart[0] - origin);
        }

        private static String where(RecordedEvent event) {
            if (event.getStackTrace() == null) {
                return "other";
            }
            for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                String method = frame.getMethod().getName();
                if (method.equals("<clinit>")) {
                    return "initializer";
                }
                if (method.equals("sleepHoldingMonitor")) {
                    return "synchronized";
                }
                if (method.equals("sleepHoldingLock")) {
                    return "lock";
                }
            }
            return "other";
        }
    }

    /**
     * Runs the three variants in a child JVM with one carrier.
     *
     * @param hold how long each virtual thread sleeps holding its lock
     * @param threads how many sleepers per lock variant
     * @return what the child saw
     * @throws Exception if the child JVM fails
     */
    public static Result run(Duration hold, int threads) throws Exception {
        return run(child(hold, threads));
    }

    /** The child JVM of the experiment, ready to run; tests add their own thread factory. */
    static ChildJvm child(Duration hold, int threads) {
        Objects.requireNonNull(hold, "hold");
        if (hold.isNegative() || hold.isZero()) {
            throw new IllegalArgumentException("hold must be positive: " + hold);
        }
        if (threads < 2) {
            throw new IllegalArgumentException("threads must be at least 2: " + threads);
        }
        return ChildJvm.of(PinningChild.class)
            .withJvmFlags(Async_03_CooperativeScheduling.ONE_CARRIER_FLAGS.toArray(String[]::new))
            .withArgs(Long.toString(hold.toNanos()), Integer.toString(threads))
            .withTimeout(hold.multipliedBy(3L * threads).plus(Duration.ofSeconds(60)));
    }

    static Result run(ChildJvm child) throws Exception {
        ChildRecords records = ChildRecords.of(child.run());
        List<String> jdk = records.record("jdk");
        List<String> init = records.record("initializer");
        List<Pinned> events = new ArrayList<>();
        for (List<String> event : records.records("pinned")) {
            events.add(new Pinned(event.get(0), Long.parseLong(event.get(1))));
        }
        return new Result(Integer.parseInt(jdk.get(0)), jdk.get(1),
            Integer.parseInt(records.record("carriers").get(0)), sleepers(records.record("monitor")),
            sleepers(records.record("lock")),
            new Initializer(Long.parseLong(init.get(0)), Long.parseLong(init.get(1)), Long.parseLong(init.get(2))),
            events);
    }

    private static Sleepers sleepers(List<String> words) {
        return new Sleepers(Integer.parseInt(words.get(0)), Integer.parseInt(words.get(1)),
            Long.parseLong(words.get(2)));
    }

    /*
     * It turns out, on JDK 24 and later, that synchronized no longer pins: all the sleepers sleep at once
     * and JFR records nothing for them. On JDK 21-23 they sleep one after another, and JFR records a pinned
     * event for each. ReentrantLock never pins. The class initializer pins on every JDK so far: the second
     * virtual thread runs only once the initializer is done, and JFR records it. The practical rules:
     * keep blocking calls out of static initializers; on JDK 21-23, also out of synchronized (or use a
     * ReentrantLock); and when a service with virtual threads stalls, record jdk.VirtualThreadPinned.
     */

    static void print(Duration hold, Result result, Report report) {
        report.banner("PINNING: WHEN A BLOCKED VIRTUAL THREAD KEEPS ITS CARRIER");
        report.line("JDK " + result.jdkVersion() + " (feature release " + result.jdkFeature() + "); "
            + result.carriers() + " carrier; each sleeper holds its own lock for " + Report.duration(hold) + ".");
        Table table = Table.of("blocking inside", "threads", "asleep at once (max)", "time", "pinned",
            "JFR pinned events");
        table.row("synchronized", result.monitor().threads(), result.monitor().maxInFlight(),
            Report.seconds(Duration.ofNanos(result.monitor().elapsedNanos())), result.monitor().pinned() ? "yes" : "no",
            result.eventsIn("synchronized"));
        table.row("ReentrantLock", result.lock().threads(), result.lock().maxInFlight(),
            Report.seconds(Duration.ofNanos(result.lock().elapsedNanos())), result.lock().pinned() ? "yes" : "no",
            result.eventsIn("lock"));
        Initializer init = result.initializer();
        table.row("a class initializer", 1, 1, Report.seconds(Duration.ofNanos(init.initEndNanos() - init.initStartNanos())),
            init.pinned() ? "yes" : "no", result.eventsIn("initializer"));
        Async_03_CooperativeScheduling.printTable(report, table);
        report.line("While the initializer slept, another virtual thread got to run after "
            + Math.round(init.otherStartNanos() / 1e6) + " ms (the initializer ended at "
            + Math.round(init.initEndNanos() / 1e6) + " ms).");
        report.line(result.jdkFeature() >= 24
            ? "This JDK is 24 or later: synchronized no longer pins (JEP 491); class initializers still do."
            : "This JDK is older than 24: synchronized pins (JEP 491 fixed it in JDK 24); so do class initializers.");
    }

    static CommandLine commandLine() {
        return CommandLine.builder("examples-async --lesson 7",
                "Virtual threads blocking inside synchronized, a ReentrantLock and a class initializer, on one "
                    + "carrier in a child JVM, with JFR listening for pinned events.")
            .durationOption("hold", Duration.ofMillis(200), Duration.ofMillis(20), Duration.ofSeconds(10),
                "how long each sleeper holds its lock")
            .intOption("threads", 8, 2, 1_000, "sleepers per lock variant")
            .build();
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        return commandLine().run(args, out, err, arguments -> {
            Duration hold = arguments.duration("hold");
            print(hold, run(hold, arguments.intValue("threads")), Report.to(out));
        });
    }

    /*
     * How to run (from the repository root):
     *
     *     mvn -q -pl examples-async -am test-compile -Drun=examples-async -Dargs="--lesson 7"
     *
     * Look for: the JDK line, then "pinned" for synchronized only on JDK 21-23, never for ReentrantLock, and
     * always for the class initializer, with JFR events to match.
     *
     * Typical output (2 CPUs shared with other builds, load average 3.5-5, Linux 6.18, Temurin JDK 25.0.3,
     * 2026-11-25):
     *
     *     JDK 25.0.3+9-LTS (feature release 25); 1 carrier; each sleeper holds its own lock for 0.2 sec.
     *     blocking inside      threads  asleep at once (max)      time  pinned  JFR pinned events
     *     -------------------  -------  --------------------  --------  ------  -----------------
     *     synchronized               8                     8  0.23 sec  no                      0
     *     ReentrantLock              8                     8  0.21 sec  no                      0
     *     a class initializer        1                     1  0.20 sec  yes                     1
     *     While the initializer slept, another virtual thread got to run after 204 ms (the initializer ended at 202 ms).
     *     This JDK is 24 or later: synchronized no longer pins (JEP 491); class initializers still do.
     *
     *     On JDK 21-23 expect the synchronized row to read 1 asleep at once, about 8 x 0.2 sec, pinned, 8 events.
     */

    /**
     * Runs the lesson; options {@code --hold TIME}, {@code --threads N}.
     *
     * @param args the command line
     * @throws Exception if the lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
