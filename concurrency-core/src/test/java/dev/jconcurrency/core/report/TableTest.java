package dev.jconcurrency.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A table prints aligned for the console and as Markdown, numbers right-aligned, text left-aligned. */
class TableTest {

    private static Table comparison() {
        return Table.of("model", "workers", "time", "speedup")
            .row("sequential", 1, "2.01 sec", "1.00")
            .row("threads", 2, "1.05 sec", "1.91x")
            .row("processes", 12, "0.61 sec", "3.30x");
    }

    @Test
    void toTextAlignsColumnsUnderARuleWithNumbersOnTheRight() {
        assertThat(comparison().toText()).isEqualTo("""
            model       workers      time  speedup
            ----------  -------  --------  -------
            sequential        1  2.01 sec     1.00
            threads           2  1.05 sec    1.91x
            processes        12  0.61 sec    3.30x
            """);
    }

    @Test
    void toMarkdownIsAGithubTableWithNumericColumnsRightAligned() {
        assertThat(comparison().toMarkdown()).isEqualTo("""
            | model      | workers |     time | speedup |
            | ---------- | ------: | -------: | ------: |
            | sequential |       1 | 2.01 sec |    1.00 |
            | threads    |       2 | 1.05 sec |   1.91x |
            | processes  |      12 | 0.61 sec |   3.30x |
            """);
    }

    @Test
    void aColumnWithOneNonNumericCellIsLeftAligned() {
        Table table = Table.of("n", "time").row(1, "1.5 sec").row(10, "n/a");

        assertThat(table.toText()).isEqualTo("""
              n  time
            ---  -------
              1  1.5 sec
             10  n/a
            """);
    }

    @Test
    void aPipeOrALineBreakInACellCannotBreakTheMarkdownTable() {
        Table table = Table.of("option", "values").row("--type", "io|cpu").row("--note", "two\nlines");

        assertThat(table.toMarkdown()).isEqualTo("""
            | option | values    |
            | ------ | --------- |
            | --type | io\\|cpu   |
            | --note | two lines |
            """);
    }

    @Test
    void anEmptyTableHasItsHeaderAndARuleAtLeastThreeWide() {
        Table table = Table.of("a", "bb");

        assertThat(table.size()).isZero();
        assertThat(table.toText()).isEqualTo("a    bb\n---  ---\n");
        assertThat(table.toMarkdown()).isEqualTo("| a   | bb  |\n| --- | --- |\n");
    }

    @Test
    void cellsAreWrittenWithStringValueOfAndCounted() {
        Table table = Table.of("value").row((Object) null).row(2.5).row(true);

        assertThat(table.size()).isEqualTo(3);
        assertThat(table.toText()).isEqualTo("value\n-----\nnull\n2.5\ntrue\n");
        assertThat(table.toString()).isEqualTo(table.toText());
    }
}
