package resnetkit.grader.report;

import resnetkit.grader.scoring.Score;
import resnetkit.grader.scoring.TestOutcome;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the grade command prints at its end: first what to fix (the visible tests that failed, each with its
 * feedback), then the hidden tests apart (names and points only: nothing in them is the student's to fix from here),
 * then the written answers, and last the score table, so that the table is what stays in sight.
 */
public final class ConsoleTable {

    private ConsoleTable() {
    }

    /** Everything above the table: what to fix, the hidden tests, the written answers; empty when all passed. */
    public static String details(Score score) {
        StringBuilder s = new StringBuilder();
        List<TestOutcome> toFix = score.toFix();
        if (!toFix.isEmpty()) {
            s.append("What to fix (").append(toFix.size()).append(" failing test").append(toFix.size() == 1 ? "" : "s")
                    .append("):\n");
            for (TestOutcome o : toFix) {
                s.append("  [").append(o.exerciseId()).append("] ").append(o.test())
                        .append(" (").append(o.points()).append(" pt)\n      ").append(o.studentFeedback())
                        .append('\n');
            }
            s.append('\n');
        }
        String hidden = hiddenSummary(score);
        if (!hidden.isEmpty()) {
            s.append(hidden).append('\n');
        }
        if (score.byHand() > 0) {
            s.append("Written answers, graded by your instructor (").append(score.byHand()).append(" pt):\n");
            score.outcomes().stream().filter(TestOutcome::byHand).forEach(o -> s.append("  [").append(o.exerciseId())
                    .append("] ").append(o.test()).append(" (").append(o.points()).append(" pt): ")
                    .append(o.feedback()).append('\n'));
            s.append('\n');
        }
        return s.toString();
    }

    /**
     * The hidden tests in a few lines: in a student's copy "graded by your instructor: N points in hidden tests, not
     * run in this copy", where they ran how many passed and which failed (names and points only); empty when there
     * are none.
     */
    public static String hiddenSummary(Score score) {
        List<TestOutcome> hidden = score.hidden();
        if (hidden.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        List<TestOutcome> absent = hidden.stream().filter(TestOutcome::notInThisCopy).toList();
        if (!absent.isEmpty()) {
            s.append("Graded by your instructor: ").append(points(absent)).append(" in hidden tests, not run in this"
                    + " copy (").append(perExercise(absent)).append(").\n");
        }
        List<TestOutcome> ran = hidden.stream().filter(o -> !o.notInThisCopy()).toList();
        if (!ran.isEmpty()) {
            List<TestOutcome> failed = ran.stream().filter(o -> !o.passed()).toList();
            s.append("Hidden tests (names and points only): ").append(ran.size() - failed.size()).append(" of ")
                    .append(ran.size()).append(" passed (")
                    .append(ran.stream().filter(TestOutcome::passed).mapToInt(TestOutcome::points).sum())
                    .append(" of ").append(points(ran)).append(failed.isEmpty() ? ").\n" : "); failed:\n");
            failed.forEach(o -> s.append("  [").append(o.exerciseId()).append("] ").append(o.test()).append(" (")
                    .append(o.points()).append(" pt)\n"));
        }
        return s.toString();
    }

    /** "15 points" of {@code tests}. */
    private static String points(List<TestOutcome> tests) {
        int points = tests.stream().mapToInt(TestOutcome::points).sum();
        return points + (points == 1 ? " point" : " points");
    }

    /** "20.2.1: 2 pt, S3.2: 4 pt". */
    private static String perExercise(List<TestOutcome> tests) {
        Map<String, Integer> byExercise = new java.util.TreeMap<>();
        tests.forEach(o -> byExercise.merge(o.exerciseId(), o.points(), Integer::sum));
        return String.join(", ", byExercise.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue() + " pt")
                .toList());
    }

    /** The score table: one row per exercise, the total, the grader's digest. */
    public static String table(Score score) {
        StringBuilder s = new StringBuilder();
        s.append("=".repeat(78)).append('\n');
        s.append(String.format(Locale.ROOT, "resnet-kit score (%s)%n", score.target()));
        s.append("-".repeat(78)).append('\n');
        s.append(String.format(Locale.ROOT, "%-8s %-52s %8s %7s%n", "Exercise", "", "Points", ""));
        for (Map.Entry<String, List<TestOutcome>> e : score.byExercise().entrySet()) {
            List<TestOutcome> tests = e.getValue();
            int earned = tests.stream().mapToInt(TestOutcome::earned).sum();
            int possible = tests.stream().mapToInt(TestOutcome::points).sum();
            s.append(String.format(Locale.ROOT, "%-8s %-52s %3d / %-3d %5.0f %%%n", e.getKey(),
                    tests.get(0).exerciseTitle(), earned, possible, Score.percent(earned, possible)));
        }
        s.append("-".repeat(78)).append('\n');
        s.append(String.format(Locale.ROOT, "%-61s %3d / %-3d %5.0f %%%n", "Total", score.earned(), score.possible(),
                score.percent()));
        int hidden = score.hidden().stream().mapToInt(TestOutcome::points).sum();
        if (score.byHand() > 0 || hidden > 0) {
            s.append("  of which ").append(score.byHand() > 0 ? score.byHand() + " pt are written answers, to be"
                    + " graded by hand" : "").append(score.byHand() > 0 && hidden > 0 ? ", and " : "")
                    .append(hidden > 0 ? hidden + " pt hidden tests" : "").append('\n');
        }
        s.append("grader SHA-256 ").append(score.graderSha256()).append('\n');
        s.append("=".repeat(78));
        return s.toString();
    }

    /** The details, then the table: what the console shows. */
    public static String of(Score score) {
        return details(score) + table(score);
    }
}
