package resnetkit.grader.report;

import resnetkit.grader.scoring.Figure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link Figure} as a standalone SVG image from its numbers alone: curves over a shared x axis, or bars.
 * Every text in it is escaped; a value that is NaN or infinite is left out (a curve breaks there), and the y axis
 * spans what is left, from 0 up (or below, for negative values).
 */
final class SvgChart {

    static final int WIDTH = 720;
    static final int HEIGHT = 400;
    private static final int LEFT = 64;
    private static final int RIGHT = 200;
    private static final int TOP = 36;
    /** Colour-blind-safe (Okabe and Ito). */
    private static final String[] COLOURS = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
        "#000000", "#F0E442"};

    private SvgChart() {
    }

    /** The SVG document of {@code f}. */
    static String of(Figure f) {
        List<String> xs = new ArrayList<>(categories(f));
        double max = 0;
        double min = 0;
        for (Figure.Series s : f.series()) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
            }
        }
        if (max == min) {
            max = min + 1;
        }
        double top = niceCeiling(max);
        double bottom = min < 0 ? -niceCeiling(-min) : 0;
        boolean slanted = f.kind() == Figure.Kind.BARS && xs.size() > 8; // long bar names, written at 45 degrees
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - (slanted ? 110 : 56);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">", WIDTH, HEIGHT, WIDTH, HEIGHT));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        s.append(text(WIDTH / 2.0, 20, "middle", 14, f.title()));
        // y grid and ticks
        for (int i = 0; i <= 4; i++) {
            double v = bottom + (top - bottom) * i / 4;
            double y = TOP + plotH - plotH * (v - bottom) / (top - bottom);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>",
                    LEFT, y, LEFT + plotW, y));
            s.append(text(LEFT - 6, y + 4, "end", 11, number(v)));
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>", LEFT,
                TOP + plotH, LEFT + plotW, TOP + plotH));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>", LEFT,
                TOP, LEFT, TOP + plotH));
        double step = xs.isEmpty() ? plotW : (double) plotW / xs.size();
        int labelEvery = Math.max(1, (int) Math.ceil(xs.size() / 20.0));
        for (int i = 0; i < xs.size(); i += labelEvery) {
            double x = LEFT + step * (i + 0.5);
            s.append(slanted
                    ? String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"end\" font-size=\"10\""
                    + " transform=\"rotate(-45 %.1f %d)\">%s</text>", x, TOP + plotH + 12, x, TOP + plotH + 12,
                    HtmlReport.escape(xs.get(i)))
                    : text(x, TOP + plotH + 16, "middle", 11, xs.get(i)));
        }
        s.append(text(LEFT + plotW / 2.0, HEIGHT - 6, "middle", 12, f.xLabel()));
        s.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90"
                + " 14 %.1f)\">%s</text>", TOP + plotH / 2.0, TOP + plotH / 2.0, HtmlReport.escape(f.yLabel())));
        for (int k = 0; k < f.series().size(); k++) {
            Figure.Series series = f.series().get(k);
            String colour = COLOURS[k % COLOURS.length];
            StringBuilder path = new StringBuilder();
            boolean penUp = true;
            for (int j = 0; j < series.values().length; j++) {
                double v = series.values()[j];
                int i = xs.indexOf(series.labels().get(j));
                if (!Double.isFinite(v)) {
                    penUp = true; // a gap in the curve
                    continue;
                }
                double x = LEFT + step * (i + 0.5);
                double y = TOP + plotH - plotH * (v - bottom) / (top - bottom);
                double zero = TOP + plotH - plotH * (0 - bottom) / (top - bottom);
                if (f.kind() == Figure.Kind.BARS) {
                    double w = step * 0.7;
                    s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                            + " fill=\"%s\"><title>%s</title></rect>", x - w / 2, Math.min(y, zero), w,
                            Math.abs(zero - y), colour, HtmlReport.escape(series.labels().get(j) + ": " + number(v))));
                } else {
                    path.append(String.format(Locale.ROOT, "%s%.1f %.1f ", penUp ? "M" : "L", x, y));
                    penUp = false;
                    s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x, y,
                            colour));
                }
            }
            if (f.kind() == Figure.Kind.LINES && !path.toString().isBlank()) {
                s.append("<path d=\"").append(path.toString().trim())
                        .append("\" fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\"/>");
            }
            int ly = TOP + 10 + 20 * k;
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"10\" fill=\"%s\"/>",
                    LEFT + plotW + 12, ly - 9, colour));
            s.append(text(LEFT + plotW + 30, ly, "start", 12, series.name()));
        }
        return s.append("</svg>").toString();
    }

    /** The x labels (curves) or bar names of every series, in first-seen order. */
    private static LinkedHashSet<String> categories(Figure f) {
        LinkedHashSet<String> xs = new LinkedHashSet<>();
        f.series().forEach(s -> xs.addAll(s.labels()));
        return xs;
    }

    /** 1, 2 or 5 times a power of ten at or above {@code v} (v > 0). */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v * (1 - 1e-12)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String number(double v) {
        if (Math.abs(v) >= 1e4 || v != 0 && Math.abs(v) < 1e-3) {
            return String.format(Locale.ROOT, "%.2g", v);
        }
        String plain = String.format(Locale.ROOT, "%.4g", v);
        return plain.contains(".") ? plain.replaceAll("0+$", "").replaceAll("\\.$", "") : plain;
    }

    private static String text(double x, double y, String anchor, int size, String text) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>",
                x, y, anchor, size, HtmlReport.escape(text));
    }
}
