package resnetkit.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Reader for the "binary version" of CIFAR-10 (not shipped with the kit: no registry it can reach carries
 * it). Each file is a run of 3,073-byte records: 1 label byte (0..9), then 3,072 pixel bytes: the red plane,
 * the green plane, the blue plane, each 32x32 row-major. That is already NCHW order, so a record becomes one
 * {@code [3, 32, 32]} example as it stands.
 *
 * <p>The training split is {@code data_batch_1.bin} ... {@code data_batch_5.bin} in that order, the test
 * split {@code test_batch.bin}. Features are float {@code [N, 3, 32, 32]} in [0,1], labels one-hot {@code [N, 10]}.
 * The folder comes from the argument, or {@value DataLocator#CIFAR_PROPERTY}, or {@value DataLocator#CIFAR_ENV}.
 */
public final class Cifar10 {

    /** Class names by label, as in CIFAR-10's batches.meta.txt. */
    public static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");
    /** Number of classes. */
    public static final int NUM_CLASSES = 10;
    /** Bytes per record: label + 3 x 32 x 32 pixels. */
    public static final int RECORD_BYTES = 1 + 3 * 32 * 32;
    /** The training split's files, in reading order. */
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin");
    /** The test split's file. */
    public static final String TEST_FILE = "test_batch.bin";

    private static final int PIXELS = RECORD_BYTES - 1;

    private Cifar10() {
    }

    /** A split from the folder named by {@value DataLocator#CIFAR_PROPERTY} or {@value DataLocator#CIFAR_ENV}. */
    public static DataSet load(Split split) {
        return load(null, split);
    }

    /**
     * A split from {@code dir} (null: property, then environment variable).
     *
     * @throws DatasetException when the folder or a file is missing, a file is not a whole number of records,
     *                          or a label is not 0..9; nothing is returned then
     */
    public static DataSet load(Path dir, Split split) {
        Path folder = DataLocator.cifar10(dir);
        List<Path> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : split == Split.TRAIN ? TRAIN_FILES : List.of(TEST_FILE)) {
            Path file = folder.resolve(name);
            files.add(file);
            if (!Files.isRegularFile(file)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new DatasetException(folder + ": missing " + missing + " for the " + split + " split: expected the"
                    + " unpacked CIFAR-10 binary version (data_batch_1.bin ... data_batch_5.bin, test_batch.bin)."
                    + " Point at the folder that holds them (often cifar-10-batches-bin).");
        }
        return read(files);
    }

    /** One batch file on its own, e.g. {@code data_batch_1.bin}. */
    public static DataSet readBatchFile(Path file) {
        return read(List.of(file));
    }

    private static DataSet read(List<Path> files) {
        long total = 0;
        for (Path file : files) {
            total += records(file);
        }
        int n = (int) total;
        INDArray features = Tensors.zeros(n, 3, 32, 32);
        FloatBuffer out = Tensors.floats(features);
        int[] labels = new int[n];
        float[] scale = new float[256];
        for (int v = 0; v < 256; v++) {
            scale[v] = v / 255f;
        }
        byte[] record = new byte[RECORD_BYTES];
        float[] pixels = new float[PIXELS];
        int i = 0;
        for (Path file : files) {
            int count = records(file);
            try (InputStream in = Files.newInputStream(file)) {
                for (int r = 0; r < count; r++, i++) {
                    if (in.readNBytes(record, 0, RECORD_BYTES) != RECORD_BYTES) {
                        throw new DatasetException(file + ": ended inside record " + r + " while being read (changed"
                                + " on disk?): expected " + count + " records of " + RECORD_BYTES + " bytes. Copy it again.");
                    }
                    labels[i] = record[0] & 0xFF;
                    if (labels[i] >= NUM_CLASSES) {
                        throw new DatasetException(file + ": record " + r + " has label " + labels[i] + ", expected 0..9."
                                + " Is this the CIFAR-100 binary version (2 label bytes) or another file? Use the"
                                + " CIFAR-10 binary version.");
                    }
                    for (int p = 0; p < PIXELS; p++) {
                        pixels[p] = scale[record[1 + p] & 0xFF];
                    }
                    out.put(pixels);
                }
            } catch (IOException e) {
                throw new DatasetException(file + " could not be read (" + e + "): check its permissions.", e);
            }
        }
        DataSet data = new DataSet(features, Tensors.oneHot(labels, NUM_CLASSES));
        data.setLabelNames(CLASS_NAMES);
        return data;
    }

    private static int records(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + " is missing: expected a CIFAR-10 binary batch file there.", e);
        } catch (IOException e) {
            throw new DatasetException(file + " could not be read (" + e + "): check its permissions.", e);
        }
        if (size == 0 || size % RECORD_BYTES != 0) {
            throw new DatasetException(file + " has " + size + " bytes: expected a non-zero multiple of " + RECORD_BYTES
                    + " (1 label byte + 3,072 pixel bytes per image; 30,730,000 for a full batch). The file is"
                    + " truncated or not a CIFAR-10 binary batch: download and unpack it again.");
        }
        return (int) (size / RECORD_BYTES);
    }
}
