package dev.jconcurrency.docs.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jconcurrency.core.process.ProcessPool;
import dev.jconcurrency.core.workload.Workloads;

import java.math.BigInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The process pool sweep's set-up: every worker JVM is up before the clock starts, and the chunks add up there. */
@Tag("slow") // two worker JVMs start: well under a second idle, more under load
class ProcessPoolSweepTest {

    @Test
    void aStartedPoolHasEveryWorkerRunningAndSumsTheChunksInThem() throws Exception {
        try (ProcessPool pool = Sweeps.startedPool(2)) {
            assertThat(pool.workerPids()).hasSize(2).doesNotHaveDuplicates();
            assertThat(pool.workersStarted()).isEqualTo(2);

            BigInteger sum = Sweeps.chunkedSum(pool, 1_000_000, 2);

            assertThat(sum).isEqualTo(new BigInteger("333332833333500000"))
                .isEqualTo(Workloads.sumOfSquaresClosedForm(1_000_000));
            // The chunks ran in the workers already started: none died, none was replaced.
            assertThat(pool.workersStarted()).isEqualTo(2);
        }
    }
}
