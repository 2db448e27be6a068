package dev.jconcurrency.futures;

import dev.jconcurrency.core.process.ChildJvm;
import dev.jconcurrency.core.process.ProcessPool;

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
 * try (ExecutorService pool = PoolKind.PROCESS.open(3)) {    // or THREAD: the one word that changes
 *     List<Integer> squares = Futures_03_MapVsAsCompleted.map(pool, tasks);
 * }
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * The pool belongs to the caller: close it (try-with-resources). A forgotten thread pool's non-daemon threads
 * keep the JVM alive; a forgotten process pool's worker JVMs run on until this JVM exits.
 */
public enum PoolKind {

    /** A fixed pool of platform threads in this JVM ({@link Executors#newFixedThreadPool(int)}). */
    THREAD("Thread", Executors::newFixedThreadPool),

    /**
     * A pool of long-lived child JVMs, the Java answer to Python's {@code ProcessPoolExecutor}: core's {@link
     * ProcessPool}, its workers all started at once when it opens (each is a whole JVM: tens of milliseconds to
     * start, and starting them together is quicker than one after another). Tasks and results are copied
     * between the JVMs, so both must be serializable. The workers get {@link ChildJvm#FAST_START_FLAGS} (C1
     * only): the lessons' tasks wait or compute for milliseconds, and C2's faster code would not pay for its
     * compile time, about 10 ms of the section's process time here (JDK 25, 2 cores).
     */
    PROCESS("Process", workers -> ProcessPool.builder().workers(workers).prestart(true)
        .jvmFlags(ChildJvm.FAST_START_FLAGS.toArray(new String[0])).build());

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
     * Starts a pool of {@code workers} workers of this kind. The caller owns it and must close it.
     *
     * @param workers how many tasks may run at once, 1 or more
     * @return a new pool
     * @throws IllegalArgumentException if {@code workers} is not positive
     */
    public ExecutorService open(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be positive: " + workers);
        }
        return Objects.requireNonNull(factory.apply(workers), "factory returned no pool");
    }
}
