package resnetkit.grader.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import resnetkit.grader.scoring.Score;
import resnetkit.grader.scoring.TestOutcome;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The payload for GitHub Classroom's grading reporter, decoded as the reporter decodes it (base64, then JSON):
 * the kit's points, a status that follows the pass mark, hidden tests masked, nothing from student code that
 * could break the JSON or the workflow log.
 */
class ClassroomResultTest {

    /** Decodes the payload the way the reporter does: base64 to UTF-8, then JSON. */
    static JsonNode decode(String base64) throws Exception {
        return new ObjectMapper().readTree(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
    }

    static List<JsonNode> tests(JsonNode payload) {
        return StreamSupport.stream(payload.get("tests").spliterator(), false).toList();
    }

    @Test
    void the_written_payload_carries_the_kits_points(@TempDir Path dir) throws Exception {
        Score report = ReportsTest.report();
        Reports.writeAll(report, dir);
        String file = Files.readString(dir.resolve(ClassroomResult.FILE));
        assertThat(file).as("one line of base64, for $GITHUB_OUTPUT").matches("[A-Za-z0-9+/=]+");
        JsonNode json = decode(file);
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("max_score").asInt()).as("the kit's possible points, written answers included")
                .isEqualTo(report.possible()).isEqualTo(8);
        List<JsonNode> tests = tests(json);
        assertThat(tests.stream().mapToInt(t -> t.get("score").asInt()).sum()).as("what Classroom records")
                .isEqualTo(report.earned()).isEqualTo(1);
        assertThat(tests.stream().mapToInt(t -> t.get("max_score").asInt()).sum()).isEqualTo(report.possible());
        // the reporter's log: (entries passed / entries) x max_score, the kit's points only if entries weigh alike
        long passed = tests.stream().filter(t -> t.get("status").asText().equals("pass")).count();
        assertThat(passed * json.get("max_score").asDouble() / tests.size()).isEqualTo(report.earned());
        assertThat(tests).allSatisfy(t -> assertThat(t.get("line_no").asInt()).isZero());
        assertThat(tests.get(0).get("name").asText()).startsWith("20.2.1 names red").endsWith("(point 1 of 2)");
        assertThat(tests.get(2).get("name").asText()).isEqualTo("20.2.1 shapes (1 pt)");
        assertThat(tests.get(3).get("name").asText()).contains("graded by hand");
        assertThat(tests.get(3).get("status").asText()).as("a written answer is never shown as passed")
                .isEqualTo("fail");
    }

    @Test
    void status_fails_below_the_pass_mark_and_without_one_unless_every_automatic_test_passed() throws Exception {
        Score report = ReportsTest.report(); // 1 of 8 points: 12.5 %
        assertThat(decode(ClassroomResult.base64(report, null)).get("status").asText()).isEqualTo("fail");
        assertThat(decode(ClassroomResult.base64(report, 50.0)).get("status").asText()).isEqualTo("fail");
        assertThat(decode(ClassroomResult.base64(report, 12.5)).get("status").asText()).isEqualTo("pass");
        Score full = new Score(List.of(
                new TestOutcome("20.2.1", "BasicBlock", "shapes", 3, true, "", false, false),
                new TestOutcome("20.3.1", "Identity", "c", 2, true, "to be graded by hand", true, false)),
                1, "solutions", "abc");
        assertThat(decode(ClassroomResult.base64(full, null)).get("status").asText())
                .as("every automatic point, the written answer pending").isEqualTo("pass");
        assertThat(decode(ClassroomResult.base64(full, 100.0)).get("status").asText())
                .as("3 of 5 points is below a pass mark of 100 %").isEqualTo("fail");
    }

    @Test
    void the_pass_mark_is_read_from_grader_fail_under() {
        String before = System.getProperty(resnetkit.grader.api.GradingOptions.FAIL_UNDER);
        try {
            System.setProperty(resnetkit.grader.api.GradingOptions.FAIL_UNDER, " 60 ");
            assertThat(ClassroomResult.passMark()).isEqualTo(60.0);
            System.setProperty(resnetkit.grader.api.GradingOptions.FAIL_UNDER, "");
            assertThat(ClassroomResult.passMark()).isNull();
            System.setProperty(resnetkit.grader.api.GradingOptions.FAIL_UNDER, "sixty");
            assertThatThrownBy(ClassroomResult::passMark).hasMessageContaining("grader.failUnder=sixty");
        } finally {
            if (before == null) {
                System.clearProperty(resnetkit.grader.api.GradingOptions.FAIL_UNDER);
            } else {
                System.setProperty(resnetkit.grader.api.GradingOptions.FAIL_UNDER, before);
            }
        }
    }

    @Test
    void hidden_tests_are_named_only_hidden_and_say_only_failed() throws Exception {
        List<JsonNode> hidden = tests(decode(ClassroomResult.base64(ReportsTest.report(), null))).subList(5, 8);
        assertThat(hidden).extracting(t -> t.get("name").asText()).containsExactly(
                "20.2.1 hidden test (point 1 of 3)", "20.2.1 hidden test (point 2 of 3)",
                "20.2.1 hidden test (point 3 of 3)");
        assertThat(hidden.get(0).get("message").asText()).isEqualTo("hidden test: failed");
        assertThat(hidden).extracting(t -> t.get("score").asInt()).containsOnly(0);
    }

    @Test
    void control_characters_and_long_messages_stay_harmless() throws Exception {
        List<JsonNode> tests = tests(decode(ClassroomResult.base64(ReportsTest.report(), null)));
        for (JsonNode t : tests) {
            for (String s : List.of(t.get("name").asText(), t.get("message").asText())) {
                assertThat(s.chars()).as("no control character (a newline could start a workflow command): %s", s)
                        .allMatch(c -> c >= 0x20 && (c < 0x7f || c > 0x9f));
                assertThat(s.chars()).as("no lone surrogate").noneMatch(c -> c == 0xd800);
            }
        }
        assertThat(tests.get(0).get("message").asText()).contains("red \\e[31mtext").contains("\"quotes\" <&>");

        // the largest plausible run: 60 tests, 90 points, every feedback 10,000 chars with a surrogate pair at the cut
        List<TestOutcome> many = new ArrayList<>();
        String feedback = "x".repeat(ClassroomResult.MESSAGE_CHARS - 1) + "\ud83d\ude00" + "y".repeat(10_000);
        for (int i = 0; i < 60; i++) {
            many.add(new TestOutcome("20.2." + i, "T", "a test name of about sixty characters, like the kit's " + i,
                    i < 30 ? 2 : 1, false, feedback, false, false));
        }
        String payload = ClassroomResult.base64(new Score(many, 1, "s", "abc"), null);
        assertThat(payload.length()).as("one environment variable holds at most 128 KiB on Linux")
                .isLessThan(100_000);
        String message = tests(decode(payload)).get(0).get("message").asText();
        assertThat(message).hasSize(ClassroomResult.MESSAGE_CHARS).endsWith("x\u2026");
    }
}
