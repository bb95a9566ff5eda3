package resnetkit.grader.supervisor;

import resnetkit.datasets.DataLocator;
import resnetkit.grader.report.ScoreCsv;
import resnetkit.grader.submission.StudentFiles;
import resnetkit.toolkit.Commands;
import resnetkit.toolkit.Csv;

import org.apache.commons.io.FileUtils;
import org.eclipse.jdt.core.compiler.batch.BatchCompiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Grades a folder of submissions: each subfolder is one student, holding a copy of {@code exercises/}
 * (its {@code src/main/java}) or a clone of the whole kit ({@code exercises/src/main/java}). Each is
 * compiled on its own and graded by {@link GradeMain} in a JVM of its own with a time limit, N at a time.
 * Only the student's files ({@link StudentFiles}) are taken from a submission; everything else (the given
 * types, tests, build files) comes from the kit, so a submission that edits them is graded as if it had not.
 *
 * <p>Writes {@code OUT/<student>/} (the reports of the grade command, and {@code compile-errors.txt} when the
 * compiler found errors) and {@code OUT/gradebook.csv}. Code with compile errors is graded as the grade command
 * grades it: the tests that reach a broken method fail with the compiler's message, the rest run; the others
 * are unaffected.
 * Grading is deterministic, so a rerun gives the same scores. A submission whose grading journal was tampered
 * with gets the status {@code tampered: ...} and its verified points only, and the command exits with
 * {@link GradeMain#TAMPERED} once the gradebook is written, so an instructor sees it.
 */
@Command(name = "BatchGrade", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        version = "resnet-kit 1.0.0-SNAPSHOT",
        description = "Grades every subfolder of the submissions folder (a copy of exercises/, or a clone of the kit)"
                + " in its own JVM; writes OUT/<student>/ reports and OUT/gradebook.csv.")
public final class BatchGrade implements Callable<Integer> {

    /** The start of a gradebook status whose grading journal was tampered with. */
    public static final String TAMPERED = "tampered";

    /** One student's result. */
    public record Row(String student, int earned, int possible, int byHand, String status) {
    }

    @Option(names = "--submissions", paramLabel = "DIR", required = true,
            description = "a folder with one subfolder per student")
    private Path submissions;
    @Option(names = "--out", paramLabel = "DIR", description = "where the gradebook goes (default: ${DEFAULT-VALUE})")
    private Path out = Path.of("target/gradebook");
    @Option(names = "--parallel", paramLabel = "N", description = "submissions graded at a time (default: ${DEFAULT-VALUE})")
    private int parallel = 1;
    @Option(names = "--timeout-minutes", paramLabel = "M",
            description = "each submission's whole-run limit (default: ${DEFAULT-VALUE})")
    private int timeoutMinutes = 30;
    @Option(names = "--exclude-tags", paramLabel = "training",
            description = "leave out the tests with these tags, comma-separated (training, slow; default: none)")
    private String excludeTags = "";

    /** The command; {@code --help} lists its options. */
    public static void main(String[] args) {
        int code = Commands.of(new BatchGrade()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(submissions)) {
            throw new IllegalArgumentException("--submissions must name a folder of submissions, was " + submissions);
        }
        List<Row> rows = run(submissions, out, parallel, timeoutMinutes, excludeTags);
        rows.forEach(r -> System.out.printf(Locale.ROOT, "%-24s %3d / %-3d %s%n", r.student(), r.earned(),
                r.possible(), r.status()));
        System.out.println("gradebook: " + out.resolve("gradebook.csv").toAbsolutePath());
        long tampered = rows.stream().filter(r -> r.status().startsWith(TAMPERED)).count();
        if (tampered > 0) {
            System.out.println(tampered + " submission" + (tampered == 1 ? "'s" : "s'") + " grading journal was"
                    + " tampered with (status \"" + TAMPERED + "\"): exit code " + GradeMain.TAMPERED);
            return GradeMain.TAMPERED;
        }
        return 0;
    }

    /** Grades every submission and writes the gradebook; returns its rows, sorted by student. */
    public static List<Row> run(Path submissions, Path out, int parallel, int timeoutMinutes, String excludeTags)
            throws IOException, InterruptedException {
        List<Path> students;
        try (Stream<Path> list = Files.list(submissions)) {
            students = list.filter(Files::isDirectory).sorted().toList();
        }
        Files.createDirectories(out);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
        List<Future<Row>> futures = new ArrayList<>();
        for (Path student : students) {
            futures.add(pool.submit(() -> grade(student, out.resolve(student.getFileName().toString()),
                    timeoutMinutes, excludeTags)));
        }
        pool.shutdown();
        List<Row> rows = new ArrayList<>();
        for (Future<Row> f : futures) {
            try {
                rows.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("batch grading broke: " + e.getCause(), e.getCause());
            }
        }
        rows.sort(Comparator.comparing(Row::student));
        List<List<?>> gradebook = new ArrayList<>();
        for (Row r : rows) {
            double percent = r.possible() == 0 ? 0.0 : 100.0 * r.earned() / r.possible();
            gradebook.add(List.of(r.student(), r.earned(), r.possible(), r.byHand(),
                    String.format(Locale.ROOT, "%.1f", percent), r.status()));
        }
        Csv.write(out.resolve("gradebook.csv"), List.of("student", "earned", "possible", "by_hand", "percent", "status"),
                gradebook);
        return rows;
    }

    private static Row grade(Path submission, Path out, int timeoutMinutes, String excludeTags)
            throws IOException, InterruptedException {
        String student = submission.getFileName().toString();
        FileUtils.deleteDirectory(out.toFile());
        Files.createDirectories(out);
        Path theirs = Files.isDirectory(submission.resolve("exercises/src/main"))
                ? submission.resolve("exercises/src/main") : submission.resolve("src/main");
        if (!Files.isDirectory(theirs.resolve("java"))) {
            return new Row(student, 0, 0, 0, "no sources: expected the exercises' src/main/java in the submission");
        }
        Path main = out.resolve("sources");
        StudentFiles.assemble(StudentFiles.kitStudentModule(), theirs, main);
        Path classes = out.resolve("classes");
        String compileErrors = compile(main.resolve("java"), classes);
        if (compileErrors != null) {
            Files.writeString(out.resolve("compile-errors.txt"), compileErrors);
        }
        if (Files.isDirectory(main.resolve("resources"))) {
            FileUtils.copyDirectory(main.resolve("resources").toFile(), classes.toFile(), false);
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx3g", "-Dorg.eclipse.deeplearning4j.helpers.disable=false",
                "-Dgrader.reports=" + out.toAbsolutePath(), "-Dgrader.target=" + student,
                "-Dgrader.excludeTags=" + excludeTags, "-Dgrader.runTimeoutMinutes=" + timeoutMinutes,
                // the shipped data and models of the instructor's checkout: a submission brings none
                "-D" + DataLocator.DATA_PROPERTY + "=" + DataLocator.fashionMnist().toAbsolutePath(),
                "-D" + DataLocator.MODELS_PROPERTY + "=" + DataLocator.models().toAbsolutePath(),
                // the kit's classes first: a class of a submission can never stand in for one of them
                "-cp", graderClasspath() + File.pathSeparator + classes.toAbsolutePath(),
                GradeMain.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).directory(out.toFile()).redirectErrorStream(true)
                .redirectOutput(out.resolve("console.txt").toFile());
        // grading JVMs side by side share the cores: native OpenMP threads that sleep while they wait instead of
        // spinning keep one run from starving the other (the same results bit for bit; a degradation seed took
        // 88 s this way beside two other training jobs, and over 25 minutes with spinning threads)
        builder.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        Process p = builder.start();
        if (!p.waitFor(timeoutMinutes + 2L, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Row(student, 0, 0, 0, "killed after " + (timeoutMinutes + 2) + " min");
        }
        Path csv = out.resolve(ScoreCsv.FILE);
        if (!Files.exists(csv)) {
            return new Row(student, 0, 0, 0, "no report (exit code " + p.exitValue() + "; see console.txt)");
        }
        Map<String, String> v = Csv.read(csv).get(0);
        String status = p.exitValue() == GradeMain.TAMPERED
                ? TAMPERED + ": the grading journal was tampered with, only what came before scores (see report.md)"
                : compileErrors == null ? "graded" : "graded; compile errors: " + firstError(compileErrors);
        return new Row(student, Integer.parseInt(v.get("earned")), Integer.parseInt(v.get("possible")),
                Integer.parseInt(v.get("by_hand")), status);
    }

    /**
     * Compiles {@code sources} into {@code classes} with the Eclipse compiler, as the grade command does: code with
     * errors still becomes classes whose broken methods throw "Unresolved compilation problem", so the rest is
     * graded. Returns the compiler's error messages (file names relative to {@code sources}), or null when there
     * are none.
     */
    static String compile(Path sources, Path classes) throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-nowarn", "-encoding", "UTF-8",
                "-proceedOnError", "-d", classes.toString(), "-cp", graderClasspath()));
        args.addAll(files);
        StringWriter messages = new StringWriter();
        boolean clean = BatchCompiler.compile(args.toArray(String[]::new), new PrintWriter(messages),
                new PrintWriter(messages), null);
        // file names relative to the sources: the same messages whichever folder the run assembled them in
        return clean ? null : messages.toString().replace(sources.toAbsolutePath() + File.separator, "")
                .replace(sources + File.separator, "");
    }

    /** The first error of the Eclipse compiler's messages, on one line: "File.java line N: message". */
    static String firstError(String messages) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("ERROR in (\\S+) \\(at line (\\d+)\\)\\R"
                + "(?:.*\\R){2}(.*)").matcher(messages);
        return m.find() ? m.group(1) + " line " + m.group(2) + ": " + m.group(3).strip()
                : messages.lines().findFirst().orElse("").strip();
    }

    /** This JVM's classpath without the kit's own exercises and solutions (a submission replaces them). */
    static String graderClasspath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> kept = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            String e = entry.replace('\\', '/');
            boolean module = e.contains("/exercises/target/") || e.contains("/solutions/target/")
                    || e.contains("/resnetkit/exercises/") || e.contains("/resnetkit/solutions/");
            if (!module) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }
}
