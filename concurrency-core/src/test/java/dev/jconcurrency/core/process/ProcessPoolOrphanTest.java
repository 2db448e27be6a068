package dev.jconcurrency.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jconcurrency.core.testing.Delays;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A parent killed with SIGKILL runs no cleanup at all, yet its workers must not outlive it (TESTING.md R10,
 * orphans): an idle worker sees end-of-file on stdin, a busy one notices that its parent changed.
 */
@Tag("slow") // two JVM generations per case: about 2 s on an idle 2-core machine
class ProcessPoolOrphanTest {

    /** R10: the orphan exits within 5 s of its parent's death. */
    private static final Duration FIVE_SECONDS = Delays.LONG.dividedBy(2);

    @ParameterizedTest(name = "a {0} worker")
    @ValueSource(strings = {"idle", "busy"})
    void aWorkerWhoseParentIsKilledWithSigkillExitsWithinFiveSeconds(String state) throws Exception {
        List<String> command = Processes.command(List.of(), ChildJvm.FAST_START_FLAGS,
            ChildMains.PoolParent.class.getName(), List.of(state));
        try (ExecutorService reader = Executors.newSingleThreadExecutor()) {
            Process parent = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long worker = -1;
            try {
                Future<String> firstLine = reader.submit(() -> new BufferedReader(
                    new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8)).readLine());
                worker = Long.parseLong(firstLine.get(Delays.LONGER.toMillis(), TimeUnit.MILLISECONDS).strip());
                assertThat(ProcessHandle.of(worker).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
                    .contains(parent.pid());

                parent.destroyForcibly();
                assertThat(parent.waitFor(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
                long killed = System.nanoTime();

                long orphan = worker;
                await().atMost(FIVE_SECONDS).pollInterval(Duration.ofMillis(20))
                    .until(() -> !Markers.isAlive(orphan));
                assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(FIVE_SECONDS);
            } finally {
                // Before the reader closes: a dead parent's stdout ends, so the reader's readLine returns.
                parent.destroyForcibly();
                if (worker > 0) {
                    // Re-parented, so no longer our descendant: the leak check would not see it if this failed.
                    ProcessHandle.of(worker).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }
}
