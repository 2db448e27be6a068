package dev.jconcurrency.async;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the tasks inside a region right now and the most there ever were at once: the structural evidence
 * beside every wall-clock claim ("1,000 waits overlapped", "never more than 5 at a time").
 *
 * <p>Safe for any number of threads; {@link #max()} read after the tasks are joined sees every update.
 */
final class InFlight {

    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger max = new AtomicInteger();

    /** A task entered the region. */
    void enter() {
        int current = now.incrementAndGet();
        int seen;
        while (current > (seen = max.get()) && !max.compareAndSet(seen, current)) {
            // another thread raised the maximum meanwhile: compare with its value
        }
    }

    /** A task left the region. */
    void exit() {
        now.decrementAndGet();
    }

    /** Tasks inside the region at this moment. */
    int current() {
        return now.get();
    }

    /** The most tasks that were inside at the same time. */
    int max() {
        return max.get();
    }
}
