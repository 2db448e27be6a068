package dev.jconcurrency.core.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A small comparison table, printed aligned for the console or as Markdown for the docs.
 *
 * <h2>How to get one</h2>
 * <pre>{@code
 * Table table = Table.of("threads", "time", "speedup")
 *     .row(1, "2.01 sec", "1.00")
 *     .row(2, "1.05 sec", "1.91");
 * System.out.print(table.toText());
 * }</pre>
 * Cells are written with {@link String#valueOf(Object)}; cells that look like numbers are right-aligned.
 * A table is built by one thread and then printed; it is not meant to be shared while rows are added.
 */
public final class Table {

    private static final Pattern NUMERIC = Pattern.compile("[-+]?[\\d.,]+\\s*[%x×]?(\\s*\\w+)?");

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> headers) {
        this.headers = headers;
    }

    /**
     * A table with these column headers.
     *
     * @param headers at least one, none null
     * @return an empty table
     * @throws NullPointerException if {@code headers} or one of them is null
     * @throws IllegalArgumentException if there are no headers
     */
    public static Table of(String... headers) {
        Objects.requireNonNull(headers, "headers");
        if (headers.length == 0) {
            throw new IllegalArgumentException("headers must not be empty: []");
        }
        for (String header : headers) {
            Objects.requireNonNull(header, "headers");
        }
        return new Table(List.of(headers));
    }

    /**
     * Adds a row.
     *
     * @param cells one per column
     * @return this table
     * @throws NullPointerException if {@code cells} is null
     * @throws IllegalArgumentException if the number of cells differs from the number of columns
     */
    public Table row(Object... cells) {
        Objects.requireNonNull(cells, "cells");
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("cells must have " + headers.size() + " values: " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    /** How many rows have been added. */
    public int size() {
        return rows.size();
    }

    /** The table aligned in columns, a header rule under the header, each line ending in a line break. */
    public String toText() {
        int[] widths = widths();
        StringBuilder text = new StringBuilder();
        appendAligned(text, headers, widths);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        appendAligned(text, rule, widths);
        for (List<String> row : rows) {
            appendAligned(text, row, widths);
        }
        return text.toString();
    }

    /**
     * The table as GitHub-flavoured Markdown, numeric columns right-aligned. A {@code |} in a cell is escaped and a
     * line break becomes a space, so that every row stays one row of the table.
     */
    public String toMarkdown() {
        Table escaped = new Table(headers.stream().map(Table::markdownCell).toList());
        for (List<String> row : rows) {
            escaped.rows.add(row.stream().map(Table::markdownCell).toList());
        }
        int[] widths = escaped.widths();
        StringBuilder text = new StringBuilder();
        text.append("| ").append(String.join(" | ", escaped.padAll(escaped.headers, widths))).append(" |\n");
        text.append('|');
        for (int column = 0; column < widths.length; column++) {
            boolean right = escaped.numericColumn(column);
            text.append(' ').append("-".repeat(widths[column] - (right ? 1 : 0)))
                .append(right ? ":" : "").append(" |");
        }
        text.append('\n');
        for (List<String> row : escaped.rows) {
            text.append("| ").append(String.join(" | ", escaped.padAll(row, widths))).append(" |\n");
        }
        return text.toString();
    }

    private static String markdownCell(String cell) {
        return cell.replace("|", "\\|").replaceAll("\\R", " ");
    }

    @Override
    public String toString() {
        return toText();
    }

    private void appendAligned(StringBuilder text, List<String> cells, int[] widths) {
        text.append(String.join("  ", padAll(cells, widths)).stripTrailing()).append('\n');
    }

    private List<String> padAll(List<String> cells, int[] widths) {
        List<String> padded = new ArrayList<>(cells.size());
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            int pad = widths[column] - cell.length();
            padded.add(numericColumn(column) ? " ".repeat(pad) + cell : cell + " ".repeat(pad));
        }
        return padded;
    }

    private boolean numericColumn(int column) {
        return !rows.isEmpty() && rows.stream().allMatch(row -> NUMERIC.matcher(row.get(column)).matches());
    }

    private int[] widths() {
        int[] widths = new int[headers.size()];
        for (int column = 0; column < widths.length; column++) {
            // Three at least, so that a Markdown rule under a short header is still valid.
            widths[column] = Math.max(3, headers.get(column).length());
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        return widths;
    }
}
