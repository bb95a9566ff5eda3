package resnetkit.grader.scoring;

import java.util.List;

/**
 * The result of one graded test.
 *
 * @param exerciseId    e.g. "20.2.1"
 * @param exerciseTitle e.g. "BasicBlock and its shortcut"
 * @param test          the test's readable name
 * @param points        points it is worth
 * @param passed        whether it passed
 * @param feedback      for a failure, what went wrong in the chapter's terms; empty when passed
 * @param byHand        a written answer: its points are graded by an instructor, never here
 * @param hidden        a hidden test: students see its points and pass/fail, never its feedback
 * @param output        what the test printed on System.out and System.err, capped ({@link #OUTPUT_KEPT}
 *                      characters, then a line saying how many more were cut); empty when nothing
 * @param figures       the numbers of the pictures the test made of what it measured (report.html draws them)
 */
public record TestOutcome(String exerciseId, String exerciseTitle, String test, int points, boolean passed,
                          String feedback, boolean byHand, boolean hidden, String output, List<Figure> figures) {

    /**
     * Characters of each test's output kept in junit.xml and results.json: enough for a stack trace or a
     * page of debugging lines, while 90 tests that all print without end still make a results.json under 1 MB.
     */
    public static final int OUTPUT_KEPT = 10_000;
    /**
     * Characters of each test's output echoed to the console and shown in report.md: about 30 lines, so the
     * score table and the other tests' lines stay in sight.
     */
    public static final int OUTPUT_SHOWN = 2_000;

    /**
     * The feedback of a hidden test that this copy of the kit does not hold (the student release): it counts
     * with its points, scores 0 here, and is graded where the hidden tests are (the worker's AbsentHiddenTests).
     */
    public static final String NOT_IN_THIS_COPY = "hidden test: not run in this copy of the kit (its points count"
            + " in the total; it is graded on Gradescope or by your instructor)";

    /** The feedback of a planned test until it reports. */
    public static final String NOT_FINISHED = "did not finish: the run ended before this test reported";

    public TestOutcome {
        figures = List.copyOf(figures);
    }

    /** An outcome with no figures. */
    public TestOutcome(String exerciseId, String exerciseTitle, String test, int points, boolean passed,
                       String feedback, boolean byHand, boolean hidden, String output) {
        this(exerciseId, exerciseTitle, test, points, passed, feedback, byHand, hidden, output, List.of());
    }

    /** An outcome with no output. */
    public TestOutcome(String exerciseId, String exerciseTitle, String test, int points, boolean passed,
                       String feedback, boolean byHand, boolean hidden) {
        this(exerciseId, exerciseTitle, test, points, passed, feedback, byHand, hidden, "");
    }

    /** The feedback a student may see: none for a hidden test. */
    public String studentFeedback() {
        if (notInThisCopy()) {
            return feedback;
        }
        return hidden ? (passed ? "hidden test: passed" : "hidden test: failed") : feedback;
    }

    /** The output a student may see: none for a hidden test, whose code may print the hidden inputs. */
    public String studentOutput() {
        return hidden ? "" : output;
    }

    /** The pictures a student may see: none of a hidden test, which shows only its name, points and pass/fail. */
    public List<Figure> studentFigures() {
        return hidden ? List.of() : figures;
    }

    /** A hidden test that this copy of the kit does not hold: graded where the hidden tests are. */
    public boolean notInThisCopy() {
        return hidden && !passed && NOT_IN_THIS_COPY.equals(feedback);
    }

    /** Points earned automatically: all or nothing, and nothing for an answer graded by hand. */
    public int earned() {
        return passed && !byHand ? points : 0;
    }

    /** Whether this is still the planned outcome of a test that has not reported. */
    public boolean unfinished() {
        return feedback.endsWith(NOT_FINISHED);
    }

    /** This outcome, failed with {@code why}; its output and figures kept. */
    public TestOutcome failed(String why) {
        return new TestOutcome(exerciseId, exerciseTitle, test, points, false, why, byHand, hidden, output, figures);
    }

    /** This outcome with {@code text} as its output. */
    public TestOutcome withOutput(String text) {
        return new TestOutcome(exerciseId, exerciseTitle, test, points, passed, feedback, byHand, hidden, text,
                figures);
    }

    /** This outcome with {@code drawn} as its figures. */
    public TestOutcome withFigures(List<Figure> drawn) {
        return new TestOutcome(exerciseId, exerciseTitle, test, points, passed, feedback, byHand, hidden, output,
                drawn);
    }
}
