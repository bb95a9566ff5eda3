package resnetkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** The image-folder reader on images the test writes, whose preprocessed values are known exactly. */
class ImageFolderTest {

    @TempDir
    Path tmp;

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private static Path write(Path file, BufferedImage image, String format) throws IOException {
        Files.createDirectories(file.getParent());
        assertThat(ImageIO.write(image, format, file.toFile())).isTrue();
        return file;
    }

    private static BufferedImage solid(int width, int height, int r, int g, int b) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    private static float torch(int value, int channel) {
        return (value / 255f - MEAN[channel]) / STD[channel];
    }

    /** Every value of each channel of example n, which must be uniform. */
    private static float[] uniformChannels(INDArray features, int n) {
        float[] out = new float[3];
        for (int c = 0; c < 3; c++) {
            INDArray plane = features.slice(n).slice(c);
            out[c] = plane.getFloat(0, 0);
            assertThat(plane.minNumber().floatValue()).isEqualTo(out[c]);
            assertThat(plane.maxNumber().floatValue()).isEqualTo(out[c]);
        }
        return out;
    }

    @Test
    void solidColourGivesTheExactValuesOfEachConvention() throws IOException {
        Path root = tmp.resolve("val");
        write(root.resolve("n01440764/portrait.png"), solid(300, 400, 200, 100, 50), "png");
        ImageFolder folder = ImageFolder.ofClassFolders(root, null);

        INDArray caffe = folder.load(ImagePreprocessing.KERAS_CAFFE).getFeatures();
        assertThat(caffe.shape()).containsExactly(1, 3, 224, 224);
        // BGR order, minus the BGR means, on the 0..255 scale
        assertThat(uniformChannels(caffe, 0)).containsExactly(50 - 103.939f, 100 - 116.779f, 200 - 123.68f);

        for (ImagePreprocessing p : List.of(ImagePreprocessing.TORCHVISION, ImagePreprocessing.TORCHVISION_232)) {
            INDArray torch = folder.load(p).getFeatures();
            assertThat(uniformChannels(torch, 0)).as(p.name()).containsExactly(torch(200, 0), torch(100, 1), torch(50, 2));
        }
    }

    @Test
    void centreCropTakesTheMiddleColumnsInRgbOrBgrOrder() throws IOException {
        // 512x256: already short side 256, no resize; crop columns 144..367; red left of 256, blue right
        BufferedImage image = solid(512, 256, 255, 0, 0);
        for (int y = 0; y < 256; y++) {
            for (int x = 256; x < 512; x++) {
                image.setRGB(x, y, 0x0000FF);
            }
        }
        Path file = write(tmp.resolve("flat/halves.png"), image, "png");
        INDArray torch = ImagePreprocessing.TORCHVISION.apply(ImageFolder.readImage(file));
        INDArray caffe = ImagePreprocessing.KERAS_CAFFE.apply(ImageFolder.readImage(file));
        for (int y : new int[] {0, 100, 223}) {
            assertThat(torch.getFloat(0, 0, y, 111)).isEqualTo(torch(255, 0));
            assertThat(torch.getFloat(0, 0, y, 112)).isEqualTo(torch(0, 0));
            assertThat(torch.getFloat(0, 2, y, 112)).isEqualTo(torch(255, 2));
            assertThat(caffe.getFloat(0, 0, y, 111)).isEqualTo(0 - 103.939f);    // B of red
            assertThat(caffe.getFloat(0, 0, y, 112)).isEqualTo(255 - 103.939f);  // B of blue
            assertThat(caffe.getFloat(0, 2, y, 111)).isEqualTo(255 - 123.68f);   // R of red
        }
    }

    @Test
    void cropOffsetRoundsHalvesToEvenAsPythonDoes() throws IOException {
        // 481 wide: (481 - 224) / 2 = 128.5, which Python's round() makes 128
        BufferedImage image = solid(481, 256, 0, 0, 0);
        for (int y = 0; y < 256; y++) {
            image.setRGB(128, y, 0x00FF00);
        }
        Path file = write(tmp.resolve("odd.png"), image, "png");
        INDArray out = ImagePreprocessing.TORCHVISION.apply(ImageFolder.readImage(file));
        assertThat(out.getFloat(0, 1, 50, 0)).isEqualTo(torch(255, 1));
        assertThat(out.getFloat(0, 1, 50, 1)).isEqualTo(torch(0, 1));
    }

    @Test
    void grayPngKeepsItsValueInAllChannels() throws IOException {
        BufferedImage gray = new BufferedImage(256, 300, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSamples(0, 0, 256, 300, 0, filled(256 * 300, 128));
        Path file = write(tmp.resolve("gray.png"), gray, "png");
        INDArray out = ImagePreprocessing.TORCHVISION.apply(ImageFolder.readImage(file));
        assertThat(uniformChannels(out, 0)).containsExactly(torch(128, 0), torch(128, 1), torch(128, 2));
    }

    @Test
    void jpegIsReadToo() throws IOException {
        Path file = write(tmp.resolve("photo.jpg"), solid(320, 240, 30, 160, 220), "jpg");
        float[] values = uniformChannels(ImagePreprocessing.TORCHVISION.apply(ImageFolder.readImage(file)), 0);
        // JPEG is lossy: within 3 levels of the colour written
        assertThat(values[0]).isCloseTo(torch(30, 0), within(3 / 255f / STD[0]));
        assertThat(values[1]).isCloseTo(torch(160, 1), within(3 / 255f / STD[1]));
        assertThat(values[2]).isCloseTo(torch(220, 2), within(3 / 255f / STD[2]));
    }

    @Test
    void classFoldersAreLabelledBySortedIdsOrByTheGivenList() throws IOException {
        Path root = tmp.resolve("val");
        write(root.resolve("n01443537/b.png"), solid(8, 8, 0, 0, 255), "png");
        write(root.resolve("n01443537/c.jpg"), solid(8, 8, 0, 0, 250), "jpg");
        write(root.resolve("n01440764/a.PNG"), solid(8, 8, 255, 0, 0), "png");
        Files.writeString(root.resolve("n01440764/notes.txt"), "not an image");
        write(root.resolve("n01440764/.hidden.png"), solid(8, 8, 1, 1, 1), "png");

        ImageFolder sorted = ImageFolder.ofClassFolders(root, null);
        assertThat(sorted.classIds()).containsExactly("n01440764", "n01443537");
        assertThat(sorted.files()).extracting(p -> p.getFileName().toString()).containsExactly("a.PNG", "b.png", "c.jpg");
        assertThat(sorted.labels()).containsExactly(0, 1, 1);

        ImageFolder given = ImageFolder.ofClassFolders(root, List.of("n00000001", "n01443537", "n01440764"));
        assertThat(given.labels()).containsExactly(2, 1, 1);
        DataSet data = given.load(ImagePreprocessing.TORCHVISION);
        assertThat(data.getLabels().shape()).containsExactly(3, 3);
        assertThat(data.getLabels().argMax(1).toIntVector()).containsExactly(2, 1, 1);
        assertThat(data.getFeatures().getFloat(0, 0, 5, 5)).isEqualTo(torch(255, 0));

        assertThatThrownBy(() -> ImageFolder.ofClassFolders(root, List.of("n01443537")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("n01440764")
                .hasMessageContaining("not one of the 1 class ids");
    }

    @Test
    void labelFileTakesIdsOrIndicesSeparatedByTabsOrSpaces() throws IOException {
        Path images = tmp.resolve("flat");
        write(images.resolve("a.png"), solid(8, 8, 10, 10, 10), "png");
        write(images.resolve("my photo.png"), solid(8, 8, 20, 20, 20), "png");
        write(images.resolve("c.png"), solid(8, 8, 30, 30, 30), "png");
        Path labels = Files.writeString(tmp.resolve("labels.txt"),
                "# file label\na.png\tn01443537\nmy photo.png   n01440764\n\nc.png 1\n");
        ImageFolder folder = ImageFolder.ofLabelFile(images, labels, List.of("n01440764", "n01443537"));
        assertThat(folder.labels()).containsExactly(1, 0, 1);
        assertThat(folder.files().get(1)).isEqualTo(images.resolve("my photo.png"));

        Path indices = Files.writeString(tmp.resolve("indices.txt"), "a.png 0\nc.png 2\n");
        ImageFolder byIndex = ImageFolder.ofLabelFile(images, indices, null);
        assertThat(byIndex.classIds()).containsExactly("0", "1", "2");
        assertThat(byIndex.labels()).containsExactly(0, 2);

        BatchIterator it = folder.iterator(ImagePreprocessing.KERAS_CAFFE, 2);
        DataSet first = it.next();
        assertThat(first.getFeatures().shape()).containsExactly(2, 3, 224, 224);
        assertThat(first.getFeatures().getFloat(1, 2, 0, 0)).isEqualTo(20 - 123.68f);
        assertThat(it.next().numExamples()).isEqualTo(1);
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void badLabelFilesAreRejectedWithTheLine() throws IOException {
        Path images = tmp.resolve("flat");
        write(images.resolve("a.png"), solid(8, 8, 10, 10, 10), "png");
        Path missing = Files.writeString(tmp.resolve("missing.txt"), "a.png 0\nb.png 1\n");
        assertThatThrownBy(() -> ImageFolder.ofLabelFile(images, missing, null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("missing.txt:2")
                .hasMessageContaining("b.png");
        Path unknown = Files.writeString(tmp.resolve("unknown.txt"), "a.png n09999999\n");
        assertThatThrownBy(() -> ImageFolder.ofLabelFile(images, unknown, List.of("n01440764")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("n09999999");
        assertThatThrownBy(() -> ImageFolder.ofLabelFile(images, tmp.resolve("none.txt"), null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("none.txt");
        assertThatThrownBy(() -> ImageFolder.ofClassFolders(tmp.resolve("no-such-folder"), null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("no-such-folder");
    }

    @Test
    void unreadableOrTruncatedImagesAreRejectedAndNothingIsReturned() throws IOException {
        Path root = tmp.resolve("val");
        write(root.resolve("n01440764/good.png"), solid(300, 300, 1, 2, 3), "png");
        Path garbage = Files.writeString(root.resolve("n01440764/garbage.png"), "this is not a PNG at all");
        assertThatThrownBy(() -> ImageFolder.ofClassFolders(root, null).load(ImagePreprocessing.TORCHVISION))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(garbage.toString())
                .hasMessageContaining("JPEG or PNG");
        Files.delete(garbage);

        byte[] png = Files.readAllBytes(root.resolve("n01440764/good.png"));
        Path cutPng = Files.write(tmp.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
        assertThatThrownBy(() -> ImageFolder.readImage(cutPng))
                .isInstanceOf(DatasetException.class).hasMessageContaining(cutPng.toString());

        Path jpg = write(tmp.resolve("full.jpg"), noise(300, 200), "jpg");
        byte[] jpeg = Files.readAllBytes(jpg);
        Path cutJpg = Files.write(tmp.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        assertThatThrownBy(() -> ImageFolder.readImage(cutJpg))
                .isInstanceOf(DatasetException.class).hasMessageContaining(cutJpg.toString());
    }

    private static BufferedImage noise(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }
}
