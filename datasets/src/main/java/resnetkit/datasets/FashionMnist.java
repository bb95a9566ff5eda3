package resnetkit.datasets;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Fashion-MNIST (Zalando, MIT licence), shipped in {@code datasets/data/fashion-mnist} and found by
 * {@link DataLocator#fashionMnist()}. Every load checks the files' SHA-256 against {@code SHA256SUMS} first.
 *
 * <p>Features are float {@code [N, 1, side, side]} in [0,1] (or standardised), labels one-hot {@code [N, 10]}:
 * <pre>{@code
 * DataSet train = FashionMnist.load(Split.TRAIN, FashionMnist.Options.defaults().padTo(32));
 * DataSet small = FashionMnist.load(Split.TRAIN,
 *         FashionMnist.Options.defaults().downsample(2).padTo(16).firstPerClass(100));   // 1,000 x 1x16x16
 * DataSetIterator it = BatchIterator.shuffled(train, 128, 42);
 * }</pre>
 */
public final class FashionMnist {

    /** Class names by label, as Zalando lists them. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Number of classes. */
    public static final int NUM_CLASSES = 10;
    /** Side of the stored images. */
    public static final int SIDE = 28;

    private static final Map<String, PixelStats> STATS = new ConcurrentHashMap<>();

    private FashionMnist() {
    }

    /**
     * How to turn the stored images into features, and which images. Start from {@link #defaults()}; each
     * method returns a changed copy.
     *
     * @param downsample  average {@code downsample x downsample} blocks (1 = none, 2 = 28 to 14)
     * @param padTo       pad to this side with background, centred (0 = no padding); the margin must be even
     * @param standardise subtract the training set's mean pixel and divide by its std ({@link #trainingStats})
     * @param perClass    take this many images of each class (0 = all images)
     * @param sampleSeed  empty: the first {@code perClass} of each class; else a stratified sample with this seed
     */
    public record Options(int downsample, int padTo, boolean standardise, int perClass, OptionalLong sampleSeed) {

        /** Validates the values that do not depend on the data. */
        public Options {
            if (downsample < 1 || padTo < 0 || perClass < 0 || sampleSeed == null) {
                throw new IllegalArgumentException("downsample >= 1, padTo >= 0, perClass >= 0, sampleSeed not null;"
                        + " got " + downsample + ", " + padTo + ", " + perClass + ", " + sampleSeed);
            }
        }

        /** 28x28 in [0,1], all images, no padding. */
        public static Options defaults() {
            return new Options(1, 0, false, 0, OptionalLong.empty());
        }

        /** Averages {@code factor x factor} blocks first (2: 28x28 to 14x14). */
        public Options downsample(int factor) {
            return new Options(factor, padTo, standardise, perClass, sampleSeed);
        }

        /** Pads with background to {@code side x side}, centred (32: the LeNet/CIFAR size). */
        public Options padTo(int side) {
            return new Options(downsample, side, standardise, perClass, sampleSeed);
        }

        /** Standardises with the training set's mean and std (for the test split too). */
        public Options standardise(boolean on) {
            return new Options(downsample, padTo, on, perClass, sampleSeed);
        }

        /** Keeps the first {@code n} images of each class, in file order. */
        public Options firstPerClass(int n) {
            return new Options(downsample, padTo, standardise, n, OptionalLong.empty());
        }

        /** Keeps a seeded stratified sample of {@code n} images per class, in file order. */
        public Options sampledPerClass(int n, long seed) {
            return new Options(downsample, padTo, standardise, n, OptionalLong.of(seed));
        }
    }

    /** The whole split, 28x28 in [0,1]. */
    public static DataSet load(Split split) {
        return load(split, Options.defaults());
    }

    /** The split from the kit's data folder ({@link DataLocator#fashionMnist()}). */
    public static DataSet load(Split split, Options options) {
        return load(DataLocator.fashionMnist(), split, options);
    }

    /**
     * The split from {@code dir}, which holds the four IDX files (gzipped, or raw without {@code .gz}) and a
     * {@code SHA256SUMS} that lists them.
     *
     * @throws DatasetException for a missing, damaged or inconsistent file; nothing is returned then
     * @throws IllegalArgumentException when the options do not fit the images (a side not divisible by the
     *                                  downsampling factor, padding smaller than the image or with an odd margin)
     */
    public static DataSet load(Path dir, Split split, Options options) {
        Path imagesFile = dataFile(dir, split == Split.TRAIN ? "train-images-idx3-ubyte" : "t10k-images-idx3-ubyte");
        Path labelsFile = dataFile(dir, split == Split.TRAIN ? "train-labels-idx1-ubyte" : "t10k-labels-idx1-ubyte");
        // Both sums before parsing anything: a damaged file is then reported as damaged, not as whatever
        // parse error the damage happens to cause.
        Sha256Sums.verify(dir, imagesFile.getFileName().toString());
        Sha256Sums.verify(dir, labelsFile.getFileName().toString());
        int[] labels = readLabels(labelsFile);
        int[] chosen = labels;
        if (options.perClass() > 0) {
            chosen = options.sampleSeed().isPresent()
                    ? Subsets.stratifiedSample(labels, NUM_CLASSES, options.perClass(), options.sampleSeed().getAsLong())
                    : Subsets.firstPerClass(labels, NUM_CLASSES, options.perClass());
        }
        int[] indices = chosen == labels ? null : chosen;
        PixelStats stats = options.standardise() ? trainingStats(dir, options.downsample()) : null;
        // Images are converted as they are inflated: the file's 47 MB of bytes are never held beside the
        // 188 MB of floats.
        INDArray[] features = new INDArray[1];
        IdxReader.readImages(imagesFile, new IdxReader.ImageSink() {
            private GrayImages converter;
            private FloatBuffer out;
            private int[] slot;

            @Override
            public void start(int count, int rows, int cols) {
                if (count != labels.length) {
                    throw new DatasetException(labelsFile + " has " + labels.length + " labels but " + imagesFile
                            + " has " + count + " images: expected one label per image. The two files do not belong"
                            + " together; restore both (git checkout -- datasets/data/fashion-mnist).");
                }
                checkGeometry(rows, cols, options);
                converter = new GrayImages(rows, cols, options.downsample(), options.padTo(), stats);
                int n = indices == null ? count : indices.length;
                features[0] = Tensors.zeros(n, 1, converter.height(), converter.width());
                out = Tensors.floats(features[0]);
                if (indices != null) {
                    slot = new int[count];
                    Arrays.fill(slot, -1);
                    for (int i = 0; i < indices.length; i++) {
                        slot[indices[i]] = i;
                    }
                }
            }

            @Override
            public void image(int index, byte[] pixels) {
                if (slot == null) {
                    converter.write(pixels, out);
                } else if (slot[index] >= 0) {
                    out.position(slot[index] * converter.height() * converter.width());
                    converter.write(pixels, out);
                }
            }
        });
        int[] classes = labels;
        if (indices != null) {
            classes = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                classes[i] = labels[indices[i]];
            }
        }
        DataSet data = new DataSet(features[0], Tensors.oneHot(classes, NUM_CLASSES));
        data.setLabelNames(CLASS_NAMES);
        return data;
    }

    /**
     * Mean and std of the training images' pixels in [0,1] after {@code downsample x downsample} averaging
     * (padding excluded). Computed once per folder and factor, then kept for this JVM.
     */
    public static PixelStats trainingStats(Path dir, int downsample) {
        String key = dir.toAbsolutePath().normalize() + "#" + downsample;
        PixelStats known = STATS.get(key);
        if (known == null) {
            Path imagesFile = dataFile(dir, "train-images-idx3-ubyte");
            Sha256Sums.verify(dir, imagesFile.getFileName().toString());
            GrayImages.Stats stats = new GrayImages.Stats(downsample);
            int[] size = new int[2];
            IdxReader.readImages(imagesFile, new IdxReader.ImageSink() {
                @Override
                public void start(int count, int rows, int cols) {
                    checkGeometry(rows, cols, Options.defaults().downsample(downsample));
                    size[0] = rows;
                    size[1] = cols;
                }

                @Override
                public void image(int index, byte[] pixels) {
                    stats.add(pixels, size[0], size[1]);
                }
            });
            known = stats.result();
            STATS.put(key, known);
        }
        return known;
    }

    private static int[] readLabels(Path labelsFile) {
        byte[] stored = IdxReader.readLabels(labelsFile);
        int[] labels = new int[stored.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = stored[i] & 0xFF;
            if (labels[i] >= NUM_CLASSES) {
                throw new DatasetException(labelsFile + ": label " + labels[i] + " at index " + i + ", expected 0.."
                        + (NUM_CLASSES - 1) + ". Restore the file (git checkout -- datasets/data/fashion-mnist).");
            }
        }
        return labels;
    }

    /** {@code name.gz} if present, else the raw {@code name} if present, else {@code name.gz} (reported missing). */
    private static Path dataFile(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        Path raw = dir.resolve(name);
        return !Files.exists(gz) && Files.exists(raw) ? raw : gz;
    }

    private static void checkGeometry(int rows, int cols, Options options) {
        int f = options.downsample();
        if (rows % f != 0 || cols % f != 0) {
            throw new IllegalArgumentException("downsample " + f + " does not divide the image size " + rows + "x" + cols);
        }
        int h = rows / f;
        int w = cols / f;
        int p = options.padTo();
        if (p > 0 && (p < Math.max(h, w) || (p - h) % 2 != 0 || (p - w) % 2 != 0)) {
            throw new IllegalArgumentException("padTo " + p + " must be at least the image size " + h + "x" + w
                    + " and leave an even margin (e.g. 32 for 28x28, 16 for 14x14)");
        }
    }
}
