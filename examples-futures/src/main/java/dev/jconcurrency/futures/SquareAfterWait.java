package dev.jconcurrency.futures;

import dev.jconcurrency.core.workload.Workloads;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The seed's futures task, {@code time.sleep(1); return n * n}: a simulated blocking call followed by a tiny
 * computation.
 *
 * <p>It is a small serializable record, not a lambda, on purpose. A record of serializable components that
 * captures nothing can run on a thread of this JVM or be shipped unchanged to a child JVM by a process pool.
 * Python's {@code ProcessPoolExecutor} asks the same of its functions ("define them at module level", says the
 * seed's troubleshooting note), for the same reason: they must be pickled.
 *
 * <p>Why a record: core's process pool sends a record of plain values (an {@code int} and a {@code Duration}
 * here) as its class name and components, and the worker rebuilds it with its canonical constructor, as Java
 * serialization would, but without starting Java serialization in a freshly started worker JVM: that costs such a
 * JVM some 30 ms of CPU (JDK 25), and the seed section's process time includes the workers' start.
 *
 * @param n the number to square
 * @param delay how long to wait first, the simulated I/O
 */
record SquareAfterWait(int n, Duration delay) implements Callable<Integer>, Serializable {

    /**
     * @throws NullPointerException if {@code delay} is null
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    SquareAfterWait {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
    }

    /** The seed's tasks: squares of 0 .. {@code tasks - 1}, each after {@code delay}. */
    static List<SquareAfterWait> range(int tasks, Duration delay) {
        List<SquareAfterWait> list = new ArrayList<>(tasks);
        for (int n = 0; n < tasks; n++) {
            list.add(new SquareAfterWait(n, delay));
        }
        return List.copyOf(list);
    }

    @Override
    public Integer call() throws InterruptedException {
        // An interrupt here means the future was cancelled or the pool shut down now: we let the
        // InterruptedException end the task (propagate), which is exactly what the canceller asked for.
        Workloads.sleep(delay);
        return n * n;
    }
}
