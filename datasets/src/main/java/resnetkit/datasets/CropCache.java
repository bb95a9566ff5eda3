package resnetkit.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.IntConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The images of an {@link ImageFolder}, decoded, resized and centre-cropped once, kept on disk as bytes
 * (150 KB per 224x224 image, in a temporary file deleted on {@link #close()}) and read back in batches. For
 * an experiment that passes the same images through many networks (Exercise 20.3.3: the full ResNet-50 and
 * one copy per dropped block): memory stays one batch whatever the number of images, and no image is decoded
 * twice. The values equal {@link ImageFolder#load} bit for bit.
 */
public final class CropCache implements AutoCloseable {

    private static final int BYTES = 3 * ImagePreprocessing.CROP * ImagePreprocessing.CROP;

    private final ImagePreprocessing preprocessing;
    private final int[] labels;
    private final List<String> classIds;
    private final Path file;
    private final FileChannel channel;

    private CropCache(ImagePreprocessing preprocessing, int[] labels, List<String> classIds, Path file,
                      FileChannel channel) {
        this.preprocessing = preprocessing;
        this.labels = labels;
        this.classIds = classIds;
        this.file = file;
        this.channel = channel;
    }

    /**
     * Decodes every image of {@code folder} into a temporary file in {@code dir}, calling {@code onImage} with
     * the number done after each.
     *
     * @throws DatasetException when an image cannot be read (the temporary file is deleted then)
     */
    public static CropCache of(ImageFolder folder, ImagePreprocessing preprocessing, Path dir, IntConsumer onImage) {
        Path file = null;
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            file = Files.createTempFile(dir, "crops-", ".bin");
            file.toFile().deleteOnExit();
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            List<Path> files = folder.files();
            for (int i = 0; i < files.size(); i++) {
                ByteBuffer bytes = ByteBuffer.wrap(preprocessing.crop(ImageFolder.readImage(files.get(i))));
                while (bytes.hasRemaining()) {
                    channel.write(bytes, (long) i * BYTES + bytes.position());
                }
                onImage.accept(i + 1);
            }
            return new CropCache(preprocessing, folder.labels(), folder.classIds(), file, channel);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, file);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new UncheckedIOException("could not write the image cache " + file + " in " + dir, (IOException) e);
        }
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** The label index of each image. */
    public int[] labels() {
        return labels.clone();
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive) as {@code [to - from, 3, 224, 224]} floats. */
    public INDArray features(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IndexOutOfBoundsException("images " + from + " to " + to + " of " + size());
        }
        int n = to - from;
        ByteBuffer bytes = ByteBuffer.allocate(n * BYTES);
        try {
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, (long) from * BYTES + bytes.position()) < 0) {
                    throw new IOException("unexpected end of " + file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the image cache " + file, e);
        }
        byte[] crop = new byte[BYTES];
        float[] values = new float[BYTES];
        INDArray features = Tensors.zeros(n, 3, ImagePreprocessing.CROP, ImagePreprocessing.CROP);
        FloatBuffer out = Tensors.floats(features);
        bytes.flip();
        for (int i = 0; i < n; i++) {
            bytes.get(crop);
            preprocessing.normalise(crop, values, 0);
            out.put(values);
        }
        return features;
    }

    /** Images {@code from} to {@code to} with one-hot labels. */
    public DataSet batch(int from, int to) {
        int[] chosen = new int[to - from];
        System.arraycopy(labels, from, chosen, 0, chosen.length);
        DataSet data = new DataSet(features(from, to), Tensors.oneHot(chosen, classIds.size()));
        data.setLabelNames(classIds);
        return data;
    }

    /** Closes and deletes the temporary file. */
    @Override
    public void close() {
        closeQuietly(channel, file);
    }

    private static void closeQuietly(FileChannel channel, Path file) {
        try {
            if (channel != null) {
                channel.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temporary file: deleteOnExit tries again
        }
    }
}
