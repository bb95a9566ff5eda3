package resnetkit.selftest;

import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

/**
 * Every mutant of {@link BugMatrix} is compiled from the solutions and graded; each must fail its designated
 * tests with feedback that names the mistake. Prints the matrix (mutant x exercise).
 *
 * <p>All mutants are graded in this JVM, one after another, each in a class loader of its own
 * ({@link GradingRun#inThisJvm}): ND4J starts once instead of once per mutant, which was most of a
 * mutant's grading time.
 */
class BugMatrixTest {

    private static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES) // all mutants take about 1.5 min on 2 cores (docs/instructors.md)
    void every_mutant_fails_its_designated_tests_with_a_message_that_names_the_mistake() throws Exception {
        Map<String, Map<String, String>> matrix = new LinkedHashMap<>();
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        // -Dbugmatrix.mutants=a,b grades only those (while writing a mutant); the kit's tests grade all
        String only = System.getProperty("bugmatrix.mutants", "");
        for (Mutant mutant : BugMatrix.MUTANTS) {
            if (!only.isBlank() && !List.of(only.split(",")).contains(mutant.name())) {
                continue;
            }
            Path classes = compile(mutant);
            // the minutes-long checks are left out; the degradation mutants keep their seconds-long training tests
            String excluded = mutant.file().equals(BugMatrix.DEGRADATION) ? "training" : "training,slow";
            // only the exercises the mutant must fail are graded
            String exercises = String.join(",", exercisesOf(mutant));
            long start = System.nanoTime();
            // with the instructor's feedback: a designated test may be hidden (S3.2, S3.3)
            // only the tests meant to catch it: what the matrix proves, in a fraction of the exercises' time
            List<GradingRun.Test> tests = GradingRun.inThisJvm("mutant-" + mutant.name(), classes, excluded,
                    exercises, String.join(",", methodsOf(mutant))).instructorTests();
            System.out.printf(Locale.ROOT, "mutant %-32s graded in %5.1f s%n", mutant.name(),
                    (System.nanoTime() - start) / 1e9);
            matrix.put(mutant.name(), scores(tests));
            for (String designated : mutant.mustFail()) {
                checks.add(() -> {
                    GradingRun.Test t = tests.stream().filter(x -> x.name().contains(designated)).findFirst()
                            .orElseThrow(() -> new AssertionError("no graded test named " + designated));
                    assertThat(t.passed()).as("mutant %s (%s) must fail \"%s\"", mutant.name(), mutant.mistake(),
                            t.name()).isFalse();
                });
            }
            checks.add(() -> assertThat(tests).as("mutant %s: tests graded (only exercises %s)", mutant.name(),
                    exercisesOf(mutant)).isNotEmpty()
                    .allSatisfy(t -> assertThat(exercisesOf(mutant)).contains(exerciseOf(t.name()))));
            checks.add(() -> {
                GradingRun.Test first = tests.stream().filter(x -> x.name().contains(mutant.mustFail().get(0)))
                        .findFirst().orElseThrow();
                assertThat(first.output()).as("feedback for mutant %s", mutant.name()).contains(mutant.feedback());
            });
        }
        System.out.println(render(matrix));
        assertAll(checks);
    }

    /**
     * The test methods the mutant must fail ("20.2.1 the relu comes after the addition" is
     * the_relu_comes_after_the_addition); empty, so the whole exercise is graded, when one of its names is a
     * parameterized test's case, which only its method's run can show.
     */
    static java.util.Set<String> methodsOf(Mutant mutant) {
        java.util.Set<String> methods = new java.util.TreeSet<>();
        java.util.Set<String> graded = GradedTests.methodNames();
        for (String name : mutant.mustFail()) {
            String method = name.substring(name.indexOf(' ') + 1).replaceFirst("^hidden: ", "").replace(' ', '_');
            if (!graded.contains(method)) {
                return java.util.Set.of();
            }
            methods.add(method);
        }
        return methods;
    }

    /** The ids of the exercises whose tests the mutant must fail ("20.2.1 the relu comes ..." is 20.2.1). */
    static java.util.Set<String> exercisesOf(Mutant mutant) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        mutant.mustFail().forEach(name -> ids.add(exerciseOf(name)));
        return ids;
    }

    /** A graded test's exercise id: its name up to the first space. */
    static String exerciseOf(String testName) {
        return testName.substring(0, testName.indexOf(' '));
    }

    /** "earned/possible" per exercise. */
    private static Map<String, String> scores(List<GradingRun.Test> tests) {
        Map<String, int[]> byExercise = new TreeMap<>();
        for (GradingRun.Test t : tests) {
            String exercise = exerciseOf(t.name());
            int[] s = byExercise.computeIfAbsent(exercise, k -> new int[2]);
            s[0] += t.passed() ? 1 : 0;
            s[1] += 1;
        }
        Map<String, String> out = new TreeMap<>();
        byExercise.forEach((k, v) -> out.put(k, v[0] + "/" + v[1]));
        return out;
    }

    private static String render(Map<String, Map<String, String>> matrix) {
        StringBuilder s = new StringBuilder("\nBug matrix: tests passed per exercise, for each wrong implementation"
                + " (each graded on the exercises it must fail)\n");
        java.util.Set<String> exercises = new java.util.TreeSet<>();
        matrix.values().forEach(scores -> exercises.addAll(scores.keySet()));
        s.append(String.format(Locale.ROOT, "%-32s", "mutant"));
        exercises.forEach(e -> s.append(String.format(Locale.ROOT, "%10s", e)));
        s.append('\n');
        matrix.forEach((name, scores) -> {
            s.append(String.format(Locale.ROOT, "%-32s", name));
            exercises.forEach(e -> s.append(String.format(Locale.ROOT, "%10s", scores.getOrDefault(e, "-"))));
            s.append('\n');
        });
        return s.toString();
    }

    /**
     * The mutant's classes: compiled by {@link #compile} the first time, as they are after that (a mutant's source
     * never changes within a build).
     */
    static synchronized Path mutantClasses(Mutant mutant) throws IOException {
        Path classes = ROOT.resolve("selftest/target/mutants").resolve(mutant.name()).resolve("classes");
        return COMPILED.contains(mutant.name()) || Boolean.getBoolean(COMPILED_PROPERTY) ? classes : compile(mutant);
    }

    /** System property of a JVM started on mutants this JVM compiled: use them as they are. */
    static final String COMPILED_PROPERTY = "kit.mutantsCompiled";

    private static final java.util.Set<String> COMPILED = new java.util.HashSet<>();

    /**
     * The solutions' classes with the mutant's file recompiled from its edited source, in
     * target/mutants/NAME/classes: a complete module under grade, as a student's would be.
     */
    static Path compile(Mutant mutant) throws IOException {
        Path out = ROOT.resolve("selftest/target/mutants").resolve(mutant.name());
        Path classes = out.resolve("classes");
        FileUtils.deleteDirectory(out.toFile());
        FileUtils.copyDirectory(ROOT.resolve("solutions/target/classes").toFile(), classes.toFile(), false);
        Path source = ROOT.resolve("solutions/src/main/java").resolve(mutant.file());
        String text = Files.readString(source);
        for (Mutant.Edit e : mutant.edits()) {
            int at = text.indexOf(e.from());
            assertThat(at).as("mutant %s: text to replace in %s: %s", mutant.name(), mutant.file(), e.from())
                    .isNotNegative();
            assertThat(text.indexOf(e.from(), at + 1)).as("mutant %s: text found twice: %s", mutant.name(),
                    e.from()).isNegative();
            text = text.replace(e.from(), e.to());
        }
        Path edited = out.resolve("src").resolve(mutant.file());
        Files.createDirectories(edited.getParent());
        Files.writeString(edited, text);
        List<String> cp = new ArrayList<>(List.of(classes.toString()));
        for (String entry : GradingRun.testClasspath().split(File.pathSeparator)) {
            if (!GradingRun.isModule(entry, "exercises") && !GradingRun.isModule(entry, "solutions")) {
                cp.add(entry);
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = javac.run(null, null, err, "--release", "17", "-proc:none", "-nowarn", "-d", classes.toString(),
                "-cp", String.join(File.pathSeparator, cp), edited.toString());
        assertThat(rc).as("mutant %s must compile:\n%s", mutant.name(), err).isZero();
        synchronized (BugMatrixTest.class) {
            COMPILED.add(mutant.name());
        }
        return classes;
    }
}
