package resnetkit.toolkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        long blue = 0;
        long red = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                blue += rgb == 0x1f77b4 ? 1 : 0;
                red += rgb == 0xd62728 ? 1 : 0;
            }
        }
        assertThat(blue).as("pixels of the first series").isGreaterThan(100);
        assertThat(red).as("pixels of the second series").isGreaterThan(100);
    }

    @Test
    void rejects_series_of_unequal_length_and_csv_quotes_commas(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> new LinePlot("t", "x", "y").series("s", new double[2], new double[3], false))
                .hasMessageContaining("2 x values but 3 y values");
        Path csv = dir.resolve("t.csv");
        Csv.write(csv, List.of("net", "error"), List.of(List.of("plain, 20", 0.5)));
        assertThat(Files.readString(csv)).isEqualTo("net,error\n\"plain, 20\",0.5\n");
    }
}
