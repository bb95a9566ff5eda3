package resnetkit.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files for tests, in the same format as the shipped Fashion-MNIST files. */
final class Idx {

    private Idx() {
    }

    /** Raw IDX images: pixel (i, r, c) = (i * 31 + r * 7 + c * 3) mod 256. */
    static byte[] images(int count, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    b.put((byte) pixel(i, r, c));
                }
            }
        }
        return b.array();
    }

    static int pixel(int i, int r, int c) {
        return (i * 31 + r * 7 + c * 3) & 0xFF;
    }

    /** Raw IDX labels. */
    static byte[] labels(int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(IdxReader.LABELS_MAGIC).putInt(labels.length);
        for (int label : labels) {
            b.put((byte) label);
        }
        return b.array();
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A Fashion-MNIST-style folder: gzipped train and t10k files and a SHA256SUMS listing them. Both splits get
     * the same images and labels.
     */
    static Path folder(Path dir, byte[] rawImages, byte[] rawLabels) throws IOException {
        Files.createDirectories(dir);
        StringBuilder sums = new StringBuilder();
        for (String split : new String[] {"train", "t10k"}) {
            sums.append(write(dir, split + "-images-idx3-ubyte.gz", gzip(rawImages)));
            sums.append(write(dir, split + "-labels-idx1-ubyte.gz", gzip(rawLabels)));
        }
        Files.writeString(dir.resolve(Sha256Sums.FILE_NAME), sums);
        return dir;
    }

    private static String write(Path dir, String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return Sha256Sums.sha256(file) + "  " + name + "\n";
    }
}
