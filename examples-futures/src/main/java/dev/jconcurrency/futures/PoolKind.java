package dev.jconcurrency.futures;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * Which workers run a lesson's tasks: threads of this JVM, or child JVMs. Python's {@code concurrent.futures}
 * offers the same choice as {@code ThreadPoolExecutor} and {@code ProcessPoolExecutor}, behind one interface.
 *
 * <h2>Purpose</h2>
 * Both kinds are opened as a plain {@link ExecutorService}, so the code that submits tasks and reads their
 * futures is the same for both: swapping one for the other changes one argument, not the program. This is why
 * the tasks the lessons hand to a pool are {@link java.io.Serializable serializable} {@link
 * java.util.concurrent.Callable callables} (such as {@code SquareAfterWait}): a task that must travel to a
 * child JVM cannot capture a lambda's surroundings.
 *
 * <h2>How to get one</h2>
 * <pre>{@code
 * try (ExecutorService pool = PoolKind.THREAD.open(3)) {
 *     List<Integer> squares = Futures_03_MapVsAsCompleted.map(pool, tasks);
 * }
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * The pool belongs to the caller: close it (try-with-resources), or its non-daemon threads keep the JVM alive.
 */
public enum PoolKind {

    /** A fixed pool of platform threads in this JVM ({@link Executors#newFixedThreadPool(int)}). */
    THREAD("Thread", Executors::newFixedThreadPool),

    /**
     * A pool of long-lived child JVMs, the Java answer to Python's {@code ProcessPoolExecutor}. Not available
     * yet: it arrives with core's {@code dev.jconcurrency.core.process} package, and is wired here by giving
     * this constant its factory in place of {@code null}.
     */
    PROCESS("Process", null);

    private final String label;
    private final IntFunction<ExecutorService> factory;

    PoolKind(String label, IntFunction<ExecutorService> factory) {
        this.label = label;
        this.factory = factory;
    }

    /**
     * The word the seed prints before its results, {@code Thread} or {@code Process}.
     *
     * @return the label, e.g. {@code Thread} for {@code Thread results: [0, 1, 4]}
     */
    public String label() {
        return label;
    }

    /**
     * The value of the {@code --executor} option that selects this kind: {@code thread} or {@code process}.
     *
     * @return the option value
     */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@link #open(int)} can start this kind of pool in this build.
     *
     * @return false only for a kind whose implementation has not landed yet
     */
    public boolean isAvailable() {
        return factory != null;
    }

    /**
     * Starts a pool of {@code workers} workers of this kind. The caller owns it and must close it.
     *
     * @param workers how many tasks may run at once, 1 or more
     * @return a new pool
     * @throws IllegalArgumentException if {@code workers} is not positive
     * @throws UnsupportedOperationException if this kind is not {@linkplain #isAvailable() available} yet
     */
    public ExecutorService open(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be positive: " + workers);
        }
        if (factory == null) {
            throw new UnsupportedOperationException(unavailableReason());
        }
        return Objects.requireNonNull(factory.apply(workers), "factory returned no pool");
    }

    /** One sentence saying why this kind cannot run yet (used in the one-line CLI error). */
    String unavailableReason() {
        return "'" + optionValue() + "' is not available yet: the child-JVM process pool has not landed in "
            + "concurrency-core";
    }
}
