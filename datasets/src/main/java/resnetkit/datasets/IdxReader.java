package resnetkit.datasets;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST: images (magic number 2051, {@code 0x00000803}: unsigned
 * bytes, 3 dimensions) and labels (magic number 2049, {@code 0x00000801}: unsigned bytes, 1 dimension).
 * Big-endian 32-bit header fields, then the data. Files may be gzipped or raw; the gzip magic bytes decide,
 * not the file name.
 *
 * <p>Strict on purpose: the data must be exactly as long as the header says (no more, no less), and a gzip
 * stream must end with a valid CRC. Anything else throws {@link DatasetException}, never a partial result.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned-byte images (3 dimensions). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned-byte labels (1 dimension). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    /** The biggest Java array, a little under 2^31. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private IdxReader() {
    }

    /** Reads an IDX image file (gzipped or raw). */
    public static IdxImages readImages(Path file) {
        return withFile(file, (in, length) -> readImages(in, length, file.toString()));
    }

    /**
     * Receives the images of a file one at a time, so a caller can convert them without holding the whole
     * file's bytes (47 MB for Fashion-MNIST's training set) beside the converted copy.
     */
    interface ImageSink {
        /** Called once with the header's dimensions, before any image. */
        void start(int count, int rows, int cols);

        /** Image {@code index}: {@code rows * cols} bytes from {@code pixels[0]}; the array is reused. */
        void image(int index, byte[] pixels);
    }

    /**
     * Streams an IDX image file (gzipped or raw) into {@code sink}. The file is still checked whole (length,
     * gzip CRC); when it is not valid this throws after the sink has seen some images, so a sink must not
     * publish anything before this returns.
     */
    static void readImages(Path file, ImageSink sink) {
        withFile(file, (in, length) -> parse(in, length, file.toString(), IMAGES_MAGIC, (data, dataLength, dims) -> {
            stream(data, dims, file.toString(), sink);
            return null;
        }));
    }

    /** Reads an IDX label file (gzipped or raw): one unsigned byte per example. */
    public static byte[] readLabels(Path file) {
        return withFile(file, (in, length) -> readLabels(in, length, file.toString()));
    }

    /** Reads IDX images from the bytes of a file (gzipped or raw); {@code source} names it in messages. */
    static IdxImages readImages(byte[] content, String source) {
        return readImages(new ByteArrayInputStream(content), content.length, source);
    }

    /** Reads IDX labels from the bytes of a file (gzipped or raw); {@code source} names it in messages. */
    static byte[] readLabels(byte[] content, String source) {
        return readLabels(new ByteArrayInputStream(content), content.length, source);
    }

    private interface Body<T> {
        T read(InputStream in, long length) throws IOException;
    }

    private static <T> T withFile(Path file, Body<T> body) {
        try (InputStream in = Files.newInputStream(file)) {
            return body.read(in, Files.size(file));
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + " is missing: expected an IDX file there. Restore it (for the"
                    + " shipped data: git checkout -- datasets/data/fashion-mnist) or re-clone the kit.", e);
        } catch (IOException e) {
            throw new DatasetException(file + " could not be read (" + e + "): check its permissions.", e);
        }
    }

    private static IdxImages readImages(InputStream file, long fileLength, String source) {
        return parse(file, fileLength, source, IMAGES_MAGIC, (in, dataLength, dims) -> {
            byte[][] all = new byte[1][];
            stream(in, dims, source, new ImageSink() {
                @Override
                public void start(int count, int rows, int cols) {
                    // grows with the data actually read: a corrupt header claiming gigabytes costs no more
                    // memory than the stream really holds
                    all[0] = new byte[(int) Math.min(dataLength, 1 << 26)];
                }

                @Override
                public void image(int index, byte[] pixels) {
                    int size = pixels.length;
                    long end = (long) (index + 1) * size;
                    if (end > all[0].length) {
                        all[0] = Arrays.copyOf(all[0], (int) Math.min(dataLength, Math.max(end, 2L * all[0].length)));
                    }
                    System.arraycopy(pixels, 0, all[0], index * size, size);
                }
            });
            return new IdxImages(dims[0], dims[1], dims[2], all[0]);
        });
    }

    private static void stream(InputStream in, int[] dims, String source, ImageSink sink) throws IOException {
        sink.start(dims[0], dims[1], dims[2]);
        byte[] image = new byte[dims[1] * dims[2]];
        for (int i = 0; i < dims[0]; i++) {
            int n = in.readNBytes(image, 0, image.length);
            if (n < image.length) {
                throw new DatasetException(source + ": truncated: the header declares " + dims[0] + " images of "
                        + dims[1] + "x" + dims[2] + " but the file ends inside image " + i + ". " + fix(),
                        new EOFException());
            }
            sink.image(i, image);
        }
    }

    private static byte[] readLabels(InputStream file, long fileLength, String source) {
        return parse(file, fileLength, source, LABELS_MAGIC, (in, dataLength, dims) -> readData(in, dataLength, source));
    }

    private interface Data<T> {
        T read(InputStream in, long dataLength, int[] dims) throws IOException;
    }

    private static <T> T parse(InputStream file, long fileLength, String source, int magic, Data<T> data) {
        boolean gzipped = false;
        try {
            BufferedInputStream buffered = new BufferedInputStream(file, 1 << 16);
            gzipped = isGzip(buffered);
            // With gzip the data length is only known after inflating, so it cannot be checked up front.
            InputStream in = gzipped ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            long knownLength = gzipped ? -1 : fileLength;
            int found = readInt(in, source, "the 4-byte magic number");
            if (found != magic) {
                throw new DatasetException(source + ": expected IDX magic number " + magic + " (" + hex(magic) + ", "
                        + kind(magic) + ") but found " + hex(found) + describe(found) + ". "
                        + (gzipped ? "" : "Not gzipped either. ") + fix());
            }
            int ndims = magic & 0xFF;
            int[] dims = new int[ndims];
            long dataLength = 1;
            for (int i = 0; i < ndims; i++) {
                dims[i] = readInt(in, source, "dimension " + i + " of the header");
                // count may be 0 (an empty file is well-formed); an image side may not
                if (dims[i] < (i == 0 ? 0 : 1)) {
                    throw new DatasetException(source + ": header dimension " + i + " is " + (dims[i] & 0xFFFFFFFFL)
                            + ", expected " + (i == 0 ? "a count below 2^31" : "an image side of 1 or more") + ". " + fix());
                }
                dataLength *= dims[i]; // both below 2^31: no overflow
                if (dataLength > MAX_ARRAY) {
                    throw new DatasetException(source + ": header declares more than " + MAX_ARRAY
                            + " data bytes (dimension " + i + " is " + dims[i] + "), more than one Java array holds. "
                            + fix());
                }
            }
            long headerLength = 4L + 4L * ndims;
            if (knownLength >= 0 && headerLength + dataLength != knownLength) {
                throw new DatasetException(source + ": header " + Arrays.toString(dims) + " declares "
                        + (headerLength + dataLength) + " bytes in all, but the file has " + knownLength + " ("
                        + (knownLength < headerLength + dataLength ? "truncated" : "trailing bytes") + "). " + fix());
            }
            T result = data.read(in, dataLength, dims);
            // Reading past the end is what makes GZIPInputStream check the CRC and length trailer.
            if (in.read() != -1) {
                throw new DatasetException(source + ": more data than the header " + Arrays.toString(dims)
                        + " declares (" + dataLength + " bytes). " + fix());
            }
            return result;
        } catch (IOException e) {
            if (!gzipped) {
                throw new DatasetException(source + " could not be read (" + e + "): check the disk and the file's"
                        + " permissions.", e);
            }
            // EOFException (truncated gzip), ZipException (corrupt deflate data, bad CRC, bad gzip header)
            throw new DatasetException(source + ": the gzip stream is truncated or corrupt (" + e.getMessage()
                    + "); expected a complete gzipped IDX file. " + fix(), e);
        }
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1;
    }

    private static int readInt(InputStream in, String source, String what) throws IOException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int b = in.read();
            if (b < 0) {
                throw new DatasetException(source + ": file ends inside the IDX header, expected " + what
                        + " (big-endian 32-bit). " + fix());
            }
            value = (value << 8) | b;
        }
        return value;
    }

    /**
     * Reads exactly {@code length} bytes. The buffer grows with the data actually read, so a corrupt header that
     * claims gigabytes costs no more memory than the stream really holds.
     */
    private static byte[] readData(InputStream in, long length, String source) throws IOException {
        int target = (int) length;
        byte[] buffer = new byte[Math.min(target, 1 << 26)];
        int filled = 0;
        while (filled < target) {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(target, 2L * buffer.length));
            }
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                throw new DatasetException(source + ": truncated: the header declares " + length
                        + " data bytes but the file ends after " + filled + ". " + fix(), new EOFException());
            }
            filled += n;
        }
        return buffer;
    }

    private static String fix() {
        return "Restore the file (for the shipped data: git checkout -- datasets/data/fashion-mnist, or re-clone"
                + " the kit) or replace it with an uncorrupted copy.";
    }

    private static String kind(int magic) {
        return magic == IMAGES_MAGIC ? "unsigned-byte images" : "unsigned-byte labels";
    }

    private static String describe(int found) {
        if (found == IMAGES_MAGIC || found == LABELS_MAGIC) {
            return " (" + kind(found) + ": images and labels swapped?)";
        }
        return "";
    }

    private static String hex(int value) {
        return String.format("0x%08X", value);
    }
}
