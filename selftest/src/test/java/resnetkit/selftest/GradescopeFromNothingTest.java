package resnetkit.selftest;

import resnetkit.toolkit.Csv;
import org.apache.commons.io.FileUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gradescope, proven from nothing: the bundle's {@code setup.sh} fills an EMPTY local Maven repository (as
 * Gradescope's image starts with none), then {@code run_autograder} grades, with Maven offline on that repository
 * alone, against a temporary folder laid out as Gradescope's {@code /autograder}: the reference (with lying copies
 * of the kit's given files beside it), the untouched stubs, a submission with a compile error whose messages also hold
 * control characters and which prints 10 MB, and an upload without sources. Every results.json parses with
 * a JSON library and has the expected score. Run as root (as Gradescope runs it, and CI here), the grading JVM runs
 * as the unprivileged user setup.sh makes. The training check and the seconds-long tiny trainings (tags training
 * and slow) are left out (GRADER_EXCLUDE_TAGS) to keep the kit's test command short; the kit's own grading of the
 * reference runs them.
 */
class GradescopeFromNothingTest {

    private static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void setup_fills_an_empty_maven_repository_and_run_autograder_grades_every_kind_of_submission(@TempDir Path tmp)
            throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            // the grading JVM runs as an unprivileged user (setup.sh makes it): it must be able to reach the kit
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path zip = tmp.resolve("autograder.zip");
        StudentRelease.gradescope(ROOT, zip);
        Path autograder = tmp.resolve("autograder");
        ReleaseTest.unzip(zip, autograder.resolve("source"));
        assertThat(autograder.resolve("source/solutions")).doesNotExist();
        assertThat(autograder.resolve("source/grader/src/test/java/resnetkit/graded/hidden")).exists();
        Path repository = Files.createDirectories(tmp.resolve("empty-maven-repository"));
        Map<String, String> env = Map.of("AUTOGRADER_ROOT", autograder.toString(),
                "GRADER_EXCLUDE_TAGS", "training,slow", "MAVEN_OPTS", "-Dmaven.repo.local=" + repository);

        long start = System.nanoTime();
        Command setup = Command.run(autograder, env, "bash", autograder.resolve("source/setup.sh").toString());
        double setupSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(setup.exitCode).as("setup.sh into an empty repository; output:\n%s", setup.output).isZero();
        System.out.printf("setup.sh from an empty Maven repository: %.0f s, %d MB downloaded%n", setupSeconds,
                size(repository) >> 20);

        // the reference, with lying copies of given files beside it (grading takes only the student's files)
        Path submission = upload(autograder, "solutions");
        HostileFiles.writeInto(submission);
        JsonNode reference = grade(autograder, env, "the reference");
        int byHand = Integer.parseInt(Csv.read(autograder.resolve("results/score.csv")).get(0).get("by_hand"));
        int max = reference.get("max_score").asInt();
        assertThat(reference.get("score").asInt()).as("the reference's score").isEqualTo(max - byHand);
        assertThat(reference.get("output").asText()).as("the score table").contains("| 20.2.1 |");
        if (root) {
            assertThat(Files.readString(autograder.resolve("results/maven.log"))).as("as root, the grading JVM runs"
                    + " as the unprivileged user setup.sh made").contains("the grading JVM runs as resnetkit-grading");
        }

        // the untouched stubs
        upload(autograder, "exercises");
        JsonNode stubs = grade(autograder, env, "the stubs");
        assertThat(stubs.get("score").asInt()).as("the stubs' score").isZero();
        assertThat(stubs.get("max_score").asInt()).as("the stubs' total").isEqualTo(max);

        // one submission, two troubles: a compile error in 20.2.2 (only the tests that reach it fail, with the
        // compiler's message), and control characters in 20.3.1's messages with 10 MB printed (valid JSON, the
        // output cut); the rest is graded
        upload(autograder, "solutions");
        edit(submission.resolve("java/resnetkit/blocks/ShortcutTryThis.java"), "int layers = 0;", "int layers = ;");
        Path identity = submission.resolve("java/resnetkit/highway/IdentityIsEasy.java");
        edit(identity, "    public static double[] notTheIdentity(", "    static boolean printed;\n\n"
                + "    public static double[] notTheIdentity(");
        edit(identity, "        double[] x = new double[b.length];", "        if (!printed) {\n            printed = true;\n"
                + "            System.out.print(\"\\u001b[31m\\u0000\\ud800 \" + \"x\".repeat(10_000_000));\n        }\n"
                + "        double[] x = new double[b.length];");
        edit(identity, "        double[] f = plainBlock(w, b, x);",
                "        if (x.length > 0) {\n            throw new IllegalStateException(\"\\u001b[31mred\\u0000 and a"
                        + " lone \\ud800\");\n        }\n        double[] f = plainBlock(w, b, x);");
        JsonNode noisy = grade(autograder, env, "a compile error, control characters and 10 MB of output");
        assertThat(Files.size(autograder.resolve("results/results.json"))).as("results.json's size")
                .isLessThan(2_000_000);
        assertThat(noisy.get("score").asInt()).as("score with a compile error in 20.2.2 and 20.3.1 (b) throwing")
                .isPositive().isLessThan(reference.get("score").asInt());
        assertThat(noisy.toString()).contains("does not compile: Syntax error");
        assertThat(noisy.toString()).as("output past the cap is cut").contains("were cut");
        assertThat(noisy.toString()).as("escape codes shown, not obeyed").contains("\\\\e[31m")
                .doesNotContainIgnoringCase("\\u001b");

        // an upload without exercise sources: score 0 and what to upload
        FileUtils.deleteDirectory(autograder.resolve("submission").toFile());
        Files.createDirectories(autograder.resolve("submission"));
        JsonNode none = grade(autograder, env, "no sources");
        assertThat(none.get("score").asInt()).isZero();
        assertThat(none.get("output").asText()).contains("No exercise sources found");
    }

    /** Replaces Gradescope's submission folder with {@code module}'s src/main, uploaded as an exercises/ folder. */
    private static Path upload(Path autograder, String module) throws java.io.IOException {
        Path submission = autograder.resolve("submission/exercises/src/main");
        FileUtils.deleteDirectory(autograder.resolve("submission").toFile());
        FileUtils.copyDirectory(ROOT.resolve(module).resolve("src/main").toFile(), submission.toFile(), false);
        return submission;
    }

    /** Runs run_autograder on the current submission; returns its results.json, parsed. */
    private static JsonNode grade(Path autograder, Map<String, String> env, String what) throws Exception {
        Files.deleteIfExists(autograder.resolve("results/results.json"));
        long start = System.nanoTime();
        Command run = Command.run(autograder, env, "bash", autograder.resolve("source/run_autograder").toString());
        Path results = autograder.resolve("results/results.json");
        assertThat(results).as("results.json for %s; run_autograder printed:\n%s", what, run.output).exists();
        System.out.printf("run_autograder, %s: %.0f s, results.json %d bytes%n", what,
                (System.nanoTime() - start) / 1e9, Files.size(results));
        return new ObjectMapper().readTree(results.toFile());
    }

    private static void edit(Path file, String from, String to) throws java.io.IOException {
        String text = Files.readString(file);
        assertThat(text).as("the text to replace in %s", file).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    private static long size(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
