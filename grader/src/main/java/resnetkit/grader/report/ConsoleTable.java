package resnetkit.grader.report;

import resnetkit.grader.scoring.Score;
import resnetkit.grader.scoring.TestOutcome;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The console's score table: one row per exercise, the total, the written answers, then what to fix. */
public final class ConsoleTable {

    private ConsoleTable() {
    }

    /** The table of {@code score}. */
    public static String of(Score score) {
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
        if (score.byHand() > 0) {
            s.append(String.format(Locale.ROOT, "  of which %d pt are written answers, to be graded by hand:%n",
                    score.byHand()));
            score.outcomes().stream().filter(TestOutcome::byHand).forEach(o -> s.append("    [").append(o.exerciseId())
                    .append("] ").append(o.test()).append(" (").append(o.points()).append(" pt): ")
                    .append(o.feedback()).append('\n'));
        }
        List<TestOutcome> failed = score.failed();
        if (!failed.isEmpty()) {
            s.append('\n').append("What to fix (").append(failed.size()).append(" failing test")
                    .append(failed.size() == 1 ? "" : "s").append("):\n");
            for (TestOutcome o : failed) {
                s.append("  [").append(o.exerciseId()).append("] ").append(o.test())
                        .append(" (").append(o.points()).append(" pt)\n      ").append(o.studentFeedback())
                        .append('\n');
            }
        }
        s.append("grader SHA-256 ").append(score.graderSha256()).append('\n');
        s.append("=".repeat(78));
        return s.toString();
    }
}
