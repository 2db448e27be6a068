package dev.jconcurrency.docs.results;

import dev.jconcurrency.core.timing.Measurement;
import dev.jconcurrency.core.timing.Speedup;
import dev.jconcurrency.core.timing.Timed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What a pool costs per task when the task does nothing: the price of handing work to another thread (or
 * process) and getting the answer back, which real work must outweigh for the pool to pay.
 */
final class Costs {

    private Costs() {
    }

    /**
     * One pool's cost per task, or why it was not measured.
     *
     * @param pool what ran the tasks, e.g. {@code Java thread pool}
     * @param workers how many workers, as text ({@code 2}, or {@code one per task})
     * @param tasks how many trivial tasks were timed together
     * @param perTaskMicros the median run's time divided by the tasks, in µs; empty when not measured
     * @param note why it was not measured, or what the figure includes
     */
    record Row(String pool, String workers, int tasks, Optional<Double> perTaskMicros, String note) {
    }

    /** Times {@code plan.trivialTasks()} empty tasks on a fixed pool of {@code cores} platform threads. */
    static Row threadPool(Plan plan, int cores, Progress progress) throws Exception {
        List<Callable<Integer>> tasks = trivialTasks(plan.trivialTasks());
        try (ExecutorService pool = Executors.newFixedThreadPool(cores,
                Thread.ofPlatform().name("results-cost-", 0).factory())) {
            return measure("Java thread pool", Integer.toString(cores), plan, progress, () -> runAll(pool, tasks));
        }
    }

    /** Times {@code plan.trivialTasks()} empty tasks, each on a new virtual thread. */
    static Row virtualThreads(Plan plan, Progress progress) throws Exception {
        List<Callable<Integer>> tasks = trivialTasks(plan.trivialTasks());
        return measure("Java virtual thread per task", "one per task", plan, progress, () -> {
            // Closing waits for every virtual thread, so the time covers all of them and none outlives the run.
            try (ExecutorService perTask = Executors.newVirtualThreadPerTaskExecutor()) {
                runAll(perTask, tasks);
            }
        });
    }

    private static Row measure(String label, String workers, Plan plan, Progress progress,
                               Timed.ThrowingRunnable work) throws Exception {
        Measurement time = Measurement.repeat(plan.warmups(), plan.runs(), work);
        double micros = Speedup.seconds(time.median()) * 1e6 / plan.trivialTasks();
        progress.done(label + ", " + Format.count(plan.trivialTasks()) + " trivial tasks",
            Format.micros(micros) + " per task");
        return new Row(label, workers, plan.trivialTasks(), Optional.of(micros), "");
    }

    private static List<Callable<Integer>> trivialTasks(int count) {
        List<Callable<Integer>> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int value = i;
            tasks.add(() -> value);
        }
        return tasks;
    }

    private static void runAll(ExecutorService pool, List<Callable<Integer>> tasks) throws Exception {
        long sum = Sweeps.invokeAll(pool, tasks).stream().mapToLong(Integer::longValue).sum();
        Sweeps.check(sum == (long) tasks.size() * (tasks.size() - 1) / 2, "the values add up", sum);
    }
}
