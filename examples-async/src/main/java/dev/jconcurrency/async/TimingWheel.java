package dev.jconcurrency.async;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * A hashed timing wheel: one thread that completes a million sleeping futures about as cheaply as it
 * completes ten.
 *
 * <p>Why not {@link java.util.concurrent.ScheduledThreadPoolExecutor}? It keeps its timers in a binary heap
 * behind one lock: each timer costs a {@code ScheduledFutureTask} and {@code O(log n)} sift steps to add and
 * again to fire, which at a million timers is a third of a second on one core (Async_04 measures it). A
 * wheel, the structure of Netty's {@code HashedWheelTimer} and Kafka's {@code TimingWheel}, puts a timer in the
 * bucket of its deadline's tick in {@code O(1)} and fires a whole bucket per tick. The sleeping future is
 * itself the wheel's entry, so a timer costs one object.
 *
 * <p>Pitfalls: futures complete on the wheel's thread, so their non-async continuations run there too; a slow
 * continuation delays every other timer (hand heavy work on with {@code thenRunAsync(action, executor)}).
 * A sleep fires up to one tick late, never early. Cancelling a sleep does not remove it from the wheel; it
 * is dropped when its tick comes.
 *
 * <p>Memory consistency effects: actions before {@link #sleep} happen-before the continuations of the
 * returned future.
 */
final class TimingWheel implements AutoCloseable {

    /** A sleep is its own wheel entry: a future with a deadline and a link. */
    private static final class Sleep extends CompletableFuture<Void> {
        final long deadline;
        Sleep next; // written by the adding thread before publication, then only by the wheel thread

        Sleep(long deadline) {
            this.deadline = deadline;
        }
    }

    private static final VarHandle ADDED;

    static {
        try {
            ADDED = MethodHandles.lookup().findVarHandle(TimingWheel.class, "added", Sleep.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long tickNanos;
    private final int mask;
    private final Sleep[] buckets;
    private final long origin = System.nanoTime();
    private final Thread thread;
    @SuppressWarnings("unused") // accessed through ADDED
    private volatile Sleep added; // sleeps not yet in a bucket: a lock-free stack that any thread pushes on
    private volatile boolean closed;

    /** A wheel of 1,024 ticks of 1 ms (one turn: about a second), its thread made by {@code threads}. */
    TimingWheel(ThreadFactory threads) {
        this(threads, Duration.ofMillis(1), 1024);
    }

    /**
     * A wheel with the given tick and number of buckets.
     *
     * @param threads makes the wheel's one thread
     * @param tick the resolution: sleeps fire up to one tick late
     * @param buckets a power of two; sleeps longer than one turn ({@code tick × buckets}) go round again
     */
    TimingWheel(ThreadFactory threads, Duration tick, int buckets) {
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(tick, "tick");
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("tick must be positive: " + tick);
        }
        if (buckets < 1 || Integer.bitCount(buckets) != 1) {
            throw new IllegalArgumentException("buckets must be a power of two: " + buckets);
        }
        this.tickNanos = tick.toNanos();
        this.mask = buckets - 1;
        this.buckets = new Sleep[buckets];
        this.thread = threads.newThread(this::turn);
        this.thread.start();
    }

    /**
     * A future the wheel completes once {@code duration} has passed.
     *
     * @throws RejectedExecutionException if the wheel is closed
     */
    CompletableFuture<Void> sleep(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (closed) {
            throw new RejectedExecutionException("the timing wheel is closed");
        }
        Sleep sleep = new Sleep(System.nanoTime() + Math.max(0, duration.toNanos()));
        Sleep head;
        do {
            head = (Sleep) ADDED.getVolatile(this);
            sleep.next = head;
        } while (!ADDED.compareAndSet(this, head, sleep));
        if (head == null) {
            LockSupport.unpark(thread); // the wheel may be parked with nothing to time
        }
        if (closed) {
            sleep.cancel(false); // raced with close(): the wheel may already have made its last sweep
        }
        return sleep;
    }

    /** Stops the wheel's thread and waits for it; sleeps that have not fired are cancelled. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // as ExecutorService.close(): finish closing, then keep the interrupt
            }
        }
        cancelAll((Sleep) ADDED.getAndSet(this, (Sleep) null));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The wheel's thread: file new sleeps into buckets, fire the buckets whose tick has come, park. */
    private void turn() {
        long nextTick = 0;
        long timed = 0;
        while (!closed) {
            for (Sleep s = (Sleep) ADDED.getAndSet(this, (Sleep) null), following; s != null; s = following) {
                following = s.next;
                long tick = Math.max(nextTick, Math.ceilDiv(s.deadline - origin, tickNanos));
                int bucket = (int) (tick & mask);
                s.next = buckets[bucket];
                buckets[bucket] = s;
                timed++;
            }
            long now = System.nanoTime();
            long dueTick = (now - origin) / tickNanos;
            if (timed == 0) {
                nextTick = Math.max(nextTick, dueTick + 1); // nothing to fire: skip the empty ticks
            }
            for (; nextTick <= dueTick; nextTick++) {
                timed -= fire((int) (nextTick & mask), now);
            }
            if (timed == 0) {
                if ((Sleep) ADDED.getVolatile(this) == null) {
                    LockSupport.park(this); // sleep() unparks us when it adds to an empty stack
                }
            } else {
                LockSupport.parkNanos(this, origin + nextTick * tickNanos - System.nanoTime());
            }
        }
        for (Sleep bucket : buckets) {
            cancelAll(bucket);
        }
    }

    /** Completes the sleeps in one bucket whose deadline has passed; keeps those due in a later turn. */
    private int fire(int bucket, long now) {
        Sleep s = buckets[bucket];
        buckets[bucket] = null;
        int fired = 0;
        for (Sleep following; s != null; s = following) {
            following = s.next;
            if (s.deadline - now <= 0) {
                s.next = null;
                fired++;
                s.complete(null);
            } else {
                s.next = buckets[bucket];
                buckets[bucket] = s;
            }
        }
        return fired;
    }

    private static void cancelAll(Sleep first) {
        for (Sleep s = first; s != null; s = s.next) {
            s.cancel(false);
        }
    }
}
