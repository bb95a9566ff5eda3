package resnetkit.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import resnetkit.grader.api.Exercise;
import resnetkit.grader.submission.Locations;
import resnetkit.grader.submission.StudentFiles;
import resnetkit.toolkit.Commands;
import resnetkit.toolkit.Csv;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The graded tests' mutation score: for each exercise, PIT mutates the reference solution's classes of that
 * exercise and runs that exercise's graded tests (hidden ones included; the {@code training} tag, the 40-second
 * check of 20.3.2, left out) against each mutant, in a JVM of its own. Prints a line as each exercise starts and
 * ends (PIT's spinner in between), then the score per exercise (killed of the mutants that are not stated
 * equivalent in {@code bench/src/main/resources/equivalent-mutants.csv}) and every surviving mutant, and writes
 * {@code target/bench/mutation/score.csv} beside PIT's HTML and XML reports (one folder per exercise).
 *
 * <pre>mvn -q -pl bench -am verify -DskipTests -Pbench -Dbench.main=resnetkit.bench.MutationScore -Dbench.args=</pre>
 */
@Command(name = "MutationScore", mixinStandardHelpOptions = true, usageHelpWidth = 120,
        version = "resnet-kit 1.0.0-SNAPSHOT",
        description = "Mutates the reference solutions with PIT and runs each exercise's graded tests (all but the"
                + " training check) against every mutant; prints the mutation score per exercise and every surviving"
                + " mutant.")
public final class MutationScore implements Callable<Integer> {

    @Option(names = "--exercises", paramLabel = "IDS", split = ",",
            description = "only the classes of these exercises, e.g. 20.2.1,S3.1 (default: all)")
    private List<String> exercises = new ArrayList<>();
    @Option(names = "--exclude-tags", paramLabel = "TAGS", split = ",",
            description = "graded tests with these JUnit tags are not run (default: ${DEFAULT-VALUE}, the 40-second"
                    + " training check of 20.3.2; its tiny trainings, tagged slow, run)")
    private List<String> excludeTags = new ArrayList<>(List.of("training"));
    @Option(names = "--mutators", paramLabel = "GROUP",
            description = "PIT's mutators, e.g. DEFAULTS or STRONGER (default: ${DEFAULT-VALUE})")
    private String mutators = "DEFAULTS";
    @Option(names = "--threads", paramLabel = "N", description = "PIT's worker threads (default: ${DEFAULT-VALUE})")
    private int threads = 1;
    @Option(names = "--out", paramLabel = "DIR", description = "the reports' folder (default: ${DEFAULT-VALUE})")
    private Path out = Path.of("target/bench/mutation");
    @Option(names = "--report-only", description = "read the last run's mutations.xml again, run nothing")
    private boolean reportOnly;

    /** The command; {@code --help} lists its options. */
    public static void main(String[] args) {
        int code = Commands.of(new MutationScore()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        Map<String, List<String>> classesOf = new TreeMap<>();
        StudentFiles.EXERCISE_CLASSES.forEach((c, id) -> classesOf.computeIfAbsent(id, k -> new ArrayList<>()).add(c));
        List<String> ids = classesOf.keySet().stream().filter(id -> exercises.isEmpty() || exercises.contains(id))
                .toList();
        if (ids.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "no exercise " + exercises + "; the exercises are " + classesOf.keySet());
        }
        Files.createDirectories(out);
        if (!reportOnly) {
            Map<String, List<String>> testsOf = gradedTestClasses();
            long all = System.nanoTime();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                // one PIT run per exercise, on that exercise's graded tests only: its score is its own tests'
                System.out.printf(Locale.ROOT, "[%d/%d] %s: PIT mutates %s, runs %s%n", i + 1, ids.size(), id,
                        String.join(", ", classesOf.get(id)), String.join(", ", testsOf.get(id)));
                long start = System.nanoTime();
                int code = runPit(classesOf.get(id), testsOf.get(id), out.resolve(id));
                System.out.printf(Locale.ROOT, "[%d/%d] %s: PIT ran %.0f s (exit code %d); %.0f s in all%n", i + 1,
                        ids.size(), id, (System.nanoTime() - start) / 1e9, code, (System.nanoTime() - all) / 1e9);
                if (code != 0) {
                    return code;
                }
            }
        }
        List<Mutation> mutations = new ArrayList<>();
        for (String id : ids) {
            mutations.addAll(read(out.resolve(id).resolve("mutations.xml")));
        }
        report(mutations);
        return 0;
    }

    /** Exercise id to the graded test classes of that exercise, hidden ones included. */
    private static Map<String, List<String>> gradedTestClasses() throws Exception {
        Path classes = folder(GradingWaits.kitRoot().resolve("grader/target/test-classes"));
        Map<String, List<String>> tests = new TreeMap<>();
        try (var files = Files.walk(classes.resolve("resnetkit/graded"))) {
            for (Path f : files.filter(f -> f.toString().endsWith("Test.class")).toList()) {
                String name = classes.relativize(f).toString().replace(java.io.File.separatorChar, '.')
                        .replaceFirst("\\.class$", "");
                Exercise e = Class.forName(name, false, MutationScore.class.getClassLoader())
                        .getAnnotation(Exercise.class);
                if (e != null) {
                    tests.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(name);
                }
            }
        }
        return tests;
    }

    /**
     * PIT's command line in a JVM of its own, this JVM's class path with the solutions and the graded tests as class
     * folders (PIT looks for tests and code to mutate in folders, not jars), the solutions as the code to mutate.
     */
    private int runPit(List<String> classes, List<String> tests, Path reports) throws Exception {
        Path root = GradingWaits.kitRoot();
        Path solutions = folder(root.resolve("solutions/target/classes"));
        Path gradedTests = folder(root.resolve("grader/target/test-classes"));
        Set<Path> jars = Locations.studentCode(MutationScore.class.getClassLoader());
        List<String> classPath = new ArrayList<>(List.of(gradedTests.toString(), solutions.toString()));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            if (!jars.contains(p) && !p.getFileName().toString().matches("grader-.*-tests\\.jar")) {
                classPath.add(entry);
            }
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", String.join(java.io.File.pathSeparator, classPath),
                "org.pitest.mutationtest.commandline.MutationCoverageReport",
                "--reportDir", reports.toAbsolutePath().toString(),
                "--targetClasses", classes.stream().map(c -> c + "," + c + "$*").collect(Collectors.joining(",")),
                "--targetTests", String.join(",", tests),
                "--mutableCodePaths", solutions.toString(),
                "--sourceDirs", root.resolve("solutions/src/main/java").toString(),
                "--excludedGroups", String.join(",", excludeTags),
                "--mutators", mutators,
                "--outputFormats", "XML,HTML",
                "--timestampedReports=false",
                "--threads", String.valueOf(threads),
                "--timeoutConst", "8000",
                "--jvmArgs", "-Xmx3g,-Dorg.eclipse.deeplearning4j.helpers.disable=false,-Dresnetkit.quiet=true",
                "--verbosity", "QUIET_WITH_PROGRESS"));
        Process p = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
        return p.waitFor();
    }

    private static Path folder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no " + dir + ": build the kit first (mvn -q install -DskipTests)");
        }
        return dir;
    }

    /** One mutant of PIT's mutations.xml. */
    record Mutation(String exercise, String cls, String method, int line, String mutator, String description,
                    String status) {

        boolean killed() {
            return status.equals("KILLED") || status.equals("TIMED_OUT") || status.equals("MEMORY_ERROR")
                    || status.equals("RUN_ERROR");
        }

        /** "BasicBlock.build:57 NegateConditionalsMutator" */
        String key() {
            return cls.substring(cls.lastIndexOf('.') + 1) + "." + method + ":" + line + " " + mutator;
        }
    }

    /** Prints the score per exercise and the survivors, and writes score.csv. */
    private void report(List<Mutation> mutations) throws Exception {
        Map<String, String> equivalent = equivalents();
        Map<String, int[]> byExercise = new TreeMap<>();
        List<Mutation> survivors = new ArrayList<>();
        for (Mutation m : mutations) {
            int[] s = byExercise.computeIfAbsent(m.exercise(), k -> new int[3]); // killed, equivalent, all
            s[2]++;
            if (m.killed()) {
                s[0]++;
            } else if (equivalent.containsKey(m.key())) {
                s[1]++;
            } else {
                survivors.add(m);
            }
        }
        List<List<?>> rows = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%n%-8s %8s %8s %10s %8s%n", "exercise", "mutants", "killed", "equivalent",
                "score");
        for (Map.Entry<String, int[]> e : byExercise.entrySet()) {
            int[] s = e.getValue();
            double score = s[2] - s[1] == 0 ? 100 : 100.0 * s[0] / (s[2] - s[1]);
            System.out.printf(Locale.ROOT, "%-8s %8d %8d %10d %7.1f%%%n", e.getKey(), s[2], s[0], s[1], score);
            rows.add(List.of(e.getKey(), s[2], s[0], s[1], String.format(Locale.ROOT, "%.1f", score)));
        }
        Csv.write(out.resolve("score.csv"), List.of("exercise", "mutants", "killed", "equivalent", "score"), rows);
        System.out.println("\nSurviving mutants not stated equivalent (" + survivors.size() + "):");
        survivors.forEach(m -> System.out.printf(Locale.ROOT, "  [%s] %s: %s (%s)%n", m.exercise(), m.key(),
                m.description(), m.status()));
        System.out.println("wrote " + out.resolve("score.csv").toAbsolutePath() + "; PIT's reports: "
                + out.toAbsolutePath() + "/<exercise>/index.html");
    }

    /** The stated equivalent mutants: key ("BasicBlock.build:57 Mutator") to why. */
    private static Map<String, String> equivalents() throws Exception {
        Map<String, String> equivalent = new TreeMap<>();
        try (var in = MutationScore.class.getResourceAsStream("/equivalent-mutants.csv")) {
            if (in == null) {
                return equivalent;
            }
            Path tmp = Files.createTempFile("equivalent-mutants", ".csv");
            try {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                for (Map<String, String> row : Csv.read(tmp)) {
                    equivalent.put(row.get("mutant"), row.get("why"));
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return equivalent;
    }

    private static List<Mutation> read(Path xml) throws Exception {
        if (!Files.exists(xml)) {
            throw new IllegalStateException("no " + xml + ": run without --report-only first");
        }
        NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile())
                .getElementsByTagName("mutation");
        List<Mutation> mutations = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            String cls = text(e, "mutatedClass");
            String outer = cls.contains("$") ? cls.substring(0, cls.indexOf('$')) : cls;
            String mutator = text(e, "mutator");
            mutations.add(new Mutation(StudentFiles.EXERCISE_CLASSES.getOrDefault(outer, "?"), outer,
                    text(e, "mutatedMethod"), Integer.parseInt(text(e, "lineNumber")),
                    mutator.substring(mutator.lastIndexOf('.') + 1), text(e, "description"), e.getAttribute("status")));
        }
        return mutations;
    }

    private static String text(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent();
    }
}
