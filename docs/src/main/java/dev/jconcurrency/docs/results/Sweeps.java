package dev.jconcurrency.docs.results;

import dev.jconcurrency.core.process.ProcessPool;
import dev.jconcurrency.core.process.SerializableCallable;
import dev.jconcurrency.core.timing.Timed;
import dev.jconcurrency.core.workload.TaskSpec;
import dev.jconcurrency.core.workload.Workloads;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The models the page measures, each a {@link Sweep} over the same few workloads from core: sleeping tasks
 * ({@code io:DURATION}, {@link TaskSpec}) for I/O, chunks of {@link Workloads#sumOfSquares(long, long)} for CPU.
 * A new model is one more factory here and one more line in {@link ResultsPage}'s list.
 */
final class Sweeps {

    /** The bound on any one wait for a trial's results: a hang fails the run instead of stalling it. */
    private static final Duration HANG = Duration.ofMinutes(5);

    /** How long {@link #startedPool} waits for every worker to answer: JVMs start slowly on a busy machine. */
    private static final Duration READY = Duration.ofMinutes(1);

    /** Each of {@link #startedPool}'s tasks waits this long, so that the tasks of a batch overlap. */
    private static final Duration READY_HOLD = Duration.ofMillis(20);

    private Sweeps() {
    }

    /** N sleeping tasks on fixed pools of 1, 2, 4, 8 and N platform threads. */
    static Sweep threadsOnIo(Plan plan) {
        TaskSpec io = new TaskSpec(TaskSpec.Kind.IO, 0, plan.ioTask());
        int tasks = plan.ioTasks();
        List<Sweep.Point> points = new ArrayList<>();
        for (int threads : plan.ioPools()) {
            points.add(new Sweep.Point(threads, Math.min(threads, tasks), () -> {
                ExecutorService pool = Executors.newFixedThreadPool(threads,
                    Thread.ofPlatform().name("results-io-", 0).factory());
                return trial(() -> {
                    List<Object> answers = invokeAll(pool, java.util.Collections.nCopies(tasks, io::run));
                    check(answers.equals(java.util.Collections.nCopies(tasks, io.duration())),
                        "every wait returns its duration", answers);
                }, pool);
            }));
        }
        return new Sweep("threads-io", "Threads on I/O",
            Format.count(tasks) + " tasks, each a blocking wait of " + io.duration().toMillis() + " ms (`" + io
                + "`), on a fixed pool of platform threads of each size. The baseline is the pool of 1 thread, "
                + "the tasks one after another. Ideal: as many waits overlap as there are threads, up to the "
                + Format.count(tasks) + " tasks, whatever the cores: a sleeping thread needs no CPU.",
            "threads", false, Optional.empty(), points);
    }

    /** One sum of squares split into one chunk per thread, on 1, 2, ... up to 2 × cores platform threads. */
    static Sweep threadsOnCpu(Plan plan, int cores) {
        long size = plan.cpuSize();
        List<Sweep.Point> points = new ArrayList<>();
        for (int threads : plan.cpuWorkers()) {
            points.add(new Sweep.Point(threads, Math.min(threads, cores), () -> {
                ExecutorService pool = Executors.newFixedThreadPool(threads,
                    Thread.ofPlatform().name("results-cpu-", 0).factory());
                return trial(() -> checkSum(size, chunkedSum(pool, size, threads)), pool);
            }));
        }
        return new Sweep("threads-cpu", "Threads on CPU",
            "Σi² for 0 ≤ i < " + Format.count(size) + " (core's `Workloads.sumOfSquares`, exact, checked against "
                + "the closed form every run), split into one chunk per thread, on 1 to 2 × cores platform threads. "
                + "The baseline is 1 thread. Ideal: one thread per core, so never more than " + cores
                + " here; threads beyond the cores only take turns. Java threads run Java code in parallel: "
                + "there is no GIL.",
            "threads", false, Optional.empty(), points);
    }

    /** 1,000 to 100,000 concurrent waits, one virtual thread each. */
    static Sweep virtualThreadsAtScale(Plan plan) {
        TaskSpec io = new TaskSpec(TaskSpec.Kind.IO, 0, plan.scaleWait());
        List<Sweep.Point> points = new ArrayList<>();
        for (int waits : plan.scaleWaits()) {
            points.add(new Sweep.Point(waits, waits, () -> trial(() -> {
                AtomicInteger finished = new AtomicInteger();
                // close() at the end of the block waits for every virtual thread: no thread outlives the trial.
                try (ExecutorService perTask = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int i = 0; i < waits; i++) {
                        perTask.submit(() -> {
                            io.run();
                            finished.incrementAndGet();
                            return null;
                        });
                    }
                }
                check(finished.get() == waits, "every virtual thread finishes its wait", finished.get());
            }, null)));
        }
        return new Sweep("virtual-threads", "Virtual threads on I/O at scale",
            "N blocking waits of " + io.duration().toMillis() + " ms (`" + io + "`), each on its own virtual "
                + "thread (`Executors.newVirtualThreadPerTaskExecutor()`), for N = "
                + String.join(", ", plan.scaleWaits().stream().map(Format::count).toList())
                + ". The baseline is computed, not run: N waits one after another (N × "
                + io.duration().toMillis() + " ms). Ideal: all N overlap, a speedup of N. A waiting virtual thread "
                + "releases its carrier, so a few carriers serve them all.",
            "waits", true, Optional.of(io.duration()), points);
    }

    /** 1,000 to 100,000 CompletableFutures, each completed by one shared timer thread after a delay. */
    static Sweep completableFutureTimers(Plan plan) {
        Duration wait = plan.scaleWait();
        List<Sweep.Point> points = new ArrayList<>();
        for (int waits : plan.scaleWaits()) {
            points.add(new Sweep.Point(waits, waits, () -> {
                ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("results-timer").factory());
                return trial(() -> {
                    List<CompletableFuture<Integer>> futures = new ArrayList<>(waits);
                    for (int i = 0; i < waits; i++) {
                        CompletableFuture<Integer> future = new CompletableFuture<>();
                        int value = i;
                        timer.schedule(() -> future.complete(value), wait.toNanos(), TimeUnit.NANOSECONDS);
                        futures.add(future);
                    }
                    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                        .get(wait.plus(HANG).toMillis(), TimeUnit.MILLISECONDS);
                    long sum = futures.stream().mapToLong(CompletableFuture::join).sum();
                    check(sum == (long) waits * (waits - 1) / 2, "every future completes with its own value", sum);
                }, timer);
            }));
        }
        return new Sweep("completable-future-timers", "CompletableFuture timers",
            "N `CompletableFuture`s, each completed after " + wait.toMillis() + " ms by one shared timer thread "
                + "(a `ScheduledExecutorService`), for N = "
                + String.join(", ", plan.scaleWaits().stream().map(Format::count).toList())
                + ": no thread waits at all, as in asyncio's event loop. The baseline is computed: N waits one "
                + "after another. Ideal: a speedup of N.",
            "futures", true, Optional.of(wait), points);
    }

    /** The same sum of squares as {@link #threadsOnCpu}, as a fork/join task tree on pools of 1 to 2 × cores. */
    static Sweep forkJoinOnCpu(Plan plan, int cores) {
        long size = plan.cpuSize();
        long threshold = Math.max(1, size / SumOfSquares.LEAVES);
        List<Sweep.Point> points = new ArrayList<>();
        for (int parallelism : plan.cpuWorkers()) {
            points.add(new Sweep.Point(parallelism, Math.min(parallelism, cores), () -> {
                ForkJoinPool pool = new ForkJoinPool(parallelism);
                return trial(() -> checkSum(size, pool.invoke(new SumOfSquares(0, size, threshold))), pool);
            }));
        }
        return new Sweep("fork-join", "Fork/join on CPU",
            "The same Σi² for 0 ≤ i < " + Format.count(size) + ", split in halves down to about "
                + SumOfSquares.LEAVES + " leaves (`RecursiveTask`), on a `ForkJoinPool` of each parallelism: idle "
                + "workers steal halves from busy ones. The baseline is parallelism 1. Ideal: at most the "
                + cores + " cores.",
            "workers", false, Optional.empty(), points);
    }

    /**
     * The same sum of squares as {@link #threadsOnCpu}, one chunk per worker JVM, on pre-started process pools of
     * 1 to 2 × cores workers. Every worker has answered a task before the clock starts: start-up is not timed.
     */
    static Sweep processPoolOnCpu(Plan plan, int cores) {
        long size = plan.cpuSize();
        List<Sweep.Point> points = new ArrayList<>();
        for (int workers : plan.cpuWorkers()) {
            points.add(new Sweep.Point(workers, Math.min(workers, cores), () -> {
                ProcessPool pool = startedPool(workers);
                return trial(() -> checkSum(size, chunkedSum(pool, size, workers)), pool);
            }));
        }
        return new Sweep("process-pool", "Process pool on CPU (child JVMs)",
            "The same Σi² for 0 ≤ i < " + Format.count(size) + ", split into one chunk per worker, each chunk a "
                + "task (a named `SerializableCallable`) sent to core's `ProcessPool`, whose workers are child JVMs: "
                + "the Java answer to Python's `ProcessPoolExecutor`. Pools of 1 to 2 × cores workers, each "
                + "started (`prestart(true)`) and every worker seen answering a task before the clock starts, so "
                + "the times leave out the JVMs' start-up (measured on its own under *Cost per task*) but include "
                + "sending each chunk and its answer through the workers' pipes. The baseline is 1 worker. Ideal: "
                + "at most the " + cores + " cores, as for threads. In Java this buys isolation, not speed: threads "
                + "already use every core.",
            "workers", false, Optional.empty(), points);
    }

    /**
     * A process pool of {@code workers} JVMs, each of which has answered a task: batches of short waits are sent
     * until every worker's pid has come back, since {@code prestart} starts the JVMs but does not wait for them.
     * The pool is closed if they never all answer.
     */
    static ProcessPool startedPool(int workers) throws Exception {
        ProcessPool pool = ProcessPool.builder().workers(workers).prestart(true).build();
        try {
            Set<Long> answered = new HashSet<>();
            long deadline = System.nanoTime() + READY.toNanos();
            while (answered.size() < workers) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("only " + answered.size() + " of " + workers + " worker JVMs "
                        + "answered within " + READY.toSeconds() + " s");
                }
                // Tasks that wait a little overlap, so a batch spreads over the workers that are ready.
                answered.addAll(invokeAll(pool, Collections.nCopies(workers, new WorkerPid(READY_HOLD))));
            }
            return pool;
        } catch (Exception | Error e) {
            pool.close();
            throw e;
        }
    }

    /** Waits a moment in a worker JVM and returns its pid. A named class: a process pool's task is serialized. */
    private record WorkerPid(Duration hold) implements SerializableCallable<Long> {
        @Override
        public Long call() throws InterruptedException {
            Workloads.sleep(hold);
            return ProcessHandle.current().pid();
        }
    }

    /** Σi² over [from, to), halved until a piece is small enough to sum directly. */
    private static final class SumOfSquares extends RecursiveTask<BigInteger> {
        static final int LEAVES = 64;
        private final long from;
        private final long to;
        private final long threshold;

        SumOfSquares(long from, long to, long threshold) {
            this.from = from;
            this.to = to;
            this.threshold = threshold;
        }

        @Override
        protected BigInteger compute() {
            if (to - from <= threshold) {
                return Workloads.sumOfSquares(from, to);
            }
            long middle = from + (to - from) / 2;
            SumOfSquares left = new SumOfSquares(from, middle, threshold);
            left.fork();
            BigInteger right = new SumOfSquares(middle, to, threshold).compute();
            return right.add(left.join());
        }
    }

    /**
     * Splits Σi² for 0 ≤ i < size into {@code chunks} equal ranges, one task each, and adds the answers; the
     * pool may be threads or worker JVMs.
     */
    static BigInteger chunkedSum(ExecutorService pool, long size, int chunks) throws Exception {
        List<Callable<BigInteger>> tasks = new ArrayList<>(chunks);
        for (int k = 0; k < chunks; k++) {
            long from = size * k / chunks;
            long to = size * (k + 1) / chunks;
            tasks.add(new Chunk(from, to));
        }
        return invokeAll(pool, tasks).stream().reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** Σi² over [from, to): a named serializable class, so the same chunks run on threads and worker JVMs. */
    private record Chunk(long from, long to) implements SerializableCallable<BigInteger> {
        @Override
        public BigInteger call() {
            return Workloads.sumOfSquares(from, to);
        }
    }

    /** Runs every task on {@code pool} and returns the answers in order, or throws the first failure. */
    static <T> List<T> invokeAll(ExecutorService pool, List<? extends Callable<T>> tasks) throws Exception {
        List<T> answers = new ArrayList<>(tasks.size());
        for (Future<T> future : pool.invokeAll(tasks, HANG.toMillis(), TimeUnit.MILLISECONDS)) {
            try {
                answers.add(future.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        return answers;
    }

    private static void checkSum(long size, BigInteger sum) {
        check(sum.equals(Workloads.sumOfSquaresClosedForm(size)), "the sum equals the closed form", sum);
    }

    static void check(boolean right, String what, Object got) {
        if (!right) {
            throw new IllegalStateException("wrong answer: expected " + what + ", got " + got);
        }
    }

    /** A trial that runs {@code work} and, when closed, closes {@code resources} (null: nothing to close). */
    static Sweep.Trial trial(Timed.ThrowingRunnable work, AutoCloseable resources) {
        return new Sweep.Trial() {
            @Override
            public void run() throws Exception {
                work.run();
            }

            @Override
            public void close() throws Exception {
                if (resources != null) {
                    resources.close();
                }
            }
        };
    }
}
