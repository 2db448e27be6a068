package dev.jconcurrency.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jconcurrency.core.testing.Delays;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 100,000 small tasks while workers are killed at random: every future ends, completed or failed, none hangs;
 * each kill fails at most the one task its worker was running; the pool never has more than its workers.
 * (Python's {@code multiprocessing.Pool} loses the running task and its {@code get()} hangs for ever;
 * {@code ProcessPoolExecutor} fails every pending future.)
 */
@Tag("slow")
class ProcessPoolStressTest {

    private static final int TASKS = 100_000;
    private static final int KILLS = 20;
    private static final int WORKERS = 2;

    @Test
    void everyFutureEndsAndOnlyTheTasksRunningAtAKillFail() throws Exception {
        Set<Long> killed = new HashSet<>();
        try (ProcessPool pool = ProcessPool.builder().workers(WORKERS).prestart(true).build()) {
            List<Future<Long>> futures = new ArrayList<>(TASKS);
            for (int i = 0; i < TASKS; i++) {
                long x = i;
                futures.add(pool.submit(() -> x * x));
            }
            // Kill a random worker each time another 1/(KILLS + 1) of the tasks is done: faults spread over the
            // run, paced by progress rather than by the clock.
            for (int k = 1; k <= KILLS; k++) {
                Future<Long> milestone = futures.get(k * TASKS / (KILLS + 1));
                await().atMost(Delays.LONGER).pollInterval(Duration.ofMillis(10)).until(milestone::isDone);
                List<Long> ready = pool.readyWorkerPids();
                assertThat(pool.workerPids()).hasSizeLessThanOrEqualTo(WORKERS);
                if (!ready.isEmpty()) {
                    long victim = ready.get(ThreadLocalRandom.current().nextInt(ready.size()));
                    ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
                    killed.add(victim);
                }
            }

            int succeeded = 0;
            List<ChildJvmException> failures = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                try {
                    assertThat(futures.get(i).get(Delays.LONGER.toMillis(), TimeUnit.MILLISECONDS))
                        .isEqualTo((long) i * i);
                    succeeded++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ChildJvmException.class);
                    failures.add((ChildJvmException) e.getCause());
                }
            }

            System.out.printf("%d succeeded, %d failed, %d workers killed, %d started%n", succeeded,
                failures.size(), killed.size(), pool.workersStarted());
            assertThat(succeeded + failures.size()).isEqualTo(TASKS);
            assertThat(failures).hasSizeLessThanOrEqualTo(killed.size())
                .allSatisfy(f -> {
                    assertThat(f.exitCode()).isEqualTo(137);
                    assertThat(killed).contains(f.pid());
                });
            assertThat(failures.stream().map(ChildJvmException::pid).distinct().count()).isEqualTo(failures.size());
            assertThat(pool.workersStarted()).isEqualTo(WORKERS + killed.size());
        }
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
    }
}
