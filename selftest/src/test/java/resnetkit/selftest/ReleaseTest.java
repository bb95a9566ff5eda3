package resnetkit.selftest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The student release builds and grades the stubs to 0 %, without solutions or hidden test sources, and its
 * workflow takes only the student's files (the Gradescope bundle: {@link GradescopeFromNothingTest}). Both run Maven offline on the kit's dependencies
 * (training checks left out: about a minute each).
 */
class ReleaseTest {

    private static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void the_student_release_has_no_solutions_and_grades_the_stubs_to_zero(@TempDir Path tmp) throws Exception {
        Path repo = tmp.resolve("student");
        StudentRelease.studentRepo(ROOT, repo);
        assertThat(repo.resolve("solutions")).doesNotExist();
        assertThat(repo.resolve("grader/src/test/java/resnetkit/graded/hidden")).doesNotExist();
        assertThat(repo.resolve("grader/src/test/java/resnetkit/graded/BasicBlockTest.java")).exists();
        assertThat(repo.resolve(".github/workflows/grade.yml")).content()
                .contains("mvn -B -q -Pgrade -pl grader -am verify");
        assertThat(Files.readString(repo.resolve("pom.xml"))).doesNotContain("<module>solutions</module>")
                .contains("<module>exercises</module>");
        Command grade = Command.mvn(repo, "-Pgrade", "-pl", "grader", "-am", "verify",
                "-Dgrader.excludeTags=training");
        assertThat(grade.exitCode).as("the released grade command; output:\n%s", grade.output).isZero();
        String[] score = Files.readAllLines(repo.resolve("grader/target/grading/score.csv")).get(1).split(",");
        assertThat(Integer.parseInt(score[1])).as("the stubs' score in the release").isZero();
        assertThat(Integer.parseInt(score[2])).as("points possible in the release").isPositive();

        // a compile error stops the kit's build (no grade profile) before the grader runs: the previous run's
        // reports must not stay behind
        Path basic = repo.resolve("exercises/src/main/java/resnetkit/blocks/BasicBlock.java");
        Files.writeString(basic, Files.readString(basic).replaceFirst("// >>> YOUR CODE", "int broken = ;"));
        Command plain = Command.mvn(repo, "-pl", "grader", "-am", "verify", "-Dgrader.excludeTags=training");
        assertThat(plain.exitCode).as("the kit's build (no grade profile) on code that does not compile").isNotZero();
        assertThat(repo.resolve("grader/target/grading")).as("reports of the run before the compile error")
                .doesNotExist();

        // a compile error: the grade command still grades, and the tests that reach the broken code say so
        Command broken = Command.mvn(repo, "-Pgrade", "-pl", "grader", "-am", "verify",
                "-Dgrader.exercises=20.2.1");
        assertThat(broken.exitCode).as("the grade command on code with a compile error; output:\n%s", broken.output)
                .isZero();
        assertThat(broken.output).as("the compiler's message with its line").contains("BasicBlock.java")
                .contains("Syntax error");
        assertThat(repo.resolve("grader/target/grading/report.md")).content()
                .contains("BasicBlock.build").contains("does not compile: Syntax error");

    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void the_release_workflow_takes_only_the_students_files_from_a_push(@TempDir Path tmp) throws Exception {
        Path repo = tmp.resolve("student");
        StudentRelease.studentRepo(ROOT, repo);
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "starter code");
        // the push: one exercise written, lying copies of given files, a test edited, a class of its own
        Path main = repo.resolve("exercises/src/main");
        String dropBlock = "java/resnetkit/dropblock/DropBlock.java";
        Files.copy(ROOT.resolve("solutions/src/main").resolve(dropBlock), main.resolve(dropBlock),
                StandardCopyOption.REPLACE_EXISTING);
        HostileFiles.writeInto(main);
        Path test = repo.resolve("grader/src/test/java/resnetkit/graded/DropBlockTest.java");
        Files.writeString(test, "// edited by the student\n" + Files.readString(test));
        Files.writeString(main.resolve("java/resnetkit/blocks/Extra.java"), "package resnetkit.blocks; class Extra {}");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "my work");

        Command step = Command.run(repo, Map.of(), "bash", "-euo", "pipefail", "-c",
                workflowStep(repo.resolve(".github/workflows/grade.yml"), "Take only your exercise files"));
        assertThat(step.exitCode).as("the workflow's step; output:\n%s", step.output).isZero();
        assertThat(main.resolve(dropBlock)).as("the student's exercise file")
                .hasSameTextualContentAs(ROOT.resolve("solutions/src/main").resolve(dropBlock));
        for (String given : new String[] {"exercises/src/main/java/resnetkit/family/Variant.java",
                "given/src/main/java/resnetkit/dropblock/ResidualBlocks.java",
                "toolkit/src/main/java/resnetkit/toolkit/Evaluation.java",
                "grader/src/test/java/resnetkit/graded/DropBlockTest.java"}) {
            assertThat(repo.resolve(given)).as("%s as released", given).hasSameTextualContentAs(ROOT.resolve(given));
        }
        assertThat(main.resolve("java/resnetkit/toolkit/Evaluation.java")).as("a lying copy in the student's module")
                .doesNotExist();
        assertThat(main.resolve("java/resnetkit/blocks/Extra.java")).as("a class of the student's own").doesNotExist();
    }

    /** The shell script of the step named {@code name} of a GitHub workflow (its {@code run: |} block). */
    static String workflowStep(Path workflow, String name) throws IOException {
        StringBuilder script = new StringBuilder();
        boolean inStep = false;
        boolean inRun = false;
        for (String line : Files.readAllLines(workflow)) {
            if (line.strip().startsWith("- ")) {
                inStep = line.strip().equals("- name: " + name);
                inRun = false;
            } else if (inStep && line.strip().equals("run: |")) {
                inRun = true;
            } else if (inRun) {
                script.append(line.strip()).append('\n');
            }
        }
        assertThat(script).as("the run block of step '%s' in %s", name, workflow).isNotEmpty();
        return script.toString();
    }

    private static void git(Path repo, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 5];
        System.arraycopy(new String[] {"git", "-c", "user.name=kit", "-c", "user.email=kit@localhost"}, 0, command, 0, 5);
        System.arraycopy(args, 0, command, 5, args.length);
        Command c = Command.run(repo, Map.of(), command);
        assertThat(c.exitCode).as("git %s: %s", String.join(" ", args), c.output).isZero();
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void unzip(Path zip, Path to) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = to.resolve(e.getName());
                Files.createDirectories(target.getParent());
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
