import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The first run of {@code ./mvnw} or {@code mvnw.cmd}: checks the Maven distribution in this folder against the
 * SHA-256 in {@code kit-maven.properties} and unpacks it into the per-user cache the wrappers name. It unpacks into
 * a temporary folder beside the cache and renames that at the end, so an interrupted run or two builds starting at
 * once never leave half a Maven. The wrappers run it as a single-file source program ({@code java
 * UnpackMaven.java WRAPPER_DIR MAVEN_HOME}): a JDK is all it needs, on every platform.
 */
public final class UnpackMaven {

    public static void main(String[] args) throws Exception {
        try {
            unpack(Path.of(args[0]), Path.of(args[1]).toAbsolutePath());
        } catch (Failure f) {
            System.err.println("mvnw: " + f.getMessage());
            System.exit(1);
        }
    }

    /** What stops the wrapper, in words; thrown so that the temporary folder is still removed. */
    private static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    private static void unpack(Path wrapper, Path home) throws Exception {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(wrapper.resolve("kit-maven.properties"))) {
            properties.load(in);
        }
        Path zip = wrapper.resolve(properties.getProperty("distributionZip"));
        String expected = properties.getProperty("distributionSha256Sum").strip();
        if (!Files.isRegularFile(zip)) {
            fail(zip + " is missing. It is part of the kit: restore it (git checkout -- .mvn/wrapper) or copy it"
                    + " from a fresh copy of the kit.");
        }
        String actual = sha256(zip);
        if (!actual.equalsIgnoreCase(expected)) {
            fail(zip + " is damaged or not the kit's: its SHA-256 is " + actual + ", kit-maven.properties says "
                    + expected + ". Restore it (git checkout -- .mvn/wrapper) or copy it from a fresh copy of the kit.");
        }
        if (Files.isRegularFile(home.resolve("bin/mvn"))) {
            return; // another build unpacked it meanwhile
        }
        Files.createDirectories(home.getParent());
        Path tmp = Files.createTempDirectory(home.getParent(), home.getFileName() + ".unpacking-");
        try {
            Path unpacked = unzip(zip, tmp);
            for (String script : new String[] {"mvn", "mvnDebug", "mvnyjp"}) {
                Path file = unpacked.resolve("bin").resolve(script);
                if (Files.exists(file) && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            try {
                Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isRegularFile(home.resolve("bin/mvn"))) { // not another build that was faster
                    fail("could not move Maven into " + home + ": " + e);
                }
            }
        } finally {
            try (Stream<Path> walk = Files.walk(tmp)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.err.println("mvnw: unpacked " + zip.getFileName() + " into " + home);
    }

    /** Unpacks {@code zip} into {@code dir}; returns the distribution's one top folder (apache-maven-3.9.9). */
    private static Path unzip(Path zip, Path dir) throws IOException {
        Path top = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir) || target.equals(dir)) {
                    fail(zip + " holds an entry outside its folder: " + e.getName());
                }
                Path first = dir.resolve(dir.relativize(target).getName(0));
                if (top != null && !top.equals(first)) {
                    fail(zip + " has more than one top folder: " + top.getFileName() + ", " + first.getFileName());
                }
                top = first;
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        if (top == null || !Files.isRegularFile(top.resolve("bin/mvn"))) {
            fail(zip + " is not a Maven binary distribution (no bin/mvn in it)");
        }
        return top;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void fail(String message) {
        throw new Failure(message);
    }
}
