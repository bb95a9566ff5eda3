package resnetkit.selftest;

import resnetkit.toolkit.Csv;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One grading run in a fresh JVM, as a student's grade command does it: the grader, its tests, and exactly
 * one module under grade on the classpath.
 */
final class GradingRun {

    /** The module under grade. */
    enum Target { EXERCISES, SOLUTIONS }

    final String console;
    final int exitCode;
    final Path reports;
    /** A run in this JVM: every test with its full feedback, hidden tests' too; else null. */
    private final List<Test> instructorTests;

    private GradingRun(String console, int exitCode, Path reports) {
        this(console, exitCode, reports, null);
    }

    private GradingRun(String console, int exitCode, Path reports, List<Test> instructorTests) {
        this.console = console;
        this.exitCode = exitCode;
        this.reports = reports;
        this.instructorTests = instructorTests;
    }

    /** Runs GradeMain against {@code target}; the other module is removed from the classpath. */
    static GradingRun of(Target target) throws IOException, InterruptedException {
        String name = target.name().toLowerCase();
        return run(name, classpathFor(target));
    }

    /**
     * Runs GradeMain against compiled classes that stand in for the module under grade (a mutant of the
     * solutions, say): both exercises and solutions leave the classpath, {@code classes} takes their place.
     * Tests with one of the JUnit tags {@code excludeTags} are left out, and only the exercises {@code exercises}
     * (comma-separated ids, empty for all) are graded.
     */
    static GradingRun of(String name, Path classes, String excludeTags, String exercises)
            throws IOException, InterruptedException {
        return of(name, classes, excludeTags, exercises, List.of());
    }

    /** As {@link #of(String, Path, String, String)}, with extra options for the JVMs ({@code -XX:...}). */
    static GradingRun of(String name, Path classes, String excludeTags, String exercises, List<String> jvmOptions)
            throws IOException, InterruptedException {
        List<String> kept = new ArrayList<>();
        kept.add(classes.toAbsolutePath().toString());
        for (String entry : testClasspath().split(File.pathSeparator)) {
            if (!isModule(entry, "exercises") && !isModule(entry, "solutions")) {
                kept.add(entry);
            }
        }
        return run(Path.of(System.getProperty("java.home")), name, String.join(File.pathSeparator, kept), excludeTags,
                exercises, jvmOptions);
    }

    /**
     * As {@link #of(String, Path, String, String)}, but in this JVM: the grader, its graded tests and
     * {@code classes} are loaded by an {@link IsolatingClassLoader} of their own, DL4J and ND4J are this JVM's
     * (started once for every run), and so is the runtime guard (this JVM's {@code -javaagent}, in selftest's
     * pom). Runs one at a time: the grader reads its options from system properties. The console is the run's
     * captured standard output and error; the exit code is 0 when a graded test was found. No report is written:
     * {@link #instructorTests} holds every outcome.
     */
    static synchronized GradingRun inThisJvm(String name, Path classes, String excludeTags, String exercises)
            throws Exception {
        return inThisJvm(name, classes, excludeTags, exercises, "");
    }

    /** As {@link #inThisJvm(String, Path, String, String)}, grading only the test methods {@code tests} (comma-separated). */
    static synchronized GradingRun inThisJvm(String name, Path classes, String excludeTags, String exercises,
                                             String tests) throws Exception {
        Path dir = Path.of(System.getProperty("kit.reports", "target/grading"), name).toAbsolutePath();
        Files.createDirectories(dir);
        List<URL> urls = new ArrayList<>();
        for (String entry : testClasspath().split(File.pathSeparator)) {
            // the given types share the exercises' packages: loaded beside them, so package access still works
            if (isModule(entry, "grader") || isModule(entry, "given")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        // the classes under grade last, as in every grading run: none of them can stand in for a class of the kit
        urls.add(classes.toUri().toURL());
        Map<String, String> options = Map.of("grader.reports", dir.toString(),
                "grader.target", name, "grader.excludeTags", excludeTags, "grader.exercises", exercises,
                "grader.tests", tests);
        Map<String, String> saved = new HashMap<>();
        options.forEach((k, v) -> saved.put(k, System.getProperty(k)));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        try (IsolatingClassLoader loader = new IsolatingClassLoader(name, urls.toArray(URL[]::new),
                GradingRun.class.getClassLoader());
             PrintStream captured = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            options.forEach(System::setProperty);
            System.setOut(captured);
            System.setErr(captured);
            thread.setContextClassLoader(loader); // JUnit discovers the graded tests through it
            List<?> outcomes = (List<?>) loader.loadClass("resnetkit.grader.worker.GradingWorker")
                    .getMethod("gradeInThisJvm").invoke(null);
            return new GradingRun(console.toString(StandardCharsets.UTF_8), outcomes.isEmpty() ? 2 : 0,
                    dir, instructorTests(outcomes));
        } finally {
            thread.setContextClassLoader(context);
            System.setOut(out);
            System.setErr(err);
            saved.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }

    private static GradingRun run(String name, String classpath) throws IOException, InterruptedException {
        return run(name, classpath, "", "");
    }

    /**
     * Grades {@code target} on the exercises {@code exercises} (comma-separated) with the JDK at {@code javaHome}
     * instead of this JVM's: the same grader, classpath and options, another Java release.
     */
    static GradingRun withJdk(Path javaHome, Target target, String exercises) throws IOException, InterruptedException {
        String name = target.name().toLowerCase() + "-" + javaHome.getFileName();
        return run(javaHome, name, classpathFor(target), "", exercises, List.of());
    }

    /**
     * @param excludeTags JUnit tags left out (mutants skip the minutes-long training checks)
     * @param exercises   exercise ids to grade, comma-separated; empty: all
     */
    private static GradingRun run(String name, String classpath, String excludeTags, String exercises)
            throws IOException, InterruptedException {
        return run(Path.of(System.getProperty("java.home")), name, classpath, excludeTags, exercises, List.of());
    }

    private static GradingRun run(Path javaHome, String name, String classpath, String excludeTags, String exercises,
                                  List<String> jvmOptions) throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("kit.reports", "target/grading"), name).toAbsolutePath();
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(),
                "-Xmx3g", "-Dorg.eclipse.deeplearning4j.helpers.disable=false"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dgrader.reports=" + dir, "-Dgrader.target=" + name,
                "-Dgrader.excludeTags=" + excludeTags, "-Dgrader.exercises=" + exercises, "-cp", classpath,
                "resnetkit.grader.supervisor.GradeMain"));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        return new GradingRun(new String(out), p.exitValue(), dir);
    }

    /**
     * This JVM's test classpath (grader, graded tests, solutions, dependencies) for grading {@code target}: the
     * solutions as they are, or with the solutions replaced by {@code exercises/target/classes}.
     */
    static String classpathFor(Target target) {
        List<String> kept = new ArrayList<>();
        if (target == Target.EXERCISES) {
            Path exercises = Path.of(System.getProperty("kit.root", "..")).resolve("exercises/target/classes")
                    .toAbsolutePath().normalize();
            if (!Files.isDirectory(exercises)) {
                throw new IllegalStateException("no compiled exercises at " + exercises + ": build the kit first");
            }
            kept.add(exercises.toString());
        }
        boolean solutions = false;
        for (String entry : testClasspath().split(File.pathSeparator)) {
            if (isModule(entry, "solutions")) {
                solutions = true;
                if (target == Target.EXERCISES) {
                    continue;
                }
            }
            if (!isModule(entry, "exercises")) {
                kept.add(entry);
            }
        }
        if (!solutions) {
            throw new IllegalStateException("no solutions entry on the test classpath: " + testClasspath());
        }
        return String.join(File.pathSeparator, kept);
    }

    /** The classpath surefire gives the tests (java.class.path holds only its booter jar). */
    static String testClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    static boolean isModule(String entry, String module) {
        String e = entry.replace('\\', '/');
        return e.contains("/" + module + "/target/") || e.contains("/resnetkit/" + module + "/");
    }

    /** "score" and "max_score" of results.json, and the points of written answers graded by hand. */
    int[] score() throws IOException {
        JsonNode results = results();
        Map<String, String> csv = Csv.read(reports.resolve("score.csv")).get(0);
        int[] score = {results.get("score").asInt(), results.get("max_score").asInt(),
            Integer.parseInt(csv.get("by_hand"))};
        // GitHub Classroom's payload, decoded as its reporter decodes it, carries the same points
        JsonNode classroom = new ObjectMapper().readTree(Base64.getDecoder().decode(
                Files.readString(reports.resolve("classroom-result.b64")).trim()));
        int classroomScore = 0;
        for (JsonNode t : classroom.get("tests")) {
            classroomScore += t.get("score").asInt();
        }
        if (classroomScore != score[0] || classroom.get("max_score").asInt() != score[1]) {
            throw new AssertionError("classroom-result.b64 gives " + classroomScore + " / " + classroom.get("max_score")
                    + ", results.json " + score[0] + " / " + score[1]);
        }
        return score;
    }

    /** One graded test of results.json: its name, whether it passed, its feedback. */
    record Test(String name, boolean passed, String output) {
    }

    /** Every graded test of results.json, in order; a written answer (no status) counts as passed when answered. */
    List<Test> tests() throws IOException {
        List<Test> tests = new ArrayList<>();
        for (JsonNode t : results().get("tests")) {
            String output = t.get("output").asText();
            boolean passed = t.has("status") ? t.get("status").asText().equals("passed")
                    : output.startsWith("answered");
            tests.add(new Test(t.get("name").asText(), passed, output));
        }
        return tests;
    }

    /**
     * Every graded test with the feedback an instructor sees, hidden tests' included (results.json shows a
     * hidden test's feedback as "failed" only): a run {@link #inThisJvm} only.
     */
    List<Test> instructorTests() {
        if (instructorTests == null) {
            throw new IllegalStateException("instructor feedback is kept by runs in this JVM only");
        }
        return instructorTests;
    }

    /** Outcomes loaded by another class loader, read through their record accessors. */
    private static List<Test> instructorTests(List<?> outcomes) {
        List<Test> tests = new ArrayList<>();
        for (Object o : outcomes) {
            java.util.function.Function<String, Object> get = name -> {
                try {
                    return o.getClass().getMethod(name).invoke(o);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            };
            tests.add(new Test(get.apply("exerciseId") + " " + get.apply("test"), (Boolean) get.apply("passed"),
                    (String) get.apply("feedback")));
        }
        return tests;
    }

    /** results.json, parsed. */
    JsonNode results() throws IOException {
        return new ObjectMapper().readTree(resultsJson());
    }

    String resultsJson() throws IOException {
        return Files.readString(reports.resolve("results.json"));
    }

    static int intField(String json, String field) throws IOException {
        JsonNode value = new ObjectMapper().readTree(json).get(field);
        if (value == null) {
            throw new AssertionError("results.json has no " + field + ": " + json);
        }
        return value.asInt();
    }
}
