package dev.jconcurrency.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.threading.Threading_06_Deadlock.Deadlock;
import dev.jconcurrency.threading.Threading_06_Deadlock.Fixed;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Threading_06_DeadlockTest {

    private static final long OPENING = Fixed.openingBalance();

    /**
     * Two transfers taking the same two locks in opposite order deadlock; the JVM names both threads; interrupting
     * one (the victim) lets the other complete, and neither thread outlives the call.
     */
    @Test
    void oppositeLockOrderDeadlocksAndTheJvmReportsBothThreads() throws Exception {
        Deadlock deadlock = Threading_06_Deadlock.deadlock(Delays.LONG);

        assertThat(deadlock.deadlocked()).containsExactlyInAnyOrder("transfer-A-to-B", "transfer-B-to-A");
        assertThat(deadlock.waits()).hasSize(2)
            .anyMatch(w -> w.startsWith("transfer-A-to-B waits for ") && w.endsWith(" held by transfer-B-to-A"))
            .anyMatch(w -> w.startsWith("transfer-B-to-A waits for ") && w.endsWith(" held by transfer-A-to-B"));
        assertThat(deadlock.detectedAfter()).isLessThan(Delays.LONG);
        assertThat(deadlock.victim()).isEqualTo("transfer-A-to-B");
        assertThat(deadlock.endedByInterrupt()).isEqualTo(1);
        assertThat(deadlock.completed()).isEqualTo(1);
        assertThat(deadlock.balanceA()).isEqualTo(OPENING + 2);
        assertThat(deadlock.balanceB()).isEqualTo(OPENING - 2);
        assertThat(liveThreadsNamed("transfer-A-to-B", "transfer-B-to-A")).isEmpty();
    }

    @Test
    void takingLocksInOneGlobalOrderNeverDeadlocksAndMovesEveryAmount() throws Exception {
        Fixed fixed = Threading_06_Deadlock.lockOrdering(10_000);

        assertThat(fixed.balanceA()).isEqualTo(OPENING + 10_000);
        assertThat(fixed.balanceB()).isEqualTo(OPENING - 10_000);
        assertThat(fixed.retries()).isZero();
    }

    /** The first transfers are forced to collide exactly as the deadlocking ones did; tryLock gets out of it. */
    @Test
    void tryLockWithTimeoutBacksOutOfTheForcedCollisionAndMovesEveryAmount() throws Exception {
        Fixed fixed = Threading_06_Deadlock.tryLockWithTimeout(1_000, Delays.SHORT);

        assertThat(fixed.balanceA()).isEqualTo(OPENING + 1_000);
        assertThat(fixed.balanceB()).isEqualTo(OPENING - 1_000);
        assertThat(fixed.retries()).isPositive();
    }

    @Test
    void badArgumentsNameTheParameterAndTheValue() {
        assertThatThrownBy(() -> Threading_06_Deadlock.deadlock(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("detectWithin must be positive: PT0S");
        assertThatThrownBy(() -> Threading_06_Deadlock.deadlock(null))
            .isInstanceOf(NullPointerException.class).hasMessage("detectWithin");
        assertThatThrownBy(() -> Threading_06_Deadlock.lockOrdering(-1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("transfersEach must not be negative: -1");
        assertThatThrownBy(() -> Threading_06_Deadlock.tryLockWithTimeout(0, Delays.SHORT))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("transfersEach must be positive: 0");
        assertThatThrownBy(() -> Threading_06_Deadlock.tryLockWithTimeout(1, Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive: PT0S");
        assertThatThrownBy(() -> Threading_06_Deadlock.tryLockWithTimeout(1, null))
            .isInstanceOf(NullPointerException.class).hasMessage("timeout");
    }

    private static Set<Thread> liveThreadsNamed(String... names) {
        Set<String> wanted = Set.of(names);
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && wanted.contains(t.getName()))
            .collect(java.util.stream.Collectors.toSet());
    }
}
