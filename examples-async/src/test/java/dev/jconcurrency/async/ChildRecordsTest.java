package dev.jconcurrency.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.process.ChildJvm;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Reading a child's records back: by key, in order, other lines ignored, and a missing one named. */
class ChildRecordsTest {

    private static final ChildJvm.Result CHILD = new ChildJvm.Result(0,
        "row 1 a\nsome warning the JVM printed\nrow 2 b\ntotal 42\n", "the section's text\n", 4242,
        Duration.ofMillis(30));

    @Test
    void recordsAreFoundByKeyInOrderWithTheKeyRemoved() {
        ChildRecords records = ChildRecords.of(CHILD);

        assertThat(records.records("row")).containsExactly(List.of("1", "a"), List.of("2", "b"));
        assertThat(records.record("total")).containsExactly("42");
        assertThat(records.records("the")).as("standard error is text, never records").isEmpty();
    }

    @Test
    void aMissingOrRepeatedRecordIsAnErrorThatQuotesTheChild() {
        ChildRecords records = ChildRecords.of(CHILD);

        assertThatThrownBy(() -> records.record("row")).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("'row'").hasMessageContaining("pid 4242").hasMessageContaining("got 2")
            .hasMessageContaining("total 42").hasMessageContaining("the section's text");
        assertThatThrownBy(() -> records.record("carriers")).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("got 0");
    }
}
