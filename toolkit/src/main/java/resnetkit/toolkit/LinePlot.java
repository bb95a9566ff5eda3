package resnetkit.toolkit;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;

/**
 * A line chart written as PNG with XChart (headless): a title, axis labels, a legend, solid or dashed lines,
 * optionally a log-scale y axis. Enough for training curves and gradient norms.
 */
public final class LinePlot {

    /** matplotlib's first colours, by index: blue, red, green, orange, purple, brown, pink, grey. */
    static final Color[] PALETTE = {new Color(31, 119, 180), new Color(214, 39, 40),
            new Color(44, 160, 44), new Color(255, 127, 14), new Color(148, 103, 189), new Color(140, 86, 75),
            new Color(227, 119, 194), new Color(127, 127, 127)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private record Series(String name, double[] x, double[] y, boolean dashed, Color color) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean logY;

    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Plot y on a log10 scale (values must be positive; others leave a gap). */
    public LinePlot logY() {
        this.logY = true;
        return this;
    }

    /** Adds a line; colours cycle through a palette, or pass the index of a series to reuse its colour. */
    public LinePlot series(String name, double[] x, double[] y, boolean dashed) {
        return series(name, x, y, dashed, series.size());
    }

    /** Adds a line drawn in palette colour {@code colour}. */
    public LinePlot series(String name, double[] x, double[] y, boolean dashed, int colour) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(name + ": " + x.length + " x values but " + y.length + " y values");
        }
        series.add(new Series(name, x.clone(), y.clone(), dashed, PALETTE[colour % PALETTE.length]));
        return this;
    }

    /** Writes the chart to {@code file} (parent folders are created). */
    public void writePng(Path file) {
        XYChart chart = new XYChart(900, 560);
        chart.setTitle(title);
        chart.setXAxisTitle(xLabel);
        chart.setYAxisTitle(yLabel + (logY ? " (log scale)" : ""));
        XYStyler style = chart.getStyler();
        style.setYAxisLogarithmic(logY);
        // labels at powers of ten only when the values span two of them, else also between (15 to 90 has none)
        DoubleSummaryStatistics positive = series.stream().flatMapToDouble(s -> Arrays.stream(s.y()))
                .filter(v -> v > 0 && Double.isFinite(v)).summaryStatistics();
        style.setYAxisLogarithmicDecadeOnly(positive.getMax() >= 100 * positive.getMin());
        style.setPlotGridLinesColor(new Color(230, 230, 230));
        style.setLegendPosition(LegendPosition.OutsideE);
        style.setChartBackgroundColor(Color.WHITE);
        for (Series s : series) {
            double[] y = s.y().clone();
            for (int i = 0; i < y.length; i++) {
                if (!Double.isFinite(y[i]) || (logY && y[i] <= 0)) {
                    y[i] = Double.NaN; // a gap in the line
                }
            }
            XYSeries line = chart.addSeries(s.name(), s.x(), y);
            line.setLineColor(s.color());
            line.setMarkerColor(s.color());
            line.setLineStyle(s.dashed() ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
            // markers only where they can be told apart
            line.setMarker(s.x().length <= 60 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        write(chart, file);
    }

    /** Writes an XChart chart as PNG to {@code file}, creating its parent folders. */
    static void write(Chart<?, ?> chart, Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the chart " + file, e);
        }
    }
}
