package dev.jconcurrency.docs.results;

import dev.jconcurrency.core.timing.Measurement;
import dev.jconcurrency.core.timing.Speedup;

import java.time.Duration;
import java.util.Locale;

/** How the page and the console write figures: one place, so the table and the progress lines agree. */
final class Format {

    private Format() {
    }

    /** {@code 0.412 s}: milliseconds are the precision the sleeps and the clock give. */
    static String seconds(Duration duration) {
        return seconds(Speedup.seconds(duration));
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f s", seconds);
    }

    /** {@code 0.405–0.420 s}: the range of the runs, or the one value when there was one run. */
    static String range(Measurement time) {
        if (time.samples().size() == 1) {
            return seconds(time.median());
        }
        return String.format(Locale.ROOT, "%.3f–%.3f s", Speedup.seconds(time.min()), Speedup.seconds(time.max()));
    }

    /** {@code 3.96×}. */
    static String times(double ratio) {
        return String.format(Locale.ROOT, ratio >= 100 ? "%,.0f×" : "%.2f×", ratio);
    }

    /** {@code 0.991}. */
    static String fraction(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /**
     * A serial fraction: {@code 0.048}, or {@code 1.0e-05} when it is that small (at 100,000 waits a fraction of
     * a hundred-thousandth still matters), or {@code 0}.
     */
    static String serialFraction(double fraction) {
        if (fraction == 0.0) {
            return "0";
        }
        return String.format(Locale.ROOT, fraction < 0.001 ? "%.1e" : "%.3f", fraction);
    }

    /** {@code 0.24 µs}, {@code 12.5 µs}, {@code 1,250 µs}: two or three significant digits. */
    static String micros(double micros) {
        String pattern = micros >= 100 ? "%,.0f µs" : micros >= 10 ? "%.1f µs" : "%.2f µs";
        return String.format(Locale.ROOT, pattern, micros);
    }

    /** {@code 100,000}. */
    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** {@code 173 MiB}. */
    static String mebibytes(long kib) {
        return String.format(Locale.ROOT, "%,d MiB", Math.round(kib / 1024.0));
    }
}
