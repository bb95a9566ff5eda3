package resnetkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The loader on the real files in datasets/data/fashion-mnist. */
class FashionMnistShippedTest {

    private static Path dir;
    private static DataSet train;
    private static IdxImages rawTrain;

    @BeforeAll
    static void loadOnce() {
        dir = DataLocator.fashionMnist();
        train = FashionMnist.load(Split.TRAIN);
        rawTrain = IdxReader.readImages(dir.resolve("train-images-idx3-ubyte.gz"));
    }

    @Test
    void shippedFilesMatchTheirSums() {
        for (String name : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            Sha256Sums.verify(dir, name);
        }
        assertThat(Sha256Sums.sha256(dir.resolve("train-labels-idx1-ubyte.gz")))
                .isEqualTo("0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056");
        assertThat(dir.resolve("LICENSE")).isRegularFile();
        assertThat(dir.resolve("README.md")).isRegularFile();
    }

    @Test
    void trainingSetHas60000ImagesOf28x28And6000PerClass() {
        assertThat(train.getFeatures().shape()).containsExactly(60000, 1, 28, 28);
        assertThat(train.getLabels().shape()).containsExactly(60000, 10);
        assertThat(train.getLabels().sum(0).toIntVector()).containsOnly(6000);
        assertThat(train.getLabels().sum(1).toIntVector()).containsOnly(1);
        assertThat(train.getLabelNamesList()).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
    }

    @Test
    void testSetHas10000ImagesAnd1000PerClass() {
        DataSet test = FashionMnist.load(Split.TEST);
        assertThat(test.getFeatures().shape()).containsExactly(10000, 1, 28, 28);
        assertThat(test.getLabels().sum(0).toIntVector()).containsOnly(1000);
        // as stored: the first test labels are 9 2 1 1 6
        assertThat(test.getLabels().get(NDArrayIndex.interval(0, 5), NDArrayIndex.all()).argMax(1).toIntVector())
                .containsExactly(9, 2, 1, 1, 6);
    }

    @Test
    void firstLabelsAreAsStored() {
        // train-labels-idx1-ubyte starts 09 00 00 03 00 02 07 02 (Ankle boot, T-shirt, T-shirt, Dress, ...)
        assertThat(train.getLabels().get(NDArrayIndex.interval(0, 8), NDArrayIndex.all()).argMax(1).toIntVector())
                .containsExactly(9, 0, 0, 3, 0, 2, 7, 2);
    }

    @Test
    void pixelsSpanZeroToOneAndEqualStoredBytesOver255() {
        INDArray f = train.getFeatures();
        assertThat(f.minNumber().floatValue()).isZero();
        assertThat(f.maxNumber().floatValue()).isEqualTo(1f);
        for (int[] p : new int[][] {{0, 14, 14}, {0, 4, 10}, {59999, 20, 7}, {31337, 12, 12}}) {
            assertThat(f.getFloat(p[0], 0, p[1], p[2])).isEqualTo(rawTrain.pixel(p[0], p[1], p[2]) / 255f);
        }
        // a garment photo on black: the corners are background, the centre is not
        assertThat(f.getFloat(0, 0, 0, 0)).isZero();
        assertThat(f.get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.interval(10, 18),
                NDArrayIndex.interval(10, 18)).meanNumber().doubleValue()).isGreaterThan(0.2);
    }

    @Test
    void trainingStatsAreFashionMnistsKnownMeanAndStd() {
        PixelStats stats = FashionMnist.trainingStats(dir, 1);
        assertThat(stats.mean()).isCloseTo(0.2860, within(1e-4));
        assertThat(stats.std()).isCloseTo(0.3530, within(1e-4));
        // the features are those bytes over 255 (checked in double: a float sum over 47M values drifts)
        double sum = 0;
        for (int i = 0; i < 1000 * 784; i++) {
            sum += rawTrain.pixels()[i] & 0xFF;
        }
        assertThat(train.getFeatures().get(NDArrayIndex.interval(0, 1000)).castTo(DataType.DOUBLE).meanNumber()
                .doubleValue()).isCloseTo(sum / (1000 * 784) / 255, within(1e-6));
    }

    @Test
    void paddingTo32KeepsTheImageInTheCentreAndStandardisationUsesTrainingStats() {
        PixelStats stats = FashionMnist.trainingStats(dir, 1);
        DataSet test = FashionMnist.load(Split.TEST, FashionMnist.Options.defaults().padTo(32).standardise(true));
        INDArray f = test.getFeatures();
        assertThat(f.shape()).containsExactly(10000, 1, 32, 32);
        IdxImages raw = IdxReader.readImages(dir.resolve("t10k-images-idx3-ubyte.gz"));
        float background = (float) (-stats.mean() / stats.std());
        assertThat(f.getFloat(7, 0, 0, 0)).isEqualTo(background);
        assertThat(f.getFloat(7, 0, 31, 17)).isEqualTo(background);
        assertThat(f.getFloat(7, 0, 2 + 13, 2 + 15))
                .isEqualTo((float) ((raw.pixel(7, 13, 15) / 255.0 - stats.mean()) / stats.std()));
        // standardised with the training set's statistics, the test set is near but not exactly 0 / 1
        INDArray centre = f.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(2, 30),
                NDArrayIndex.interval(2, 30));
        assertThat(centre.meanNumber().doubleValue()).isCloseTo(0.0, within(0.02)).isNotZero();
    }

    @Test
    void halfResolutionPaddedTo16AveragesTwoByTwoBlocks() {
        DataSet small = FashionMnist.load(Split.TRAIN, FashionMnist.Options.defaults().downsample(2).padTo(16).firstPerClass(3));
        INDArray f = small.getFeatures();
        assertThat(f.shape()).containsExactly(30, 1, 16, 16);
        // example 0 of the subset is image 0 of the file (the first Ankle boot)
        int sum = rawTrain.pixel(0, 10, 12) + rawTrain.pixel(0, 10, 13) + rawTrain.pixel(0, 11, 12) + rawTrain.pixel(0, 11, 13);
        assertThat(f.getFloat(0, 0, 1 + 5, 1 + 6)).isEqualTo((float) (sum / 1020.0));
        assertThat(f.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all())
                .maxNumber().floatValue()).isZero();
    }

    @Test
    void firstPerClassTakesTheFirstOfEachClassInFileOrder() {
        int[] labels = train.getLabels().argMax(1).toIntVector();
        DataSet subset = FashionMnist.load(Split.TRAIN, FashionMnist.Options.defaults().firstPerClass(5));
        assertThat(subset.numExamples()).isEqualTo(50);
        int[] expected = Subsets.firstPerClass(labels, 10, 5);
        // the file starts 9 0 0 3 0: no class is full yet, so images 0..4 are all kept
        assertThat(expected).startsWith(0, 1, 2, 3, 4);
        for (int i = 0; i < expected.length; i++) {
            assertThat(subset.getFeatures().slice(i).equals(train.getFeatures().slice(expected[i]))).isTrue();
        }
        assertThat(subset.getLabels().sum(0).toIntVector()).containsOnly(5);
    }

    @Test
    void seededStratifiedSampleIsBalancedReproducibleAndSeedDependent() {
        FashionMnist.Options a = FashionMnist.Options.defaults().sampledPerClass(20, 7);
        DataSet first = FashionMnist.load(Split.TEST, a);
        DataSet again = FashionMnist.load(Split.TEST, a);
        DataSet other = FashionMnist.load(Split.TEST, FashionMnist.Options.defaults().sampledPerClass(20, 8));
        assertThat(first.getLabels().sum(0).toIntVector()).containsOnly(20);
        assertThat(first.getFeatures().equals(again.getFeatures())).isTrue();
        assertThat(first.getFeatures().equals(other.getFeatures())).isFalse();
    }

    @Test
    void locatorFindsTheShippedFolderFromAnyModuleDirectory() {
        Path kitRoot = dir.getParent().getParent().getParent();
        assertThat(DataLocator.fashionMnist(null, null, kitRoot.resolve("grader")))
                .isEqualTo(kitRoot.resolve("datasets/data/fashion-mnist"));
        assertThat(Files.isDirectory(dir)).isTrue();
    }
}
