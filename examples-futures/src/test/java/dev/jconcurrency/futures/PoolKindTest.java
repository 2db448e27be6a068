package dev.jconcurrency.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class PoolKindTest {

    @Test
    void aThreadPoolRunsTasksOnThreadsOfThisJvm() throws Exception {
        try (ExecutorService pool = PoolKind.THREAD.open(2)) {
            Future<String> name = pool.submit(() -> Thread.currentThread().getName());
            assertThat(name.get()).matches("pool-\\d+-thread-1");
        }
        assertThat(PoolKind.THREAD.isAvailable()).isTrue();
        assertThat(PoolKind.THREAD.label()).isEqualTo("Thread");
        assertThat(PoolKind.THREAD.optionValue()).isEqualTo("thread");
    }

    @Test
    void theProcessPoolSaysItIsNotAvailableYetInsteadOfPretending() {
        assertThat(PoolKind.PROCESS.isAvailable()).isFalse();
        assertThat(PoolKind.PROCESS.label()).isEqualTo("Process");
        assertThatThrownBy(() -> PoolKind.PROCESS.open(2))
            .isInstanceOf(UnsupportedOperationException.class)
            .hasMessage("'process' is not available yet: the child-JVM process pool has not landed in "
                + "concurrency-core");
    }

    @Test
    void aPoolNeedsAtLeastOneWorker() {
        assertThatThrownBy(() -> PoolKind.THREAD.open(0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("workers must be positive: 0");
    }
}
