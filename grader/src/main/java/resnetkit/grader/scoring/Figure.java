package resnetkit.grader.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The numbers of a picture a graded test made while it judged the student's code (the training check's curves, the
 * accuracy each dropped block costs, the gradient norm of each convolution): recorded in the grading JVM, carried in
 * the journal as part of the test's outcome, and drawn by the supervisor, which draws from numbers and never runs
 * student code. Every name and label is the grader's own; only the values come from student code.
 *
 * @param kind   curves over a shared x axis, or bars
 * @param title  what the picture shows
 * @param xLabel the x axis (curves) or the bars' categories
 * @param yLabel the y axis
 * @param series one colour each: its name and its points (x labels or bar categories, with their values)
 */
public record Figure(Kind kind, String title, String xLabel, String yLabel, List<Series> series) {

    /** How the series are drawn. */
    public enum Kind { LINES, BARS }

    /**
     * One series: a curve through {@code values} at {@code labels}, or one bar per label.
     *
     * @param name   the legend's entry
     * @param labels the x values of a curve or the bars' names, as long as {@code values}
     * @param values a value per label; NaN or an infinity is left out of the drawing
     */
    public record Series(String name, List<String> labels, double[] values) {

        public Series {
            labels = List.copyOf(labels);
            values = values.clone();
            if (labels.size() != values.length) {
                throw new IllegalArgumentException(name + ": " + labels.size() + " labels for " + values.length
                        + " values");
            }
        }

        /** A curve with x = 1, 2, ... (epochs). */
        public static Series curve(String name, double[] values) {
            List<String> labels = new ArrayList<>();
            for (int i = 1; i <= values.length; i++) {
                labels.add(String.valueOf(i));
            }
            return new Series(name, labels, values);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Series s && s.name.equals(name) && s.labels.equals(labels)
                    && Arrays.equals(s.values, values);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(values);
        }
    }

    public Figure {
        series = List.copyOf(series);
    }

    /** {@code figures} as text: one line per figure and per series, tab-separated; the journal escapes it. */
    public static String encode(List<Figure> figures) {
        StringBuilder s = new StringBuilder();
        for (Figure f : figures) {
            s.append(String.join("\t", "figure", f.kind.name(), clean(f.title), clean(f.xLabel), clean(f.yLabel)))
                    .append('\n');
            for (Series series : f.series) {
                List<String> values = new ArrayList<>();
                for (double v : series.values) {
                    values.add(Double.toString(v));
                }
                s.append(String.join("\t", "series", clean(series.name),
                        String.join("\u001f", series.labels.stream().map(Figure::clean).toList()),
                        String.join("\u001f", values))).append('\n');
            }
        }
        return s.toString();
    }

    /** The figures {@link #encode} wrote; empty text gives none. */
    public static List<Figure> decode(String text) {
        List<Figure> figures = new ArrayList<>();
        String[] head = null;
        List<Series> series = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f[0].equals("figure")) {
                if (head != null) {
                    figures.add(figure(head, series));
                }
                head = f;
                series = new ArrayList<>();
            } else if (f[0].equals("series") && f.length == 4) {
                List<String> labels = f[2].isEmpty() ? List.of() : List.of(f[2].split("\u001f", -1));
                double[] values = f[3].isEmpty() ? new double[0]
                        : Arrays.stream(f[3].split("\u001f", -1)).mapToDouble(Double::parseDouble).toArray();
                series.add(new Series(f[1], labels, values));
            } else {
                throw new IllegalArgumentException("not a figure's line: " + line);
            }
        }
        if (head != null) {
            figures.add(figure(head, series));
        }
        return figures;
    }

    private static Figure figure(String[] head, List<Series> series) {
        return new Figure(Kind.valueOf(head[1]), head[2], head[3], head[4], series);
    }

    /** A label without the separators of {@link #encode}. */
    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\u001f', ' ');
    }
}
