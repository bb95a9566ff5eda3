package resnetkit.selftest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes what students get and what Gradescope runs, from the instructor's kit.
 *
 * <ul>
 *   <li>{@code StudentRelease OUT_DIR}: the student repository: no {@code solutions/}, no hidden test sources,
 *       no self-test, benchmarks or CI of the kit; the same grade command; a GitHub Actions workflow that
 *       grades on every push.</li>
 *   <li>{@code StudentRelease --gradescope OUT.zip}: the Gradescope autograder bundle: the kit with the
 *       instructor's grader, hidden tests included, no solutions, and {@code setup.sh} / {@code run_autograder}
 *       at its root.</li>
 * </ul>
 * Run from the repository root: {@code java selftest/src/main/java/resnetkit/selftest/StudentRelease.java ...}.
 */
public final class StudentRelease {

    /** Paths (prefixes) never given to students. */
    static final List<String> NOT_FOR_STUDENTS = List.of("solutions/", "selftest/", "bench/", ".ci/", "release/",
            "grader/src/test/java/resnetkit/graded/hidden/");
    /** Paths left out of the Gradescope bundle (hidden tests stay in). */
    static final List<String> NOT_FOR_GRADESCOPE = List.of("solutions/", "selftest/", "bench/", ".ci/", "release/");
    /** Modules the released reactor builds. */
    static final List<String> MODULES = List.of("toolkit", "datasets", "given", "exercises", "experiments", "grader");

    private StudentRelease() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println("""
                    usage: java selftest/src/main/java/resnetkit/selftest/StudentRelease.java OUT_DIR
                           java selftest/src/main/java/resnetkit/selftest/StudentRelease.java --gradescope OUT.zip
                      Run in the kit's root. The first writes the student repository, the second the Gradescope
                      autograder bundle.""");
            return;
        }
        Path kit = Path.of("").toAbsolutePath();
        if (args[0].equals("--gradescope")) {
            gradescope(kit, Path.of(args[1]));
            System.out.println("wrote " + args[1]);
        } else {
            studentRepo(kit, Path.of(args[0]));
            System.out.println("wrote the student repository to " + args[0]);
        }
    }

    /** Writes the student repository into {@code out} (which must not exist or be empty). */
    public static void studentRepo(Path kit, Path out) throws IOException, InterruptedException {
        for (String file : files(kit)) {
            if (NOT_FOR_STUDENTS.stream().noneMatch(file::startsWith)) {
                copy(kit.resolve(file), out.resolve(file));
            }
        }
        Files.writeString(out.resolve("pom.xml"), releasedPom(Files.readString(kit.resolve("pom.xml"))));
        Files.createDirectories(out.resolve(".github/workflows"));
        Files.copy(kit.resolve("release/student-workflow.yml"), out.resolve(".github/workflows/grade.yml"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Writes the Gradescope bundle to {@code zip}. */
    public static void gradescope(Path kit, Path zip) throws IOException, InterruptedException {
        if (zip.getParent() != null) {
            Files.createDirectories(zip.getParent());
        }
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String file : files(kit)) {
                if (NOT_FOR_GRADESCOPE.stream().noneMatch(file::startsWith)) {
                    byte[] bytes = file.equals("pom.xml")
                            ? releasedPom(Files.readString(kit.resolve(file))).getBytes()
                            : Files.readAllBytes(kit.resolve(file));
                    put(z, file, bytes);
                }
            }
            put(z, "setup.sh", Files.readAllBytes(kit.resolve("release/gradescope/setup.sh")));
            put(z, "run_autograder", Files.readAllBytes(kit.resolve("release/gradescope/run_autograder")));
        }
    }

    /** The root pom with only the released modules. */
    static String releasedPom(String pom) {
        int from = pom.indexOf("<modules>");
        int to = pom.indexOf("</modules>") + "</modules>".length();
        StringBuilder modules = new StringBuilder("<modules>\n");
        MODULES.forEach(m -> modules.append("    <module>").append(m).append("</module>\n"));
        modules.append("  </modules>");
        return pom.substring(0, from) + modules + pom.substring(to);
    }

    /**
     * The kit's files: git's list (tracked files, and new ones git does not ignore) where the kit is a
     * checkout, else every file outside build folders.
     */
    static List<String> files(Path kit) throws IOException, InterruptedException {
        if (Files.isDirectory(kit.resolve(".git"))) {
            Process p = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard").directory(kit.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() == 0 && !out.isEmpty()) {
                List<String> files = new ArrayList<>();
                for (String f : out.split("\0")) {
                    if (!f.isEmpty() && Files.isRegularFile(kit.resolve(f))) {
                        files.add(f);
                    }
                }
                return files;
            }
        }
        try (Stream<Path> walk = Files.walk(kit)) {
            return walk.filter(Files::isRegularFile).map(p -> kit.relativize(p).toString().replace('\\', '/'))
                    .filter(f -> !f.startsWith(".git/") && !f.contains("/target/") && !f.startsWith("target/")
                            && !f.contains(".jqwik-database"))
                    .sorted().toList();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }

    private static void put(ZipOutputStream z, String name, byte[] bytes) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(bytes);
        z.closeEntry();
    }
}
