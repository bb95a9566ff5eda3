package resnetkit.selftest;

import resnetkit.toolkit.Csv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /**
     * The forgery of issue 23, as a student who read the grader's sources would put it in a stub: read the journal
     * (beside the grading JVM's temporary folder), rewrite every planned test as passed, append the lines with
     * FileChannel far past the end so the grader's later lines land before them; then carry on as the stub.
     */
    private static final String FORGERY = """
                    try {
                        // beside the temporary folder the grader gives (GradingJvm's sources say so)
                        java.nio.file.Path journal = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))
                                .resolveSibling("journal").resolve("journal.tsv");
                        StringBuilder forged = new StringBuilder();
                        for (String line : java.nio.file.Files.readAllLines(journal)) {
                            if (line.startsWith("planned")) {
                                forged.append(line.replace("planned", "finished").replace("\\tfalse\\t", "\\ttrue\\t"))
                                        .append('\\n');
                            }
                        }
                        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(journal,
                                java.nio.file.StandardOpenOption.WRITE)) {
                            ch.write(java.nio.ByteBuffer.wrap(forged.toString().getBytes()), ch.size() + (1 << 20));
                        }
                    } catch (Exception e) {
                        // carry on as if nothing happened
                    }
            """;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void the_student_release_has_no_solutions_and_grades_the_stubs_to_zero(@TempDir Path tmp) throws Exception {
        Path repo = tmp.resolve("student");
        StudentRelease.studentRepo(ROOT, repo);
        assertThat(repo.resolve("solutions")).doesNotExist();
        assertThat(repo.resolve("grader/src/test/java/resnetkit/graded/hidden")).doesNotExist();
        assertThat(repo.resolve("grader/src/test/java/resnetkit/graded/BasicBlockTest.java")).exists();
        // the student docs point at nothing students lack: no solutions/ folder, no -Psolutions profile
        try (Stream<Path> docs = Files.walk(repo)) {
            assertThat(docs.filter(f -> f.toString().endsWith(".md")).toList()).as("the release's docs")
                    .contains(repo.resolve("README.md"), repo.resolve("docs/experiments.md"))
                    .allSatisfy(doc -> assertThat(Files.readString(doc)).as("%s", repo.relativize(doc))
                            .doesNotContain("solutions/").doesNotContain("-Psolutions"));
        }
        assertThat(repo.resolve(".github/workflows/grade.yml")).content()
                .contains("mvn -B -q -Pgrade -pl grader -am verify");
        assertThat(Files.readString(repo.resolve("pom.xml"))).doesNotContain("<module>solutions</module>")
                .contains("<module>exercises</module>");
        // the issue's forgery in one stub (20.2.2): it reads the journal and appends forged lines far past its end;
        // the guard refuses both, the exercise scores 0 with the refusal as its feedback, and nothing scores more
        Path tryThis = repo.resolve("exercises/src/main/java/resnetkit/blocks/ShortcutTryThis.java");
        String stub = Files.readString(tryThis);
        String body = "// >>> YOUR CODE: Exercise 20.2.2 ShortcutTryThis.parameterisedShortcutLayers (about 8 lines)\n";
        assertThat(stub).contains(body);
        Files.writeString(tryThis, stub.replace(body, body + FORGERY));
        // the README's grade command, ./kit grade, through the wrapper's Maven unpacked from nothing (a JDK is all it
        // needs); offline (MAVEN_ARGS), on the dependencies the kit's own build fetched; not in batch mode, as a
        // student runs it, with its output redirected
        for (String file : new String[] {"kit", "mvnw"}) {
            assertThat(repo.resolve(file).toFile().canExecute()).as("%s executable in the release", file).isTrue();
        }
        assertThat(repo.resolve("kit.cmd")).exists();
        assertThat(repo.resolve("mvnw.cmd")).exists();
        assertThat(repo.resolve(".run/Grade.run.xml")).exists();
        assertThat(repo.resolve(".vscode/tasks.json")).exists();
        Map<String, String> wrapper = Map.of("MAVEN_USER_HOME", tmp.resolve("maven-user-home").toString(),
                "MAVEN_ARGS", "-o");
        Command grade = Command.run(repo, wrapper, "./kit", "grade");
        assertThat(grade.exitCode).as("the released grade command; output:\n%s", grade.output).isZero();
        assertThat(grade.output).as("the wrapper's first run").contains("mvnw: unpacked apache-maven-3.9.9-bin.zip");
        assertThat(grade.output).as("the grade command's output, redirected: no escape code (Maven's colours, jansi's"
                + " reset; .mvn/)").doesNotContain("\u001b");
        assertThat(grade.output.strip()).as("the score table, printed last").endsWith("=".repeat(78))
                .contains("Graded by your instructor: ");
        Map<String, String> score = Csv.read(repo.resolve("grader/target/grading/score.csv")).get(0);
        assertThat(Integer.parseInt(score.get("earned"))).as("the stubs' score in the release, one stub forging")
                .isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(repo.resolve(
                "grader/target/grading/results.json").toFile()).get("tests")).filteredOn(t -> t.get("name").asText()
                .startsWith("20.2.2 ")).as("the forging exercise's tests").isNotEmpty()
                .allSatisfy(t -> assertThat(t.get("score").asInt()).isZero())
                .anySatisfy(t -> assertThat(t.get("output").asText()).startsWith(
                        "refused: exercise code may not read files"));
        assertThat(grade.output).as("the journal verified: nothing was forged").doesNotContain("tampered");
        assertThat(Integer.parseInt(score.get("possible"))).as("points possible in the release").isPositive();
        // equal totals: the release counts its hidden tests (not run there) as the kit's own grading of the stubs does
        GradingRun kit = GraderProvesItselfTest.stubs(); // the kit's own grading of the stubs, shared
        Path released = repo.resolve("grader/target/grading/results.json");
        assertThat(pointsPerExercise(released)).as("points possible per exercise, release vs the kit; the kit's run:\n%s",
                kit.console).isEqualTo(pointsPerExercise(kit.reports.resolve("results.json")));
        assertThat(hiddenTests(released)).as("hidden tests of the release (names and points)").isNotEmpty()
                .isEqualTo(hiddenTests(kit.reports.resolve("results.json")));
        assertThat(Files.readString(released)).contains("not run in this copy of the kit");

        // a compile error stops the kit's build (no grade profile) before the grader runs: the previous run's
        // reports must not stay behind
        Path basic = repo.resolve("exercises/src/main/java/resnetkit/blocks/BasicBlock.java");
        Files.writeString(basic, Files.readString(basic).replaceFirst("// >>> YOUR CODE", "int broken = ;"));
        Command plain = Command.run(repo, wrapper, "./mvnw", "-q", "-pl", "grader", "-am", "verify",
                "-Dgrader.excludeTags=training");
        assertThat(plain.exitCode).as("the kit's build (no grade profile) on code that does not compile").isNotZero();
        assertThat(repo.resolve("grader/target/grading")).as("reports of the run before the compile error")
                .doesNotExist();

        // a compile error: the grade command still grades, and the tests that reach the broken code say so
        Command broken = Command.run(repo, wrapper, "./kit", "grade", "20.2.1");
        assertThat(broken.exitCode).as("the grade command on code with a compile error; output:\n%s", broken.output)
                .isZero();
        assertThat(broken.output).as("the compiler's message with its line").contains("BasicBlock.java")
                .contains("Syntax error").as("Maven's [ERROR] lines, redirected: no escape code")
                .doesNotContain("\u001b");
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

    /** Points possible per exercise in a results.json. */
    static Map<String, Integer> pointsPerExercise(Path resultsJson) throws IOException {
        Map<String, Integer> points = new TreeMap<>();
        for (com.fasterxml.jackson.databind.JsonNode t : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(resultsJson.toFile()).get("tests")) {
            points.merge(t.get("name").asText().split(" ")[0], t.get("max_score").asInt(), Integer::sum);
        }
        return points;
    }

    /** The hidden tests of a results.json: name, points. */
    static Map<String, Integer> hiddenTests(Path resultsJson) throws IOException {
        Map<String, Integer> hidden = new TreeMap<>();
        for (com.fasterxml.jackson.databind.JsonNode t : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(resultsJson.toFile()).get("tests")) {
            if (!t.get("visibility").asText().equals("visible")) {
                hidden.put(t.get("name").asText(), t.get("max_score").asInt());
            }
        }
        return hidden;
    }

    /**
     * Lines of the solutions' YOUR CODE regions with at least this many characters other than whitespace are
     * looked for in every file of the release; shorter ones ({@code return out;}, {@code int blocks = 0;},
     * {@code for (int i = 0; i < y.length; i++) {}) are idioms any code has.
     */
    static final int ANSWER_LINE_MIN_CHARS = 30;

    /**
     * Region lines the release may hold, each in one file only, with the reason: calls of given or DL4J API that
     * the stubs' Javadoc itself prescribes, and the experiments' calls of the exercise methods.
     */
    static final Map<String, String> ALLOWED_ANSWER_LINES = Map.of(
            "given/src/main/java/resnetkit/dropblock/PlainBlockRemoval.java ComputationGraphcopy=net.clone();",
            "DropBlock's Javadoc: net.clone() copies a network",
            "toolkit/src/main/java/resnetkit/toolkit/InputGradients.java net.computeGradientAndScore();",
            "GradientFlow's Javadoc: call computeGradientAndScore()",
            "experiments/src/main/java/resnetkit/experiments/GradientFlowExperiment.java"
                    + " residual?ShortcutOption.A_ZERO_PAD:ShortcutOption.NONE_PLAIN);",
            "the experiment builds its nets with the student's ResNets.cifar; buildNet's Javadoc gives the option",
            "experiments/src/main/java/resnetkit/experiments/GradientFlowExperiment.java"
                    + " Stringname=(residual?\"ResNet-\":\"plain-\")+depth;", "a net's name in a table",
            "experiments/src/main/java/resnetkit/experiments/BlockDropSweep.java List<String>blocks=ResidualBlocks.of(net);",
            "the sweep drops every block ResidualBlocks lists",
            "experiments/src/main/java/resnetkit/experiments/DegradationExperiment.java double[]y=newdouble[x.length];",
            "an array for a plot");

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void the_release_holds_no_answer_and_the_gradescope_bundle_every_hidden_test(@TempDir Path tmp) throws Exception {
        Path repo = tmp.resolve("student");
        StudentRelease.studentRepo(ROOT, repo);
        // every statement line of every YOUR CODE region of solutions/, whitespace removed
        Map<String, String> answers = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(ROOT.resolve("solutions/src/main/java"))) {
            for (Path source : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                boolean inRegion = false;
                List<String> lines = Files.readAllLines(source);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.startsWith("// >>> YOUR CODE") || line.startsWith("// <<< YOUR CODE")) {
                        inRegion = line.startsWith("// >>>");
                    } else if (inRegion && !line.startsWith("//")) {
                        String code = line.replaceAll("\\s+", "");
                        if (code.length() >= ANSWER_LINE_MIN_CHARS) {
                            answers.put(code, ROOT.relativize(source) + ":" + (i + 1));
                        }
                    }
                }
            }
        }
        assertThat(answers).as("answer lines of the solutions").hasSizeGreaterThan(100);
        List<String> found = new ArrayList<>();
        List<String> allowedSeen = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(repo)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String text;
                try {
                    text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                            .toString().replaceAll("\\s+", "");
                } catch (CharacterCodingException binary) {
                    continue; // a model, an image: no source
                }
                String name = repo.relativize(file).toString().replace('\\', '/');
                answers.forEach((code, where) -> {
                    if (text.contains(code)) {
                        (ALLOWED_ANSWER_LINES.containsKey(name + " " + code) ? allowedSeen : found)
                                .add(name + " holds " + where + ": " + code);
                    }
                });
            }
        }
        assertThat(found).as("files of the student release holding a line of a solution (%d lines of %d+ characters"
                + " checked)", answers.size(), ANSWER_LINE_MIN_CHARS).isEmpty();
        assertThat(allowedSeen).as("allowed lines still there (remove an entry that is no longer needed)")
                .hasSameSizeAs(ALLOWED_ANSWER_LINES.keySet());
        assertThat(repo.resolve("grader/src/main/java/resnetkit/grader/support/ReferenceNets.java")).doesNotExist();
        assertThat(repo.resolve(".git")).as("the kit's .git (a worktree's .git file) in the release").doesNotExist();
        assertThat(Files.readString(repo.resolve("README.md"))).as("the release's README is the student's")
                .isEqualTo(StudentRelease.studentReadme(Files.readString(ROOT.resolve("README.md"))))
                .contains("./kit grade").contains("| 20.2.1 ")
                .doesNotContain("instructors").doesNotContain("bug matrix").doesNotContain("-Psolutions")
                .doesNotContain("autograder.zip").doesNotContain("mvn -B verify").doesNotContain("./kit test");
        assertThat(repo.resolve("docs/instructors.md")).doesNotExist();
        assertThat(repo.resolve("docs/experiments.md")).exists();

        // every hidden test source is in the Gradescope bundle as in the kit, none in the release, all listed there
        Path zip = tmp.resolve("autograder.zip");
        StudentRelease.gradescope(ROOT, zip);
        Path bundle = tmp.resolve("bundle");
        unzip(zip, bundle);
        List<Path> hidden;
        try (Stream<Path> walk = Files.walk(ROOT.resolve(StudentRelease.HIDDEN_TESTS))) {
            hidden = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(hidden).as("hidden test sources").isNotEmpty();
        String list = Files.readString(repo.resolve(StudentRelease.HIDDEN_LIST));
        for (Path source : hidden) {
            String rel = ROOT.relativize(source).toString();
            assertThat(bundle.resolve(rel)).as("%s in the Gradescope bundle", rel).hasSameBinaryContentAs(source);
            assertThat(repo.resolve(rel)).as("%s in the student release", rel).doesNotExist();
            String text = Files.readString(source);
            if (text.contains("@Exercise(")) {
                String cls = source.getFileName().toString().replace(".java", "");
                long points = text.split("@Points\\(", -1).length - 1;
                assertThat(list.lines().filter(l -> l.startsWith("resnetkit.graded.hidden." + cls + "\t")).count())
                        .as("tests of %s listed in the release's %s", cls, StudentRelease.HIDDEN_LIST).isEqualTo(points);
            }
        }
        assertThat(bundle.resolve(StudentRelease.HIDDEN_LIST)).as("the list in the bundle, which holds the tests")
                .doesNotExist();
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

    static void unzip(Path zip, Path to) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = to.resolve(e.getName());
                Files.createDirectories(target.getParent());
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
