package dev.jconcurrency.futures;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.report.Table;
import dev.jconcurrency.core.timing.Stopwatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * In which order do a pool's results come back? In the order you ask for: {@link ExecutorService#invokeAll}
 * (Python's {@code executor.map}) gives them in submission order, and only once all are done; an {@link
 * ExecutorCompletionService} (Python's {@code as_completed}) gives each one as soon as it is done, in completion
 * order.
 */
public final class Futures_03_MapVsAsCompleted {

    private Futures_03_MapVsAsCompleted() {
    }

    /*
     * Suppose three calls of different lengths: the first takes three units, the second one, the third two.
     * We want their results. Two questions are hiding in "want": do we need them lined up with the inputs
     * (result i belongs to input i), or do we want to act on each as early as possible?
     *
     * The first is Python's executor.map. Java's nearest is invokeAll: it submits every task, waits until all
     * are done, and returns their futures in the order of the tasks. Reading them with get() then never blocks.
     */

    /**
     * Runs every task on {@code pool} and returns their results in submission order, as Python's
     * {@code executor.map} does: result {@code i} belongs to task {@code i}, whatever order they finished in.
     *
     * <p>It works with any {@link ExecutorService}, a thread pool or a pool of child JVMs alike, because it only
     * hands the pool the tasks themselves ({@link ExecutorService#invokeAll}).
     *
     * <p>Memory consistency effects: everything a task did before returning happens-before this method returns
     * its result.
     *
     * @param pool where the tasks run; not shut down by this method
     * @param tasks the tasks, run at most {@code pool}'s size at a time
     * @param <T> the result type
     * @return the results, in the order of {@code tasks}
     * @throws ExecutionException if a task threw: the first such task in submission order, its exception as the
     *     cause (all tasks have finished by then)
     * @throws InterruptedException if interrupted while waiting; the unfinished tasks are then cancelled
     */
    public static <T> List<T> map(ExecutorService pool, List<? extends Callable<T>> tasks)
        throws InterruptedException, ExecutionException {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(tasks, "tasks");
        List<Future<T>> futures = pool.invokeAll(tasks);
        List<T> results = new ArrayList<>(futures.size());
        for (Future<T> future : futures) {
            results.add(future.get()); // invokeAll returned: every future is done, get() does not block
        }
        return results;
    }

    /*
     * The second is Python's as_completed. Java's is ExecutorCompletionService: it wraps the pool, and each
     * task, when it finishes, puts its future on a queue; take() hands them out in the order they finished.
     */

    /**
     * Runs every task on {@code pool} and hands each result to {@code onResult} as soon as its task finishes,
     * in completion order, as Python's {@code as_completed} does. {@code onResult} runs on the calling thread.
     *
     * <p>Pitfall: {@link ExecutorCompletionService} hands the pool a {@link Runnable} wrapper of its own, so this
     * needs a pool that runs tasks in this JVM; a pool that ships tasks to another JVM cannot carry the wrapper.
     *
     * <p>Memory consistency effects: everything a task did before returning happens-before {@code onResult} is
     * called with its result.
     *
     * @param pool where the tasks run, in this JVM; not shut down by this method
     * @param tasks the tasks
     * @param onResult called once per result, in completion order
     * @param <T> the result type
     * @throws ExecutionException the first failure in completion order; the tasks still running are cancelled
     * @throws InterruptedException if interrupted while waiting; the tasks still running are cancelled
     */
    public static <T> void asCompleted(ExecutorService pool, List<? extends Callable<T>> tasks,
        Consumer<? super T> onResult) throws InterruptedException, ExecutionException {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(onResult, "onResult");
        CompletionService<T> completion = new ExecutorCompletionService<>(pool);
        List<Future<T>> submitted = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> task : tasks) {
                submitted.add(completion.submit(task));
            }
            for (int i = 0; i < submitted.size(); i++) {
                onResult.accept(completion.take().get());
            }
        } finally {
            // Nobody will read the results of tasks still running after a failure or an interrupt: stop them.
            // On the normal path every future is done and cancel is a no-op.
            for (Future<T> future : submitted) {
                future.cancel(true);
            }
        }
    }

    /**
     * A result and when it reached us, counted from the start of the run.
     *
     * @param value the task's result
     * @param after time from the first submission until the result was in our hands
     */
    public record Arrival(int value, Duration after) {
    }

    /**
     * Both orders, measured on the same tasks.
     *
     * @param lengths each task's wait, in submission order
     * @param inSubmissionOrder what {@link #map} gave, and when
     * @param inCompletionOrder what {@link #asCompleted} gave, and when
     */
    public record Result(List<Duration> lengths, List<Arrival> inSubmissionOrder, List<Arrival> inCompletionOrder) {
        /**
         * @param lengths each task's wait
         * @param inSubmissionOrder results from {@code map}
         * @param inCompletionOrder results from {@code asCompleted}
         */
        public Result {
            lengths = List.copyOf(lengths);
            inSubmissionOrder = List.copyOf(inSubmissionOrder);
            inCompletionOrder = List.copyOf(inCompletionOrder);
        }

        /** The values {@link #map} returned, in order. */
        public List<Integer> mapValues() {
            return inSubmissionOrder.stream().map(Arrival::value).toList();
        }

        /** The values {@link #asCompleted} handed over, in order. */
        public List<Integer> completionValues() {
            return inCompletionOrder.stream().map(Arrival::value).toList();
        }
    }

    /**
     * Squares 0 .. n-1, task {@code i} waiting {@code lengths.get(i)} first, once with {@link #map} and once
     * with {@link #asCompleted}, each on a fresh pool with one thread per task.
     *
     * @param lengths each task's wait, in submission order; at least one
     * @return both orders and when each result arrived
     * @throws Exception if a task fails or we are interrupted
     */
    public static Result run(List<Duration> lengths) throws Exception {
        Objects.requireNonNull(lengths, "lengths");
        if (lengths.isEmpty()) {
            throw new IllegalArgumentException("lengths must not be empty: []");
        }
        List<SquareAfterWait> tasks = new ArrayList<>();
        for (int i = 0; i < lengths.size(); i++) {
            tasks.add(new SquareAfterWait(i, lengths.get(i)));
        }

        List<Arrival> mapped = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(tasks.size())) {
            Stopwatch watch = Stopwatch.start();
            for (int value : map(pool, tasks)) {
                mapped.add(new Arrival(value, watch.elapsed()));
            }
        }

        List<Arrival> completed = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(tasks.size())) {
            Stopwatch watch = Stopwatch.start();
            asCompleted(pool, tasks, value -> completed.add(new Arrival(value, watch.elapsed())));
        }
        return new Result(lengths, mapped, completed);
    }

    /*
     * It turns out the values are the same, the orders are not. With waits of 3, 1 and 2 units, map gives
     * [0, 1, 4] and every result arrives at about 3 units: the first result waited for the slowest task.
     * asCompleted gives [1, 4, 0] at about 1, 2 and 3 units: each result as soon as it exists.
     *
     * So: use map (invokeAll) when results must line up with inputs, or when you need them all before
     * going on anyway; use a completion service when each result is useful on its own (show it, save it,
     * stop early once one is good enough: Futures_04_InvokeAny does the last for you). Python's map is lazy
     * and yields result i as soon as results 0..i exist; invokeAll waits for all, but the order is the same.
     *
     * With a pool of one thread the two orders agree: tasks then finish in the order they start.
     */

    /*
     * How to run:
     *
     *   mvn -q -pl examples-futures -am test-compile -Drun=examples-futures -Dargs="--lesson 3"
     *
     * Look for the same values in two orders, and for when each one arrived.
     *
     * Typical output (2-core Intel Xeon VM shared with other builds, load average about 4; Linux 6.18;
     * Temurin JDK 25.0.3; the run profile; 2026-11-25):
     *
     *   Task waits (submission order): [0.75 sec, 0.25 sec, 0.5 sec]
     *   way                                values     arrived after
     *   ---------------------------------  ---------  ------------------------------
     *   invokeAll (map)                    [0, 1, 4]  [0.75 sec, 0.75 sec, 0.75 sec]
     *   completion service (as_completed)  [1, 4, 0]  [0.25 sec, 0.50 sec, 0.75 sec]
     */

    /**
     * Runs three tasks of 0.75, 0.25 and 0.5 seconds both ways and prints the orders.
     *
     * @param args {@code --help} only
     * @throws Exception if a task fails
     */
    public static void main(String[] args) throws Exception {
        CommandLine cli = CommandLine.builder(Futures_03_MapVsAsCompleted.class.getSimpleName(),
            "invokeAll (map) vs ExecutorCompletionService (as_completed) on tasks of different lengths.").build();
        CommandLine.exitOnFailure(cli.run(args, System.out, System.err, options -> {
            Duration unit = Duration.ofMillis(250);
            Result result = run(List.of(unit.multipliedBy(3), unit, unit.multipliedBy(2)));
            Report report = Report.to(System.out);
            report.line("Task waits (submission order): " + result.lengths().stream().map(Report::duration).toList());
            Table table = Table.of("way", "values", "arrived after");
            table.row("invokeAll (map)", result.mapValues(), arrivals(result.inSubmissionOrder()));
            table.row("completion service (as_completed)", result.completionValues(),
                arrivals(result.inCompletionOrder()));
            System.out.print(table.toText());
        }));
    }

    private static List<String> arrivals(List<Arrival> arrivals) {
        return arrivals.stream().map(a -> Report.seconds(a.after())).toList();
    }
}
