package resnetkit.grader.engine;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.List;
import java.util.Locale;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Runs every graded test on the classpath (package {@code resnetkit.graded}) in this JVM. The grade
 * command, the kit's self-test, batch grading and the Gradescope bundle all grade through it, one module
 * under grade per JVM.
 *
 * <p>Order of a run: the structural rules over the student's classes ({@link StudentCodeRules}); the tests of
 * an exercise whose class breaks one do not run and fail with the rule's message (every test, when the class
 * belongs to no single exercise). Otherwise the tests run
 * with a guard that turns {@code System.exit} / {@code Runtime.halt} in student code into an exception,
 * under a whole-run time limit after which the report of what finished is written anyway.
 *
 * <p>Exit codes: 0 when grading ran, whatever the score; 1 when {@code -Dgrader.failUnder=P} is set and
 * the score is below P percent (a CI gate); 2 when the grader itself broke.
 */
public final class GradeMain {

    /** The package holding the graded tests. */
    public static final String GRADED_PACKAGE = "resnetkit.graded";
    /**
     * System property: comma-separated JUnit tags to leave out, e.g. "training" skips the minutes-long
     * training checks while you iterate. Left-out tests are not in the total; the report says so.
     */
    public static final String EXCLUDE_TAGS = "grader.excludeTags";
    /**
     * System property: comma-separated exercise ids, e.g. "20.2.1,20.2.4": grade only these while you work on
     * them. Left-out exercises are not in the total.
     */
    public static final String EXERCISES = "grader.exercises";
    /** System property: minutes the whole run may take (default 40). */
    public static final String RUN_TIMEOUT = "grader.runTimeoutMinutes";
    /** System property: exit 1 when the score is below this percentage (default: never). */
    public static final String FAIL_UNDER = "grader.failUnder";

    private GradeMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("usage: java -Djava.security.manager=allow -cp <grader, its tests, the module under"
                    + " grade, deps> " + GradeMain.class.getName() + """

                      -Dgrader.reports=DIR             where to write report.md, results.json, junit.xml, score.csv
                      -Dgrader.target=NAME             the module's (or student's) name in the reports
                      -Dgrader.excludeTags=training    leave out the minutes-long training checks
                      -Dgrader.exercises=20.2.1,20.2.4 grade only these exercises
                      -Dgrader.runTimeoutMinutes=40    whole-run limit; the report of what finished is still written
                      -Dgrader.failUnder=80            exit 1 when the score is below 80 %
                    Exit codes: 0 grading ran; 1 score below --failUnder; 2 the grader itself broke.""");
            return;
        }
        int code;
        try {
            code = grade();
        } catch (Throwable t) {
            System.err.println("the grader itself failed: " + t);
            t.printStackTrace();
            code = 2;
        }
        ExitGuard.allowExit();
        System.exit(code); // student code may have left non-daemon threads behind
    }

    private static int grade() {
        clearReports();
        // jqwik reports through java.util.logging at INFO (edge cases, replays); the score table is the output
        java.util.logging.Logger.getLogger("net.jqwik").setLevel(java.util.logging.Level.WARNING);
        GradingListener listener = new GradingListener();
        LauncherDiscoveryRequestBuilder builder = request().selectors(selectPackage(GRADED_PACKAGE));
        String excluded = System.getProperty(EXCLUDE_TAGS, "").trim();
        if (!excluded.isEmpty()) {
            builder.filters(TagFilter.excludeTags(excluded.split(",")));
        }
        String exercises = System.getProperty(EXERCISES, "").trim();
        if (!exercises.isEmpty()) {
            builder.filters(new ExerciseFilter(java.util.Set.of(exercises.split("\\s*,\\s*"))));
        }
        Launcher launcher = LauncherFactory.create();
        java.util.Map<String, List<String>> violations = StudentCodeRules.checkByExercise();
        if (violations.containsKey(StudentCodeRules.EVERY_EXERCISE)) {
            // a class no single exercise owns breaks a rule: discover the tests to know the total, run none
            listener.testPlanExecutionStarted(launcher.discover(builder.build()));
            listener.failUnfinished("not run: the submission breaks the kit's rules: "
                    + String.join("; ", violations.get(StudentCodeRules.EVERY_EXERCISE)));
            return exitCode(listener.report("rules broken, nothing ran"));
        }
        if (!violations.isEmpty()) {
            // only the exercises whose code breaks a rule fail, with the rule's message; the others run
            listener.testPlanExecutionStarted(launcher.discover(builder.build()));
            violations.forEach((exercise, messages) -> listener.failExercise(exercise, "not run: the code of exercise "
                    + exercise + " breaks the kit's rules: " + String.join("; ", messages)));
            builder.filters(ExerciseFilter.excluding(violations.keySet()));
        }
        LauncherDiscoveryRequest request = builder.build();
        ExitGuard.install();
        startWatchdog(listener);
        launcher.execute(request, listener); // the listener writes the reports when the plan finishes
        return exitCode(listener.lastReport());
    }

    /** An earlier run's reports go first: a run that breaks before writing its own must not leave them as current. */
    static void clearReports() {
        java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty(GradingListener.REPORTS, "target/grading"));
        for (String name : ScoreReport.FILES) {
            try {
                java.nio.file.Files.deleteIfExists(dir.resolve(name));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot delete the earlier report " + dir.resolve(name), e);
            }
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

    private static void startWatchdog(GradingListener listener) {
        long minutes = Long.getLong(RUN_TIMEOUT, 40);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(minutes * 60_000);
            } catch (InterruptedException e) {
                return;
            }
            listener.failUnfinished("timed out: the whole grading run passed its limit of " + minutes + " min");
            int code = exitCode(listener.report("whole run timed out after " + minutes + " min"));
            ExitGuard.allowExit();
            Runtime.getRuntime().halt(code);
        }, "grading-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
