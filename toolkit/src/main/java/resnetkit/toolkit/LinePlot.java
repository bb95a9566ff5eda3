package resnetkit.toolkit;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line chart written as PNG with the JDK alone (headless AWT): a title, axis labels, ticks, a
 * legend, solid or dashed lines, optionally a log-scale y axis. Enough for training curves and gradient
 * norms; no plotting library needed.
 */
public final class LinePlot {

    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(214, 39, 40),
            new Color(44, 160, 44), new Color(255, 127, 14), new Color(148, 103, 189), new Color(140, 86, 75),
            new Color(227, 119, 194), new Color(127, 127, 127)};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 220;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

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

    /** Plot y on a log10 scale (values must be positive). */
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
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double[] xr = range(true);
        double[] yr = range(false);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, TOP - 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        g.drawRect(LEFT, TOP, plotW, plotH);
        for (double t : ticks(xr[0], xr[1])) {
            int px = LEFT + (int) Math.round((t - xr[0]) / (xr[1] - xr[0]) * plotW);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(px, TOP + 1, px, TOP + plotH - 1);
            g.setColor(Color.BLACK);
            String s = label(t);
            g.drawString(s, px - fm.stringWidth(s) / 2, TOP + plotH + 18);
        }
        for (double t : ticks(yr[0], yr[1])) {
            int py = TOP + plotH - (int) Math.round((t - yr[0]) / (yr[1] - yr[0]) * plotH);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(LEFT + 1, py, LEFT + plotW - 1, py);
            g.setColor(Color.BLACK);
            String s = logY ? label(Math.pow(10, t)) : label(t);
            g.drawString(s, LEFT - 8 - fm.stringWidth(s), py + 4);
        }
        g.drawString(xLabel, LEFT + plotW / 2 - fm.stringWidth(xLabel) / 2, HEIGHT - 20);
        Graphics2D gy = (Graphics2D) g.create();
        gy.rotate(-Math.PI / 2);
        gy.drawString(yLabel + (logY ? " (log scale)" : ""), -(TOP + plotH / 2) - fm.stringWidth(yLabel) / 2, 20);
        gy.dispose();

        int legendY = TOP + 10;
        for (Series s : series) {
            g.setColor(s.color());
            g.setStroke(stroke(s.dashed()));
            Path2D path = new Path2D.Double();
            boolean started = false;
            for (int i = 0; i < s.x().length; i++) {
                double yv = y(s.y()[i]);
                if (!Double.isFinite(yv)) {
                    started = false;
                    continue;
                }
                double px = LEFT + (s.x()[i] - xr[0]) / (xr[1] - xr[0]) * plotW;
                double py = TOP + plotH - (yv - yr[0]) / (yr[1] - yr[0]) * plotH;
                if (started) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    started = true;
                }
                if (s.x().length <= 60) { // markers only where they can be told apart
                    g.fillOval((int) px - 2, (int) py - 2, 5, 5);
                }
            }
            g.draw(path);
            g.drawLine(LEFT + plotW + 15, legendY, LEFT + plotW + 50, legendY);
            g.setColor(Color.BLACK);
            g.drawString(s.name(), LEFT + plotW + 56, legendY + 4);
            legendY += 20;
        }
        g.dispose();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the plot " + file, e);
        }
    }

    private BasicStroke stroke(boolean dashed) {
        return dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {8f, 6f}, 0f)
                : new BasicStroke(2f);
    }

    private double y(double v) {
        return logY ? (v > 0 ? Math.log10(v) : Double.NaN) : v;
    }

    private double[] range(boolean xAxis) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                double v = xAxis ? s.x()[i] : y(s.y()[i]);
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!Double.isFinite(lo)) {
            return new double[] {0, 1};
        }
        if (hi - lo < 1e-12) {
            return new double[] {lo - 0.5, hi + 0.5};
        }
        double pad = xAxis ? 0 : 0.05 * (hi - lo);
        return new double[] {lo - pad, hi + pad};
    }

    /** About five round tick values between lo and hi. */
    private static List<Double> ticks(double lo, double hi) {
        double raw = (hi - lo) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        List<Double> t = new ArrayList<>();
        for (double v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) {
            t.add(v);
        }
        return t;
    }

    private static String label(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e5 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.0e", v);
        }
        return a >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }
}
