package resnetkit.selftest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes what students get and what Gradescope runs, from the instructor's kit.
 *
 * <ul>
 *   <li>{@code StudentRelease OUT_DIR}: the student repository: no {@code solutions/}, no hidden test sources,
 *       no self-test, benchmarks or CI of the kit; the same grade command; a GitHub Actions workflow that
 *       grades on every push; the kit's README without its instructors' sections, and no
 *       {@code docs/instructors.md}; and
 *       the list of the hidden tests ({@value #HIDDEN_LIST}: class, method, exercise, points, tags, read from
 *       their sources), so the release's grader counts them with their points, as not run there, and its
 *       totals equal the instructor's.</li>
 *   <li>{@code StudentRelease --gradescope OUT.zip}: the Gradescope autograder bundle: the kit with the
 *       instructor's grader, hidden tests included, no solutions, and {@code setup.sh} / {@code run_autograder}
 *       at its root.</li>
 * </ul>
 * Run from the repository root: {@code java selftest/src/main/java/resnetkit/selftest/StudentRelease.java ...}.
 */
public final class StudentRelease {

    /** Paths (prefixes) never given to students. */
    static final List<String> NOT_FOR_STUDENTS = List.of("solutions/", "selftest/", "bench/", ".ci/", ".github/", "release/",
            "grader/src/test/java/resnetkit/graded/hidden/", "docs/instructors.md");
    /** Paths left out of the Gradescope bundle (hidden tests stay in). */
    static final List<String> NOT_FOR_GRADESCOPE = List.of("solutions/", "selftest/", "bench/", ".ci/", ".github/",
            "release/");
    /** Where the hidden tests' sources are; left out of the student release. */
    static final String HIDDEN_TESTS = "grader/src/test/java/resnetkit/graded/hidden/";
    /** The list of hidden tests the student release holds instead (the grader's AbsentHiddenTests reads it). */
    static final String HIDDEN_LIST = "grader/src/main/resources/resnetkit/grader/worker/hidden-tests.tsv";
    /** Marks the README's sections for instructors, which the student release leaves out (up to the end mark). */
    static final String INSTRUCTORS = "<!-- instructors -->";
    /** Ends a section for instructors. */
    static final String INSTRUCTORS_END = "<!-- /instructors -->";
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
        Files.writeString(out.resolve("README.md"), studentReadme(Files.readString(kit.resolve("README.md"))));
        Files.createDirectories(out.resolve(HIDDEN_LIST).getParent());
        Files.writeString(out.resolve(HIDDEN_LIST), hiddenTestList(kit));
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

    private static final Pattern EXERCISE = Pattern.compile(
            "@Exercise\\(\\s*id\\s*=\\s*\"([^\"]+)\"\\s*,\\s*title\\s*=\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern CLASS = Pattern.compile("\\bclass\\s+(\\w+)");
    private static final Pattern METHOD = Pattern.compile("\\bvoid\\s+(\\w+)\\s*\\(");
    private static final Pattern POINTS = Pattern.compile("@Points\\(\\s*(\\d+)\\s*\\)");
    private static final Pattern TAG = Pattern.compile("@Tag\\(([^)]*)\\)");

    /**
     * The hidden tests as the release lists them: one tab-separated line per {@code @Points} method of each
     * {@code @Exercise} class under {@value #HIDDEN_TESTS}: class, method, exercise id, title, points, JUnit tags
     * (the class's and the method's, string literals only).
     */
    static String hiddenTestList(Path kit) throws IOException {
        StringBuilder list = new StringBuilder("# The hidden tests, which this copy of the kit does not hold: they count"
                + " with their points (0 here) and are graded on Gradescope.\n"
                + "# class\tmethod\texercise\ttitle\tpoints\ttags; written by StudentRelease, do not edit.\n");
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(kit.resolve(HIDDEN_TESTS))) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path source : sources) {
            String text = Files.readString(source);
            Matcher exercise = EXERCISE.matcher(text);
            Matcher cls = CLASS.matcher(text);
            if (!exercise.find() || !cls.find(exercise.end())) {
                continue; // a helper of the hidden tests, no graded class
            }
            String name = "resnetkit.graded.hidden." + cls.group(1);
            Matcher many = Pattern.compile("@(ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b").matcher(text);
            if (many.find()) {
                throw new IllegalStateException(source + ": a hidden test must be one graded test (@Test, or jqwik's"
                        + " @Property) for the release to count its points; @" + many.group(1) + " grades each"
                        + " invocation");
            }
            List<String> classTags = tags(text.substring(0, cls.start()), source);
            Matcher method = METHOD.matcher(text);
            int from = cls.end();
            while (method.find(from)) {
                // the method's annotations: from the end of the member before it to its signature
                String head = text.substring(Math.max(Math.max(text.lastIndexOf('}', method.start()),
                        text.lastIndexOf(';', method.start())), text.lastIndexOf('{', method.start())) + 1,
                        method.start());
                Matcher points = POINTS.matcher(head);
                if (points.find()) {
                    List<String> tags = new ArrayList<>(classTags);
                    tags.addAll(tags(head, source));
                    list.append(String.join("\t", name, method.group(1), exercise.group(1), exercise.group(2),
                            points.group(1), String.join(",", tags))).append('\n');
                }
                from = method.end();
            }
        }
        return list.toString();
    }

    private static List<String> tags(String annotations, Path source) {
        List<String> tags = new ArrayList<>();
        Matcher tag = TAG.matcher(annotations);
        while (tag.find()) {
            String value = tag.group(1).strip();
            if (!value.matches("\"[^\"]+\"")) {
                throw new IllegalStateException(source + ": write a hidden test's @Tag as a string literal (the"
                        + " release lists its tags from the source): @Tag(" + value + ")");
            }
            tags.add(value.substring(1, value.length() - 1));
        }
        return tags;
    }

    /** The README for students: {@code readme} without its sections for instructors (and the blank line after each). */
    static String studentReadme(String readme) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int from = readme.indexOf(INSTRUCTORS); from >= 0; from = readme.indexOf(INSTRUCTORS, at)) {
            int to = readme.indexOf(INSTRUCTORS_END, from);
            if (to < 0) {
                throw new IllegalStateException("README.md: " + INSTRUCTORS + " without " + INSTRUCTORS_END);
            }
            out.append(readme, at, from);
            at = to + INSTRUCTORS_END.length();
            while (at < readme.length() && readme.charAt(at) == '\n') {
                at++;
            }
        }
        return out.append(readme.substring(at)).toString().stripTrailing() + "\n";
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
     * checkout (a {@code .git} folder, or the {@code .git} file of a linked worktree), else every file outside
     * build folders. Never {@code .git} itself: a worktree's {@code .git} file copied into a release would make
     * git commands there act on the kit's repository.
     */
    static List<String> files(Path kit) throws IOException, InterruptedException {
        if (Files.exists(kit.resolve(".git"))) {
            Process p = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard").directory(kit.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() == 0 && !out.isEmpty()) {
                List<String> files = new ArrayList<>();
                for (String f : out.split("\0")) {
                    if (!f.isEmpty() && !f.equals(".git") && Files.isRegularFile(kit.resolve(f))) {
                        files.add(f);
                    }
                }
                return files;
            }
        }
        try (Stream<Path> walk = Files.walk(kit)) {
            return walk.filter(Files::isRegularFile).map(p -> kit.relativize(p).toString().replace('\\', '/'))
                    .filter(f -> !f.equals(".git") && !f.startsWith(".git/") && !f.contains("/target/")
                            && !f.startsWith("target/")
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
