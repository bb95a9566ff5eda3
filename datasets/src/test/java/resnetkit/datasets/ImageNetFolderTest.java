package resnetkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ImageNet-style folders labelled by WordNet id (the shipped list), seeded stratified samples, flat folders,
 * the crop cache and colour profiles, on small images the test writes.
 */
class ImageNetFolderTest {

    @TempDir
    Path tmp;

    private static final List<String> WNIDS = ImageNetClasses.wnids();

    private static void solidPng(Path file, int rgb) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        assertThat(ImageIO.write(image, "png", file.toFile())).isTrue();
    }

    @Test
    void shippedListIsTheThousandSortedWordNetIdsWithNames() {
        assertThat(WNIDS).hasSize(1000).doesNotHaveDuplicates().isSorted();
        assertThat(WNIDS).allMatch(w -> w.matches("n\\d{8}"));
        assertThat(WNIDS.get(0)).isEqualTo("n01440764");
        assertThat(WNIDS.get(999)).isEqualTo("n15075141");
        assertThat(ImageNetClasses.names()).hasSize(1000);
        assertThat(ImageNetClasses.names().get(0)).isEqualTo("tench");
        assertThat(ImageNetClasses.names().get(285)).isEqualTo("Egyptian cat");
        assertThat(ImageNetClasses.names().get(967)).isEqualTo("espresso");
    }

    @Test
    void classesFromTheMiddleAreLabelledByWordNetIdNotByPosition() throws IOException {
        Path root = tmp.resolve("val");
        int[] picked = {285, 500, 501, 967};
        for (int k : picked) {
            solidPng(root.resolve(WNIDS.get(k) + "/a.png"), 0x808080);
            solidPng(root.resolve(WNIDS.get(k) + "/b.png"), 0x404040);
        }
        ImageFolder folder = ImageFolder.ofClassFolders(root, WNIDS);
        assertThat(folder.classIds()).hasSize(1000);
        assertThat(folder.labels()).containsExactly(285, 285, 500, 500, 501, 501, 967, 967);
        assertThat(folder.load(ImagePreprocessing.KERAS_CAFFE, 6, 8).getLabels().argMax(1).toIntVector())
                .containsExactly(967, 967);
        assertThat(folder.classesPresent()).isEqualTo(4);
    }

    @Test
    void aFolderThatIsNoWordNetIdIsAnErrorNamingIt() throws IOException {
        Path root = tmp.resolve("val");
        solidPng(root.resolve(WNIDS.get(3) + "/a.png"), 0x808080);
        solidPng(root.resolve("n99999999/a.png"), 0x808080);
        assertThatThrownBy(() -> ImageFolder.ofClassFolders(root, WNIDS))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("\"n99999999\"")
                .hasMessageContaining("1000 class ids");
    }

    @Test
    void flatFolderIsOneUnlabelledClass() throws IOException {
        Path root = tmp.resolve("flat");
        for (int i = 0; i < 5; i++) {
            solidPng(root.resolve("img" + i + ".png"), 0x101010 * (i + 1));
        }
        Files.writeString(root.resolve("notes.txt"), "not an image");
        ImageFolder folder = ImageFolder.ofImages(root);
        assertThat(folder.size()).isEqualTo(5);
        assertThat(folder.classIds()).containsExactly(ImageFolder.UNLABELLED);
        assertThat(folder.sample(3, 1).size()).isEqualTo(3);
        assertThatThrownBy(() -> ImageFolder.ofImages(tmp.resolve("missing"))).isInstanceOf(DatasetException.class);
    }

    @Test
    void sampleSpreadsOverClassesIsSeededAndKeepsLoadingOrder() throws IOException {
        Path root = tmp.resolve("val");
        for (int c = 0; c < 10; c++) {
            for (int i = 0; i < 5; i++) {
                solidPng(root.resolve(WNIDS.get(100 + c) + "/img" + i + ".png"), 0x010101 * (c * 10 + i));
            }
        }
        ImageFolder folder = ImageFolder.ofClassFolders(root, WNIDS);
        ImageFolder s = folder.sample(20, 7);
        assertThat(s.size()).isEqualTo(20);
        int[] counts = new int[1000];
        for (int l : s.labels()) {
            counts[l]++;
        }
        for (int c = 0; c < 10; c++) {
            assertThat(counts[100 + c]).as("images of class %d", c).isEqualTo(2);
        }
        assertThat(s.files()).isSorted();
        assertThat(folder.sample(20, 7).files()).isEqualTo(s.files());
        assertThat(folder.sample(20, 8).files()).isNotEqualTo(s.files());
        // fewer images than classes: that many classes, one image each
        Set<Integer> classes = new HashSet<>();
        for (int l : folder.sample(4, 1).labels()) {
            classes.add(l);
        }
        assertThat(classes).hasSize(4);
        assertThat(folder.sample(1000, 1)).isSameAs(folder);
    }

    @Test
    void cropCacheGivesTheValuesOfLoadBatchByBatch() throws IOException {
        Path root = tmp.resolve("val");
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 5; i++) {
            BufferedImage image = new BufferedImage(60 + 10 * i, 50, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    image.setRGB(x, y, random.nextInt(1 << 24));
                }
            }
            Path file = root.resolve(WNIDS.get(10 * i) + "/x.jpg");
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "jpg", file.toFile());
        }
        ImageFolder folder = ImageFolder.ofClassFolders(root, WNIDS);
        int[] seen = new int[1];
        for (ImagePreprocessing p : ImagePreprocessing.values()) {
            try (CropCache cache = CropCache.of(folder, p, tmp.resolve("cache"), n -> seen[0] = n)) {
                assertThat(seen[0]).isEqualTo(5);
                assertThat(cache.batch(1, 4).getFeatures()).as(p.name()).isEqualTo(folder.load(p, 1, 4).getFeatures());
                assertThat(cache.batch(1, 4).getLabels()).isEqualTo(folder.load(p, 1, 4).getLabels());
                assertThat(cache.features(4, 5)).isEqualTo(folder.load(p, 4, 5).getFeatures());
            }
        }
        try (var left = Files.list(tmp.resolve("cache"))) {
            assertThat(left).as("temporary files deleted on close").isEmpty();
        }
    }

    @Test
    void anEmbeddedColourProfileIsIgnoredAsPillowDoes() throws IOException {
        // the same samples once as plain sRGB and once tagged with a linear-RGB ICC profile: Pillow and Keras
        // read the samples as they are; Java's getRGB would convert the tagged one through its profile
        ICC_ColorSpace linear = new ICC_ColorSpace(ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB));
        ComponentColorModel model = new ComponentColorModel(linear, false, false, java.awt.Transparency.OPAQUE,
                DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(32, 24);
        BufferedImage tagged = new BufferedImage(model, raster, false, null);
        BufferedImage plain = new BufferedImage(32, 24, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                int[] rgb = {40 + 5 * x, 30 + 7 * y, 128};
                raster.setPixel(x, y, rgb);
                plain.getRaster().setPixel(x, y, rgb);
            }
        }
        assertThat(tagged.getRGB(3, 3)).as("Java converts through the profile").isNotEqualTo(plain.getRGB(3, 3));
        int[][] a = ImagePreprocessing.rgbPlanes(tagged);
        int[][] b = ImagePreprocessing.rgbPlanes(plain);
        for (int c = 0; c < 3; c++) {
            assertThat(a[c]).as("channel %d", c).isEqualTo(b[c]);
        }
        assertThat(b[0][3 * 32 + 5]).isEqualTo(65);
        assertThat(b[2][0]).isEqualTo(128);
        INDArray x = ImagePreprocessing.KERAS_CAFFE.apply(tagged);
        assertThat(x).isEqualTo(ImagePreprocessing.KERAS_CAFFE.apply(plain));
        assertThat(Arrays.stream(a[1]).max().orElseThrow()).isEqualTo(30 + 7 * 23);
    }
}
