package resnetkit.grader.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import resnetkit.grader.scoring.Score;
import resnetkit.grader.scoring.TestOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradescope's {@code results.json} (its specification's fields): the score, the score table as the
 * top-level {@code output} in markdown, one entry per graded test numbered by exercise ("20.2.1.3") so
 * Gradescope groups them, hidden tests with {@link #HIDDEN_VISIBILITY}, written answers without a status
 * (they are graded by hand, never shown as passed), and the grader's SHA-256 in {@code extra_data}. A hidden
 * test's entry says only passed or failed.
 */
public final class ResultsJson {

    /** The file's name in the reports folder. */
    public static final String FILE = "results.json";
    /**
     * System property: Gradescope's visibility of hidden tests in results.json: {@code after_published}
     * (default: students see them once grades are published), {@code after_due_date}, {@code hidden} or
     * {@code visible}. Their feedback is never shown either way.
     */
    public static final String HIDDEN_VISIBILITY = "grader.hiddenVisibility";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultsJson() {
    }

    /** results.json for {@code score}. */
    public static String of(Score score) {
        String hiddenVisibility = System.getProperty(HIDDEN_VISIBILITY, "after_published");
        List<GradescopeTest> tests = new ArrayList<>();
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (TestOutcome o : score.outcomes()) {
            int n = numbers.merge(o.exerciseId(), 1, Integer::sum);
            tests.add(new GradescopeTest(o.exerciseId() + " " + o.test(), o.exerciseId() + "." + n,
                    o.earned(), o.points(), o.byHand() ? null : o.passed() ? "passed" : "failed",
                    feedbackAndOutput(o), o.hidden() ? hiddenVisibility : "visible"));
        }
        // each test's output is in its entry; the top-level output is the score table
        return json(new GradescopeResults(score.earned(), score.possible(), Math.round(score.seconds() * 10) / 10.0,
                MarkdownReport.summary(score), "md", Map.of("grader_sha256", score.graderSha256()), tests)) + "\n";
    }

    /** Gradescope's results.json. */
    record GradescopeResults(int score, @JsonProperty("max_score") int maxScore,
                             @JsonProperty("execution_time") double executionTime, String output,
                             @JsonProperty("output_format") String outputFormat,
                             @JsonProperty("extra_data") Map<String, String> extraData, List<GradescopeTest> tests) {
    }

    /** One test of results.json; no {@code status} for a written answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GradescopeTest(String name, String number, int score, @JsonProperty("max_score") int maxScore,
                          String status, String output, String visibility) {
    }

    /** A test's feedback, then what it printed: results.json's {@code output} of the test. */
    private static String feedbackAndOutput(TestOutcome o) {
        if (o.studentOutput().isEmpty()) {
            return o.studentFeedback();
        }
        return (o.studentFeedback().isEmpty() ? "" : o.studentFeedback() + "\n\n") + "Printed by this test:\n"
                + o.studentOutput();
    }

    /** {@code value} as indented JSON (Jackson escapes every control character). */
    static String json(Object value) {
        return json(value, true);
    }

    /** {@code value} as JSON, indented or on one line. */
    static String json(Object value, boolean indented) {
        try {
            return (indented ? JSON.writerWithDefaultPrettyPrinter() : JSON.writer()).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
