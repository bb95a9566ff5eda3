package resnetkit.grader.supervisor;

import resnetkit.grader.api.GradingOptions;
import resnetkit.grader.journal.JournalReader;
import resnetkit.grader.scoring.TestOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The outcome of every graded test, decided from what the journal verifiably says and how the grading JVM ended:
 * a verified {@code finished} line counts as written; a test the run never finished fails with why (the whole-run
 * limit, the JVM stopping during it or before it); and when the journal's chain breaks where a crash cannot
 * explain it, the journal was tampered with: the break is named, and no test after it scores.
 *
 * @param byId       every planned test's outcome by its id, in plan order
 * @param note       what the report's header says about the run, or empty
 * @param tampered   whether the journal was tampered with
 * @param nothingRan whether the journal names no graded test at all (and was not tampered with)
 * @param crashed    the test during which the grading JVM stopped (a crash, the OS killing it), or null
 */
record Verdicts(Map<String, TestOutcome> byId, String note, boolean tampered, boolean nothingRan,
                TestOutcome crashed) {

    /** The start of the feedback of a test the grading JVM never ran because it stopped first. */
    static final String DID_NOT_RUN = "did not run: the grading JVM stopped";

    /** Every planned test's outcome, in plan order. */
    List<TestOutcome> outcomes() {
        return new ArrayList<>(byId.values());
    }

    static Verdicts of(JournalReader.Replay replay, GradingJvm.Result run) {
        Map<String, TestOutcome> outcomes = new LinkedHashMap<>(replay.outcomes());
        String tampering = tampering(replay, run);
        if (tampering != null) {
            replaceUnfinished(outcomes, id -> "not scored: " + tampering);
            return new Verdicts(outcomes, tampering, true, false, null);
        }
        if (outcomes.isEmpty()) {
            return new Verdicts(outcomes, replay.note(), false, true, null);
        }
        TestOutcome crashed = null;
        String note = replay.note();
        if (run.timedOut()) {
            note = "whole run timed out after " + run.minutes() + " min";
            replaceUnfinished(outcomes, id -> "timed out: the whole grading run passed its limit of " + run.minutes()
                    + " min (-D" + GradingOptions.RUN_TIMEOUT + ", -D" + GradingOptions.TIME_SCALE + ")");
        } else if (!replay.ended()) {
            int exit = run.exitCode();
            note = "the grading JVM stopped early (exit code " + exit + ")";
            String running = replay.running().stream().findFirst().orElse(null);
            crashed = running == null ? null : outcomes.get(running);
            String during = crashed == null ? "" : crashed.test();
            replaceUnfinished(outcomes, id -> replay.running().contains(id)
                    ? "the grading JVM stopped during this test (a crash or running out of memory; exit code " + exit
                    + "): look for arrays far larger than the exercise needs, or recursion without end"
                    : DID_NOT_RUN + (during.isEmpty() ? "" : " during \"" + during + "\"")
                    + " before this test (exit code " + exit + ")");
        }
        return new Verdicts(outcomes, note, false, false, crashed);
    }

    /**
     * Why the journal was tampered with, or null when it was not. A JVM that dies mid-write leaves a last line
     * without its end and no end record; anything else that breaks the chain is tampering: a line that does not
     * verify, a line after the end record, or a journal that stops short although the grading JVM ended normally.
     */
    static String tampering(JournalReader.Replay replay, GradingJvm.Result run) {
        JournalReader.Break b = replay.broken();
        boolean died = run.exitCode() != 0 || run.timedOut();
        if (b != null && !(b.lastLine() && died)) {
            return "the grading journal was tampered with from line " + b.line()
                    + (b.afterTest().isEmpty() ? "" : " on (after \"" + b.afterTest() + "\")") + ": " + b.reason()
                    + "; nothing after it is scored";
        }
        if (b == null && !replay.ended() && !died) {
            return "the grading journal was tampered with: it stops before the grader's end record although the"
                    + " grading JVM ended normally (it was cut short); nothing after its last line is scored";
        }
        return null;
    }

    /** Gives every test that has not reported yet the feedback {@code why.apply(id)}. */
    private static void replaceUnfinished(Map<String, TestOutcome> outcomes, Function<String, String> why) {
        outcomes.replaceAll((id, o) -> o.unfinished() ? o.failed(why.apply(id)) : o);
    }
}
