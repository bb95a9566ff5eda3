package resnetkit.grader.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import resnetkit.grader.journal.JournalKey;
import resnetkit.grader.journal.JournalReader;
import resnetkit.grader.journal.JournalWriter;
import resnetkit.grader.scoring.Figure;
import resnetkit.grader.scoring.Score;
import resnetkit.grader.scoring.TestOutcome;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports stay well-formed and truthful whatever student code puts into a message (an escape sequence that
 * would clear the screen, NUL, a lone surrogate, a right-to-left override): every control character is shown as
 * what it is, never acts; and results.json carries the fields of Gradescope's specification.
 */
public class ReportsTest {

    static final String NASTY = "red \u001b[31mtext\u001b[0m\u001b[2J, a NUL \u0000, a lone surrogate \ud800,"
            + " \u202eright to left and \"quotes\" <&>";

    static Score report() {
        return new Score(List.of(
                new TestOutcome("20.2.1", "BasicBlock", "names " + NASTY, 2, false, NASTY, false, false),
                new TestOutcome("20.2.1", "BasicBlock", "shapes", 1, true, "", false, false),
                new TestOutcome("20.3.1", "Identity", "c the written answer", 2, true, "answered: to be graded by hand",
                        true, false),
                new TestOutcome("20.2.1", "BasicBlock", "hidden: oracle", 3, false, NASTY, false, true)),
                1.5, "student", "abc");
    }

    @Test
    void results_json_parses_and_follows_gradescope(@TempDir Path dir) throws Exception {
        Reports.writeAll(report(), dir);
        JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve("results.json")));
        assertThat(json.get("score").asInt()).isEqualTo(1);
        assertThat(json.get("output").asText()).as("the score table as top-level output").contains("20.2.1");
        assertThat(json.get("output_format").asText()).isEqualTo("md");
        assertThat(json.get("extra_data").get("grader_sha256").asText()).isEqualTo("abc");
        JsonNode tests = json.get("tests");
        assertThat(tests.get(0).get("output").asText()).as("feedback with control characters, read back: shown, not"
                + " acting").contains("red \\e[31mtext\\e[0m\\e[2J").contains("\\u0000").contains("\\u202e")
                .contains("\ufffd").doesNotContain("\u001b").doesNotContain("\u0000").doesNotContain("\ud800");
        assertThat(tests.get(0).get("number").asText()).isEqualTo("20.2.1.1");
        assertThat(tests.get(1).get("number").asText()).isEqualTo("20.2.1.2");
        assertThat(tests.get(2).has("status")).as("a written answer is never shown as passed").isFalse();
        assertThat(tests.get(3).get("visibility").asText()).as("a hidden test's visibility")
                .isEqualTo("after_published");
        assertThat(tests.get(3).get("output").asText()).as("a hidden test's feedback").isEqualTo("hidden test: failed");
    }

    @Test
    void the_console_table_and_report_md_show_escape_codes_as_text(@TempDir Path dir) throws Exception {
        Reports.writeAll(report(), dir);
        for (String shown : List.of(ConsoleTable.of(report()), Files.readString(dir.resolve("report.md")))) {
            assertThat(shown).contains("\\e[2J").doesNotContain("\u001b").doesNotContain("\u202e")
                    .doesNotContain("\u0000");
        }
    }

    @Test
    void junit_xml_and_the_other_reports_are_well_formed(@TempDir Path dir) throws Exception {
        Reports.writeAll(report(), dir);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("junit.xml").toFile());
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(4);
        assertThat(Files.readString(dir.resolve("report.md"))).contains("red");
        assertThat(Files.readAllLines(dir.resolve("score.csv"))).hasSize(2);
    }

    /**
     * A journal whose test printed 10,000 characters of every control character, lone surrogates, XML's
     * {@code ]]>} and markdown fences gives reports that parse, hold at most the cap of each test's output, and
     * show a hidden test's output nowhere.
     */
    @Test
    void a_long_output_of_control_characters_stays_capped_and_valid(@TempDir Path dir) throws Exception {
        StringBuilder chunk = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            chunk.append(c);
        }
        chunk.append("\ud800 \udfff ]]> <&> ``` \ufffe\uffff \ud83d\ude00\r\n");
        StringBuilder printed = new StringBuilder();
        while (printed.length() < TestOutcome.OUTPUT_KEPT) {
            printed.append(chunk);
        }
        String output = printed.substring(0, TestOutcome.OUTPUT_KEPT) + "\n... 90,000 more characters printed by"
                + " this test were cut (the report keeps the first 10,000)";
        Path file = dir.resolve("journal.tsv");
        JournalKey key = JournalKey.fresh();
        try (JournalWriter journal = JournalWriter.create(file, key)) {
            journal.finished("visible", new TestOutcome("20.2.1", "BasicBlock", "shapes", 1, false, "wrong shape",
                    false, false, output));
            journal.finished("hidden", new TestOutcome("20.2.1", "BasicBlock", "hidden: oracle", 1, true, "", false,
                    true, "HIDDEN INPUT " + output));
        }
        Reports.writeAll(new Score(List.copyOf(JournalReader.read(file, key).outcomes().values()), 1, "student",
                "abc"), dir);

        JsonNode tests = new ObjectMapper().readTree(Files.readString(dir.resolve("results.json"))).get("tests");
        String shown = tests.get(0).get("output").asText();
        assertThat(shown).startsWith("wrong shape\n\nPrinted by this test:\n\\u0000\\u0001")
                .contains("more characters printed by this test were cut (the report keeps the first 10,000)")
                .doesNotContain("\ud800");
        assertThat(shown.length()).as("output in results.json").isLessThan(8 * TestOutcome.OUTPUT_KEPT);
        assertThat(tests.get(1).get("output").asText()).isEqualTo("hidden test: passed");

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("junit.xml").toFile());
        assertThat(xml.getElementsByTagName("system-out").getLength()).as("only the visible test's output")
                .isEqualTo(1);
        String systemOut = xml.getElementsByTagName("system-out").item(0).getTextContent();
        assertThat(systemOut).contains("\t\n").contains("\\e").contains("]]> <&> ```").contains("\ud83d\ude00")
                .contains("more characters printed by this test were cut").doesNotContain("\r");

        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("<details><summary>20.2.1 shapes</summary>").contains("````text")
                .doesNotContain("HIDDEN INPUT");
        assertThat(md.length()).as("report.md").isLessThan(TestOutcome.OUTPUT_SHOWN + 2_000);
    }

    @Test
    void each_failing_visible_test_becomes_one_github_annotation() {
        List<String> lines = GithubAnnotations.of(report()).lines().toList();
        assertThat(lines).as("failing tests: two, one of them hidden; the written answer none").hasSize(2);
        assertThat(lines.get(0)).startsWith("::error title=20.2.1 names ").contains("(2 pt)::red")
                .doesNotContain("\n");
        assertThat(lines.get(1)).endsWith("::hidden test: failed");
    }

    /** Text that would run as a script, or load an image that runs one, if report.html did not escape it. */
    public static final String SCRIPT = "<script>document.documentElement.setAttribute('data-pwned','script')</script>"
            + "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">";

    static final Figure CURVES = new Figure(Figure.Kind.LINES, "Training error per epoch", "epoch", "training error (%)",
            List.of(Figure.Series.curve("plain-20", new double[] {80, 60, 50}),
                    Figure.Series.curve("plain-56", new double[] {90, Double.NaN, 88})));

    /**
     * A run with a failing visible test, a failing hidden test that ran, a hidden test not in this copy, a written
     * answer, and student text that would run as a script in its feedback and output; pictures of a visible and of
     * a hidden test.
     */
    public static Score hostile() {
        return new Score(List.of(
                new TestOutcome("20.3.2", "Degradation", "the check", 4, false, "too close " + SCRIPT, false, false,
                        "printed " + SCRIPT, List.of(CURVES)),
                new TestOutcome("20.2.1", "BasicBlock", "hidden: option a blocks equal the oracle", 2, false,
                        "HIDDEN FEEDBACK", false, true, "HIDDEN OUTPUT", List.of(new Figure(Figure.Kind.BARS,
                        "HIDDEN FIGURE", "x", "y", List.of()))),
                new TestOutcome("S3.2", "Zero init", "hidden: zero init", 4, false, TestOutcome.NOT_IN_THIS_COPY,
                        false, true),
                new TestOutcome("S3.2", "Zero init", "hidden: nothing else changes", 1, false,
                        TestOutcome.NOT_IN_THIS_COPY, false, true),
                new TestOutcome("20.3.3", "Drop", "the written answer", 2, false, "not answered yet: write", true,
                        false)), 1, "student", "abc");
    }

    @Test
    void hidden_tests_are_never_under_what_to_fix() throws Exception {
        Score score = hostile();
        String console = ConsoleTable.of(score);
        String fix = console.substring(console.indexOf("What to fix"), console.indexOf("Graded by your instructor"));
        assertThat(fix).as("What to fix on the console").startsWith("What to fix (1 failing test)")
                .contains("[20.3.2] the check").doesNotContain("hidden");
        assertThat(console).as("the hidden tests, apart").contains("Graded by your instructor: 5 points in hidden tests,"
                + " not run in this copy (S3.2: 5 pt).").contains("Hidden tests (names and points only): 0 of 1 passed"
                + " (0 of 2 points); failed:\n  [20.2.1] hidden: option a blocks equal the oracle (2 pt)")
                .doesNotContain("HIDDEN FEEDBACK").doesNotContain("HIDDEN OUTPUT");
        assertThat(console.substring(console.indexOf("=".repeat(78)))).as("the score table, printed last")
                .startsWith("=".repeat(78) + "\nresnet-kit score (student)").endsWith("=".repeat(78))
                .doesNotContain("What to fix").doesNotContain("Hidden tests");
        String md = MarkdownReport.of(score);
        assertThat(md.substring(md.indexOf("### What to fix"), md.indexOf("### Hidden tests"))).as("report.md's What"
                + " to fix").contains("20.3.2 the check").doesNotContain("hidden");
        String html = HtmlReport.of(score);
        assertThat(html.substring(html.indexOf("id=\"fix\""), html.indexOf("id=\"hidden\""))).as("report.html's"
                + " What to fix").contains("the check").doesNotContain("hidden");
    }

    @Test
    void report_html_escapes_student_text_and_shows_no_hidden_test() {
        String html = HtmlReport.of(hostile());
        assertThat(html).as("student text, escaped").contains("too close &lt;script&gt;document")
                .contains("printed &lt;script&gt;").contains("&lt;img src=x onerror=&quot;")
                .doesNotContain("<img src=x").doesNotContain("HIDDEN");
        assertThat(html.split("<script>", -1)).as("script elements: the page's own only").hasSize(2);
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
        assertThat(html.split("<img ", -1)).as("pictures: the visible test's curves only").hasSize(2);
    }

    @Test
    void figures_travel_through_the_journal_and_are_drawn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("journal.tsv");
        JournalKey key = JournalKey.fresh();
        try (JournalWriter journal = JournalWriter.create(file, key)) {
            journal.finished("check", hostile().outcomes().get(0));
        }
        TestOutcome read = JournalReader.read(file, key).outcomes().get("check");
        assertThat(read.figures()).as("the figures read back from the journal").containsExactly(CURVES);
        String svg = SvgChart.of(CURVES);
        assertThat(svg).as("a curve broken where a value is NaN: two pieces").contains("<path d=\"M")
                .containsPattern("d=\"M[0-9. ]+ M[0-9. ]+\"").contains(">plain-56</text>");
    }
}
