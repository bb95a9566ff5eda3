package resnetkit.grader.supervisor;

import resnetkit.grader.api.GradingOptions;
import resnetkit.grader.journal.JournalKey;
import resnetkit.grader.journal.JournalReader;
import resnetkit.grader.report.GraderDigest;
import resnetkit.grader.report.Reports;
import resnetkit.grader.scoring.Score;
import resnetkit.grader.submission.EclipseCompiler;
import resnetkit.grader.submission.Locations;
import resnetkit.grader.submission.StudentFiles;
import resnetkit.grader.supervisor.watch.LiveLines;
import resnetkit.grader.supervisor.watch.SavedFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The watch mode ({@code -Dgrader.watch=true}): a verdict seconds after each save. It keeps a spare grading JVM
 * warm (ND4J loaded, JUnit's engines started, the guard in place; no graded test and no student class loaded yet).
 * On each save of an exercise file it compiles that file with the Eclipse compiler as the grade command does, sets
 * the spare JVM going on the file's exercise, prints each test's line as the journal verifies it (quick checks
 * first, long ones after), then the exercise's score table, and starts the next spare JVM.
 *
 * <p>It grades exactly as the grade command does: the same grading JVM, guard, journal, tests and points; the
 * student's classes load in a JVM that has never seen an earlier version of them. Only the start of that JVM
 * happens before the save instead of after it.
 */
final class WatchMode {

    /** How often the student's files are looked at. */
    private static final long POLL_MILLIS = 100;
    /** How long the files must stay unchanged before grading: editors write a file in several steps. */
    private static final long SETTLE_MILLIS = 50;

    /** The line that ends each verdict. */
    static final String WATCHING = "Watching; save again, or Ctrl-C.";

    private final SavedFiles files;
    private final Path classes;
    private final Path reports;
    private JournalKey spareKey;
    private GradingJvm.Started spare;
    private volatile GradingJvm.Started running;
    /** The grader's digest, for every report: the grader does not change while it watches. */
    private final String graderSha256 = GraderDigest.sha256();
    /** Seconds the last save took to compile, and to grade in the grading JVM. */
    private double compileSeconds;
    private double gradingSeconds;

    private WatchMode(SavedFiles files, Path classes, Path reports) {
        this.files = files;
        this.classes = classes;
        this.reports = reports;
    }

    /**
     * Watches until the JVM is stopped (Ctrl-C) or the process that started it ends; returns 2 when it cannot
     * start, else 0.
     */
    static int run() throws IOException, InterruptedException {
        String sources = System.getProperty(GradingOptions.WATCH_SOURCES, "");
        Path main = sources.isBlank() ? StudentFiles.kitStudentModule() : Path.of(sources);
        Set<Path> roots = Locations.studentCode(WatchMode.class.getClassLoader());
        if (roots.size() != 1 || !Files.isDirectory(roots.iterator().next())) {
            System.err.println("the watch mode needs the exercises as one folder of classes on the class path, found "
                    + roots + ": run it as the README says (./kit watch)");
            return 2;
        }
        WatchMode watch = new WatchMode(new SavedFiles(main), roots.iterator().next(), GradingOptions.reports());
        Runtime.getRuntime().addShutdownHook(new Thread(watch::stopAll)); // Ctrl-C, an IDE's stop button
        watch.loop();
        return 0;
    }

    private void loop() throws IOException, InterruptedException {
        System.out.println("Watching your exercise files in " + files.main().toAbsolutePath() + ".");
        System.out.println("Save one to grade its exercise; Ctrl-C stops.");
        startSpare();
        String newest = files.newest();
        if (newest != null) {
            System.out.println("\nThe file you saved last: " + newest);
            grade(List.of(newest));
        }
        System.out.println(WATCHING);
        // the process that started this one (Maven, an IDE): when it is stopped without stopping this JVM too
        // (a kill rather than Ctrl-C), the watch mode ends with it and stops its grading JVMs
        ProcessHandle starter = ProcessHandle.current().parent().orElse(null);
        while (starter == null || starter.isAlive()) {
            Thread.sleep(POLL_MILLIS);
            if (!files.touched()) {
                continue;
            }
            do {
                Thread.sleep(SETTLE_MILLIS);
            } while (files.touched());
            long saved = System.nanoTime();
            List<String> changed = files.changed();
            if (!changed.isEmpty()) {
                System.out.println("\nSaved: " + String.join(", ", changed));
                grade(changed);
                System.out.printf(Locale.ROOT, "From save to verdict: %.1f s (compiling %.1f s, grading %.1f s). %s%n",
                        (System.nanoTime() - saved) / 1e9, compileSeconds, gradingSeconds, WATCHING);
            }
        }
    }

    /** Compiles the changed files, grades their exercises in the spare grading JVM and starts the next one. */
    private void grade(List<String> changed) throws IOException, InterruptedException {
        Set<String> exercises = SavedFiles.exercises(changed);
        long start = System.nanoTime();
        compile(changed);
        compileSeconds = (System.nanoTime() - start) / 1e9;
        if (!spare.alive()) {
            System.out.println("(the spare grading JVM had stopped; starting another)");
            startSpare();
        }
        running = spare;
        JournalKey key = spareKey;
        spare = null;
        running.go(exercises);
        LiveLines live = new LiveLines(running.journal(), key, System.out);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(GradingJvm.runMinutes());
        GradingJvm.Result run = running.waitFor(deadline, live::printNew);
        running = null;
        gradingSeconds = run.seconds();
        live.printNew();
        Verdicts verdicts = Verdicts.of(JournalReader.read(run.journal(), key), run);
        Reports.clear(reports);
        run.keepJournal(reports, 1);
        startSpare(); // warming up while the student reads
        String header = "exercise " + String.join(", ", exercises) + ", watch mode"
                + (verdicts.note().isEmpty() ? "" : ", " + verdicts.note());
        Reports.publish(new Score(verdicts.outcomes(), run.seconds(), header, graderSha256), reports);
    }

    /**
     * Compiles the changed Java files into the exercises' classes and copies changed written answers beside them,
     * as Maven's build does; prints the compiler's errors, which the tests that reach them also report.
     */
    private void compile(List<String> changed) throws IOException {
        List<Path> sources = changed.stream().filter(f -> f.endsWith(".java"))
                .map(f -> files.main().resolve(f)).filter(Files::isRegularFile).toList();
        if (!sources.isEmpty()) {
            String errors = EclipseCompiler.compile(sources, files.main().resolve("java"), classes,
                    System.getProperty("java.class.path"));
            if (errors != null) {
                System.out.println("Your code does not compile; the tests that reach the errors fail with them:");
                System.out.println(errors.strip());
            }
        }
        for (String file : changed) {
            if (file.startsWith("resources/") && Files.isRegularFile(files.main().resolve(file))) {
                Path to = classes.resolve(file.substring("resources/".length()));
                Files.createDirectories(to.getParent());
                Files.copy(files.main().resolve(file), to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void startSpare() throws IOException {
        spareKey = JournalKey.fresh();
        spare = GradingJvm.start(spareKey, Set.of(), true);
    }

    /** Stops the grading JVMs, the one grading and the spare one, when the watch mode ends. */
    private void stopAll() {
        try {
            for (GradingJvm.Started jvm : new GradingJvm.Started[] {running, spare}) {
                if (jvm != null) {
                    jvm.stop();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
