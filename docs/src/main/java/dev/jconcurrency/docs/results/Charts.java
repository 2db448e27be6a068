package dev.jconcurrency.docs.results;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.TreeMap;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a sweep as a PNG: speedup against workers, the ideal line beside the measured one, Amdahl's prediction
 * and any comparison (Python's threads) on the same axes. Needs no display: the page's command runs with
 * {@code java.awt.headless=true}, and this sets it too when nobody did.
 */
final class Charts {

    static final int WIDTH = 800;
    static final int HEIGHT = 480;

    private static final Color MEASURED = new Color(0x1f77b4);
    private static final Color IDEAL = new Color(0x2ca02c);
    private static final Color AMDAHL = new Color(0xff7f0e);
    private static final Color COMPARISON = new Color(0xd62728);

    private Charts() {
    }

    /** The chart's file name for a sweep: {@code results-SLUG.png}. */
    static String fileName(Sweep sweep) {
        return "results-" + sweep.slug() + ".png";
    }

    /**
     * Writes {@code result}'s chart into {@code dir}.
     *
     * @return the file written
     * @throws IOException if it cannot be written
     */
    static Path write(Sweep.Result result, Path dir) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            // A chart is pixels in memory: no window, so no display is needed (or wanted, on a server).
            System.setProperty("java.awt.headless", "true");
        }
        Sweep sweep = result.sweep();
        XYSeriesCollection data = dataset(result);

        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Color[] colors = {MEASURED, IDEAL, AMDAHL, COMPARISON, Color.DARK_GRAY};
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, colors[Math.min(i, colors.length - 1)]);
            renderer.setSeriesStroke(i, i == 1 || i == 2
                ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                : new BasicStroke(2.5f));
        }
        XYPlot plot = new XYPlot(data, axis(sweep.axis(), sweep.logScale(), true), axis("speedup", sweep.logScale(),
            false), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(sweep.title() + ": speedup vs " + sweep.axis(), JFreeChart.DEFAULT_TITLE_FONT,
            plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        Path file = dir.resolve(fileName(sweep));
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return file;
    }

    /**
     * The lines of a sweep's chart, each in increasing order of workers: measured, ideal, Amdahl, then one per
     * measured comparison.
     */
    static XYSeriesCollection dataset(Sweep.Result result) {
        XYSeries measured = new XYSeries("measured", false);
        XYSeries ideal = new XYSeries("ideal", false);
        XYSeries amdahl = new XYSeries(result.fractionFrom().isPresent()
            ? "Amdahl, f = " + Format.serialFraction(result.serialFraction()) : "Amdahl", false);
        for (Sweep.Row row : result.rows()) {
            measured.add(row.workers(), row.speedup());
            ideal.add(row.workers(), row.ideal());
            amdahl.add(row.workers(), row.amdahl());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(measured);
        data.addSeries(ideal);
        data.addSeries(amdahl);
        for (Sweep.Comparison comparison : result.comparisons()) {
            if (!comparison.speedups().isEmpty()) {
                XYSeries series = new XYSeries(comparison.label(), false);
                // Sorted: the comparison's map has no order, and a line drawn in map order zigzags.
                new TreeMap<>(comparison.speedups()).forEach(series::add);
                data.addSeries(series);
            }
        }
        return data;
    }

    private static ValueAxis axis(String label, boolean log, boolean workers) {
        if (log) {
            LogAxis axis = new LogAxis(label);
            axis.setBase(10);
            axis.setSmallestValue(1);
            // One tick per decade, written 1,000 rather than 10^3.
            axis.setTickUnit(new NumberTickUnit(1), false, true);
            axis.setNumberFormatOverride(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
            axis.setLowerMargin(0.05);
            axis.setUpperMargin(0.05);
            return axis;
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(!workers);
        if (workers) {
            // Worker counts are whole numbers: no tick at 2.5 threads.
            axis.setTickUnit(new NumberTickUnit(1));
        }
        return axis;
    }
}
