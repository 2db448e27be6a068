package dev.jconcurrency.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * TESTING.md R12: no {@code *Async(...)} call in this module's main code may leave the executor out. On a 2-CPU
 * machine the default, the common pool, has a single worker, and two blocking tasks on it deadlock.
 */
class NoExecutorlessAsyncCallsTest {

    private static final Pattern ASYNC_CALL = Pattern.compile(
        "\\b(supplyAsync|runAsync|then\\w*Async|whenCompleteAsync|handleAsync|exceptionally\\w*Async)\\s*\\(");
    private static final Pattern FORBIDDEN = Pattern.compile("\\bparallelStream\\s*\\(|\\.parallel\\s*\\(");

    @Test
    void everyAsyncCallInMainCodeNamesItsExecutor() throws IOException {
        List<String> offenders = new ArrayList<>();
        int calls = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher call = ASYNC_CALL.matcher(source);
                while (call.find()) {
                    calls++;
                    if (topLevelArguments(source, call.end()) < 2) {
                        offenders.add(file.getFileName() + ": " + call.group(1) + " at offset " + call.start());
                    }
                }
                if (FORBIDDEN.matcher(source).find()) {
                    offenders.add(file.getFileName() + ": a parallel stream");
                }
            }
        }
        assertThat(calls).as("the scan found the async calls it is meant to check").isGreaterThan(5);
        assertThat(offenders).isEmpty();
    }

    @Test
    void theScanCountsTopLevelArguments() {
        assertThat(topLevelArguments("f(a, g(b, c))", 2)).isEqualTo(2);
        assertThat(topLevelArguments("f(() -> g(b, c))", 2)).isEqualTo(1);
        assertThat(topLevelArguments("f(x -> { a(1, 2); }, pool)", 2)).isEqualTo(2);
    }

    /** Counts the arguments of the call whose opening parenthesis ends at {@code open}. */
    private static int topLevelArguments(String source, int open) {
        int depth = 0;
        int commas = 0;
        for (int i = open; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                if (depth == 0) {
                    return commas + 1;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                commas++;
            }
        }
        throw new IllegalStateException("unbalanced call at " + open);
    }
}
