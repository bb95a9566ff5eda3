package resnetkit.grader.supervisor;

import resnetkit.grader.api.GradingOptions;
import resnetkit.grader.journal.JournalKey;
import resnetkit.grader.journal.JournalReader;
import resnetkit.grader.report.ClassroomResult;
import resnetkit.grader.report.GraderDigest;
import resnetkit.grader.report.Reports;
import resnetkit.grader.scoring.Score;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

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
                    Exit codes: 0 grading ran; 1 score below -Dgrader.failUnder; 2 the grader itself broke;
                    3 the grading journal was tampered with.""");
            return;
        }
        int code;
        try {
            code = supervise();
        } catch (Throwable t) {
            System.err.println("the grader itself failed: " + t);
            t.printStackTrace();
            code = 2;
        }
        System.exit(code);
    }

    /** Runs the grading JVM, verifies its journal and writes the reports; returns the exit code. */
    private static int supervise() throws IOException, InterruptedException {
        Path reports = GradingOptions.reports();
        Reports.clear(reports);
        JournalKey key = JournalKey.fresh();
        GradingJvm.Result run = GradingJvm.run(key);
        Verdicts verdicts = Verdicts.of(JournalReader.read(run.journal(), key), run);
        run.keepJournal(reports);
        if (verdicts.nothingRan()) {
            System.err.println("the grading JVM ended (exit code " + run.exitCode() + ") before it found any"
                    + " graded test: see its messages above");
            return 2;
        }
        String target = System.getProperty(GradingOptions.TARGET, "exercises");
        String excluded = System.getProperty(GradingOptions.EXCLUDE_TAGS, "").trim();
        String header = (excluded.isEmpty() ? target : target + ", tests tagged " + excluded + " left out")
                + (verdicts.note().isEmpty() ? "" : ", " + verdicts.note());
        Score score = new Score(verdicts.outcomes(), run.seconds(), header, GraderDigest.sha256());
        Reports.publish(score, reports);
        if (verdicts.tampered()) {
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
}
