package resnetkit.grader.supervisor.batch;

import resnetkit.datasets.DataLocator;
import resnetkit.grader.report.GraderDigest;
import resnetkit.grader.report.ScoreCsv;
import resnetkit.grader.supervisor.GradeMain;
import resnetkit.grader.supervisor.batch.Gradebook.Grader;
import resnetkit.grader.supervisor.batch.Gradebook.Row;
import resnetkit.grader.submission.EclipseCompiler;
import resnetkit.grader.submission.StudentFiles;
import resnetkit.toolkit.Commands;
import resnetkit.toolkit.Csv;

import org.apache.commons.io.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * compiler found errors) and {@code OUT/gradebook.csv} ({@link Gradebook}). Code with compile errors is graded as
 * the grade command grades it: the tests that reach a broken method fail with the compiler's message, the rest
 * run; the others are unaffected.
 * Grading is deterministic, so a rerun gives the same scores. A submission whose grading journal was tampered
 * with gets the status {@code tampered: ...} and its verified points only, and the command exits with
 * {@link GradeMain#TAMPERED} once the gradebook is written, so an instructor sees it.
 *
 * <p>Beyond one machine: {@code --shard K/N} grades only the submissions of shard K of N ({@link Shard}) into
 * {@code OUT/gradebook-part-K-of-N.csv}, and {@code --merge N} joins the N parts into {@code OUT/gradebook.csv}.
 * A submission whose files, grader and options are those of a finished row already in {@code OUT} (its gradebook
 * or any part) is not graded again; {@code --force} grades every one.
 */
@Command(name = "BatchGrade", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        version = "resnet-kit 1.0.0-SNAPSHOT",
        description = {"Grades every subfolder of the submissions folder (a copy of exercises/, or a clone of the kit)"
                + " in its own JVM; writes OUT/<student>/ reports and OUT/gradebook.csv. A submission already graded"
                + " in OUT, with the same files, grader and options, is not graded again (--force: grade all).",
                "Sharded: --shard K/N grades 1/N of them into OUT/gradebook-part-K-of-N.csv; --merge N joins the parts.",
                "Exit codes: 0 graded, 1 merge refused or grading broke, 2 usage, 3 a journal was tampered with."})
public final class BatchGrade implements Callable<Integer> {

    /** The start of a gradebook status whose grading journal was tampered with. */
    public static final String TAMPERED = "tampered";
    /** The start of a status whose grading JVM ran past its limit. */
    public static final String KILLED = "killed";
    /** The start of a status whose grading JVM wrote no report. */
    public static final String NO_REPORT = "no report";

    /** What one batch run did: every row of its gradebook (or part), and which submissions it graded. */
    public record Outcome(List<Row> rows, List<String> graded, List<String> unchanged) {
    }

    /** How to grade: the grading options, where, how many at a time, and which shard. */
    public record Plan(Path submissions, Path out, int parallel, int timeoutMinutes, String excludeTags,
            String exercises, Shard shard, boolean force) {

        /** Every submission, unsharded, graded again only when changed. */
        public static Plan of(Path submissions, Path out, int parallel, int timeoutMinutes, String excludeTags) {
            return new Plan(submissions, out, parallel, timeoutMinutes, excludeTags, "", null, false);
        }

        /** This plan for one shard. */
        public Plan shard(Shard s) {
            return new Plan(submissions, out, parallel, timeoutMinutes, excludeTags, exercises, s, force);
        }

        /** The options that change a grade, as the gradebook records them. */
        String options() {
            return "exclude-tags=" + excludeTags + " exercises=" + (exercises.isBlank() ? "all" : exercises)
                    + " timeout-minutes=" + timeoutMinutes;
        }
    }

    @Spec
    private CommandSpec spec;
    @Option(names = "--submissions", paramLabel = "DIR", description = "a folder with one subfolder per student")
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
    @Option(names = "--exercises", paramLabel = "IDS",
            description = "grade only these exercises, comma-separated (e.g. 20.2.1,S3.1; default: all)")
    private String exercises = "";
    @Option(names = "--shard", paramLabel = "K/N",
            description = "grade only shard K of N (0 <= K < N) into OUT/gradebook-part-K-of-N.csv")
    private String shard;
    @Option(names = "--merge", paramLabel = "N",
            description = "grade nothing: join the parts of N shards in OUT into OUT/gradebook.csv")
    private Integer merge;
    @Option(names = "--force", description = "grade every submission, even one already graded in OUT")
    private boolean force;
    @Option(names = "--java-args-file", paramLabel = "FILE",
            description = "grade nothing: write this JVM's class path to FILE, for 'java @FILE' without Maven (Slurm)")
    private Path javaArgsFile;

    /** The command; {@code --help} lists its options. */
    public static void main(String[] args) {
        int code = Commands.of(new BatchGrade()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (javaArgsFile != null) {
            return writeJavaArgs(javaArgsFile);
        }
        List<Row> rows;
        if (merge != null) {
            try {
                rows = Gradebook.merge(out, merge);
            } catch (IllegalStateException e) {
                System.err.println(e.getMessage());
                return 1;
            }
            System.out.println("merged " + merge + " parts: " + rows.size() + " submissions");
        } else {
            if (submissions == null || !Files.isDirectory(submissions)) {
                throw new ParameterException(spec.commandLine(),
                        "--submissions must name a folder of submissions (one subfolder per student), was " + submissions);
            }
            Shard s;
            try {
                s = shard == null ? null : Shard.parse(shard);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--shard: " + e.getMessage());
            }
            Outcome outcome = run(new Plan(submissions, out, parallel, timeoutMinutes, excludeTags, exercises, s, force));
            rows = outcome.rows();
            System.out.println("graded " + outcome.graded().size() + ", unchanged since " + out + ": "
                    + outcome.unchanged().size() + (outcome.unchanged().isEmpty() ? "" : " (--force grades them too)"));
        }
        rows.forEach(r -> System.out.printf(Locale.ROOT, "%-24s %3d / %-3d %s%n", r.student(), r.earned(),
                r.possible(), r.status()));
        List<Row> failed = rows.stream().filter(r -> !r.finished()).toList();
        if (!failed.isEmpty()) {
            System.out.println(failed.size() + " submission" + (failed.size() == 1 ? "" : "s") + " failed to grade (a"
                    + " rerun grades them again): " + String.join(", ", failed.stream().map(Row::student).toList()));
        }
        boolean part = merge == null && shard != null;
        System.out.println((part ? "gradebook part: " + Shard.parse(shard).partIn(out) : "gradebook: "
                + out.resolve(Gradebook.FILE)).replace(File.separator + "." + File.separator, File.separator));
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
        return run(Plan.of(submissions, out, parallel, timeoutMinutes, excludeTags)).rows();
    }

    /**
     * Grades the plan's submissions (its shard's, when it has one) that are not already graded in its {@code out},
     * and writes the gradebook (or the shard's part): every submission of the plan, graded now or before.
     */
    public static Outcome run(Plan plan) throws IOException, InterruptedException {
        List<Path> students;
        try (Stream<Path> list = Files.list(plan.submissions())) {
            students = list.filter(Files::isDirectory)
                    .filter(d -> plan.shard() == null || plan.shard().holds(d.getFileName().toString())).sorted().toList();
        }
        Files.createDirectories(plan.out());
        Grader grader = new Grader(GraderDigest.sha256(), plan.options());
        Map<String, List<Row>> earlier = plan.force() ? Map.of() : Gradebook.earlier(plan.out());
        List<Row> rows = new ArrayList<>();
        List<String> graded = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<Path> toGrade = new ArrayList<>();
        Map<Path, String> shas = new HashMap<>();
        for (Path student : students) {
            String name = student.getFileName().toString();
            String sha = StudentFiles.sha256(studentMain(student));
            Row before = earlier.getOrDefault(name, List.of()).stream()
                    .filter(r -> r.finished() && r.submissionSha256().equals(sha) && r.grader().equals(grader))
                    .findFirst().orElse(null);
            if (before != null && Files.isDirectory(plan.out().resolve(name))) {
                rows.add(before);
                unchanged.add(name);
            } else {
                graded.add(name);
                toGrade.add(student);
                shas.put(student, sha);
            }
        }
        Path file = plan.shard() == null ? plan.out().resolve(Gradebook.FILE) : plan.shard().partIn(plan.out());
        Progress progress = new Progress(Gradebook.partialOf(file), rows, toGrade.size());
        System.out.println("grading " + toGrade.size() + " of " + students.size() + " submissions"
                + (plan.shard() == null ? "" : " (shard " + plan.shard() + ")") + ", " + unchanged.size()
                + " unchanged since the gradebook in " + plan.out());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, plan.parallel()));
        List<Future<Row>> futures = new ArrayList<>();
        for (Path student : toGrade) {
            futures.add(pool.submit(() -> progress.done(grade(student,
                    plan.out().resolve(student.getFileName().toString()), plan, shas.get(student), grader))));
        }
        pool.shutdown();
        for (Future<Row> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("batch grading broke: " + e.getCause(), e.getCause());
            }
        }
        rows = progress.rows();
        if (plan.shard() == null) {
            Gradebook.write(file, rows);
        } else {
            Gradebook.writePart(plan.out(), plan.shard(), grader, rows);
        }
        Files.deleteIfExists(Gradebook.partialOf(file));
        return new Outcome(rows, graded, unchanged);
    }

    /** A submission's student module ({@code src/main}): in a clone of the kit, or the folder itself. */
    private static Path studentMain(Path submission) {
        return Files.isDirectory(submission.resolve("exercises/src/main"))
                ? submission.resolve("exercises/src/main") : submission.resolve("src/main");
    }

    private static Row grade(Path submission, Path out, Plan plan, String sha, Grader grader)
            throws IOException, InterruptedException {
        String student = submission.getFileName().toString();
        FileUtils.deleteDirectory(out.toFile());
        Files.createDirectories(out);
        Path theirs = studentMain(submission);
        if (!Files.isDirectory(theirs.resolve("java"))) {
            return new Row(student, 0, 0, 0, "no sources: expected the exercises' src/main/java in the submission",
                    sha, grader);
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
                "-Dgrader.excludeTags=" + plan.excludeTags(), "-Dgrader.exercises=" + plan.exercises(),
                "-Dgrader.runTimeoutMinutes=" + plan.timeoutMinutes(),
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
        if (!p.waitFor(plan.timeoutMinutes() + 2L, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Row(student, 0, 0, 0, KILLED + " after " + (plan.timeoutMinutes() + 2) + " min", sha, grader);
        }
        Path csv = out.resolve(ScoreCsv.FILE);
        if (!Files.exists(csv)) {
            return new Row(student, 0, 0, 0, NO_REPORT + " (exit code " + p.exitValue() + "; see console.txt)", sha,
                    grader);
        }
        Map<String, String> v = Csv.read(csv).get(0);
        String status = p.exitValue() == GradeMain.TAMPERED
                ? TAMPERED + ": the grading journal was tampered with, only what came before scores (see report.md)"
                : compileErrors == null ? "graded" : "graded; compile errors: " + EclipseCompiler.firstError(compileErrors);
        return new Row(student, Integer.parseInt(v.get("earned")), Integer.parseInt(v.get("possible")),
                Integer.parseInt(v.get("by_hand")), status, sha, grader);
    }

    /**
     * The rows so far of a run, kept in a partial gradebook after each grading ({@code ...partial.csv}): a run
     * that is killed (a Slurm task past its time) leaves what it finished, which the next run does not grade again.
     * Prints a line per graded submission.
     */
    private static final class Progress {
        private final Path partial;
        private final List<Row> rows;
        private final int total;
        private final long start = System.nanoTime();
        private int done;

        Progress(Path partial, List<Row> rows, int total) {
            this.partial = partial;
            this.rows = new ArrayList<>(rows);
            this.total = total;
        }

        synchronized Row done(Row row) {
            rows.add(row);
            done++;
            Gradebook.write(partial, rows);
            System.out.printf(Locale.ROOT, "[%d/%d] %s: %d / %d, %s (%.0f s so far)%n", done, total, row.student(),
                    row.earned(), row.possible(), row.status(), (System.nanoTime() - start) / 1e9);
            return row;
        }

        synchronized List<Row> rows() {
            return rows.stream().sorted(Comparator.comparing(Row::student)).toList();
        }
    }

    /**
     * Writes {@code -cp} and this JVM's class path to {@code file}, one option per line, so that
     * {@code java @file resnetkit.grader.supervisor.batch.BatchGrade ...} runs this command without Maven (what
     * the Slurm tasks do: Maven fills the class path once, on the login node).
     */
    private static int writeJavaArgs(Path file) throws IOException {
        // under Surefire (the kit's tests), the tests' class path rather than Surefire's launcher jar
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // an @-file takes quotes around a value with spaces, and a backslash escapes (Windows paths)
        Files.writeString(file, "-cp\n\"" + cp.replace("\\", "\\\\") + "\"\n");
        System.out.println("wrote " + file.toAbsolutePath() + ": java @" + file + " " + BatchGrade.class.getName()
                + " --help");
        return 0;
    }

    /** Compiles a submission's {@code sources} into {@code classes}, as the grade command does. */
    static String compile(Path sources, Path classes) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        return EclipseCompiler.compile(files, sources, classes, graderClasspath());
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
