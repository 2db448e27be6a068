package dev.jconcurrency.core.report;

import static dev.jconcurrency.core.testing.ArgumentRow.member;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.jconcurrency.core.testing.ArgumentRow;
import dev.jconcurrency.core.testing.ArgumentRows;

/** Bad input to reports and tables is refused at once, naming the parameter and the value (TESTING.md R7). */
class ReportArgumentsTest implements ArgumentRows {

    @Override
    public List<ArgumentRow> argumentRows() {
        Report report = Report.to(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Duration second = Duration.ofSeconds(1);
        ArgumentRow.Member to = member(Report.class, "to(PrintStream)");
        ArgumentRow.Member line = member(Report.class, "line(String)");
        ArgumentRow.Member banner = member(Report.class, "banner(String)");
        ArgumentRow.Member totalTime = member(Report.class, "totalTime(String, Duration)");
        ArgumentRow.Member time = member(Report.class, "time(String, Duration)");
        ArgumentRow.Member results = member(Report.class, "results(String, List)");
        ArgumentRow.Member bannerText = member(Report.class, "bannerText(String)");
        ArgumentRow.Member seconds = member(Report.class, "seconds(Duration)");
        ArgumentRow.Member duration = member(Report.class, "duration(Duration)");
        ArgumentRow.Member of = member(Table.class, "of(String...)");
        ArgumentRow.Member row = member(Table.class, "row(Object...)");
        return List.of(
            to.rejectsNull(0, "out", () -> Report.to(null)),
            line.rejectsNull(0, "text", () -> report.line(null)),
            line.rejects(0, "text", "text must be a single line: one\\ntwo", () -> report.line("one\ntwo")),
            line.rejects(0, "text", "text must be a single line: one\\r\\ntwo", () -> report.line("one\r\ntwo")),
            banner.rejectsNull(0, "title", () -> report.banner(null)),
            totalTime.rejectsNull(0, "model", () -> report.totalTime(null, second)),
            totalTime.rejectsNull(1, "elapsed", () -> report.totalTime("threading", null)),
            time.rejectsNull(0, "label", () -> report.time(null, second)),
            time.rejectsNull(1, "elapsed", () -> report.time("Thread", null)),
            results.acceptsNull(0, "label", () -> report.results(null, List.of(1))),
            results.rejectsNull(1, "values", () -> report.results("Thread", null)),
            bannerText.rejectsNull(0, "title", () -> Report.bannerText(null)),
            seconds.rejectsNull(0, "elapsed", () -> Report.seconds(null)),
            duration.rejectsNull(0, "duration", () -> Report.duration(null)),
            of.rejectsNull(0, "headers", () -> Table.of((String[]) null)),
            of.rejectsNull(0, "headers", () -> Table.of("threads", null)),
            of.rejects(0, "headers", "headers must not be empty: []", Table::of),
            row.rejectsNull(0, "cells", () -> Table.of("threads").row((Object[]) null)),
            row.rejects(0, "cells", "cells must have 2 values: 1", () -> Table.of("threads", "time").row(1)));
    }
}
