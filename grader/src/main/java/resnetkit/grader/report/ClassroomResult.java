package resnetkit.grader.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import resnetkit.grader.api.GradingOptions;
import resnetkit.grader.scoring.Score;
import resnetkit.grader.scoring.TestOutcome;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A grading run's result for GitHub Classroom: the payload that the action
 * {@code classroom-resources/autograding-grading-reporter@v1} reads from the environment variable
 * {@code <RUNNER>_RESULTS}, base64 of the JSON
 * {@code {"version":1,"status":"pass"|"fail","max_score":N,"tests":[{"name","status","score","max_score",
 * "message","line_no"},...]}}, the shape {@code autograding-command-grader} writes. The reporter tells Classroom
 * the sum of the tests' {@code score} out of {@code max_score}; that is the kit's total, written answers
 * included in {@code max_score} (as in the kit's own total) and earning 0 until an instructor grades them.
 *
 * <p>One entry per point, not per test: the reporter's own log computes a runner's score as
 * (tests with status {@code pass} / number of tests) x {@code max_score}, which is the points earned only when
 * every entry is worth the same. So a 3-point test is three 1-point entries ("point 1 of 3", ...); the first
 * carries its feedback. Hidden tests are named only "hidden test", their feedback only passed or failed.
 *
 * <p>{@code status} is what makes the reporter's step fail: with a pass mark ({@code -Dgrader.failUnder=P}),
 * "pass" when the score is at least P percent of all points, the same rule as the grader's exit code;
 * without one, "pass" only when every automatically graded test passed.
 */
public final class ClassroomResult {

    /** The payload's file in the reports folder: one line of base64, for a workflow step's output. */
    public static final String FILE = "classroom-result.b64";
    /** Longest feedback in an entry: the whole payload must fit in one environment variable (128 KiB on Linux). */
    static final int MESSAGE_CHARS = 500;
    /** Longest entry name. */
    static final int NAME_CHARS = 200;

    private ClassroomResult() {
    }

    /** The payload's JSON for {@code report}; {@code passMark} in percent, or null for none. */
    public static String json(Score report, Double passMark) {
        boolean pass = passMark != null ? report.percent() >= passMark
                : report.outcomes().stream().allMatch(o -> o.passed() || o.byHand());
        List<Entry> tests = new ArrayList<>();
        for (TestOutcome o : report.outcomes()) {
            String name = o.exerciseId() + " " + (o.hidden() ? "hidden test" : clean(o.test(), NAME_CHARS))
                    + (o.byHand() ? " (written answer, graded by hand)" : "");
            // a written answer is never "pass" here: it earns nothing until an instructor grades it
            String status = o.passed() && !o.byHand() ? "pass" : "fail";
            for (int k = 1; k <= o.points(); k++) {
                String point = o.points() == 1 ? " (1 pt)" : " (point " + k + " of " + o.points() + ")";
                tests.add(new Entry(name + point, status, status.equals("pass") ? 1 : 0, 1,
                        k == 1 ? clean(o.studentFeedback(), MESSAGE_CHARS) : "", 0));
            }
        }
        return ResultsJson.json(new Payload(1, pass ? "pass" : "fail", report.possible(), tests), false);
    }

    /** The reporter's payload. */
    record Payload(int version, String status, @JsonProperty("max_score") int maxScore, List<Entry> tests) {
    }

    /** One entry of the payload: one point of a test. */
    record Entry(String name, String status, int score, @JsonProperty("max_score") int maxScore, String message,
                 @JsonProperty("line_no") int lineNo) {
    }

    /** The payload as the reporter reads it: base64 of the UTF-8 JSON, one line. */
    public static String base64(Score report, Double passMark) {
        return Base64.getEncoder().encodeToString(json(report, passMark).getBytes(StandardCharsets.UTF_8));
    }

    /** The pass mark of {@code -Dgrader.failUnder}, in percent, or null when it is not set. */
    public static Double passMark() {
        String value = System.getProperty(GradingOptions.FAIL_UNDER, "").trim();
        try {
            return value.isEmpty() ? null : Double.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "-D%s=%s is not a percentage (e.g. 60)", GradingOptions.FAIL_UNDER, value), e);
        }
    }

    /**
     * {@code s} on one line, cut to {@code limit} chars: the reporter prints names into the workflow log, where a
     * newline could start a workflow command and an escape sequence would colour the log.
     */
    private static String clean(String s, int limit) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), limit + 1));
        for (int i = 0; i < s.length() && out.length() < limit; i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || c >= 0x7f && c <= 0x9f ? ' ' : c); // C0, DEL and C1 controls
        }
        if (out.length() < s.length()) {
            if (Character.isHighSurrogate(out.charAt(out.length() - 1))) {
                out.setLength(out.length() - 1); // never cut a surrogate pair in half
            }
            out.append('\u2026');
        }
        return out.toString();
    }
}
