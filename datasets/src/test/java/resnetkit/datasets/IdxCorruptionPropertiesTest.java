package resnetkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Damaged IDX streams are always rejected with {@link DatasetException}: never a silent success, never an
 * {@code EOFException}, {@code ArrayIndexOutOfBoundsException} or {@code OutOfMemoryError} escaping.
 */
class IdxCorruptionPropertiesTest {

    private static final byte[] IMAGES = Idx.images(5, 6, 4);
    private static final byte[] IMAGES_GZ = Idx.gzip(IMAGES);
    private static final byte[] LABELS = Idx.labels(3, 1, 4, 1, 5, 9, 2);
    private static final byte[] LABELS_GZ = Idx.gzip(LABELS);

    @Property(tries = 200, seed = "42")
    void truncatedRawImagesAreRejected(@ForAll @IntRange(min = 0, max = 16 + 5 * 6 * 4 - 1) int length) {
        byte[] cut = Arrays.copyOf(IMAGES, length);
        assertThatThrownBy(() -> IdxReader.readImages(cut, "cut")).isExactlyInstanceOf(DatasetException.class);
    }

    @Property(tries = 200, seed = "42")
    void truncatedGzippedImagesAreRejected(@ForAll @IntRange(min = 0, max = 1000) int at) {
        byte[] cut = Arrays.copyOf(IMAGES_GZ, at % IMAGES_GZ.length);
        assertThatThrownBy(() -> IdxReader.readImages(cut, "cut.gz")).isExactlyInstanceOf(DatasetException.class);
    }

    @Property(tries = 100, seed = "42")
    void truncatedLabelsAreRejectedRawAndGzipped(@ForAll @IntRange(min = 0, max = 1000) int at, @ForAll boolean gzipped) {
        byte[] whole = gzipped ? LABELS_GZ : LABELS;
        byte[] cut = Arrays.copyOf(whole, at % whole.length);
        assertThatThrownBy(() -> IdxReader.readLabels(cut, "cut")).isExactlyInstanceOf(DatasetException.class);
    }

    /** Any change to the 16 header bytes (magic, type, rank, count, rows, cols) is caught, raw or gzipped. */
    @Property(tries = 300, seed = "42")
    void flippedHeaderBitsAreRejected(@ForAll @IntRange(min = 0, max = 15) int offset,
                                      @ForAll @IntRange(min = 1, max = 255) int mask, @ForAll boolean gzipped) {
        byte[] damaged = IMAGES.clone();
        damaged[offset] ^= (byte) mask;
        byte[] file = gzipped ? Idx.gzip(damaged) : damaged;
        assertThatThrownBy(() -> IdxReader.readImages(file, "flipped")).isExactlyInstanceOf(DatasetException.class);
    }

    @Property(tries = 100, seed = "42")
    void flippedLabelHeaderBitsAreRejected(@ForAll @IntRange(min = 0, max = 7) int offset,
                                           @ForAll @IntRange(min = 1, max = 255) int mask, @ForAll boolean gzipped) {
        byte[] damaged = LABELS.clone();
        damaged[offset] ^= (byte) mask;
        byte[] file = gzipped ? Idx.gzip(damaged) : damaged;
        assertThatThrownBy(() -> IdxReader.readLabels(file, "flipped")).isExactlyInstanceOf(DatasetException.class);
    }

    /**
     * A damaged byte anywhere in a gzip file: rejected, or (for the bits gzip itself ignores: the header's
     * modification time, OS and flag bits, the final byte's padding) read back exactly as before. Never
     * different data: the CRC-32 and length in the trailer are checked.
     */
    @Property(tries = 300, seed = "42")
    void anyDamagedGzipByteIsRejectedOrHarmless(@ForAll @IntRange(min = 0, max = 10_000) int at,
                                                @ForAll @IntRange(min = 1, max = 255) int mask) {
        byte[] damaged = IMAGES_GZ.clone();
        damaged[at % damaged.length] ^= (byte) mask;
        IdxImages read;
        try {
            read = IdxReader.readImages(damaged, "damaged.gz");
        } catch (DatasetException expected) {
            return;
        }
        assertThat(read.pixels()).isEqualTo(Arrays.copyOfRange(IMAGES, 16, IMAGES.length));
        assertThat(read.count()).isEqualTo(5);
    }
}
