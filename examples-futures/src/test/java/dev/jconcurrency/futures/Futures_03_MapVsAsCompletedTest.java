package dev.jconcurrency.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.testing.Waits;
import dev.jconcurrency.futures.Futures_03_MapVsAsCompleted.Arrival;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

class Futures_03_MapVsAsCompletedTest {

    /** Tasks of 3, 1 and 2 units, a unit being SMALL: completions are a quarter of a second apart. */
    @Test
    void mapGivesSubmissionOrderAndAsCompletedGivesCompletionOrder() throws Exception {
        Duration unit = Delays.SMALL;

        Futures_03_MapVsAsCompleted.Result result =
            Futures_03_MapVsAsCompleted.run(List.of(unit.multipliedBy(3), unit, unit.multipliedBy(2)));

        assertThat(result.mapValues()).containsExactly(0, 1, 4);
        assertThat(result.completionValues()).containsExactly(1, 4, 0);
    }

    @Test
    void mapHandsOverNothingUntilTheSlowestTaskIsDoneWhileAsCompletedHandsOverEachWhenItIsDone() throws Exception {
        Duration unit = Delays.SHORT;
        List<Duration> lengths = List.of(unit.multipliedBy(3), unit, unit.multipliedBy(2));

        Futures_03_MapVsAsCompleted.Result result = Futures_03_MapVsAsCompleted.run(lengths);

        assertThat(result.inSubmissionOrder()).extracting(Arrival::after)
            .allSatisfy(after -> assertThat(after).isGreaterThanOrEqualTo(unit.multipliedBy(3)));
        for (Arrival arrival : result.inCompletionOrder()) {
            Duration length = lengths.get((int) Math.round(Math.sqrt(arrival.value())));
            assertThat(arrival.after()).as("result %d", arrival.value()).isGreaterThanOrEqualTo(length);
        }
    }

    /**
     * The completion order is forced by gates, with no timing at all: each result handed over opens the gate of
     * the next task in the order 2, 0, 1.
     */
    @Test
    void asCompletedHandsResultsOverExactlyInTheOrderTheTasksFinish() throws Exception {
        List<CountDownLatch> gates = List.of(new CountDownLatch(1), new CountDownLatch(1), new CountDownLatch(1));
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            tasks.add(() -> {
                gates.get(n).await();
                return n * n;
            });
        }
        List<Integer> order = List.of(2, 0, 1);
        List<Integer> received = new ArrayList<>();
        gates.get(order.get(0)).countDown();

        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            Futures_03_MapVsAsCompleted.asCompleted(pool, tasks, value -> {
                received.add(value);
                if (received.size() < order.size()) {
                    gates.get(order.get(received.size())).countDown();
                }
            });
        } finally {
            gates.forEach(CountDownLatch::countDown);
        }

        assertThat(received).containsExactly(4, 0, 1);
    }

    /** Task 0 returns only after tasks 1 and 2 have returned, so it surely finishes last; map still puts it first. */
    @Test
    void mapReturnsResultsInSubmissionOrderEvenWhenTheFirstTaskFinishesLast() throws Exception {
        CountDownLatch othersDone = new CountDownLatch(2);
        List<Callable<String>> tasks = List.of(
            () -> {
                othersDone.await();
                return "first submitted, last finished";
            },
            () -> {
                othersDone.countDown();
                return "second";
            },
            () -> {
                othersDone.countDown();
                return "third";
            });

        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            assertThat(Futures_03_MapVsAsCompleted.map(pool, tasks))
                .containsExactly("first submitted, last finished", "second", "third");
        }
    }

    @Test
    void mapReportsAFailingTaskAsExecutionExceptionWithItsOriginalCause() throws Exception {
        IllegalStateException failure = new IllegalStateException("no route to host");
        List<Callable<String>> tasks = List.of(() -> "fine", () -> {
            throw failure;
        });

        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            assertThatThrownBy(() -> Futures_03_MapVsAsCompleted.map(pool, tasks))
                .isInstanceOf(ExecutionException.class).cause().isSameAs(failure);
        }
    }

    /** After a failure nobody will read the other results, so the tasks still running are interrupted. */
    @Test
    void asCompletedStopsTheTasksStillRunningWhenOneFails() throws Exception {
        CountDownLatch heldStarted = new CountDownLatch(1);
        CountDownLatch heldInterrupted = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        IllegalStateException failure = new IllegalStateException("disk full");
        List<Callable<String>> tasks = List.of(
            () -> {
                heldStarted.countDown();
                try {
                    never.await();
                    return "held";
                } catch (InterruptedException e) {
                    heldInterrupted.countDown();
                    throw e; // the test pool's thread: propagating ends the task as the cancel asked
                }
            },
            () -> {
                Waits.await(heldStarted);
                throw failure;
            });
        List<String> received = new ArrayList<>();

        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            assertThatThrownBy(() -> Futures_03_MapVsAsCompleted.asCompleted(pool, tasks, received::add))
                .isInstanceOf(ExecutionException.class).cause().isSameAs(failure);
            Waits.await(heldInterrupted);
        } finally {
            never.countDown();
        }
        assertThat(received).isEmpty();
    }

    @Test
    void badArgumentsAreRefusedByName() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(1)) {
            List<Callable<Integer>> none = List.of();
            assertThatThrownBy(() -> Futures_03_MapVsAsCompleted.map(null, none))
                .isInstanceOf(NullPointerException.class).hasMessage("pool");
            assertThatThrownBy(() -> Futures_03_MapVsAsCompleted.map(pool, null))
                .isInstanceOf(NullPointerException.class).hasMessage("tasks");
            assertThatThrownBy(() -> Futures_03_MapVsAsCompleted.asCompleted(null, none, v -> { }))
                .isInstanceOf(NullPointerException.class).hasMessage("pool");
            assertThatThrownBy(() -> Futures_03_MapVsAsCompleted.asCompleted(pool, null, v -> { }))
                .isInstanceOf(NullPointerException.class).hasMessage("tasks");
            assertThatThrownBy(() -> Futures_03_MapVsAsCompleted.asCompleted(pool, none, null))
                .isInstanceOf(NullPointerException.class).hasMessage("onResult");
        }
        assertThatThrownBy(() -> Futures_03_MapVsAsCompleted.run(null))
            .isInstanceOf(NullPointerException.class).hasMessage("lengths");
        assertThatThrownBy(() -> Futures_03_MapVsAsCompleted.run(List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("lengths must not be empty: []");
    }
}
