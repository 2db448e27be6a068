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
 * <p>It is a record, not a lambda, on purpose. A record of serializable fields is itself serializable and has
 * no hidden captured state, so the very same task value can run on a thread of this JVM or be shipped to a
 * child JVM by a process pool. Python's {@code ProcessPoolExecutor} asks the same of its functions ("define
 * them at module level", says the seed's troubleshooting note), for the same reason: they must be pickled.
 *
 * @param n the number to square
 * @param delay how long to wait first, the simulated I/O
 */
record SquareAfterWait(int n, Duration delay) implements Callable<Integer>, Serializable {

    SquareAfterWait {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
    }

    /** The seed's tasks: {@code n} = 0, 1, ... {@code tasks - 1}, each waiting {@code delay}. */
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
