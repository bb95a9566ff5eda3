package resnetkit.grader.report;

import resnetkit.grader.scoring.Score;
import resnetkit.grader.scoring.TestOutcome;

/**
 * One GitHub Actions error annotation per failing test ({@code ::error title=...::feedback}), which a workflow
 * run shows on its summary page; hidden tests say only that they failed, written answers none.
 */
public final class GithubAnnotations {

    private GithubAnnotations() {
    }

    /** The annotations of {@code score}, one line each. */
    public static String of(Score score) {
        StringBuilder s = new StringBuilder();
        for (TestOutcome o : score.outcomes()) {
            if (!o.passed() && !o.byHand()) {
                s.append("::error title=").append(escaped(o.exerciseId() + " " + o.test() + " (" + o.points()
                        + " pt)").replace(",", "%2C").replace(":", "%3A")).append("::")
                        .append(escaped(o.studentFeedback())).append('\n');
            }
        }
        return s.toString();
    }

    /** GitHub's escaping of a workflow command's data. */
    private static String escaped(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }
}
