package resnetkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsRawAndGzippedFilesToTheSameImages() throws IOException {
        byte[] raw = Idx.images(3, 4, 5);
        Path rawFile = Files.write(tmp.resolve("imgs"), raw);
        Path gzFile = Files.write(tmp.resolve("imgs.gz"), Idx.gzip(raw));

        IdxImages fromRaw = IdxReader.readImages(rawFile);
        IdxImages fromGz = IdxReader.readImages(gzFile);

        assertThat(fromRaw.count()).isEqualTo(3);
        assertThat(fromRaw.rows()).isEqualTo(4);
        assertThat(fromRaw.cols()).isEqualTo(5);
        assertThat(fromRaw.pixel(2, 3, 4)).isEqualTo(Idx.pixel(2, 3, 4));
        assertThat(fromRaw.pixel(1, 0, 2)).isEqualTo(Idx.pixel(1, 0, 2));
        assertThat(fromGz.pixels()).isEqualTo(fromRaw.pixels());
        assertThat(fromRaw.pixels()).isEqualTo(Arrays.copyOfRange(raw, 16, raw.length));
    }

    @Test
    void gzipIsDetectedByContentNotByName() throws IOException {
        Path misnamed = Files.write(tmp.resolve("labels-without-extension"), Idx.gzip(Idx.labels(7, 200, 0)));
        assertThat(IdxReader.readLabels(misnamed)).containsExactly(7, (byte) 200, 0);
    }

    @Test
    void readsAnEmptyButWellFormedFile() {
        assertThat(IdxReader.readLabels(Idx.labels(), "empty")).isEmpty();
    }

    @Test
    void wrongMagicNumberNamesFileExpectedAndFound() throws IOException {
        byte[] raw = Idx.images(2, 2, 2);
        raw[3] = 0x04;
        Path file = Files.write(tmp.resolve("bad-magic"), raw);
        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("2051")
                .hasMessageContaining("0x00000804")
                .hasMessageContaining("git checkout");
    }

    @Test
    void labelsReadAsImagesSaySoInTheMessage() throws IOException {
        Path file = Files.write(tmp.resolve("labels.gz"), Idx.gzip(Idx.labels(1, 2)));
        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("swapped");
    }

    @Test
    void truncatedRawFileIsRejectedWithSizes() throws IOException {
        byte[] raw = Idx.images(3, 4, 4);
        Path file = Files.write(tmp.resolve("short"), Arrays.copyOf(raw, raw.length - 5));
        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated")
                .hasMessageContaining(String.valueOf(raw.length));
    }

    @Test
    void truncatedGzipIsRejected() throws IOException {
        byte[] gz = Idx.gzip(Idx.images(3, 4, 4));
        Path file = Files.write(tmp.resolve("short.gz"), Arrays.copyOf(gz, gz.length - 3));
        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("gzip");
    }

    @Test
    void corruptGzipChecksumIsRejected() throws IOException {
        byte[] gz = Idx.gzip(Idx.images(3, 4, 4));
        gz[gz.length - 8] ^= 0x01; // the CRC-32 in the trailer
        Path file = Files.write(tmp.resolve("crc.gz"), gz);
        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("corrupt");
    }

    @Test
    void trailingBytesAreRejectedRawAndGzipped() {
        byte[] raw = Arrays.copyOf(Idx.labels(1, 2, 3), 11 + 2);
        assertThatThrownBy(() -> IdxReader.readLabels(raw, "raw-trailing"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> IdxReader.readLabels(Idx.gzip(raw), "gz-trailing"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("more data than the header");
    }

    @Test
    void absurdHeaderIsRejectedWithoutAllocatingIt() {
        byte[] gz = Idx.gzip(java.nio.ByteBuffer.allocate(16 + 10).putInt(IdxReader.IMAGES_MAGIC)
                .putInt(Integer.MAX_VALUE).putInt(60000).putInt(28).array());
        assertThatThrownBy(() -> IdxReader.readImages(gz, "huge"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("huge");
        byte[] claimsTooMuch = Idx.gzip(java.nio.ByteBuffer.allocate(16 + 10).putInt(IdxReader.IMAGES_MAGIC)
                .putInt(2_000_000).putInt(28).putInt(28).array());
        assertThatThrownBy(() -> IdxReader.readImages(claimsTooMuch, "claims"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("truncated");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = tmp.resolve("nope.gz");
        assertThatThrownBy(() -> IdxReader.readLabels(missing))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("missing");
    }
}
