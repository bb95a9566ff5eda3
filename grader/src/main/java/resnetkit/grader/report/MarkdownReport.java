package resnetkit.grader.report;

import resnetkit.grader.scoring.Score;
import resnetkit.grader.scoring.TestOutcome;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.md}: the score table and what to fix, for a CI job summary or a reader, then the first
 * {@link TestOutcome#OUTPUT_SHOWN} characters of what each visible test printed, each in a collapsed block.
 */
public final class MarkdownReport {

    /** The file's name in the reports folder. */
    public static final String FILE = "report.md";

    private MarkdownReport() {
    }

    /** The whole report. */
    public static String of(Score score) {
        StringBuilder s = new StringBuilder(summary(score));
        List<TestOutcome> printed = score.outcomes().stream().filter(o -> !o.studentOutput().isEmpty()).toList();
        if (!printed.isEmpty()) {
            s.append("\n### What your code printed\n");
            for (TestOutcome o : printed) {
                String text = o.studentOutput();
                if (text.length() > TestOutcome.OUTPUT_SHOWN) {
                    text = text.substring(0, TestOutcome.OUTPUT_SHOWN) + "\n... (cut here: results.json and junit.xml"
                            + " hold the first " + String.format(Locale.ROOT, "%,d", TestOutcome.OUTPUT_KEPT)
                            + " characters)";
                }
                String fence = "`".repeat(Math.max(3, longestRun(text, '`') + 1)); // no line of the output closes it
                s.append("\n<details><summary>").append(Xml.htmlText(o.exerciseId() + " " + o.test()))
                        .append("</summary>\n\n").append(fence).append("text\n").append(text)
                        .append(text.endsWith("\n") ? "" : "\n").append(fence).append("\n\n</details>\n");
            }
        }
        return s.toString();
    }

    /**
     * The score table, what to fix and the hidden tests apart, without the tests' output: also results.json's
     * top-level output.
     */
    static String summary(Score score) {
        StringBuilder s = new StringBuilder("## resnet-kit score (" + score.target() + "): " + score.earned() + " / "
                + score.possible() + (score.byHand() > 0 ? " (" + score.byHand()
                + " pt of written answers to be graded by hand)" : "") + "\n\n| Exercise | | Points |\n|---|---|---|\n");
        for (Map.Entry<String, List<TestOutcome>> e : score.byExercise().entrySet()) {
            List<TestOutcome> tests = e.getValue();
            s.append("| ").append(e.getKey()).append(" | ").append(tests.get(0).exerciseTitle()).append(" | ")
                    .append(tests.stream().mapToInt(TestOutcome::earned).sum()).append(" / ")
                    .append(tests.stream().mapToInt(TestOutcome::points).sum()).append(" |\n");
        }
        List<TestOutcome> toFix = score.toFix();
        if (!toFix.isEmpty()) {
            s.append("\n### What to fix\n\n");
            for (TestOutcome o : toFix) {
                s.append("- **").append(o.exerciseId()).append(" ").append(o.test()).append("**: ")
                        .append(o.studentFeedback().replace("\n", " ")).append('\n');
            }
        }
        String hidden = ConsoleTable.hiddenSummary(score);
        if (!hidden.isEmpty()) {
            s.append("\n### Hidden tests\n\n").append(hidden.replace("\n  [", "\n- [")).append('\n');
        }
        s.append("\nGrader SHA-256: `").append(score.graderSha256()).append("`\n");
        return s.toString();
    }

    /** The length of the longest run of {@code c} in {@code s}. */
    private static int longestRun(String s, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
