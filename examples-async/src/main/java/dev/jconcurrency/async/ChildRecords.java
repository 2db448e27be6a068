package dev.jconcurrency.async;

import dev.jconcurrency.core.process.ChildJvm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a lesson's child JVM reports to the lesson that started it with core's {@link ChildJvm}: one record per
 * line of its standard output, a key and then words ({@code total 1002345678}). Text for the learner goes to the
 * child's standard error, which {@link ChildJvm.Result} keeps apart, so data needs no marker to stand out.
 *
 * <p>Both sides live here: the child {@linkplain #print(String) prints} its records, the parent
 * {@linkplain #of(ChildJvm.Result) reads} them back.
 */
final class ChildRecords {

    private final ChildJvm.Result result;

    private ChildRecords(ChildJvm.Result result) {
        this.result = result;
    }

    /** In the child: prints one record, a key and its words separated by single spaces. */
    static void print(String record) {
        System.out.println(record);
    }

    /** In the parent: the records of a finished child. */
    static ChildRecords of(ChildJvm.Result result) {
        return new ChildRecords(Objects.requireNonNull(result, "result"));
    }

    /** The records whose first word is {@code key}, each split into words with the key removed, in order. */
    List<List<String>> records(String key) {
        List<List<String>> found = new ArrayList<>();
        for (String line : result.stdout().lines().toList()) {
            List<String> words = List.of(line.split(" "));
            if (words.get(0).equals(key)) {
                found.add(words.subList(1, words.size()));
            }
        }
        return found;
    }

    /** The single record {@code key}; fails, quoting what the child printed, if there is not exactly one. */
    List<String> record(String key) {
        List<List<String>> found = records(key);
        if (found.size() != 1) {
            throw new IllegalStateException("expected one '" + key + "' record from child JVM pid " + result.pid()
                + ", got " + found.size() + "; its stdout: " + result.stdout().lines().toList()
                + "; its stderr: " + result.stderrTail().lines().toList());
        }
        return found.get(0);
    }
}
