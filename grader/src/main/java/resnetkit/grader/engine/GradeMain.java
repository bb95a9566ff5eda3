package resnetkit.grader.engine;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import resnetkit.grader.support.Grading;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Grades every graded test on the classpath (package {@code resnetkit.graded}). The grade command, the kit's
 * self-test, batch grading and the Gradescope bundle all grade through it, one module under grade per run.
 *
 * <p>A run is two JVMs. This one supervises: it starts a grading JVM with the same classpath, JVM options and
 * system properties, which runs the tests and records each one in a {@link Journal} as it finishes; this JVM
 * waits for it, under the whole-run time limit, and writes the reports from the journal, however the grading
 * JVM ended. A {@code System.exit} that slips past the rules, a crash or running out of memory costs the test
 * that was running and those that had not run yet, never what finished, and the report is still written.
 * No Security Manager is needed (JDK 24 removed it), so the grader runs on JDK 17, 21 and 25 alike.
 *
 * <p>Order in the grading JVM: the structural rules over the student's classes ({@link StudentCodeRules}); the
 * tests of an exercise whose class breaks one do not run and fail with the rule's message (every test, when the
 * class belongs to no single exercise). Then the other tests run. Each run first deletes the reports of the
 * one before, so a run that breaks early never leaves an old score that reads as current.
 *
 * <p>Exit codes: 0 when grading ran, whatever the score; 1 when {@code -Dgrader.failUnder=P} is set and
 * the score is below P percent (a CI gate); 2 when the grader itself broke.
 */
public final class GradeMain {

    /** The package holding the graded tests. */
    public static final String GRADED_PACKAGE = "resnetkit.graded";
    /**
     * System property: comma-separated JUnit tags to leave out, e.g. "training" skips the training checks while
     * you iterate. Left-out tests are not in the total; the report says so.
     */
    public static final String EXCLUDE_TAGS = "grader.excludeTags";
    /**
     * System property: comma-separated exercise ids, e.g. "20.2.1,20.2.4": grade only these while you work on
     * them. Left-out exercises are not in the total.
     */
    public static final String EXERCISES = "grader.exercises";
    /** System property: minutes the whole run may take (default 40, times {@link Grading#TIME_SCALE}). */
    public static final String RUN_TIMEOUT = "grader.runTimeoutMinutes";
    /** System property: exit 1 when the score is below this percentage (default: never). */
    public static final String FAIL_UNDER = "grader.failUnder";
    /** The argument that makes a JVM the grading JVM of a supervised run: {@code --grading-jvm JOURNAL}. */
    static final String GRADING_JVM = "--grading-jvm";
    /** Held here: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final java.util.logging.Logger JQWIK_LOG = java.util.logging.Logger.getLogger("net.jqwik");

    private GradeMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("usage: java -cp <grader, its tests, the module under grade, deps> "
                    + GradeMain.class.getName() + """

                      -Dgrader.reports=DIR             where to write report.md, results.json, junit.xml, score.csv
                      -Dgrader.target=NAME             the module's (or student's) name in the reports
                      -Dgrader.excludeTags=training    leave out the training checks
                      -Dgrader.exercises=20.2.1,20.2.4 grade only these exercises
                      -Dgrader.runTimeoutMinutes=40    whole-run limit; the report of what finished is still written
                      -Dgrader.timeScale=4             every time limit x 4, for a slow machine
                      -Dgrader.failUnder=80            exit 1 when the score is below 80 %
                    Exit codes: 0 grading ran; 1 score below -Dgrader.failUnder; 2 the grader itself broke.""");
            return;
        }
        int code;
        try {
            code = args.length == 2 && args[0].equals(GRADING_JVM) ? gradeInGradingJvm(Path.of(args[1]))
                    : supervise();
        } catch (Throwable t) {
            System.err.println("the grader itself failed: " + t);
            t.printStackTrace();
            code = 2;
        }
        System.exit(code); // student code may have left non-daemon threads behind
    }

    /**
     * Starts the grading JVM, waits for it under the whole-run limit and writes the reports from its journal.
     */
    private static int supervise() throws IOException, InterruptedException {
        Path reports = Path.of(System.getProperty(GradingListener.REPORTS, "target/grading"));
        Path journalFile = reports.resolve("journal.tsv");
        clearReports(reports);
        Files.deleteIfExists(journalFile);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments()); // heap, -D options
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), GradeMain.class.getName(), GRADING_JVM,
                journalFile.toString()));
        long start = System.nanoTime();
        Process grading = new ProcessBuilder(command).inheritIO().start();
        long minutes = (long) Math.ceil(Long.getLong(RUN_TIMEOUT, 40) * Grading.timeScale());
        boolean timedOut = !grading.waitFor(minutes, TimeUnit.MINUTES);
        if (timedOut) {
            grading.descendants().forEach(ProcessHandle::destroyForcibly);
            grading.destroyForcibly();
            grading.waitFor();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Journal.Replay replay = Journal.read(journalFile);
        if (replay.outcomes().isEmpty()) {
            System.err.println("the grading JVM ended (exit code " + grading.exitValue() + ") before it found any"
                    + " graded test: see its messages above");
            return 2;
        }
        String note = replay.note();
        Map<String, TestOutcome> outcomes = new LinkedHashMap<>(replay.outcomes());
        if (timedOut) {
            note = "whole run timed out after " + minutes + " min";
            unfinished(outcomes, id -> "timed out: the whole grading run passed its limit of " + minutes + " min"
                    + " (-D" + RUN_TIMEOUT + ", -D" + Grading.TIME_SCALE + ")");
        } else if (!replay.ended()) {
            int exit = grading.exitValue();
            note = "the grading JVM stopped early (exit code " + exit + ")";
            String during = replay.running().stream().map(id -> outcomes.get(id).test()).findFirst().orElse("");
            unfinished(outcomes, id -> replay.running().contains(id)
                    ? "the grading JVM stopped during this test (System.exit, a crash, or memory; exit code " + exit
                    + "): look for a call that ends the JVM, or for arrays far larger than the exercise needs"
                    : "did not run: the grading JVM stopped" + (during.isEmpty() ? "" : " during \"" + during + "\"")
                    + " before this test (exit code " + exit + ")");
        }
        return exitCode(GradingListener.report(new ArrayList<>(outcomes.values()), seconds, note));
    }

    /** Gives every test that has not reported yet the feedback {@code why.apply(id)}. */
    private static void unfinished(Map<String, TestOutcome> outcomes, Function<String, String> why) {
        outcomes.replaceAll((id, o) -> GradingListener.unfinished(o) ? o.failed(why.apply(id)) : o);
    }

    /** The grading JVM of a supervised run: runs the tests, recording each in {@code journalFile}. */
    private static int gradeInGradingJvm(Path journalFile) {
        try (Journal journal = Journal.create(journalFile); OutputCapture capture = OutputCapture.install()) {
            run(new GradingListener(journal, capture), journal); // each test's output capped, into the journal
            journal.end();
        }
        return 0;
    }

    /**
     * Grades in this JVM and returns the report, without a supervising JVM or {@code System.exit}: for a
     * caller that loads the grader and the code under grade in a class loader of its own and grades many
     * submissions in one JVM (the kit's bug matrix). The reports are written as in a grading run; the same
     * system properties choose what is graded.
     *
     * @return the score report, or null when no graded test was found
     */
    public static ScoreReport gradeInThisJvm() throws IOException {
        clearReports(Path.of(System.getProperty(GradingListener.REPORTS, "target/grading")));
        GradingListener listener = new GradingListener();
        run(listener, null);
        return listener.lastReport();
    }

    /** Discovers the graded tests, checks the rules and runs the tests with {@code listener}. */
    private static void run(GradingListener listener, Journal journal) {
        // jqwik reports through java.util.logging at INFO (edge cases, replays); the score table is the output
        JQWIK_LOG.setLevel(java.util.logging.Level.WARNING);
        LauncherDiscoveryRequestBuilder builder = request().selectors(selectPackage(GRADED_PACKAGE));
        java.util.Set<String> excluded = listed(EXCLUDE_TAGS);
        if (!excluded.isEmpty()) {
            builder.filters(TagFilter.excludeTags(List.copyOf(excluded)));
        }
        java.util.Set<String> exercises = listed(EXERCISES);
        if (!exercises.isEmpty()) {
            builder.filters(new ExerciseFilter(exercises));
        }
        if (Grading.timeScale() > 1) {
            // JUnit cannot scale the tests' @Timeout backstops; the scaled per-call and whole-run limits hold
            builder.configurationParameter("junit.jupiter.execution.timeout.mode", "disabled");
        }
        Launcher launcher = LauncherFactory.create();
        Map<String, List<String>> violations = StudentCodeRules.checkByExercise();
        if (violations.containsKey(StudentCodeRules.EVERY_EXERCISE)) {
            // a class no single exercise owns breaks a rule: discover the tests to know the total, run none
            listener.testPlanExecutionStarted(launcher.discover(builder.build()));
            listener.failUnfinished("not run: the submission breaks the kit's rules: "
                    + String.join("; ", violations.get(StudentCodeRules.EVERY_EXERCISE)));
            if (journal != null) {
                journal.note("rules broken, nothing ran");
            } else {
                listener.report("rules broken, nothing ran");
            }
            return;
        }
        if (!violations.isEmpty()) {
            // only the exercises whose code breaks a rule fail, with the rule's message; the others run
            listener.testPlanExecutionStarted(launcher.discover(builder.build()));
            violations.forEach((exercise, messages) -> listener.failExercise(exercise, "not run: the code of exercise "
                    + exercise + " breaks the kit's rules: " + String.join("; ", messages)));
            builder.filters(ExerciseFilter.excluding(violations.keySet()));
        }
        LauncherDiscoveryRequest request = builder.build();
        launcher.execute(request, listener); // without a journal the listener writes the reports at the end
    }

    /** Deletes an earlier run's reports in {@code dir}. */
    static void clearReports(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : ScoreReport.FILES) {
            Files.deleteIfExists(dir.resolve(name));
        }
    }

    private static int exitCode(ScoreReport report) {
        String failUnder = System.getProperty(FAIL_UNDER, "").trim();
        if (report == null || failUnder.isEmpty()) {
            return 0;
        }
        double threshold = Double.parseDouble(failUnder);
        if (report.percent() < threshold) {
            System.out.printf(Locale.ROOT, "score %.1f %% is below %s %%: exit code 1%n", report.percent(), failUnder);
            return 1;
        }
        return 0;
    }

    /** The comma-separated values of system property {@code key} (tags, exercise ids), trimmed; empty when unset. */
    static java.util.Set<String> listed(String key) {
        java.util.Set<String> values = new java.util.LinkedHashSet<>();
        for (String v : System.getProperty(key, "").split(",")) {
            if (!v.isBlank()) {
                values.add(v.trim());
            }
        }
        return values;
    }
}
