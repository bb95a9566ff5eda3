package resnetkit.toolkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinePlotTest {

    @Test
    void writes_a_png_with_the_series_drawn_in_their_colours(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("plots/curve.png");
        new LinePlot("training error", "epoch", "error").logY()
                .series("plain-20", new double[] {1, 2, 3}, new double[] {0.5, 0.2, 0.1}, true)
                .series("ResNet-20", new double[] {1, 2, 3}, new double[] {0.4, 0.1, 0.01}, false)
                .writePng(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(900);
        assertThat(img.getHeight()).isEqualTo(560);
        assertThat(count(img, 0x1f77b4)).as("pixels of the first series").isGreaterThan(100);
        assertThat(count(img, 0xd62728)).as("pixels of the second series").isGreaterThan(100);
    }

    @Test
    void rejects_series_of_unequal_length_and_csv_quotes_commas(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> new LinePlot("t", "x", "y").series("s", new double[2], new double[3], false))
                .hasMessageContaining("2 x values but 3 y values");
        Path csv = dir.resolve("t.csv");
        Csv.write(csv, List.of("net", "error"), List.of(List.of("plain, 20", 0.5), List.of("say \"hi\"", 1e-7)));
        assertThat(Files.readString(csv)).isEqualTo("net,error\n\"plain, 20\",0.5\n\"say \"\"hi\"\"\",1.0E-7\n");
        assertThat(Csv.read(csv)).containsExactly(Map.of("net", "plain, 20", "error", "0.5"),
                Map.of("net", "say \"hi\"", "error", "1.0E-7"));
    }

    @Test
    void writes_a_bar_chart_with_a_colour_per_group_headless(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("bars.png");
        new BarChart("drop", "points", List.of("identity block", "downsampling block"))
                .bar("layer1.0", 30, 0).bar("layer2.0", 12, 1).bar("layer3.1", -5, 0)
                .writePng(png);
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(700);
        assertThat(img.getHeight()).isEqualTo(520);
        assertThat(count(img, 0x1f77b4)).as("pixels of the first group").isGreaterThan(1000);
        assertThat(count(img, 0xd62728)).as("pixels of the second group").isGreaterThan(1000);
    }

    private static long count(BufferedImage img, int rgb) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
