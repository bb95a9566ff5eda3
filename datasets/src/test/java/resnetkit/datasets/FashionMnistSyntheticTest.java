package resnetkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** The loader on small folders the test writes: conversion arithmetic and every bad-input path. */
class FashionMnistSyntheticTest {

    @TempDir
    Path tmp;

    private static final FashionMnist.Options PLAIN = FashionMnist.Options.defaults();

    @Test
    void scalesEachPixelToItsValueOver255() throws IOException {
        Path dir = Idx.folder(tmp, Idx.images(4, 4, 4), Idx.labels(3, 0, 9, 3));
        DataSet data = FashionMnist.load(dir, Split.TRAIN, PLAIN);
        INDArray f = data.getFeatures();
        assertThat(f.shape()).containsExactly(4, 1, 4, 4);
        for (int i = 0; i < 4; i++) {
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    assertThat(f.getFloat(i, 0, r, c)).isEqualTo(Idx.pixel(i, r, c) / 255f);
                }
            }
        }
        assertThat(data.getLabels().argMax(1).toIntVector()).containsExactly(3, 0, 9, 3);
        assertThat(data.getLabels().sum(1).toFloatVector()).containsOnly(1f);
    }

    @Test
    void downsamplesByBlockAverageThenPadsCentred() throws IOException {
        Path dir = Idx.folder(tmp, Idx.images(2, 4, 4), Idx.labels(1, 2));
        INDArray f = FashionMnist.load(dir, Split.TEST, PLAIN.downsample(2).padTo(4)).getFeatures();
        assertThat(f.shape()).containsExactly(2, 1, 4, 4);
        for (int i = 0; i < 2; i++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 2; x++) {
                    int sum = Idx.pixel(i, 2 * y, 2 * x) + Idx.pixel(i, 2 * y, 2 * x + 1)
                            + Idx.pixel(i, 2 * y + 1, 2 * x) + Idx.pixel(i, 2 * y + 1, 2 * x + 1);
                    assertThat(f.getFloat(i, 0, y + 1, x + 1)).isEqualTo((float) (sum / (4 * 255.0)));
                }
            }
            // the one-pixel frame is background
            for (int k = 0; k < 4; k++) {
                assertThat(f.getFloat(i, 0, 0, k)).isZero();
                assertThat(f.getFloat(i, 0, 3, k)).isZero();
                assertThat(f.getFloat(i, 0, k, 0)).isZero();
                assertThat(f.getFloat(i, 0, k, 3)).isZero();
            }
        }
    }

    @Test
    void standardisesWithTrainingStatsAndPadsWithStandardisedBackground() throws IOException {
        Path dir = Idx.folder(tmp.resolve("std"), Idx.images(3, 2, 2), Idx.labels(0, 1, 2));
        PixelStats stats = FashionMnist.trainingStats(dir, 1);
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < 3; i++) {
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 2; c++) {
                    sum += Idx.pixel(i, r, c) / 255.0;
                    squares += Math.pow(Idx.pixel(i, r, c) / 255.0, 2);
                }
            }
        }
        double mean = sum / 12;
        assertThat(stats.mean()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(stats.std()).isCloseTo(Math.sqrt(squares / 12 - mean * mean), org.assertj.core.data.Offset.offset(1e-12));

        INDArray f = FashionMnist.load(dir, Split.TEST, PLAIN.standardise(true).padTo(4)).getFeatures();
        assertThat(f.getFloat(1, 0, 1, 2)).isEqualTo((float) ((Idx.pixel(1, 0, 1) / 255.0 - stats.mean()) / stats.std()));
        assertThat(f.getFloat(1, 0, 0, 0)).isEqualTo((float) (-stats.mean() / stats.std()));
    }

    @Test
    void countMismatchNamesBothCountsAndRejects() throws IOException {
        Path dir = Idx.folder(tmp, Idx.images(3, 2, 2), Idx.labels(1, 2, 3, 4));
        assertThatThrownBy(() -> FashionMnist.load(dir, Split.TRAIN, PLAIN))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("train-labels-idx1-ubyte.gz")
                .hasMessageContaining("4 labels")
                .hasMessageContaining("3 images");
    }

    @Test
    void labelOutOfRangeIsRejected() throws IOException {
        Path dir = Idx.folder(tmp, Idx.images(2, 2, 2), Idx.labels(1, 10));
        assertThatThrownBy(() -> FashionMnist.load(dir, Split.TRAIN, PLAIN))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("label 10 at index 1");
    }

    @Test
    void checksumMismatchNamesFileBothSumsAndTheFix() throws IOException {
        Path dir = Idx.folder(tmp, Idx.images(2, 2, 2), Idx.labels(1, 2));
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        String expected = Sha256Sums.sha256(images);
        // a file that still parses (one pixel changed): only the checksum can tell
        byte[] changed = Idx.images(2, 2, 2);
        changed[16] ^= 1;
        Files.write(images, Idx.gzip(changed));
        String actual = Sha256Sums.sha256(images);
        assertThatThrownBy(() -> FashionMnist.load(dir, Split.TRAIN, PLAIN))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("expected " + expected)
                .hasMessageContaining("actual " + actual)
                .hasMessageContaining("git checkout")
                .hasMessageContaining("re-clone");
        // the test split's files are untouched and still load
        assertThat(FashionMnist.load(dir, Split.TEST, PLAIN).numExamples()).isEqualTo(2);
    }

    @Test
    void missingSumsFileOrDataFileIsReported() throws IOException {
        Path dir = Idx.folder(tmp, Idx.images(2, 2, 2), Idx.labels(1, 2));
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertThatThrownBy(() -> FashionMnist.load(dir, Split.TEST, PLAIN))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("t10k-labels-idx1-ubyte.gz is missing");
        Files.delete(dir.resolve(Sha256Sums.FILE_NAME));
        assertThatThrownBy(() -> FashionMnist.load(dir, Split.TRAIN, PLAIN))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(dir.resolve(Sha256Sums.FILE_NAME) + " is missing")
                .hasMessageContaining("sha256sum");
    }

    @Test
    void fileNotListedInSumsIsRejected() throws IOException {
        Path dir = Idx.folder(tmp, Idx.images(2, 2, 2), Idx.labels(1, 2));
        Files.writeString(dir.resolve(Sha256Sums.FILE_NAME), Files.readAllLines(dir.resolve(Sha256Sums.FILE_NAME))
                .stream().filter(l -> !l.contains("train-images")).map(l -> l + "\n").reduce("", String::concat));
        assertThatThrownBy(() -> FashionMnist.load(dir, Split.TRAIN, PLAIN))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("no line for train-images-idx3-ubyte.gz");
    }

    @Test
    void optionsThatDoNotFitTheImagesAreRefused() throws IOException {
        Path dir = Idx.folder(tmp, Idx.images(2, 4, 4), Idx.labels(1, 2));
        assertThatThrownBy(() -> FashionMnist.load(dir, Split.TRAIN, PLAIN.downsample(3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FashionMnist.load(dir, Split.TRAIN, PLAIN.padTo(7)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FashionMnist.load(dir, Split.TRAIN, PLAIN.padTo(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void askingForMorePerClassThanExistIsADatasetException() throws IOException {
        Path dir = Idx.folder(tmp, Idx.images(3, 2, 2), Idx.labels(0, 0, 1));
        assertThatThrownBy(() -> FashionMnist.load(dir, Split.TRAIN, PLAIN.firstPerClass(1)))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("class 2 has only 0");
    }
}
