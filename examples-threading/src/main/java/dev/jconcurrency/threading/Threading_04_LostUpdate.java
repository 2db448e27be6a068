package dev.jconcurrency.threading;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.cli.LessonLauncher;

import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.report.Table;
import dev.jconcurrency.core.timing.Stopwatch;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Can two threads that increment a shared {@code long} lose an update? Yes: {@code count++} is a read, an add and a
 * write, and a thread that writes back a stale read erases the other's increment; {@code synchronized},
 * {@code AtomicLong}, {@code LongAdder} and {@code ReentrantLock} each make the count exact.
 *
 * <p>This is the seed's "shared memory model": threads share one heap, so they share its hazards. Python has them
 * too (the GIL makes single bytecodes atomic, not {@code count += 1}, which is several). Next:
 * {@link Threading_05_Visibility}, where a write is not lost but never seen.
 */
public final class Threading_04_LostUpdate {

    static final String QUESTION = "Can two threads that increment a shared long lose an update?";

    /** How long the forced interleaving waits for the other thread before it gives up. */
    private static final Duration GIVE_UP = Duration.ofSeconds(10);

    private Threading_04_LostUpdate() {
    }

    /*
     * Suppose two threads each add 1 to a counter that starts at 0. We want to know whether the result can be 1.
     * Waiting for the race to happen by chance proves nothing either way (two threads doing a million increments
     * each may lose thousands, or none, depending on the machine and the JIT). So we force the bad interleaving:
     *
     *   thread A reads the count (0), then stops in the "window" between its read and its write;
     *   thread B increments the counter in full, or gets as far as the counter lets it;
     *   thread A writes back what it read plus one.
     *
     * Every counter below is written with that window made visible: a Runnable called between the read and the
     * write. Outside the forced interleaving the window does nothing.
     */

    /** A counter incremented from many threads; {@code window} runs between the read and the write. */
    interface Counter {
        void increment(Runnable window);

        long get();

        /** Whether {@code thread} is queued on this counter's lock (a counter with no lock: never). */
        default boolean isWaiting(Thread thread) {
            return false;
        }
    }

    /* The broken one: a plain long, and count++ spelled out as the three steps the JVM executes. */

    static final class Racy implements Counter {
        private long count;

        @Override
        public void increment(Runnable window) {
            long read = count;
            window.run();
            count = read + 1;
        }

        @Override
        public long get() {
            return count;
        }
    }

    /*
     * Fix 1, synchronized: the read and the write happen under the counter's monitor, so B cannot read until A has
     * written. B shows up as BLOCKED on the monitor meanwhile.
     */

    static final class Synchronized implements Counter {
        private long count;

        @Override
        public synchronized void increment(Runnable window) {
            long read = count;
            window.run();
            count = read + 1;
        }

        @Override
        public synchronized long get() {
            return count;
        }

        @Override
        public boolean isWaiting(Thread thread) {
            return thread.getState() == Thread.State.BLOCKED;
        }
    }

    /*
     * Fix 2, AtomicLong: no lock at all. The write is a compare-and-set that succeeds only if the count is still
     * what was read. B's increment goes through; A's write then fails, and A reads again and retries. (In real
     * code, incrementAndGet() does this for you, in one instruction on most CPUs.)
     */

    static final class Atomic implements Counter {
        private final AtomicLong count = new AtomicLong();

        @Override
        public void increment(Runnable window) {
            long read;
            do {
                read = count.get();
                window.run();
            } while (!count.compareAndSet(read, read + 1));
        }

        @Override
        public long get() {
            return count.get();
        }
    }

    /*
     * Fix 3, LongAdder: the counter for many writers and few readers. Each thread adds to its own cell when they
     * collide, and sum() adds the cells; there is no read-then-write to interrupt, so the window can only come
     * before the increment. sum() is exact once the writers have stopped, as here; while they run it is a moving
     * estimate.
     */

    static final class Adder implements Counter {
        private final LongAdder count = new LongAdder();

        @Override
        public void increment(Runnable window) {
            window.run();
            count.increment();
        }

        @Override
        public long get() {
            return count.sum();
        }
    }

    /*
     * Fix 4, ReentrantLock: synchronized with more knobs (tryLock, timeouts, interruptible waits, fairness; see
     * Threading_06_Deadlock). Always unlock in finally. B waits parked in the lock's queue.
     */

    static final class Locked implements Counter {
        private final ReentrantLock lock = new ReentrantLock();
        private long count;

        @Override
        public void increment(Runnable window) {
            lock.lock();
            try {
                long read = count;
                window.run();
                count = read + 1;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public long get() {
            lock.lock();
            try {
                return count;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean isWaiting(Thread thread) {
            return lock.hasQueuedThread(thread);
        }
    }

    /** The counters side by side, the broken one first. */
    public enum Strategy {
        /** A plain {@code long}: loses updates. */
        RACY,
        /** A {@code synchronized} read and write. */
        SYNCHRONIZED,
        /** An {@code AtomicLong} compare-and-set loop. */
        ATOMIC_LONG,
        /** A {@code LongAdder}. */
        LONG_ADDER,
        /** A {@code ReentrantLock} around the read and write. */
        REENTRANT_LOCK;

        Counter newCounter() {
            return switch (this) {
                case RACY -> new Racy();
                case SYNCHRONIZED -> new Synchronized();
                case ATOMIC_LONG -> new Atomic();
                case LONG_ADDER -> new Adder();
                case REENTRANT_LOCK -> new Locked();
            };
        }
    }

    /**
     * The forced interleaving, repeated.
     *
     * @param strategy the counter
     * @param repetitions how many times two increments were forced to collide
     * @param finalCounts how often each final count was seen (2 is right; 1 means an update was lost)
     * @param waitsOfB in how many repetitions B had to wait for A (on a lock) instead of finishing first
     * @param retriesOfA in how many repetitions A had to read again because its write would have been stale
     */
    public record Forced(Strategy strategy, int repetitions, Map<Long, Integer> finalCounts, int waitsOfB,
                         int retriesOfA) {
    }

    /**
     * Forces the bad interleaving {@code repetitions} times on a fresh counter each time.
     *
     * @param strategy the counter to race
     * @param repetitions 1 or more
     * @return the final counts seen
     * @throws InterruptedException if the calling thread is interrupted (the two threads have ended by then)
     * @throws NullPointerException if {@code strategy} is null
     * @throws IllegalArgumentException if {@code repetitions} is not positive
     */
    public static Forced forceInterleaving(Strategy strategy, int repetitions) throws InterruptedException {
        Objects.requireNonNull(strategy, "strategy");
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be positive: " + repetitions);
        }
        Map<Long, Integer> counts = new TreeMap<>();
        int waits = 0;
        int retries = 0;
        // Two threads, reused for every repetition: A and B are always on different threads, because each blocks
        // until the other has moved, so one thread can never run both.
        try (ExecutorService two = Executors.newFixedThreadPool(2,
                Thread.ofPlatform().name("lost-update-", 0).factory())) {
            for (int i = 0; i < repetitions; i++) {
                Counter counter = strategy.newCounter();
                CountDownLatch aInWindow = new CountDownLatch(1);
                CountDownLatch bStarted = new CountDownLatch(1);
                CountDownLatch bDone = new CountDownLatch(1);
                AtomicReference<Thread> b = new AtomicReference<>();
                AtomicInteger readsOfA = new AtomicInteger();
                AtomicBoolean bWaited = new AtomicBoolean();

                Runnable window = () -> {
                    if (readsOfA.incrementAndGet() > 1) {
                        return; // a retry (AtomicLong): no more forcing, let it finish
                    }
                    aInWindow.countDown();
                    await(bStarted);
                    // B now either completes its increment or queues on the counter's lock: wait for whichever.
                    long deadline = System.nanoTime() + GIVE_UP.toNanos();
                    while (bDone.getCount() > 0 && !counter.isWaiting(b.get())) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("thread B neither finished nor waited within " + GIVE_UP);
                        }
                        Thread.yield();
                    }
                    bWaited.set(bDone.getCount() > 0);
                };
                Future<?> threadA = two.submit(() -> counter.increment(window));
                Future<?> threadB = two.submit(() -> {
                    await(aInWindow);
                    b.set(Thread.currentThread());
                    bStarted.countDown();
                    counter.increment(() -> { });
                    bDone.countDown();
                });
                join(threadA);
                join(threadB);
                counts.merge(counter.get(), 1, Integer::sum);
                waits += bWaited.get() ? 1 : 0;
                retries += readsOfA.get() > 1 ? 1 : 0;
            }
        }
        return new Forced(strategy, repetitions, Map.copyOf(counts), waits, retries);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(GIVE_UP.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the other thread did not arrive within " + GIVE_UP);
            }
        } catch (InterruptedException e) {
            // We are being shut down: keep the flag for the pool, and stop this increment here.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while forcing the interleaving", e);
        }
    }

    private static void join(Future<?> task) throws InterruptedException {
        try {
            task.get(2 * GIVE_UP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a racing thread failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("a racing thread did not end within " + GIVE_UP.multipliedBy(2), e);
        }
    }

    /*
     * It turns out the forced run loses exactly one update every time with the plain long: A writes 1 over B's 1.
     * With synchronized and ReentrantLock, B has to wait for A (B waited every time), and the count is 2. With
     * AtomicLong, B never waits, but A's stale compare-and-set fails and A retries (A retried every time), and the
     * count is 2. LongAdder has no window to force: the count is 2.
     *
     * The forced run is the proof; the stress run below is what happens in the wild: many threads, many
     * increments, no forcing. The plain long may lose any number of updates, including none: the JIT can keep the
     * count in a register for a whole loop, so a run without losses proves nothing. The fixes are exact every time.
     */

    /**
     * One stress run.
     *
     * @param strategy the counter
     * @param expected threads × increments
     * @param count what the counter said at the end
     * @param elapsed how long the increments took
     */
    public record Stressed(Strategy strategy, long expected, long count, Duration elapsed) {

        /** Updates that went missing: 0 for every fix. */
        public long lost() {
            return expected - count;
        }
    }

    /**
     * Lets {@code threads} threads each increment one counter {@code increments} times, all starting together.
     *
     * @param strategy the counter
     * @param threads 1 or more
     * @param increments per thread, 0 or more
     * @return the final count
     * @throws InterruptedException if the calling thread is interrupted (the threads have ended by then)
     * @throws NullPointerException if {@code strategy} is null
     * @throws IllegalArgumentException if a number is out of range
     */
    public static Stressed stress(Strategy strategy, int threads, int increments) throws InterruptedException {
        Objects.requireNonNull(strategy, "strategy");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        if (increments < 0) {
            throw new IllegalArgumentException("increments must not be negative: " + increments);
        }
        Counter counter = strategy.newCounter();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> tasks = new ArrayList<>();
        Runnable noWindow = () -> { };
        Duration elapsed;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("stress-", 0).factory())) {
            for (int t = 0; t < threads; t++) {
                tasks.add(pool.submit(() -> {
                    await(go);
                    for (int i = 0; i < increments; i++) {
                        counter.increment(noWindow);
                    }
                }));
            }
            Stopwatch watch = Stopwatch.start();
            go.countDown();
            for (Future<?> task : tasks) {
                join(task);
            }
            elapsed = watch.elapsed();
        }
        // The joins above happen-before this read, so even the plain long is read after every write.
        return new Stressed(strategy, (long) threads * increments, counter.get(), elapsed);
    }

    /**
     * The whole lesson: the forced interleaving for every strategy, then a stress run of each.
     *
     * @param forced the forced runs, in {@link Strategy} order
     * @param stressed the stress runs, in {@link Strategy} order
     */
    public record Result(List<Forced> forced, List<Stressed> stressed) {
    }

    /**
     * Runs the lesson.
     *
     * @param repetitions forced interleavings per strategy, 1 or more
     * @param threads threads in each stress run, 1 or more
     * @param increments increments per thread in each stress run, 0 or more
     * @return both parts
     * @throws InterruptedException if the calling thread is interrupted (all threads have ended by then)
     * @throws IllegalArgumentException if a number is out of range
     */
    public static Result run(int repetitions, int threads, int increments) throws InterruptedException {
        List<Forced> forced = new ArrayList<>();
        List<Stressed> stressed = new ArrayList<>();
        for (Strategy strategy : Strategy.values()) {
            forced.add(forceInterleaving(strategy, repetitions));
        }
        for (Strategy strategy : Strategy.values()) {
            stressed.add(stress(strategy, threads, increments));
        }
        return new Result(forced, stressed);
    }

    static void show(Result result, Report report) {
        report.banner("LOST UPDATE: TWO INCREMENTS, ONE FORCED INTERLEAVING");
        Table forced = Table.of("counter", "repetitions", "final counts seen", "B waited", "A retried");
        for (Forced run : result.forced()) {
            forced.row(run.strategy(), run.repetitions(), run.finalCounts(), run.waitsOfB(), run.retriesOfA());
        }
        forced.toText().lines().forEach(report::line);
        Stressed first = result.stressed().get(0);
        report.line("Stress: " + result.stressed().size() + " counters, " + first.expected() + " increments each,"
            + " no forcing:");
        Table stressed = Table.of("counter", "expected", "count", "lost", "time");
        for (Stressed run : result.stressed()) {
            stressed.row(run.strategy(), run.expected(), run.count(), run.lost(), Report.seconds(run.elapsed()));
        }
        stressed.toText().lines().forEach(report::line);
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        return LessonLauncher.noOptions(Threading_04_LostUpdate.class, QUESTION)
            .run(args, out, err, arguments -> show(run(1_000, 2, 1_000_000), Report.to(out)));
    }

    /*
     * How to run (from the repository's root):
     *
     *   mvn -q -pl examples-threading -am test-compile -Drun=examples-threading -Dargs="--lesson 4"
     *
     * Look for: {1=1000} for RACY and {2=1000} for every fix in the forced table; in the stress table, any number
     * lost by RACY (run it a few times) and 0 for every fix.
     *
     * Typical output (2-core Intel Xeon VM shared with other builds, Linux 6.18, Temurin 25.0.3,
     * measured with -XX:TieredStopAtLevel=1 (C1 only), 2026-11-25, load average 6.00):
     *
     *   === LOST UPDATE: TWO INCREMENTS, ONE FORCED INTERLEAVING ===
     *   counter         repetitions  final counts seen  B waited  A retried
     *   --------------  -----------  -----------------  --------  ---------
     *   RACY                   1000  {1=1000}                  0          0
     *   SYNCHRONIZED           1000  {2=1000}               1000          0
     *   ATOMIC_LONG            1000  {2=1000}                  0       1000
     *   LONG_ADDER             1000  {2=1000}                  0          0
     *   REENTRANT_LOCK         1000  {2=1000}               1000          0
     *   Stress: 5 counters, 2000000 increments each, no forcing:
     *   counter         expected    count    lost      time
     *   --------------  --------  -------  ------  --------
     *   RACY             2000000  1837771  162229  0.01 sec
     *   SYNCHRONIZED     2000000  2000000       0  0.28 sec
     *   ATOMIC_LONG      2000000  2000000       0  0.33 sec
     *   LONG_ADDER       2000000  2000000       0  0.14 sec
     *   REENTRANT_LOCK   2000000  2000000       0  0.08 sec
     */

    /**
     * Forces the lost update 1,000 times per counter, then stresses each counter with 2 threads x 1,000,000.
     *
     * @param args none ({@code --help} prints the question)
     * @throws Exception if the lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
