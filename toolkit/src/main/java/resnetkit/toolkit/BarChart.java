package resnetkit.toolkit;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A bar chart written as PNG with the JDK alone: one bar per label, one colour per group of bars (up to four). */
public final class BarChart {

    private static final Color[] COLOURS = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
        new Color(255, 127, 14)};

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
        if (groups.isEmpty() || groups.size() > COLOURS.length) {
            throw new IllegalArgumentException("a bar chart has 1 to " + COLOURS.length + " groups, got " + groups);
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
        System.setProperty("java.awt.headless", "true");
        int width = Math.max(700, 90 + 28 * bars.size());
        int height = 520;
        int left = 70;
        int bottom = 110;
        int top = 60;
        int plotW = width - left - 30;
        int plotH = height - top - bottom;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(1);
        double min = Math.min(0, bars.stream().mapToDouble(Bar::value).min().orElse(0));
        if (max - min < 1e-12) {
            max = min + 1;
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, left, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        int legendX = left;
        for (int i = 0; i < groups.size(); i++) {
            g.setColor(COLOURS[i]);
            g.fillRect(legendX, 36, 12, 10);
            g.setColor(Color.BLACK);
            g.drawString(groups.get(i), legendX + 16, 45);
            legendX += 30 + fm.stringWidth(groups.get(i));
        }
        int zeroY = top + (int) Math.round(max / (max - min) * plotH);
        g.drawLine(left, top, left, top + plotH);
        g.drawLine(left, zeroY, left + plotW, zeroY);
        for (int i = 0; i <= 4; i++) {
            double v = min + (max - min) * i / 4;
            int y = top + plotH - (int) Math.round((v - min) / (max - min) * plotH);
            String s = String.format(Locale.ROOT, "%.3g", v);
            g.drawString(s, left - 6 - fm.stringWidth(s), y + 4);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left + 1, y, left + plotW, y);
            g.setColor(Color.BLACK);
        }
        Graphics2D gy = (Graphics2D) g.create();
        gy.rotate(-Math.PI / 2);
        gy.drawString(yLabel, -(top + plotH / 2) - fm.stringWidth(yLabel) / 2, 16);
        gy.dispose();
        double slot = (double) plotW / Math.max(1, bars.size());
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int x = left + (int) Math.round(i * slot + slot * 0.15);
            int w = Math.max(2, (int) Math.round(slot * 0.7));
            int y = top + plotH - (int) Math.round((b.value() - min) / (max - min) * plotH);
            g.setColor(COLOURS[b.group()]);
            g.fillRect(x, Math.min(y, zeroY), w, Math.abs(zeroY - y));
            g.setColor(Color.BLACK);
            Graphics2D gl = (Graphics2D) g.create();
            gl.translate(x + w / 2.0 + 4, top + plotH + 8);
            gl.rotate(Math.PI / 2);
            gl.drawString(b.label(), 0, 0);
            gl.dispose();
        }
        g.dispose();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the chart " + file, e);
        }
    }
}
