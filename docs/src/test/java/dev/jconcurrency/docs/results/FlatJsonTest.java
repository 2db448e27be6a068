package dev.jconcurrency.docs.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlatJsonTest {

    @Test
    void readsTheLineAPythonScriptPrintsWithJsonDumps() {
        Map<String, Object> members = FlatJson.parse("{\"script\": \"threads_cpu\", \"python\": \"3.11.7\", "
            + "\"size\": 100000, \"workers\": [1, 2], \"median_seconds\": [0.25, 1.5e-3], "
            + "\"answer\": \"333328333350000\"}");

        assertThat(members).containsExactly(
            Map.entry("script", "threads_cpu"),
            Map.entry("python", "3.11.7"),
            Map.entry("size", new BigDecimal("100000")),
            Map.entry("workers", List.of(new BigDecimal("1"), new BigDecimal("2"))),
            Map.entry("median_seconds", List.of(new BigDecimal("0.25"), new BigDecimal("1.5e-3"))),
            Map.entry("answer", "333328333350000"));
    }

    @Test
    void decodesTheEscapesJsonDumpsWrites() {
        assertThat(FlatJson.parse("{\"path\": \"C:\\\\py \\\"3\\\"\\u00b5\\n\", \"empty\": [], \"negative\": -2}"))
            .containsExactly(Map.entry("path", "C:\\py \"3\"µ\n"), Map.entry("empty", List.of()),
                Map.entry("negative", new BigDecimal("-2")));
    }

    @Test
    void anEmptyObjectHasNoMembers() {
        assertThat(FlatJson.parse("  {}  ")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[1]", "{\"a\": 1", "{\"a\": true}", "{\"a\": 1} x", "{a: 1}", "{\"a\": \"x}",
        "{\"a\": [1, \"x\"]}", "{\"a\": 1, \"a\": 2}", "{\"a\": \"\\q\"}"})
    void rejectsWhatTheScriptsNeverPrintNamingTheColumn(String line) {
        assertThatThrownBy(() -> FlatJson.parse(line))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("line must be a flat JSON object: ")
            .hasMessageContaining(" at column ");
    }
}
