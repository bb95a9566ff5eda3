package resnetkit.bench;

import org.deeplearning4j.nn.graph.ComputationGraph;
import resnetkit.datasets.DataLocator;
import resnetkit.datasets.ImageFolder;
import resnetkit.experiments.BlockDropSweep;
import resnetkit.experiments.Pretrained;
import resnetkit.experiments.Weights;
import resnetkit.toolkit.PeakMemory;
import resnetkit.toolkit.Progress;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Times Exercise 20.3.3's sweep on the pretrained ResNet-50: every one of its 16 blocks dropped in turn, top-1
 * agreement with the full model on N images. The kit ships no ImageNet images, so the N images are seeded
 * random crops (half to all of the short side, some mirrored) of the shipped photos; the time per image is
 * what an ImageNet folder would cost too (the same preprocessing and 17 forward passes per image).
 */
final class SweepBenchmark {

    private SweepBenchmark() {
    }

    static void run(int images, Path out) throws IOException {
        ComputationGraph net = Pretrained.resnet50(Weights.IMAGENET); // loaded outside the timed part
        Path folder = crops(images, out.resolve("sweep-images"));
        long start = System.nanoTime();
        List<BlockDropSweep.Row> rows = BlockDropSweep.resnet50(net, folder, images, Progress.forConsole());
        double seconds = (System.nanoTime() - start) / 1e9;
        double identity = BlockDropSweep.meanDrop(rows, BlockDropSweep.Kind.IDENTITY);
        double downsampling = BlockDropSweep.meanDrop(rows, BlockDropSweep.Kind.DOWNSAMPLING);
        System.out.printf(Locale.ROOT, "ResNet-50 block-drop sweep, %d blocks x %d images (+ the full model): %.1f s"
                        + " (%.2f s per image), peak resident memory %d MiB%n", rows.size(), images, seconds,
                seconds / images, PeakMemory.peakRssMiB());
        System.out.printf(Locale.ROOT, "  mean drop of top-1 agreement: identity blocks %.1f points, downsampling"
                + " blocks %.1f points (crops of 3 photos: a timing input, not an accuracy figure)%n",
                100 * identity, 100 * downsampling);
    }

    /** {@code n} seeded crops of the shipped photos as PNG files in {@code folder} (made once, then reused). */
    static Path crops(int n, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> photos;
        try (Stream<Path> list = Files.list(DataLocator.photos())) {
            photos = list.filter(p -> p.toString().matches(".*\\.(png|jpg)")).sorted().toList();
        }
        for (int i = 0; i < n; i++) {
            Path file = folder.resolve(String.format(Locale.ROOT, "crop-%04d.png", i));
            if (Files.exists(file)) {
                continue;
            }
            BufferedImage photo = ImageFolder.readImage(photos.get(i % photos.size()));
            Random r = new Random(i);
            int shortSide = Math.min(photo.getWidth(), photo.getHeight());
            int side = shortSide / 2 + r.nextInt(shortSide / 2 + 1);
            int x = r.nextInt(photo.getWidth() - side + 1);
            int y = r.nextInt(photo.getHeight() - side + 1);
            BufferedImage crop = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
            boolean mirror = r.nextBoolean();
            for (int dy = 0; dy < side; dy++) {
                for (int dx = 0; dx < side; dx++) {
                    crop.setRGB(mirror ? side - 1 - dx : dx, dy, photo.getRGB(x + dx, y + dy));
                }
            }
            ImageIO.write(crop, "png", file.toFile());
        }
        return folder;
    }
}
