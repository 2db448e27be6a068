package dev.jconcurrency.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jconcurrency.core.testing.Delays;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** TESTING.md R10 soak: many child JVMs started and ended leave no process and no file descriptor behind. */
@Tag("slow")
class ChildJvmSoakTest {

    private static final int CYCLES = 200;
    private static final int FD_TOLERANCE = 5;

    @Test
    @EnabledOnOs(OS.LINUX)
    void twoHundredSpawnExitCyclesLeaveNoChildAndNoFileDescriptorBehind() throws Exception {
        ChildJvm child = ChildJvm.of(ChildMains.ExitWith.class).withArgs("0", "1");
        child.run(); // the first run loads classes and may open the JDK's own files for good
        long before = openFileDescriptors();

        // Two at a time, as a program on 2 cores would: the same 200 cycles in about half the time.
        for (int i = 0; i < CYCLES; i += 2) {
            ChildJvm.Running first = child.start();
            ChildJvm.Running second = child.start();
            assertThat(first.get().exitCode()).isZero();
            assertThat(second.get().exitCode()).isZero();
        }

        await().atMost(Delays.LONG).pollInterval(Duration.ofMillis(20))
            .until(() -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive));
        await().atMost(Delays.LONG).pollInterval(Duration.ofMillis(20))
            .until(() -> Math.abs(openFileDescriptors() - before) <= FD_TOLERANCE);
        assertThat(openFileDescriptors()).isBetween(before - FD_TOLERANCE, before + FD_TOLERANCE);
    }

    private static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
