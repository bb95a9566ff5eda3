package resnetkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** The CIFAR-10 reader on small files in the real record format, written here. */
class Cifar10Test {

    @TempDir
    Path tmp;

    /** Pixel byte of global image {@code n}, channel c (0 R, 1 G, 2 B), row y, column x. */
    private static int value(int n, int c, int y, int x) {
        return (n * 13 + c * 85 + y * 7 + x) & 0xFF;
    }

    private static int label(int n) {
        return (n * 3 + 1) % 10;
    }

    /** Records for images first .. first+count-1: label byte, R plane, G plane, B plane. */
    private static byte[] records(int first, int count) {
        byte[] out = new byte[count * Cifar10.RECORD_BYTES];
        for (int i = 0; i < count; i++) {
            int n = first + i;
            int base = i * Cifar10.RECORD_BYTES;
            out[base] = (byte) label(n);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        out[base + 1 + c * 1024 + y * 32 + x] = (byte) value(n, c, y, x);
                    }
                }
            }
        }
        return out;
    }

    /** Train files of 2, 1, 3, 1, 2 records (9 images, numbered across files) and a test file of 4. */
    private Path folder() throws IOException {
        int[] sizes = {2, 1, 3, 1, 2};
        int n = 0;
        for (int f = 0; f < 5; f++) {
            Files.write(tmp.resolve(Cifar10.TRAIN_FILES.get(f)), records(n, sizes[f]));
            n += sizes[f];
        }
        Files.write(tmp.resolve(Cifar10.TEST_FILE), records(100, 4));
        return tmp;
    }

    @Test
    void readsTheTrainingFilesInOrderWithPlanesAsChannels() throws IOException {
        DataSet train = Cifar10.load(folder(), Split.TRAIN);
        INDArray f = train.getFeatures();
        assertThat(f.shape()).containsExactly(9, 3, 32, 32);
        for (int n = 0; n < 9; n++) {
            for (int c = 0; c < 3; c++) {
                for (int[] p : new int[][] {{0, 0}, {0, 31}, {31, 0}, {17, 5}, {31, 31}}) {
                    assertThat(f.getFloat(n, c, p[0], p[1])).as("image %d channel %d at %s", n, c, Arrays.toString(p))
                            .isEqualTo(value(n, c, p[0], p[1]) / 255f);
                }
            }
        }
        int[] expected = new int[9];
        Arrays.setAll(expected, Cifar10Test::label);
        assertThat(train.getLabels().argMax(1).toIntVector()).containsExactly(expected);
        assertThat(train.getLabelNamesList()).startsWith("airplane", "automobile");
    }

    @Test
    void readsTheTestFileFromTheSystemProperty() throws IOException {
        Path dir = folder();
        System.setProperty(DataLocator.CIFAR_PROPERTY, dir.toString());
        try {
            DataSet test = Cifar10.load(Split.TEST);
            assertThat(test.numExamples()).isEqualTo(4);
            assertThat(test.getFeatures().getFloat(3, 2, 9, 30)).isEqualTo(value(103, 2, 9, 30) / 255f);
            assertThat(test.getLabels().argMax(1).toIntVector()).containsExactly(label(100), label(101), label(102), label(103));
        } finally {
            System.clearProperty(DataLocator.CIFAR_PROPERTY);
        }
    }

    @Test
    void aFileThatIsNotWholeRecordsIsRejected() throws IOException {
        Path file = Files.write(tmp.resolve("data_batch_1.bin"), Arrays.copyOf(records(0, 2), 2 * 3073 - 1));
        assertThatThrownBy(() -> Cifar10.readBatchFile(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("6145 bytes")
                .hasMessageContaining("multiple of 3073");
    }

    @Test
    void aLabelAbove9IsRejected() throws IOException {
        byte[] bytes = records(0, 3);
        bytes[2 * 3073] = 12;
        Path file = Files.write(tmp.resolve("test_batch.bin"), bytes);
        assertThatThrownBy(() -> Cifar10.readBatchFile(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("record 2 has label 12");
    }

    @Test
    void missingBatchFilesAreListed() throws IOException {
        Path dir = folder();
        Files.delete(dir.resolve("data_batch_3.bin"));
        assertThatThrownBy(() -> Cifar10.load(dir, Split.TRAIN))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("[data_batch_3.bin]")
                .hasMessageContaining(dir.toString());
        assertThat(Cifar10.load(dir, Split.TEST).numExamples()).isEqualTo(4);
    }
}
