package dev.jconcurrency.docs.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads back the parts of a generated page that tests check: headings, tables, image links. */
final class Markdown {

    private final List<String> lines;

    Markdown(String text) {
        this.lines = text.lines().toList();
    }

    /** Every heading line, e.g. {@code ## Threads on I/O}, in order. */
    List<String> headings() {
        return lines.stream().filter(line -> line.startsWith("#")).toList();
    }

    /** Every image link line, in order. */
    List<String> images() {
        return lines.stream().filter(line -> line.startsWith("![")).toList();
    }

    /** The lines of the section under {@code heading}, up to the next heading. */
    List<String> section(String heading) {
        int start = lines.indexOf(heading);
        if (start < 0) {
            throw new AssertionError("no heading '" + heading + "' in " + headings());
        }
        List<String> body = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            body.add(lines.get(i));
        }
        return body;
    }

    /** The first table under {@code heading}: header cells first, then each row's cells, trimmed; no rule. */
    List<List<String>> table(String heading) {
        List<List<String>> rows = new ArrayList<>();
        boolean started = false;
        for (String line : section(heading)) {
            if (line.startsWith("|")) {
                started = true;
                List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|"))
                    .map(String::strip).toList();
                if (!cells.stream().allMatch(c -> c.matches("-+:?"))) {
                    rows.add(cells);
                }
            } else if (started) {
                break;
            }
        }
        return rows;
    }

    /** One column of a table, header excluded. */
    static List<String> column(List<List<String>> table, String header) {
        int index = table.get(0).indexOf(header);
        if (index < 0) {
            throw new AssertionError("no column '" + header + "' in " + table.get(0));
        }
        return table.subList(1, table.size()).stream().map(row -> row.get(index)).toList();
    }
}
