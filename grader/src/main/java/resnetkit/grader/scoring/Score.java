package resnetkit.grader.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A graded run's outcomes and its totals: what every report format shows. Built by the supervisor from a
 * verified journal (or, in the kit's in-process grading, from the listener's outcomes); each test's name,
 * feedback and output are made safe to show first ({@link StudentText#shown}), so no report format can be
 * made to print a terminal escape code or an invalid character that student code wrote.
 *
 * @param outcomes     every graded test's outcome, in the order the tests ran
 * @param seconds      how long the run took
 * @param target       what was graded ("exercises", "solutions", a student's name), with any note of the run
 * @param graderSha256 the digest of the grader that ran, so a report from another grader is visible
 */
public record Score(List<TestOutcome> outcomes, double seconds, String target, String graderSha256) {

    public Score {
        outcomes = outcomes.stream().map(o -> new TestOutcome(o.exerciseId(), o.exerciseTitle(),
                StudentText.shown(o.test()), o.points(), o.passed(), StudentText.shown(o.feedback()), o.byHand(),
                o.hidden(), StudentText.shown(o.output()), o.figures())).toList();
    }

    /** Points earned over all exercises. */
    public int earned() {
        return outcomes.stream().mapToInt(TestOutcome::earned).sum();
    }

    /** Points possible over all exercises, written answers included. */
    public int possible() {
        return outcomes.stream().mapToInt(TestOutcome::points).sum();
    }

    /** Points of written answers, which an instructor grades by hand. */
    public int byHand() {
        return outcomes.stream().filter(TestOutcome::byHand).mapToInt(TestOutcome::points).sum();
    }

    /** Percentage of all points (written answers included) earned automatically. */
    public double percent() {
        return percent(earned(), possible());
    }

    /** {@code earned} of {@code possible} in percent; 0 of 0 is 0. */
    public static double percent(int earned, int possible) {
        return possible == 0 ? 0 : 100.0 * earned / possible;
    }

    /** The outcomes by exercise id, in id order, each exercise's in run order. */
    public Map<String, List<TestOutcome>> byExercise() {
        Map<String, List<TestOutcome>> map = new LinkedHashMap<>();
        outcomes.stream().sorted((a, b) -> a.exerciseId().compareTo(b.exerciseId()))
                .forEach(o -> map.computeIfAbsent(o.exerciseId(), k -> new ArrayList<>()).add(o));
        return map;
    }

    /** The automatically graded tests that failed, by exercise, hidden ones included. */
    public List<TestOutcome> failed() {
        return byExercise().values().stream().flatMap(List::stream).filter(o -> !o.passed() && !o.byHand())
                .toList();
    }

    /**
     * What the student can fix from this report: the visible tests that failed, by exercise. Hidden tests are never
     * among them (their feedback is not shown, and in a student's copy they do not run): {@link #hidden()}.
     */
    public List<TestOutcome> toFix() {
        return failed().stream().filter(o -> !o.hidden()).toList();
    }

    /** The hidden tests, by exercise. */
    public List<TestOutcome> hidden() {
        return byExercise().values().stream().flatMap(List::stream).filter(TestOutcome::hidden).toList();
    }
}
