package resnetkit.toolkit;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A bar chart written as PNG with XChart: one bar per label, one colour per group of bars (up to four). */
public final class BarChart {

    private static final int MAX_GROUPS = 4;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private record Bar(String label, double value, int group) {
    }

    private final String title;
    private final String yLabel;
    private final List<String> groups;
    private final List<Bar> bars = new ArrayList<>();

    /** @param firstGroup, secondGroup legend names of the two bar colours */
    public BarChart(String title, String yLabel, String firstGroup, String secondGroup) {
        this(title, yLabel, List.of(firstGroup, secondGroup));
    }

    /** @param groups legend names of the bar colours, at most four */
    public BarChart(String title, String yLabel, List<String> groups) {
        if (groups.isEmpty() || groups.size() > MAX_GROUPS) {
            throw new IllegalArgumentException("a bar chart has 1 to " + MAX_GROUPS + " groups, got " + groups);
        }
        this.title = title;
        this.yLabel = yLabel;
        this.groups = List.copyOf(groups);
    }

    /** Adds a bar; {@code second} draws it in the second group's colour. */
    public BarChart bar(String label, double value, boolean second) {
        return bar(label, value, second ? 1 : 0);
    }

    /** Adds a bar in the colour of group {@code group} (0-based, in the constructor's order). */
    public BarChart bar(String label, double value, int group) {
        if (group < 0 || group >= groups.size()) {
            throw new IllegalArgumentException("group " + group + " of " + groups);
        }
        bars.add(new Bar(label, value, group));
        return this;
    }

    /** Writes the chart to {@code file} (parent folders are created). */
    public void writePng(Path file) {
        CategoryChart chart = new CategoryChart(Math.max(700, 90 + 28 * bars.size()), 520);
        chart.setTitle(title);
        chart.setYAxisTitle(yLabel);
        CategoryStyler style = chart.getStyler();
        style.setStacked(true);
        style.setXAxisLabelRotation(90);
        style.setPlotGridLinesColor(new Color(230, 230, 230));
        style.setXAxisTitleVisible(false);
        style.setLegendPosition(LegendPosition.OutsideS);
        style.setLegendLayout(LegendLayout.Horizontal);
        style.setChartBackgroundColor(Color.WHITE);
        List<String> labels = bars.stream().map(Bar::label).toList();
        // one series per group over every label, zero where a bar is another group's: stacked, each label has one bar
        for (int g = 0; g < groups.size(); g++) {
            int group = g;
            List<Double> values = bars.stream().map(b -> b.group() == group ? b.value() : 0.0).toList();
            chart.addSeries(groups.get(g), labels.isEmpty() ? List.of(" ") : labels,
                    labels.isEmpty() ? List.of(0.0) : values).setFillColor(LinePlot.PALETTE[g]);
        }
        LinePlot.write(chart, file);
    }
}
