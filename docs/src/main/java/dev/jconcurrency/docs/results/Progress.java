package dev.jconcurrency.docs.results;

import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.timing.Measurement;

/** One console line per finished measurement, numbered, since a full run takes a couple of minutes. */
final class Progress {

    private final Report report;
    private final int total;
    private int done;

    Progress(Report report, int total) {
        this.report = report;
        this.total = total;
    }

    /** {@code [3/24] Threads on I/O, 4 threads: 0.412 s (median of 3, 0.405–0.420 s)}. */
    void done(String what, Measurement time) {
        done(what, Format.seconds(time.median()) + " (median of " + time.samples().size() + ", "
            + Format.range(time) + ")");
    }

    void done(String what, String result) {
        done++;
        report.line("[" + done + "/" + total + "] " + what + ": " + result);
    }

    /** An unnumbered line: what is about to be measured. */
    void note(String text) {
        report.line(text);
    }

    /** How many measurements were reported. */
    int count() {
        return done;
    }
}
