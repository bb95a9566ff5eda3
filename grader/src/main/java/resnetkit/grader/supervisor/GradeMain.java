package resnetkit.grader.supervisor;

import resnetkit.grader.api.GradingOptions;
import resnetkit.grader.journal.JournalKey;
import resnetkit.grader.journal.JournalReader;
import resnetkit.grader.report.ClassroomResult;
import resnetkit.grader.report.GraderDigest;
import resnetkit.grader.report.Reports;
import resnetkit.grader.scoring.Score;

import resnetkit.grader.scoring.TestOutcome;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The grade command: grades every graded test on the class path in a grading JVM of its own and writes the
 * reports. The grade command, the kit's self-test, batch grading and the Gradescope bundle all grade through it,
 * one module under grade per run.
 *
 * <p>A run is two JVMs. This one supervises and never loads a student class: it starts the grading JVM
 * ({@link GradingJvm}) with the guard's agent and hands it a fresh journal key on its standard input, waits for it
 * under the whole-run limit, verifies the journal the grading JVM wrote ({@link JournalReader}) and scores only
 * what verifies ({@link Verdicts}), however the grading JVM ended. A crash or running out of memory costs the
 * test that was running and those that had not run yet, never what finished; a journal that something other than
 * the grader wrote into is reported as tampered with, from where it breaks, and nothing after that is scored.
 * No Security Manager is needed (JDK 24 removed it), so the grader runs on JDK 17, 21 and 25 alike.
 *
 * <p>Each run first deletes the reports of the one before, so a run that breaks early never leaves an old score
 * that reads as current.
 *
 * <p>Exit codes: 0 when grading ran, whatever the score; 1 when {@code -Dgrader.failUnder=P} is set and the score
 * is below P percent (a CI gate); 2 when the grader itself broke; 3 when the journal was tampered with (the
 * reports say so and score nothing after the break).
 */
public final class GradeMain {

    /** Exit code of a run whose journal was tampered with. */
    public static final int TAMPERED = 3;

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
                      -Dgrader.runAs=USER              run the grading JVM as USER (when this JVM runs as root)
                      -Dgrader.watch=true              the watch mode: grade an exercise each time its file is saved
                    Exit codes: 0 grading ran; 1 score below -Dgrader.failUnder; 2 the grader itself broke;
                    3 the grading journal was tampered with.""");
            return;
        }
        int code;
        try {
            code = Boolean.getBoolean(GradingOptions.WATCH) ? WatchMode.run() : supervise();
        } catch (Throwable t) {
            System.err.println("the grader itself failed: " + t);
            t.printStackTrace();
            code = 2;
        }
        System.exit(code);
    }

    /**
     * Runs the grading JVM, verifies its journal and writes the reports; returns the exit code. When the grading
     * JVM dies during a test (a crash in native code, the system killing it), that test's exercise keeps what it
     * finished and loses the rest, and a new grading JVM grades the exercises that had not finished: a crash costs
     * only its own exercise, as an exception does.
     */
    private static int supervise() throws IOException, InterruptedException {
        Path reports = GradingOptions.reports();
        Reports.clear(reports);
        Map<String, TestOutcome> outcomes = new LinkedHashMap<>();
        Set<String> only = GradingOptions.listed(GradingOptions.EXERCISES);
        List<String> crashes = new ArrayList<>();
        String note = "";
        boolean tampered = false;
        double seconds = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(GradingJvm.runMinutes());
        for (int attempt = 1; ; attempt++) {
            JournalKey key = JournalKey.fresh();
            GradingJvm.Result run = GradingJvm.run(key, only, deadline);
            Verdicts verdicts = Verdicts.of(JournalReader.read(run.journal(), key), run);
            run.keepJournal(reports, attempt);
            seconds += run.seconds();
            if (attempt == 1 && verdicts.nothingRan()) {
                System.err.println("the grading JVM ended (exit code " + run.exitCode() + ") before it found any"
                        + " graded test: see its messages above");
                return 2;
            }
            outcomes.putAll(verdicts.byId());
            note = verdicts.note();
            tampered = verdicts.tampered();
            TestOutcome crashed = verdicts.crashed();
            if (tampered || crashed == null) {
                break;
            }
            crashes.add(crashed.exerciseId());
            // the crashed exercise keeps what it finished; its tests that did not run stay failed
            outcomes.replaceAll((id, o) -> o.exerciseId().equals(crashed.exerciseId()) && notRun(o)
                    ? o.failed("not run: the grading JVM stopped during \"" + crashed.test() + "\" of this exercise,"
                    + " and its other tests are not run again") : o);
            Set<String> left = new TreeSet<>();
            outcomes.values().stream().filter(GradeMain::notRun).forEach(o -> left.add(o.exerciseId()));
            if (left.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            only = left; // the others, in a new grading JVM
        }
        if (!crashes.isEmpty() && !tampered) {
            note = "the grading JVM stopped during exercise " + String.join(", ", crashes) + "; the other exercises"
                    + " were graded in a new one";
        }
        String target = System.getProperty(GradingOptions.TARGET, "exercises");
        String excluded = System.getProperty(GradingOptions.EXCLUDE_TAGS, "").trim();
        String header = (excluded.isEmpty() ? target : target + ", tests tagged " + excluded + " left out")
                + (note.isEmpty() ? "" : ", " + note);
        Score score = new Score(new ArrayList<>(outcomes.values()), seconds, header, GraderDigest.sha256());
        Reports.publish(score, reports);
        if (tampered) {
            System.out.println("the grading journal was tampered with: exit code " + TAMPERED);
            return TAMPERED;
        }
        Double failUnder = ClassroomResult.passMark();
        if (failUnder != null && score.percent() < failUnder) {
            System.out.printf(Locale.ROOT, "score %.1f %% is below %s %%: exit code 1%n", score.percent(), failUnder);
            return 1;
        }
        return 0;
    }

    /** A test the grading JVM never ran because it stopped first. */
    private static boolean notRun(TestOutcome o) {
        return !o.passed() && o.feedback().startsWith(Verdicts.DID_NOT_RUN);
    }
}
