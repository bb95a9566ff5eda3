package resnetkit.selftest;

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
 * Every mutant of {@link BugMatrix} is compiled from the solutions and graded in a JVM of its own; each must
 * fail its designated tests with feedback that names the mistake. Prints the matrix (mutant x exercise).
 */
class BugMatrixTest {

    private static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES) // seconds per mutant on 2 cores, two at a time
    void every_mutant_fails_its_designated_tests_with_a_message_that_names_the_mistake() throws Exception {
        Map<String, Map<String, String>> matrix = new LinkedHashMap<>();
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        // two grading JVMs at a time: much of each run is JVM start-up and class loading, single-threaded
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        Map<Mutant, java.util.concurrent.Future<List<GradingRun.Test>>> runs = new LinkedHashMap<>();
        for (Mutant mutant : BugMatrix.MUTANTS) {
            Path classes = compile(mutant);
            // the minutes-long checks are left out; the degradation mutants keep their seconds-long training tests
            String excluded = mutant.file().equals(BugMatrix.DEGRADATION) ? "training" : "training,slow";
            // only the exercises the mutant must fail are graded: most of a run is then JVM start-up
            String exercises = String.join(",", exercisesOf(mutant));
            runs.put(mutant, pool.submit(() -> GradingRun.of("mutant-" + mutant.name(), classes, excluded, exercises)
                    .tests()));
        }
        pool.shutdown();
        for (Map.Entry<Mutant, java.util.concurrent.Future<List<GradingRun.Test>>> run : runs.entrySet()) {
            Mutant mutant = run.getKey();
            List<GradingRun.Test> tests = run.getValue().get();
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

    /** The solutions' sources with the mutant's edits, compiled into target/mutants/NAME. */
    static Path compile(Mutant mutant) throws IOException {
        Path out = ROOT.resolve("selftest/target/mutants").resolve(mutant.name());
        Path src = out.resolve("src");
        Path classes = out.resolve("classes");
        deleteRecursively(out);
        Path solutions = ROOT.resolve("solutions/src/main/java");
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(solutions)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                Path target = src.resolve(solutions.relativize(p).toString());
                Files.createDirectories(target.getParent());
                String text = Files.readString(p);
                if (solutions.relativize(p).toString().replace(File.separatorChar, '/').equals(mutant.file())) {
                    for (Mutant.Edit e : mutant.edits()) {
                        int at = text.indexOf(e.from());
                        assertThat(at).as("mutant %s: text to replace in %s: %s", mutant.name(), mutant.file(),
                                e.from()).isNotNegative();
                        assertThat(text.indexOf(e.from(), at + 1)).as("mutant %s: text found twice: %s",
                                mutant.name(), e.from()).isNegative();
                        text = text.replace(e.from(), e.to());
                    }
                }
                Files.writeString(target, text);
                files.add(target.toString());
            }
        }
        Files.createDirectories(classes);
        List<String> cp = new ArrayList<>();
        for (String entry : GradingRun.testClasspath().split(File.pathSeparator)) {
            if (!GradingRun.isModule(entry, "exercises") && !GradingRun.isModule(entry, "solutions")) {
                cp.add(entry);
            }
        }
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-nowarn", "-d",
                classes.toString(), "-cp", String.join(File.pathSeparator, cp)));
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = javac.run(null, null, err, args.toArray(String[]::new));
        assertThat(rc).as("mutant %s must compile:\n%s", mutant.name(), err).isZero();
        return classes;
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (Files.exists(p)) {
            try (Stream<Path> walk = Files.walk(p)) {
                for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(q);
                }
            }
        }
    }
}
