package dev.jconcurrency.threading;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.cli.LessonLauncher;

import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.timing.Stopwatch;
import dev.jconcurrency.core.workload.Workloads;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What happens when two threads take the same two locks in opposite order? They can deadlock: each holds one lock
 * and waits for ever for the other's; the JVM can detect it ({@code ThreadMXBean.findDeadlockedThreads()}), and a
 * fixed global lock order, or {@code tryLock} with a timeout and back-off, prevents it.
 *
 * <p>Locks are the fixes of {@link Threading_04_LostUpdate}; this is what they cost when a task needs two.
 * {@link Threading_08_Interruption} shows why the deadlocked threads here can still be ended.
 */
public final class Threading_06_Deadlock {

    static final String QUESTION = "What happens when two threads take the same two locks in opposite order?";

    private static final long OPENING_BALANCE = 1_000_000;
    private static final Duration GIVE_UP = Duration.ofSeconds(10);

    private Threading_06_Deadlock() {
    }

    /*
     * Suppose a bank moves money between two accounts, each guarded by its own lock. A transfer must hold both
     * locks, so that no one sees the money gone from one account and not yet in the other. The obvious code locks
     * the source, then the destination. Thread 1 moves money from A to B while thread 2 moves money from B to A:
     * thread 1 holds A and waits for B, thread 2 holds B and waits for A, and neither will ever let go.
     *
     * By chance this is rare, which makes it worse: it passes every test and hangs in production. So we force it:
     * a barrier inside the transfer makes both threads hold their first lock before either asks for its second.
     */

    /** An account guarded by its own lock; {@code rank} gives the accounts a global order. */
    static final class Account {
        final String name;
        final int rank;
        final ReentrantLock lock = new ReentrantLock();
        long balance = OPENING_BALANCE;

        Account(String name, int rank) {
            this.name = name;
            this.rank = rank;
        }
    }

    /** What runs between a transfer's first and second lock: a barrier when forcing, else nothing. */
    @FunctionalInterface
    interface Hook {
        void run() throws InterruptedException;
    }

    /*
     * The naive transfer. Both locks are taken with lockInterruptibly(): a thread waiting for a lock that way can
     * be interrupted, gives up the wait with InterruptedException, and its finally blocks release what it holds.
     * With lock() or synchronized, a deadlocked thread ignores interrupts, and only ending the JVM frees it.
     */

    static void naiveTransfer(Account from, Account to, long amount, Hook afterFirstLock) throws InterruptedException {
        from.lock.lockInterruptibly();
        try {
            afterFirstLock.run();
            to.lock.lockInterruptibly();
            try {
                from.balance -= amount;
                to.balance += amount;
            } finally {
                to.lock.unlock();
            }
        } finally {
            from.lock.unlock();
        }
    }

    /**
     * The deadlock, as the JVM saw it.
     *
     * @param deadlocked the names of the threads {@code findDeadlockedThreads()} reported, empty if none was found
     *     within the bound
     * @param waits one line per deadlocked thread: who waits for which lock, held by whom
     * @param detectedAfter how long after the threads started the deadlock was reported
     * @param victim the thread interrupted to break the deadlock ({@code transfer-A-to-B}), or empty if none was
     *     found (both threads are then interrupted)
     * @param endedByInterrupt how many of the two threads gave up their transfer because they were interrupted
     * @param completed how many of the two transfers went through
     * @param balanceA account A's balance afterwards
     * @param balanceB account B's balance afterwards
     */
    public record Deadlock(Set<String> deadlocked, List<String> waits, Duration detectedAfter, String victim,
                           int endedByInterrupt, int completed, long balanceA, long balanceB) {
    }

    /**
     * Forces two naive transfers in opposite directions into a deadlock, detects it, then breaks it as a database
     * does: one thread, the victim, is interrupted and gives up its transfer, and the other completes.
     *
     * @param detectWithin how long to look for the deadlock, positive
     * @return what was detected; the two threads have ended when this returns
     * @throws InterruptedException if the calling thread is interrupted (the two threads are interrupted and
     *     joined first)
     * @throws NullPointerException if {@code detectWithin} is null
     * @throws IllegalArgumentException if {@code detectWithin} is not positive
     * @throws IllegalStateException if a thread does not end within 10 s of its interrupt
     */
    public static Deadlock deadlock(Duration detectWithin) throws InterruptedException {
        Objects.requireNonNull(detectWithin, "detectWithin");
        if (detectWithin.isNegative() || detectWithin.isZero()) {
            throw new IllegalArgumentException("detectWithin must be positive: " + detectWithin);
        }
        Account a = new Account("A", 1);
        Account b = new Account("B", 2);
        CyclicBarrier bothHoldTheirFirstLock = new CyclicBarrier(2);
        Hook force = () -> awaitBarrier(bothHoldTheirFirstLock);
        AtomicInteger interrupted = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        Thread aToB = transferThread("transfer-A-to-B", () -> naiveTransfer(a, b, 1, force), interrupted, completed);
        Thread bToA = transferThread("transfer-B-to-A", () -> naiveTransfer(b, a, 2, force), interrupted, completed);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Stopwatch watch = Stopwatch.start();
        aToB.start();
        bToA.start();
        Set<String> names = new TreeSet<>();
        List<String> waits = new ArrayList<>();
        Duration detectedAfter;
        try {
            long[] ids;
            // A bounded poll of observable state: the deadlock forms on the threads' own schedule.
            while ((ids = threads.findDeadlockedThreads()) == null && watch.elapsed().compareTo(detectWithin) < 0) {
                Workloads.sleep(Duration.ofMillis(10));
            }
            detectedAfter = watch.elapsed();
            // Read who waits for what now, while the threads are alive: an ended thread has no ThreadInfo.
            for (ThreadInfo info : ids == null ? new ThreadInfo[0] : threads.getThreadInfo(ids)) {
                if (info != null) {
                    names.add(info.getThreadName());
                    waits.add(info.getThreadName() + " waits for " + info.getLockName() + " held by "
                        + info.getLockOwnerName());
                }
            }
        } finally {
            // Found: interrupting the victim alone ends its wait, its finally block releases lock A, and the other
            // transfer takes A and completes. Not found, or failed: interrupt both. Either way, neither thread may
            // outlive this method.
            aToB.interrupt();
            if (names.isEmpty()) {
                bToA.interrupt();
            }
            joinOrFail(aToB);
            joinOrFail(bToA);
        }
        // The joins happen-before these reads.
        return new Deadlock(names, List.copyOf(waits), detectedAfter, names.isEmpty() ? "" : aToB.getName(),
            interrupted.get(), completed.get(), a.balance, b.balance);
    }

    private static Thread transferThread(String name, Hook transfer, AtomicInteger interrupted,
                                         AtomicInteger completed) {
        return Thread.ofPlatform().name(name).unstarted(() -> {
            try {
                transfer.run();
                completed.incrementAndGet();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                // We own this thread and it ends here; restoring the flag keeps the rule for anyone reading it.
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void awaitBarrier(CyclicBarrier barrier) throws InterruptedException {
        try {
            barrier.await(GIVE_UP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("the other transfer did not reach its first lock within " + GIVE_UP, e);
        }
    }

    private static void joinOrFail(Thread thread) throws InterruptedException {
        if (!thread.join(GIVE_UP)) {
            throw new IllegalStateException(thread.getName() + " did not end within " + GIVE_UP + " of its interrupt");
        }
    }

    /*
     * It turns out findDeadlockedThreads() reports both threads within milliseconds, each waiting for the
     * ReentrantLock the other holds (jstack and JDK Mission Control show the same). To break it we pick a victim,
     * as a database does with deadlocked transactions: interrupting transfer-A-to-B ends its wait, its finally
     * block releases A, and transfer-B-to-A gets A and completes. A gains 2, B loses 2, and the victim's transfer
     * of 1 never happened (it could be retried). Interrupting both could cancel both, or not: once the victim lets
     * go, the other may take the lock before its own interrupt arrives.
     *
     * Fix 1, lock ordering: every transfer takes the two locks in one global order, here by account rank, whatever
     * the direction of the transfer. A cycle of waits needs someone to take a lower-ranked lock while holding a
     * higher-ranked one, and no one ever does. No forcing can deadlock it: a thread that holds the first lock in
     * the order can always get the second.
     */

    static void orderedTransfer(Account from, Account to, long amount) throws InterruptedException {
        Account first = from.rank < to.rank ? from : to;
        Account second = first == from ? to : from;
        first.lock.lockInterruptibly();
        try {
            second.lock.lockInterruptibly();
            try {
                from.balance -= amount;
                to.balance += amount;
            } finally {
                second.lock.unlock();
            }
        } finally {
            first.lock.unlock();
        }
    }

    /*
     * Fix 2, tryLock with a timeout: a thread that cannot get its second lock in time lets go of its first, backs
     * off and tries again. The two threads must back off for different times, or they can collide again and
     * again in lockstep (a livelock); real code picks a random back-off, this lesson gives thread 0 none and
     * thread 1 one timeout, so that it always ends. We force the same collision as the naive transfer on the
     * first attempt: both threads hold their first lock, both time out, and at least one of them retries.
     */

    static int tryLockTransfer(Account from, Account to, long amount, Duration timeout, Duration backOff,
                               Hook afterFirstLock) throws InterruptedException {
        int retries = 0;
        while (true) {
            if (from.lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                try {
                    if (retries == 0) {
                        afterFirstLock.run();
                    }
                    if (to.lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                        try {
                            from.balance -= amount;
                            to.balance += amount;
                            return retries;
                        } finally {
                            to.lock.unlock();
                        }
                    }
                } finally {
                    from.lock.unlock();
                }
            }
            retries++;
            Workloads.sleep(backOff);
        }
    }

    /**
     * A fix at work: two threads moving money both ways at once.
     *
     * @param how {@code "lock ordering"} or {@code "tryLock with timeout"}
     * @param transfersEach how many transfers each thread made (A to B of 1, B to A of 2)
     * @param balanceA account A's balance afterwards: opening balance + transfersEach
     * @param balanceB account B's balance afterwards: opening balance - transfersEach
     * @param retries how many times a transfer let go of its first lock and tried again (0 for lock ordering)
     * @param elapsed how long the transfers took
     */
    public record Fixed(String how, int transfersEach, long balanceA, long balanceB, int retries, Duration elapsed) {

        /** What both balances started at. */
        public static long openingBalance() {
            return OPENING_BALANCE;
        }
    }

    /**
     * Runs {@code transfersEach} ordered transfers each way on two threads, started together.
     *
     * @param transfersEach 0 or more
     * @return the balances
     * @throws InterruptedException if the calling thread is interrupted (the threads have ended by then)
     * @throws IllegalArgumentException if {@code transfersEach} is negative
     */
    public static Fixed lockOrdering(int transfersEach) throws InterruptedException {
        requireTransfers(transfersEach);
        Account a = new Account("A", 1);
        Account b = new Account("B", 2);
        Duration elapsed = bothWays(transfersEach, t -> {
            if (t == 0) {
                orderedTransfer(a, b, 1);
            } else {
                orderedTransfer(b, a, 2);
            }
        });
        return new Fixed("lock ordering", transfersEach, a.balance, b.balance, 0, elapsed);
    }

    /**
     * Runs {@code transfersEach} tryLock transfers each way on two threads, the first ones forced to collide.
     *
     * @param transfersEach 1 or more
     * @param timeout how long a tryLock waits, positive
     * @return the balances and how many retries the collisions cost
     * @throws InterruptedException if the calling thread is interrupted (the threads have ended by then)
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if a value is out of range
     */
    public static Fixed tryLockWithTimeout(int transfersEach, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        if (transfersEach < 1) {
            throw new IllegalArgumentException("transfersEach must be positive: " + transfersEach);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        Account a = new Account("A", 1);
        Account b = new Account("B", 2);
        CyclicBarrier bothHoldTheirFirstLock = new CyclicBarrier(2);
        AtomicInteger[] firstDone = {new AtomicInteger(), new AtomicInteger()};
        AtomicInteger retries = new AtomicInteger();
        Duration elapsed = bothWays(transfersEach, t -> {
            Hook force = firstDone[t].getAndIncrement() == 0 ? () -> awaitBarrier(bothHoldTheirFirstLock) : () -> { };
            retries.addAndGet(t == 0
                ? tryLockTransfer(a, b, 1, timeout, Duration.ZERO, force)
                : tryLockTransfer(b, a, 2, timeout, timeout, force));
        });
        return new Fixed("tryLock with timeout", transfersEach, a.balance, b.balance, retries.get(), elapsed);
    }

    @FunctionalInterface
    private interface Transfer {
        void run(int thread) throws InterruptedException;
    }

    /* Thread 0 moves A to B, thread 1 moves B to A, both starting at the same moment. */

    private static Duration bothWays(int transfersEach, Transfer transfer) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> tasks = new ArrayList<>();
        Stopwatch watch;
        try (ExecutorService two =
                 Executors.newFixedThreadPool(2, Thread.ofPlatform().name("transfer-", 0).factory())) {
            for (int t = 0; t < 2; t++) {
                int thread = t;
                tasks.add(two.submit(() -> {
                    go.await();
                    for (int i = 0; i < transfersEach; i++) {
                        transfer.run(thread);
                    }
                    return null;
                }));
            }
            watch = Stopwatch.start();
            go.countDown();
            for (Future<?> task : tasks) {
                try {
                    task.get(GIVE_UP.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a transfer failed", e.getCause());
                } catch (TimeoutException e) {
                    two.shutdownNow(); // the transfers wait interruptibly: this frees them before close() joins
                    throw new IllegalStateException("the transfers did not finish within " + GIVE_UP, e);
                }
            }
        }
        return watch.elapsed();
    }

    private static void requireTransfers(int transfersEach) {
        if (transfersEach < 0) {
            throw new IllegalArgumentException("transfersEach must not be negative: " + transfersEach);
        }
    }

    /**
     * The whole lesson.
     *
     * @param deadlock the naive transfers
     * @param ordered fix 1
     * @param tryLock fix 2
     */
    public record Result(Deadlock deadlock, Fixed ordered, Fixed tryLock) {
    }

    /**
     * Runs the deadlock, then both fixes.
     *
     * @param detectWithin how long to look for the deadlock
     * @param transfersEach transfers per thread for each fix
     * @param timeout the tryLock timeout
     * @return all three
     * @throws InterruptedException if the calling thread is interrupted
     */
    public static Result run(Duration detectWithin, int transfersEach, Duration timeout) throws InterruptedException {
        return new Result(deadlock(detectWithin), lockOrdering(transfersEach),
            tryLockWithTimeout(transfersEach, timeout));
    }

    /*
     * It turns out both fixes move every amount: A ends at the opening balance plus the transfers, B at minus, and
     * no thread waits for ever. Lock ordering costs nothing but discipline (every code path must know the order).
     * tryLock costs retries, each up to one timeout, and needs a back-off; it is the fix when locks cannot be
     * ordered, e.g. when they are discovered one by one.
     */

    static void show(Result result, Report report) {
        report.banner("DEADLOCK: TWO LOCKS IN OPPOSITE ORDER");
        Deadlock deadlock = result.deadlock();
        if (deadlock.deadlocked().isEmpty()) {
            report.line("No deadlock found within " + Report.seconds(deadlock.detectedAfter()));
        } else {
            report.line("findDeadlockedThreads() found " + deadlock.deadlocked() + " after "
                + Report.seconds(deadlock.detectedAfter()) + ":");
            deadlock.waits().forEach(w -> report.line("  " + w));
        }
        report.line("Victim interrupted: " + deadlock.victim() + "; transfers given up: " + deadlock.endedByInterrupt()
            + ", completed: " + deadlock.completed() + "; balances A=" + deadlock.balanceA() + " B="
            + deadlock.balanceB());
        for (Fixed fixed : new Fixed[] {result.ordered(), result.tryLock()}) {
            report.line("Fixed by " + fixed.how() + ": " + fixed.transfersEach() + " transfers each way in "
                + Report.seconds(fixed.elapsed()) + ", " + fixed.retries() + " retries, balances A=" + fixed.balanceA()
                + " B=" + fixed.balanceB() + " (expected A=" + (OPENING_BALANCE + fixed.transfersEach()) + " B="
                + (OPENING_BALANCE - fixed.transfersEach()) + ")");
        }
    }

    static int play(String[] args, PrintStream out, PrintStream err) throws Exception {
        return LessonLauncher.noOptions(Threading_06_Deadlock.class, QUESTION).run(args, out, err, arguments ->
            show(run(Duration.ofSeconds(10), 10_000, Duration.ofMillis(5)), Report.to(out)));
    }

    /*
     * How to run (from the repository's root):
     *
     *   mvn -q -pl examples-threading -am test-compile -Drun=examples-threading -Dargs="--lesson 6"
     *
     * Look for: both threads named as deadlocked, each waiting for the other's lock; then both fixes with exact
     * balances.
     *
     * Typical output (2-core Intel Xeon VM shared with other builds, Linux 6.18, Temurin 25.0.3,
     * measured with -XX:TieredStopAtLevel=1 (C1 only), 2026-11-25, load average 6.39):
     *
     *   === DEADLOCK: TWO LOCKS IN OPPOSITE ORDER ===
     *   findDeadlockedThreads() found [transfer-A-to-B, transfer-B-to-A] after 0.02 sec:
     *     transfer-A-to-B waits for java.util.concurrent.locks.ReentrantLock$NonfairSync@15aeb7ab held by transfer-B-to-A
     *     transfer-B-to-A waits for java.util.concurrent.locks.ReentrantLock$NonfairSync@7b23ec81 held by transfer-A-to-B
     *   Victim interrupted: transfer-A-to-B; transfers given up: 1, completed: 1; balances A=1000002 B=999998
     *   Fixed by lock ordering: 10000 transfers each way in 0.00 sec, 0 retries, balances A=1010000 B=990000 (expected A=1010000 B=990000)
     *   Fixed by tryLock with timeout: 10000 transfers each way in 0.01 sec, 1 retries, balances A=1010000 B=990000 (expected A=1010000 B=990000)
     */

    /**
     * Forces the deadlock and detects it, then runs 10,000 transfers each way with each fix.
     *
     * @param args none ({@code --help} prints the question)
     * @throws Exception if the lesson fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine.exitOnFailure(play(args, System.out, System.err));
    }
}
