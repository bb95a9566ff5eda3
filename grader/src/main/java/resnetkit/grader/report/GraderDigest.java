package resnetkit.grader.report;

import org.apache.commons.codec.digest.DigestUtils;
import resnetkit.grader.submission.Locations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The SHA-256 of the grader that produced a report: its engine and its graded tests (the class files of
 * {@code resnetkit.grader} and {@code resnetkit.graded}, in name order), so an instructor can tell that a
 * report came from the instructor's grader and not from test files a submission brought along.
 */
public final class GraderDigest {

    private GraderDigest() {
    }

    /** Hex SHA-256 over the grader's class files, or "unknown" if they cannot be read. */
    public static String sha256() {
        try {
            MessageDigest md = DigestUtils.getSha256Digest();
            // found as resources: the supervisor never loads a graded test, which would load student classes
            Set<Path> roots = new LinkedHashSet<>();
            ClassLoader loader = GraderDigest.class.getClassLoader();
            roots.addAll(Locations.rootsOf(loader, "resnetkit/grader"));
            roots.addAll(Locations.rootsOf(loader, "resnetkit/graded"));
            for (Path root : roots.stream().sorted().toList()) {
                digest(md, root);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void digest(MessageDigest md, Path root) throws IOException {
        if (Files.isDirectory(root)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(p -> isGraderClass(root.relativize(p).toString().replace('\\', '/')))
                        .sorted().toList();
            }
            for (Path f : files) {
                md.update(root.relativize(f).toString().replace('\\', '/').getBytes());
                md.update(Files.readAllBytes(f));
            }
        } else {
            try (ZipFile zip = new ZipFile(root.toFile())) {
                List<? extends ZipEntry> entries = zip.stream().filter(e -> isGraderClass(e.getName()))
                        .sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
                for (ZipEntry e : entries) {
                    md.update(e.getName().getBytes());
                    try (InputStream in = zip.getInputStream(e)) {
                        DigestUtils.updateDigest(md, in);
                    }
                }
            }
        }
    }

    private static boolean isGraderClass(String name) {
        return name.endsWith(".class") && (name.startsWith("resnetkit/grader/") || name.startsWith("resnetkit/graded/"));
    }
}
