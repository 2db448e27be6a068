package dev.jconcurrency.docs.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jconcurrency.core.timing.Measurement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

/** What a chart draws, checked on its data: the pixels themselves are checked by the quick run's test. */
class ChartsTest {

    @Test
    void aChartDrawsMeasuredIdealAmdahlAndEachMeasuredComparisonInOrderOfWorkers() {
        Sweep sweep = Sweeps.threadsOnCpu(Plan.full(2), 2);
        Sweep.Result result = sweep.result(times(1000, 600, 550, 520))
            // A map as large as a real one, so that its iteration order is not its key order.
            .with(new Sweep.Comparison(PythonSide.THREADS, Map.of(4, 0.91, 3, 0.90, 1, 1.0, 2, 0.95), Optional.empty()))
            .with(Sweep.Comparison.notMeasured("elsewhere", "not run"));

        XYSeriesCollection data = Charts.dataset(result);

        assertThat(data.getSeries().stream().map(s -> (String) ((XYSeries) s).getKey()).toList())
            .containsExactly("measured", "ideal", "Amdahl, f = 0.200", "Python threads");
        assertThat(points(data.getSeries(1))).containsExactly(List.of(1.0, 1.0), List.of(2.0, 2.0), List.of(3.0, 2.0),
            List.of(4.0, 2.0));
        assertThat(points(data.getSeries(3))).containsExactly(List.of(1.0, 1.0), List.of(2.0, 0.95),
            List.of(3.0, 0.90), List.of(4.0, 0.91));
        assertThat(Charts.fileName(sweep)).isEqualTo("results-threads-cpu.png");
    }

    private static List<List<Double>> points(XYSeries series) {
        List<List<Double>> points = new ArrayList<>();
        for (int i = 0; i < series.getItemCount(); i++) {
            points.add(List.of(series.getX(i).doubleValue(), series.getY(i).doubleValue()));
        }
        return points;
    }

    private static List<Measurement> times(long... medians) {
        List<Measurement> times = new ArrayList<>();
        for (long median : medians) {
            times.add(new Measurement(List.of(Duration.ofMillis(median))));
        }
        return times;
    }
}
