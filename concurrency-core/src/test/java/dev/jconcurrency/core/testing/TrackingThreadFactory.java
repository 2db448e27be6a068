package dev.jconcurrency.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;

/**
 * A {@link ThreadFactory} that remembers every thread it made, so a test can prove they all ended
 * (TESTING.md R4).
 *
 * <p>Virtual threads are invisible to {@link Thread#getAllStackTraces()}, so the class-level
 * {@link NoLeaksExtension} cannot see them; a test that starts virtual threads hands one of these to the code
 * under test and calls {@link #assertAllTerminated()} at the end.
 *
 * <p>How to get one: {@code TrackingThreadFactory.virtual()} or {@code TrackingThreadFactory.platform("worker")}.
 */
public final class TrackingThreadFactory implements ThreadFactory {

    private final ThreadFactory delegate;
    private final Queue<Thread> made = new ConcurrentLinkedQueue<>();

    private TrackingThreadFactory(ThreadFactory delegate) {
        this.delegate = delegate;
    }

    /** Makes virtual threads named {@code tracked-virtual-N}. */
    public static TrackingThreadFactory virtual() {
        return new TrackingThreadFactory(Thread.ofVirtual().name("tracked-virtual-", 0).factory());
    }

    /** Makes daemon platform threads named {@code prefix-N}. */
    public static TrackingThreadFactory platform(String prefix) {
        return new TrackingThreadFactory(Thread.ofPlatform().daemon(true).name(prefix + "-", 0).factory());
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = delegate.newThread(task);
        made.add(thread);
        return thread;
    }

    /** Every thread made so far, in creation order. */
    public List<Thread> threads() {
        return List.copyOf(made);
    }

    /** How many threads this factory has made. */
    public int count() {
        return made.size();
    }

    /** Waits up to 2 s for every thread made to terminate, then asserts that none is left. */
    public void assertAllTerminated() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        for (Thread thread : made) {
            long left = Math.max(1, deadline - System.nanoTime());
            thread.join(Duration.ofNanos(left));
        }
        assertThat(made)
            .as("threads made by this factory that are still alive 2 s after the test")
            .allSatisfy(t -> assertThat(t.getState()).as(t.getName()).isEqualTo(Thread.State.TERMINATED));
    }
}
