package dev.jconcurrency.docs.results;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The sizes of one run: the full run the committed page comes from, or the quick run that checks the command
 * works in seconds (its figures mean little: the tasks are too short for the timings to be steady).
 *
 * @param name {@code full} or {@code quick}
 * @param warmups untimed runs before each measurement, so the timed ones run compiled code
 * @param runs timed runs per measurement; the page shows their median and range
 * @param ioTasks N, the sleeping tasks of the threads-on-I/O sweep
 * @param ioTask each of those tasks
 * @param ioPools the pool sizes tried: 1, 2, 4, 8 and N (those up to N)
 * @param cpuSize the sum of squares computed by the CPU sweeps, split into chunks
 * @param cpuWorkers the worker counts tried on CPU work: 1, 2, ... up to 2 × cores
 * @param scaleWaits the numbers of concurrent waits at scale (virtual threads, CompletableFuture timers)
 * @param scaleWait each of those waits
 * @param trivialTasks how many empty tasks measure a pool's cost per task
 * @param pythonCpuSize the sum of squares the Python threads compute (Python is ~100× slower per term)
 * @param pythonTimeout how long one Python script may run before it is killed
 */
record Plan(String name, int warmups, int runs, int ioTasks, Duration ioTask, List<Integer> ioPools,
            long cpuSize, List<Integer> cpuWorkers, List<Integer> scaleWaits, Duration scaleWait,
            int trivialTasks, long pythonCpuSize, Duration pythonTimeout) {

    Plan {
        ioPools = List.copyOf(ioPools);
        cpuWorkers = List.copyOf(cpuWorkers);
        scaleWaits = List.copyOf(scaleWaits);
    }

    /**
     * About two and a half minutes on two cores: tasks long enough that scheduler jitter is small against them,
     * and five runs per point, so that the median holds when a burst of other work spoils one or two of them.
     */
    static Plan full(int cores) {
        return new Plan("full", 1, 5, 16, Duration.ofMillis(100), pools(16), 2_000_000_000L, upToTwiceCores(cores),
            List.of(1_000, 10_000, 100_000), Duration.ofSeconds(1), 100_000, 10_000_000L, Duration.ofMinutes(3));
    }

    /** A few seconds: every section, every table and every chart, with tiny sizes. */
    static Plan quick(int cores) {
        return new Plan("quick", 0, 1, 4, Duration.ofMillis(20), pools(4), 20_000_000L, upToTwiceCores(cores),
            List.of(100, 1_000), Duration.ofMillis(20), 1_000, 100_000L, Duration.ofSeconds(30));
    }

    /** Whether this is the short check run, whose figures mean little. */
    boolean isQuick() {
        return !name.equals("full");
    }

    private static List<Integer> pools(int tasks) {
        return IntStream.of(1, 2, 4, 8, tasks).filter(p -> p <= tasks).distinct().sorted().boxed().toList();
    }

    private static List<Integer> upToTwiceCores(int cores) {
        return IntStream.rangeClosed(1, 2 * cores).boxed().toList();
    }
}
