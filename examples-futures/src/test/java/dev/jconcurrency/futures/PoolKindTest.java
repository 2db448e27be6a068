package dev.jconcurrency.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.process.ProcessPool;
import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.workload.Workloads;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class PoolKindTest {

    /** A task that can travel to a child JVM: waits, then says which JVM it ran in. */
    record PidAfterWait(Duration delay) implements Callable<Long>, Serializable {
        @Override
        public Long call() throws InterruptedException {
            Workloads.sleep(delay); // an interrupt (cancellation) ends the task: propagated on purpose
            return ProcessHandle.current().pid();
        }
    }

    @Test
    void aThreadPoolRunsTasksOnThreadsOfThisJvm() throws Exception {
        try (ExecutorService pool = PoolKind.THREAD.open(2)) {
            Future<String> name = pool.submit(() -> Thread.currentThread().getName());
            assertThat(name.get()).matches("pool-\\d+-thread-1");
            assertThat(pool.submit(new PidAfterWait(Duration.ZERO)).get()).isEqualTo(ProcessHandle.current().pid());
        }
        assertThat(PoolKind.THREAD.label()).isEqualTo("Thread");
        assertThat(PoolKind.THREAD.optionValue()).isEqualTo("thread");
    }

    /**
     * Three waiting tasks on a process pool of three run in three different JVMs, none of them ours, and closing
     * the pool leaves no child process behind.
     */
    @Test
    void aProcessPoolRunsEachOfThreeWaitingTasksInAChildJvmOfItsOwn() throws Exception {
        List<PidAfterWait> tasks = List.of(new PidAfterWait(Delays.SMALL), new PidAfterWait(Delays.SMALL),
            new PidAfterWait(Delays.SMALL));
        Set<Long> ranIn = new HashSet<>();
        try (ExecutorService pool = PoolKind.PROCESS.open(3)) {
            assertThat(pool).isInstanceOf(ProcessPool.class);
            // A worker takes one task at a time until it has seen how long tasks take, so while the first three
            // wait, each of the three workers holds one of them.
            ranIn.addAll(Futures_03_MapVsAsCompleted.map(pool, tasks));
            assertThat(((ProcessPool) pool).workerPids()).containsExactlyInAnyOrderElementsOf(ranIn);
        }
        assertThat(ranIn).hasSize(3).doesNotContain(ProcessHandle.current().pid());
        assertThat(ProcessHandle.current().descendants()).as("close() ends and reaps every worker JVM").isEmpty();
        assertThat(PoolKind.PROCESS.label()).isEqualTo("Process");
        assertThat(PoolKind.PROCESS.optionValue()).isEqualTo("process");
    }

    @Test
    void theSeedsTaskGivesTheSameSquaresOnThreadsAndOnChildJvms() throws Exception {
        for (PoolKind kind : PoolKind.values()) {
            try (ExecutorService pool = kind.open(2)) {
                assertThat(Futures_03_MapVsAsCompleted.map(pool, SquareAfterWait.range(4, Duration.ZERO)))
                    .as(kind.label()).containsExactly(0, 1, 4, 9);
            }
        }
    }

    @Test
    void aPoolNeedsAtLeastOneWorker() {
        for (PoolKind kind : PoolKind.values()) {
            assertThatThrownBy(() -> kind.open(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("workers must be positive: 0");
        }
    }
}
