package resnetkit.bench;

import org.junit.platform.commons.support.ReflectionSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import resnetkit.grader.api.Exercise;
import resnetkit.grader.supervisor.GradeMain;
import resnetkit.grader.worker.GradingWorker;
import resnetkit.toolkit.Commands;
import resnetkit.toolkit.Csv;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What students, instructors and CI wait for: the grading time of the complete solution and of the untouched
 * stubs, whole and per exercise (each a grading JVM of its own, as the grade command starts one, from JVM
 * start to report), and the kit's own test time by part, read from the surefire reports that the last
 * {@code mvn -B verify} left. Prints a table and writes {@code target/bench/grading-waits.csv}.
 *
 * <pre>mvn -q -pl bench -am verify -DskipTests -Pbench -Dbench.main=resnetkit.bench.GradingWaits -Dbench.args=</pre>
 */
@Command(name = "GradingWaits", mixinStandardHelpOptions = true, usageHelpWidth = 120,
        version = "resnet-kit 1.0.0-SNAPSHOT",
        description = "Grades the solutions and the stubs, whole and one exercise at a time, each in a JVM of its own,"
                + " and times each run; then lists the kit's test time by test class from */target/surefire-reports"
                + " (run mvn -B verify first for those).")
public final class GradingWaits implements Callable<Void> {

    @Option(names = "--whole-only", description = "skip the per-exercise runs (about 4 minutes fewer on 2 cores)")
    private boolean wholeOnly;
    @Option(names = "--out", paramLabel = "FILE", description = "the CSV file (default: ${DEFAULT-VALUE})")
    private Path out = Path.of("target/bench/grading-waits.csv");

    /** The command; {@code --help} lists its options. */
    public static void main(String[] args) {
        int code = Commands.of(new GradingWaits()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Void call() throws Exception {
        boolean perExercise = !wholeOnly;
        Path root = kitRoot();
        List<List<?>> rows = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-22s %-34s %8s  %s%n", "what", "part", "seconds", "score");
        for (String target : List.of("solutions", "stubs")) {
            List<String> scopes = new ArrayList<>(List.of(""));
            if (perExercise) {
                scopes.addAll(exerciseIds());
            }
            for (String exercise : scopes) {
                Path reports = root.resolve("bench/target/bench/grading-" + target
                        + (exercise.isEmpty() ? "" : "-" + exercise));
                double seconds = grade(root, target, exercise, reports);
                String score = score(reports);
                String label = exercise.isEmpty() ? "all" : exercise;
                System.out.printf(Locale.ROOT, "%-22s %-34s %8.1f  %s%n", "grading the " + target, label, seconds,
                        score);
                rows.add(List.of("grading " + target, label, String.format(Locale.ROOT, "%.1f", seconds), score));
            }
        }
        TreeMap<String, Double> parts = kitTestTimes(root);
        if (parts.isEmpty()) {
            System.out.println("no surefire reports under */target/surefire-reports: run mvn -B verify first for the"
                    + " kit's test time by part");
        }
        parts.forEach((part, seconds) -> {
            System.out.printf(Locale.ROOT, "%-22s %-34s %8.1f%n", "kit tests", part, seconds);
            rows.add(List.of("kit tests", part, String.format(Locale.ROOT, "%.1f", seconds), ""));
        });
        Csv.write(out, List.of("what", "part", "seconds", "score"), rows);
        System.out.println("wrote " + out.toAbsolutePath());
        return null;
    }

    /** The exercise ids of the graded tests, sorted as the score table sorts them. */
    static List<String> exerciseIds() {
        TreeSet<String> ids = new TreeSet<>();
        ReflectionSupport.findAllClassesInPackage(GradingWorker.GRADED_PACKAGE,
                c -> c.isAnnotationPresent(Exercise.class), name -> true)
                .forEach(c -> ids.add(c.getAnnotation(Exercise.class).id()));
        return new ArrayList<>(ids);
    }

    /** Seconds from starting a grading JVM to its exit, as the grade command's exec starts one. */
    static double grade(Path root, String target, String exercise, Path reports)
            throws IOException, InterruptedException {
        Files.createDirectories(reports);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx3g", "-Dorg.eclipse.deeplearning4j.helpers.disable=false",
                "-Dgrader.reports=" + reports, "-Dgrader.target=" + target, "-Dgrader.exercises=" + exercise,
                "-cp", classpath(root, target), GradeMain.class.getName());
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(reports.toFile()).redirectErrorStream(true)
                .redirectOutput(reports.resolve("console.txt").toFile()).start();
        int code = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (code != 0) {
            throw new IllegalStateException("grading " + target + " " + exercise + " exited " + code + ": see "
                    + reports.resolve("console.txt"));
        }
        return seconds;
    }

    /** This JVM's classpath with exactly one module under grade: the solutions, or the compiled stubs. */
    static String classpath(Path root, String target) {
        List<String> kept = new ArrayList<>();
        if (target.equals("stubs")) {
            kept.add(root.resolve("exercises/target/classes").toString());
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String e = entry.replace('\\', '/');
            boolean solutions = e.contains("/solutions/target/") || e.contains("/resnetkit/solutions/");
            if (!(solutions && target.equals("stubs"))) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    /** "earned/possible" from a grading run's score.csv. */
    static String score(Path reports) throws IOException {
        Map<String, String> score = Csv.read(reports.resolve("score.csv")).get(0);
        return score.get("earned") + "/" + score.get("possible");
    }

    /** Seconds per test class of every module's last surefire run, "module/Class" sorted. */
    static TreeMap<String, Double> kitTestTimes(Path root) throws IOException {
        TreeMap<String, Double> parts = new TreeMap<>();
        Pattern suite = Pattern.compile("<testsuite[^>]*?name=\"([^\"]+)\"[^>]*?time=\"([0-9.,]+)\"");
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path dir = module.resolve("target/surefire-reports");
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
                        Matcher m = suite.matcher(Files.readString(f));
                        if (m.find()) {
                            String name = m.group(1).substring(m.group(1).lastIndexOf('.') + 1);
                            parts.put(module.getFileName() + "/" + name,
                                    Double.parseDouble(m.group(2).replace(",", "")));
                        }
                    }
                }
            }
        }
        return parts;
    }

    /** The kit's root: the folder above bench/ (the exec plugin runs in bench/). */
    static Path kitRoot() {
        Path here = Path.of("").toAbsolutePath();
        return here.getFileName().toString().equals("bench") ? here.getParent() : here;
    }
}
