package dev.jconcurrency.core.process;

import static dev.jconcurrency.core.testing.FutureAssertions.assertCancelled;
import static dev.jconcurrency.core.testing.FutureAssertions.assertCompletedExceptionally;
import static dev.jconcurrency.core.testing.FutureAssertions.assertCompletedNormally;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.testing.TrackingThreadFactory;
import dev.jconcurrency.core.workload.Workloads;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A process pool behaves as an ExecutorService whose tasks run in other JVMs. */
class ProcessPoolTest {

    @TempDir
    Path dir;

    static long pid() {
        return ProcessHandle.current().pid();
    }

    @Test
    void aLambdaSubmittedInPlaceRunsInAnotherJvmAndItsResultComesBack() throws Exception {
        try (ProcessPool pool = ProcessPool.create(1)) {
            int x = 7;
            Future<Integer> square = pool.submit(() -> x * x);
            Future<Long> where = pool.submit(ProcessPoolTest::pid);

            assertThat(square.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(49);
            assertCompletedNormally(square, 49);
            assertThat(where.get()).isNotEqualTo(pid()).isIn(pool.workerPids());
        }
    }

    @Test
    void twoWorkersRunTwoTasksAtOnceInTwoProcessesAndTheCountNeverExceedsTwo() throws Exception {
        String release = dir.resolve("release").toString();
        try (ProcessPool pool = ProcessPool.builder().workers(2).prestart(true).build()) {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    Markers.announcePid(release + "-started-" + index);
                    Markers.awaitFile(release);
                    return pid();
                }));
            }
            // Two tasks are running at the same time, each in its own worker: that is the parallelism.
            long first = Markers.awaitPid(dir.resolve("release-started-0"));
            long second = Markers.awaitPid(dir.resolve("release-started-1"));
            assertThat(first).isNotEqualTo(second);
            assertThat(pool.workerPids()).containsExactlyInAnyOrder(first, second);
            Markers.release(dir.resolve("release"));

            Set<Long> pids = new HashSet<>();
            for (Future<Long> future : futures) {
                pids.add(future.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS));
                assertThat(pool.workerPids()).hasSizeLessThanOrEqualTo(2);
            }
            assertThat(pids).containsExactlyInAnyOrder(first, second);
            assertThat(pool.workersStarted()).isEqualTo(2);
        }
    }

    /**
     * Tasks queued together while both workers are idle start in both at once: a worker already woken for the
     * first task is not the one woken again for the second (regression: the second task waited for the first).
     */
    @Test
    void twoTasksQueuedTogetherWhileBothWorkersAreIdleStartInBothWorkersAtOnce() throws Exception {
        String release = dir.resolve("release").toString();
        String startedA = dir.resolve("started-a").toString();
        String startedB = dir.resolve("started-b").toString();
        try (ProcessPool pool = ProcessPool.builder().workers(2).prestart(true).build()) {
            await().atMost(Delays.LONGER).pollInterval(Duration.ofMillis(20))
                .until(() -> pool.readyWorkerPids().size() == 2);
            List<SerializableCallable<Long>> tasks = List.of(
                () -> {
                    Markers.announcePid(startedA);
                    Markers.awaitFile(release);
                    return pid();
                },
                () -> {
                    Markers.announcePid(startedB);
                    Markers.awaitFile(release);
                    return pid();
                });
            LinkedBlockingQueue<Object> outcome = new LinkedBlockingQueue<>();
            // invokeAll queues both tasks under one hold of the pool's lock, so no worker can wake in between.
            Thread caller = Thread.ofPlatform().start(() -> {
                try {
                    outcome.add(pool.invokeAll(tasks));
                } catch (InterruptedException e) {
                    outcome.add(e);
                }
            });
            try {
                long a = Markers.awaitPid(Path.of(startedA));
                long b = Markers.awaitPid(Path.of(startedB));

                assertThat(a).isNotEqualTo(b);
                assertThat(pool.readyWorkerPids()).containsExactlyInAnyOrder(a, b);
            } finally {
                Markers.release(Path.of(release));
                caller.join(Delays.LONG);
            }
            assertThat(outcome.poll()).isInstanceOf(List.class);
        }
    }

    /**
     * Tasks handed to a pool whose workers are all idle go one to each worker, not all to the first: each task
     * wakes a different idle worker.
     */
    @Test
    void tasksSubmittedToIdleWorkersRunAtOnceEachInADifferentWorker() throws Exception {
        String release = dir.resolve("release").toString();
        try (ProcessPool pool = ProcessPool.builder().workers(3).prestart(true).build()) {
            // Ready means the worker answered its initialisation, long after its supervisor went idle waiting
            // for work: from here every worker is waiting.
            await().atMost(Delays.LONG).pollInterval(Duration.ofMillis(20))
                .until(() -> pool.readyWorkerPids().size() == 3);
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    Markers.announcePid(release + "-started-" + index);
                    Markers.awaitFile(release);
                    return pid();
                }));
            }
            Set<Long> running = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                running.add(Markers.awaitPid(dir.resolve("release-started-" + i)));
            }
            assertThat(running).containsExactlyInAnyOrderElementsOf(pool.workerPids());
            Markers.release(dir.resolve("release"));
            for (Future<Long> future : futures) {
                assertThat(future.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS)).isIn(running);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 100, 1000})
    void mapReturnsOneResultPerInputInInputOrderWhateverTheChunkSize(int chunkSize) throws Exception {
        List<Integer> inputs = IntStream.range(0, 250).boxed().toList();
        try (ProcessPool pool = ProcessPool.create(2)) {
            List<Integer> squares = pool.map(i -> i * i, inputs, chunkSize);

            assertThat(squares).isEqualTo(inputs.stream().map(i -> i * i).toList());
        }
    }

    @Test
    void mapSplitsTheSeedsCpuTaskIntoChunksWhoseSumIsExact() throws Exception {
        List<Long> starts = List.of(0L, 250_000L, 500_000L, 750_000L);
        try (ProcessPool pool = ProcessPool.create(2)) {
            List<java.math.BigInteger> parts = pool.map(from -> Workloads.sumOfSquares(from, from + 250_000),
                starts, 1);

            assertThat(parts.stream().reduce(java.math.BigInteger.ZERO, java.math.BigInteger::add))
                .isEqualTo(new java.math.BigInteger("333332833333500000"));
        }
    }

    @Test
    void mapOfNoInputsReturnsAnEmptyListAndStartsNoWorker() throws Exception {
        try (ProcessPool pool = ProcessPool.create(2)) {
            assertThat(pool.map(i -> i, List.<Integer>of(), 10)).isEmpty();
            assertThat(pool.workersStarted()).isZero();
        }
    }

    @Test
    void aFailingChunkFailsMapNamingItsInputsWithTheTasksExceptionAsCause() {
        try (ProcessPool pool = ProcessPool.create(2)) {
            assertThatThrownBy(() -> pool.map(i -> 10 / (i - 25), IntStream.range(0, 50).boxed().toList(), 10))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("map chunk 2 (inputs 20 to 29)")
                .cause().isInstanceOf(ArithmeticException.class).hasMessage("/ by zero");
        }
    }

    @Test
    void invokeAllWaitsForEveryTaskAndReturnsTheirFuturesInOrder() throws Exception {
        try (ProcessPool pool = ProcessPool.create(2)) {
            List<SerializableCallable<String>> tasks = List.of(() -> "a", () -> {
                throw new IllegalStateException("b failed");
            }, () -> "c");

            List<Future<String>> futures = pool.invokeAll(tasks);

            assertCompletedNormally(futures.get(0), "a");
            assertThat(assertCompletedExceptionally(futures.get(1), IllegalStateException.class))
                .hasMessage("b failed");
            assertCompletedNormally(futures.get(2), "c");
        }
    }

    @Test
    void invokeAllWithATimeoutCancelsTheTasksNotDoneAndKillsTheWorkerRunningOne() throws Exception {
        String started = dir.resolve("started").toString();
        try (ProcessPool pool = ProcessPool.builder().workers(2).prestart(true).build()) {
            // The bound below is for the tasks, not for booting JVMs on a loaded machine.
            await().atMost(Delays.LONGER).pollInterval(Duration.ofMillis(20))
                .until(() -> pool.readyWorkerPids().size() == 2);
            List<SerializableCallable<String>> tasks = List.of(() -> "quick", () -> {
                Markers.announcePid(started);
                Thread.sleep(Delays.LONGER.toMillis());
                return "never";
            });

            List<Future<String>> futures = pool.invokeAll(tasks, Delays.SMALL.toMillis() * 4, TimeUnit.MILLISECONDS);

            assertCompletedNormally(futures.get(0), "quick");
            assertCancelled(futures.get(1));
            Markers.awaitDead(Markers.awaitPid(Path.of(started)));
        }
    }

    @Test
    void invokeAnyReturnsTheResultOfATaskThatSucceededWhenOthersFail() throws Exception {
        try (ProcessPool pool = ProcessPool.create(2)) {
            List<SerializableCallable<Integer>> tasks = List.of(() -> {
                throw new IllegalStateException("first fails");
            }, () -> 42, () -> {
                throw new IllegalStateException("third fails");
            });

            assertThat(pool.invokeAny(tasks)).isEqualTo(42);
            assertThat(pool.invokeAny(tasks, Delays.LONG.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(42);
        }
    }

    @Test
    void invokeAnyThrowsExecutionExceptionWithAFailureWhenEveryTaskFails() {
        try (ProcessPool pool = ProcessPool.create(2)) {
            List<SerializableCallable<Integer>> tasks = List.of(() -> {
                throw new IllegalStateException("fails");
            }, () -> {
                throw new IllegalStateException("fails");
            });

            assertThatThrownBy(() -> pool.invokeAny(tasks)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("fails");
        }
    }

    @Test
    void theInitializerRunsOnceInEachWorkerBeforeItsFirstTask() throws Exception {
        String log = dir.resolve("initialized").toString();
        try (ProcessPool pool = ProcessPool.builder().workers(2).initializer(() -> {
            Markers.appendLine(log, Long.toString(pid()));
            System.setProperty("jconcurrency.test.initialized", "yes");
        }).build()) {
            List<SerializableCallable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                tasks.add(() -> pid() + " " + System.getProperty("jconcurrency.test.initialized"));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }

            assertThat(results).allSatisfy(r -> assertThat(r).endsWith(" yes"));
            assertThat(java.nio.file.Files.readAllLines(Path.of(log)))
                .containsExactlyInAnyOrderElementsOf(pool.workerPids().stream().map(String::valueOf).toList());
        }
    }

    @Test
    void shutdownLetsQueuedTasksFinishRejectsNewOnesAndThenTheWorkersExit() throws Exception {
        ProcessPool pool = ProcessPool.create(2);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int x = i;
            futures.add(pool.submit(() -> {
                Thread.sleep(Delays.SHORT.toMillis());
                return x;
            }));
        }
        List<Long> pids = pool.workerPids();

        pool.shutdown();

        assertThat(pool.isShutdown()).isTrue();
        assertThatThrownBy(() -> pool.submit(() -> 1)).isInstanceOf(RejectedExecutionException.class)
            .hasMessageContaining("shut down");
        assertThat(pool.awaitTermination(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(pool.isTerminated()).isTrue();
        for (int i = 0; i < 6; i++) {
            assertCompletedNormally(futures.get(i), i);
        }
        assertThat(pids).allSatisfy(pid -> assertThat(Markers.isAlive(pid)).isFalse());
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void shutdownNowCancelsAndReturnsTheTasksThatNeverStartedAndKillsTheRunningOne() throws Exception {
        String started = dir.resolve("started").toString();
        String ran = dir.resolve("ran").toString();
        ProcessPool pool = ProcessPool.create(1);
        Future<Object> running = pool.submit(() -> {
            Markers.announcePid(started);
            Thread.sleep(Delays.LONGER.toMillis());
            return null;
        });
        long worker = Markers.awaitPid(Path.of(started));
        List<Future<?>> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            queued.add(pool.submit(() -> Markers.appendLine(ran, "ran")));
        }

        List<Runnable> neverStarted = pool.shutdownNow();

        assertThat(neverStarted).containsExactlyElementsOf(queued.stream().map(Runnable.class::cast).toList());
        queued.forEach(future -> assertCancelled(future));
        assertCancelled(running);
        assertThat(pool.awaitTermination(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(Markers.isAlive(worker)).isFalse();
        assertThat(Markers.lineCount(Path.of(ran))).isZero();
        assertThat(pool.shutdownNow()).as("a second shutdownNow").isEmpty();
    }

    @Test
    void closeLeavesNoChildProcessAndASecondCloseIsHarmless() throws Exception {
        ProcessPool pool = ProcessPool.builder().workers(2).prestart(true).build();
        assertThat(pool.submit(() -> 1).get()).isEqualTo(1);
        await().atMost(Delays.LONG).until(() -> pool.workerPids().size() == 2);

        pool.close();

        assertThat(pool.isTerminated()).isTrue();
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
        pool.close();
        assertThat(pool.isTerminated()).isTrue();
    }

    @Test
    void executeReportsAFailureToTheUncaughtExceptionHandlerOfThePoolsThreads() throws Exception {
        LinkedBlockingQueue<Throwable> uncaught = new LinkedBlockingQueue<>();
        ThreadFactory factory = task -> {
            Thread thread = Thread.ofPlatform().daemon(true).unstarted(task);
            thread.setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
            return thread;
        };
        try (ProcessPool pool = ProcessPool.builder().workers(1).threadFactory(factory).build()) {
            pool.execute(() -> {
                throw new IllegalStateException("nobody waits for me");
            });

            assertThat(uncaught.poll(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(IllegalStateException.class).hasMessage("nobody waits for me");
        }
    }

    @Test
    void everyThreadThePoolUsesComesFromItsFactoryAndEndsWithThePool() throws Exception {
        TrackingThreadFactory factory = TrackingThreadFactory.platform("pool-io");
        long started;
        try (ProcessPool pool = ProcessPool.builder().workers(2).threadFactory(factory).maxTasksPerWorker(1).build()) {
            pool.invokeAll(List.<SerializableCallable<Integer>>of(() -> 1, () -> 2, () -> 3));
            started = pool.workersStarted();
        }
        // Three threads serve each worker JVM; a worker started beside others is launched from a thread of its own.
        assertThat(factory.count()).as("three threads per worker JVM, and at most one launcher each")
            .isBetween((int) (3 * started), (int) (4 * started));
        factory.assertAllTerminated();
    }

    @Test
    void whatATaskPrintsAppearsOnTheParentsStandardErrorAndLeavesTheProtocolIntact() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (ProcessPool pool = ProcessPool.create(1)) {
            Future<Integer> future = pool.submit(() -> {
                System.out.println("hello from the worker's System.out");
                System.err.println("and from its System.err");
                return 1;
            });
            assertThat(future.get()).isEqualTo(1);
            long worker = pool.workerPids().get(0);
            pool.close();
            assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("[worker " + worker + "] hello from the worker's System.out")
                .contains("[worker " + worker + "] and from its System.err");
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void aPlainCallableCastToSerializableIsAcceptedToo() throws Exception {
        try (ProcessPool pool = ProcessPool.create(1)) {
            Callable<String> task = (Callable<String> & java.io.Serializable) () -> "cast";
            Future<String> callable = pool.submit(task);
            Future<String> runnable = pool.submit((Runnable & java.io.Serializable) () -> { }, "fixed");

            assertThat(callable.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("cast");
            assertThat(runnable.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("fixed");
        }
    }

    /**
     * Regression: with tasks queued in its pipe, a worker once kept finished results in its output buffer until
     * it next went idle, so a quick task's future waited for the long task behind it.
     */
    @Test
    void aQuickTasksResultArrivesWhileTheLongTaskSentRightBehindItIsStillRunning() throws Exception {
        String release = dir.resolve("release").toString();
        try (ProcessPool pool = ProcessPool.create(1)) {
            List<SerializableCallable<Integer>> tiny = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                tiny.add(() -> 1);
            }
            pool.invokeAll(tiny); // teaches the pool that this worker is fast: it now sends tasks ahead
            Future<String> quick = pool.submit(() -> {
                Thread.sleep(Delays.SHORT.toMillis()); // long enough for the next task to reach the worker first
                return "quick";
            });
            Future<Boolean> slow = pool.submit(() -> Markers.awaitFile(release));
            await().atMost(Delays.LONG).until(() -> ((PoolTask<?>) slow).state == PoolTask.DISPATCHED);

            assertThat(quick.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("quick");
            assertThat(slow.isDone()).isFalse();
            Markers.release(Path.of(release));
            assertThat(slow.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }
    }
}
