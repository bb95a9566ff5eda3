package resnetkit.grader.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import resnetkit.toolkit.Csv;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A graded run's outcomes and the reports made from them: the console table, {@code report.md},
 * Gradescope's {@code results.json}, JUnit's {@code junit.xml} and a one-line {@code score.csv}. Every
 * student-facing report shows a hidden test's name, points and pass/fail only. What a test printed
 * ({@link TestOutcome#output}, capped at {@link OutputCapture#KEPT} characters) is in results.json after the
 * feedback and in junit.xml's {@code <system-out>}; report.md shows its first {@link OutputCapture#ECHOED}.
 */
public final class ScoreReport {

    /** The files a run writes into its reports folder. */
    static final List<String> FILES = List.of("report.md", "results.json", "junit.xml", "score.csv",
            ClassroomResult.FILE);
    /**
     * System property: Gradescope's visibility of hidden tests in results.json: {@code after_published}
     * (default: students see them once grades are published), {@code after_due_date}, {@code hidden} or
     * {@code visible}. Their feedback is never shown either way.
     */
    public static final String HIDDEN_VISIBILITY = "grader.hiddenVisibility";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<TestOutcome> outcomes;
    private final double seconds;
    private final String target;
    private final String graderSha256;

    /**
     * @param target       the module graded ("exercises", "solutions", a student's name), with any note
     * @param graderSha256 the {@link GraderDigest} of the grader that ran
     */
    public ScoreReport(List<TestOutcome> outcomes, double seconds, String target, String graderSha256) {
        // student code may print anything into a message: no lone surrogate may reach a report file
        this.outcomes = outcomes.stream().map(o -> new TestOutcome(o.exerciseId(), o.exerciseTitle(),
                wellFormed(o.test()), o.points(), o.passed(), wellFormed(o.feedback()), o.byHand(), o.hidden(),
                wellFormed(o.output())))
                .toList();
        this.seconds = seconds;
        this.target = target;
        this.graderSha256 = graderSha256;
    }

    /** Percentage of all points (written answers included) earned automatically. */
    public double percent() {
        return percent(earned(), possible());
    }

    /** All outcomes, in the order the tests ran. */
    public List<TestOutcome> outcomes() {
        return outcomes;
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

    /** The console table: one row per exercise, then one line per failing test. */
    public String table() {
        StringBuilder s = new StringBuilder();
        s.append("=".repeat(78)).append('\n');
        s.append(String.format(Locale.ROOT, "resnet-kit score (%s)%n", target));
        s.append("-".repeat(78)).append('\n');
        s.append(String.format(Locale.ROOT, "%-8s %-52s %8s %7s%n", "Exercise", "", "Points", ""));
        for (Map.Entry<String, List<TestOutcome>> e : byExercise().entrySet()) {
            List<TestOutcome> tests = e.getValue();
            int earned = tests.stream().mapToInt(TestOutcome::earned).sum();
            int possible = tests.stream().mapToInt(TestOutcome::points).sum();
            s.append(String.format(Locale.ROOT, "%-8s %-52s %3d / %-3d %5.0f %%%n", e.getKey(),
                    tests.get(0).exerciseTitle(), earned, possible, percent(earned, possible)));
        }
        s.append("-".repeat(78)).append('\n');
        s.append(String.format(Locale.ROOT, "%-61s %3d / %-3d %5.0f %%%n", "Total", earned(), possible(),
                percent(earned(), possible())));
        if (byHand() > 0) {
            s.append(String.format(Locale.ROOT, "  of which %d pt are written answers, to be graded by hand:%n", byHand()));
            outcomes.stream().filter(TestOutcome::byHand).forEach(o -> s.append("    [").append(o.exerciseId())
                    .append("] ").append(o.test()).append(" (").append(o.points()).append(" pt): ")
                    .append(o.feedback()).append('\n'));
        }
        List<TestOutcome> failed = failedByExercise();
        if (!failed.isEmpty()) {
            s.append('\n').append("What to fix (").append(failed.size()).append(" failing test")
                    .append(failed.size() == 1 ? "" : "s").append("):\n");
            for (TestOutcome o : failed) {
                s.append("  [").append(o.exerciseId()).append("] ").append(o.test())
                        .append(" (").append(o.points()).append(" pt)\n      ").append(o.studentFeedback())
                        .append('\n');
            }
        }
        s.append("grader SHA-256 ").append(graderSha256).append('\n');
        s.append("=".repeat(78));
        return s.toString();
    }

    /**
     * The markdown summary: the same table, for a CI job summary or a README, then the first
     * {@link OutputCapture#ECHOED} characters of what each test printed, each in a collapsed block.
     */
    public String markdown() {
        StringBuilder s = new StringBuilder(summary());
        List<TestOutcome> printed = outcomes.stream().filter(o -> !o.studentOutput().isEmpty()).toList();
        if (!printed.isEmpty()) {
            s.append("\n### What your code printed\n");
            for (TestOutcome o : printed) {
                String text = o.studentOutput();
                if (text.length() > OutputCapture.ECHOED) {
                    text = text.substring(0, OutputCapture.ECHOED) + "\n... (cut here: results.json and junit.xml"
                            + " hold the first " + String.format(Locale.ROOT, "%,d", OutputCapture.KEPT)
                            + " characters)";
                }
                String fence = "`".repeat(Math.max(3, longestRun(text, '`') + 1)); // no line of the output closes it
                s.append("\n<details><summary>").append(htmlText(o.exerciseId() + " " + o.test()))
                        .append("</summary>\n\n").append(fence).append("text\n").append(text)
                        .append(text.endsWith("\n") ? "" : "\n").append(fence).append("\n\n</details>\n");
            }
        }
        return s.toString();
    }

    /** The score table and what to fix, without the tests' output: results.json's top-level output. */
    private String summary() {
        StringBuilder s = new StringBuilder("## resnet-kit score (" + target + "): " + earned() + " / " + possible()
                + (byHand() > 0 ? " (" + byHand() + " pt of written answers to be graded by hand)" : "")
                + "\n\n| Exercise | | Points |\n|---|---|---|\n");
        for (Map.Entry<String, List<TestOutcome>> e : byExercise().entrySet()) {
            List<TestOutcome> tests = e.getValue();
            s.append("| ").append(e.getKey()).append(" | ").append(tests.get(0).exerciseTitle()).append(" | ")
                    .append(tests.stream().mapToInt(TestOutcome::earned).sum()).append(" / ")
                    .append(tests.stream().mapToInt(TestOutcome::points).sum()).append(" |\n");
        }
        List<TestOutcome> failed = failedByExercise();
        if (!failed.isEmpty()) {
            s.append("\n### What to fix\n\n");
            for (TestOutcome o : failed) {
                s.append("- **").append(o.exerciseId()).append(" ").append(o.test()).append("**: ")
                        .append(o.studentFeedback().replace("\n", " ")).append('\n');
            }
        }
        s.append("\nGrader SHA-256: `").append(graderSha256).append("`\n");
        return s.toString();
    }

    /**
     * Gradescope's autograder format (its specification's fields): the score, the score table as the
     * top-level {@code output} in markdown, one entry per graded test numbered by exercise ("20.2.1.3") so
     * Gradescope groups them, hidden tests with {@link #HIDDEN_VISIBILITY}, written answers without a status
     * (they are graded by hand, never shown as passed), and the grader's SHA-256 in {@code extra_data}.
     */
    public String resultsJson() {
        String hiddenVisibility = System.getProperty(HIDDEN_VISIBILITY, "after_published");
        List<GradescopeTest> tests = new ArrayList<>();
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (TestOutcome o : outcomes) {
            int n = numbers.merge(o.exerciseId(), 1, Integer::sum);
            tests.add(new GradescopeTest(wellFormed(o.exerciseId() + " " + o.test()), o.exerciseId() + "." + n,
                    o.earned(), o.points(), o.byHand() ? null : o.passed() ? "passed" : "failed",
                    wellFormed(feedbackAndOutput(o)), o.hidden() ? hiddenVisibility : "visible"));
        }
        // each test's output is in its entry; the top-level output is the score table
        return json(new GradescopeResults(earned(), possible(), Math.round(seconds * 10) / 10.0,
                wellFormed(summary()), "md", Map.of("grader_sha256", graderSha256), tests));
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

    /** {@code value} as indented JSON (Jackson escapes every control character). */
    static String json(Object value) {
        return json(value, true) + "\n";
    }

    /** {@code value} as JSON, indented or on one line. */
    static String json(Object value, boolean indented) {
        try {
            return (indented ? JSON.writerWithDefaultPrettyPrinter() : JSON.writer()).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A test's feedback, then what it printed: results.json's {@code output} of the test. */
    private static String feedbackAndOutput(TestOutcome o) {
        if (o.studentOutput().isEmpty()) {
            return o.studentFeedback();
        }
        return (o.studentFeedback().isEmpty() ? "" : o.studentFeedback() + "\n\n") + "Printed by this test:\n"
                + o.studentOutput();
    }

    /**
     * One GitHub Actions error annotation per failing test ({@code ::error title=...::feedback}), which a
     * workflow run shows on its summary page; hidden tests say only that they failed, written answers none.
     */
    public String githubAnnotations() {
        StringBuilder s = new StringBuilder();
        for (TestOutcome o : outcomes) {
            if (!o.passed() && !o.byHand()) {
                s.append("::error title=").append(annotation(o.exerciseId() + " " + o.test() + " (" + o.points()
                        + " pt)").replace(",", "%2C").replace(":", "%3A")).append("::")
                        .append(annotation(o.studentFeedback())).append('\n');
            }
        }
        return s.toString();
    }

    /** GitHub's escaping of a workflow command's data. */
    private static String annotation(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** JUnit's XML report format, one test case per graded test, for CI test viewers. */
    public String junitXml() {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(text);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "resnet-kit grading");
            x.writeAttribute("tests", String.valueOf(outcomes.size()));
            x.writeAttribute("failures", String.valueOf(outcomes.stream().filter(o -> !o.passed()).count()));
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", "0");
            x.writeAttribute("time", String.format(Locale.ROOT, "%.1f", seconds));
            for (TestOutcome o : outcomes) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", xml(o.exerciseId() + " " + o.exerciseTitle()));
                x.writeAttribute("name", xml(o.test() + " (" + o.points() + " pt)"));
                if (!o.passed()) {
                    x.writeCharacters("\n    ");
                    x.writeEmptyElement("failure");
                    x.writeAttribute("message", xml(o.studentFeedback()));
                }
                if (!o.studentOutput().isEmpty()) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement("system-out");
                    // a raw carriage return would be read back as a line break: written as a character reference
                    String[] lines = xml(o.studentOutput()).split("\r", -1);
                    for (int k = 0; k < lines.length; k++) {
                        if (k > 0) {
                            x.writeEntityRef("#13");
                        }
                        x.writeCharacters(lines[k]);
                    }
                    x.writeEndElement();
                }
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write junit.xml", e);
        }
        return text.toString();
    }

    /**
     * Writes report.md, results.json, junit.xml, score.csv and GitHub Classroom's {@link ClassroomResult#FILE} into
     * {@code dir}; appends to $GITHUB_STEP_SUMMARY.
     */
    public void writeAll(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.md"), markdown());
            Files.writeString(dir.resolve("results.json"), resultsJson());
            Files.writeString(dir.resolve("junit.xml"), junitXml());
            Csv.write(dir.resolve("score.csv"), List.of("target", "earned", "possible", "by_hand", "percent"),
                    List.of(List.of(target, earned(), possible(), byHand(),
                            String.format(Locale.ROOT, "%.1f", percent(earned(), possible())))));
            String summary = System.getenv("GITHUB_STEP_SUMMARY");
            if (summary != null && !summary.isBlank()) {
                Files.writeString(Path.of(summary), markdown(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            // last: an unreadable -Dgrader.failUnder fails the run only after the other reports are written
            Files.writeString(dir.resolve(ClassroomResult.FILE),
                    ClassroomResult.base64(this, ClassroomResult.passMark()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the grading reports to " + dir, e);
        }
    }

    private List<TestOutcome> failedByExercise() {
        return byExercise().values().stream().flatMap(List::stream).filter(o -> !o.passed() && !o.byHand())
                .toList();
    }

    private Map<String, List<TestOutcome>> byExercise() {
        Map<String, List<TestOutcome>> map = new LinkedHashMap<>();
        outcomes.stream().sorted((a, b) -> a.exerciseId().compareTo(b.exerciseId()))
                .forEach(o -> map.computeIfAbsent(o.exerciseId(), k -> new ArrayList<>()).add(o));
        return map;
    }

    private static double percent(int earned, int possible) {
        return possible == 0 ? 0 : 100.0 * earned / possible;
    }

    /**
     * {@code s} with what XML 1.0 cannot hold at all, even escaped, replaced by U+FFFD: control characters but tab,
     * line feed and carriage return, U+FFFE and U+FFFF, lone surrogates. The XML writer escapes the rest.
     */
    private static String xml(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : wellFormed(s).toCharArray()) {
            boolean allowed = c >= 0x20 && c != 0xFFFE && c != 0xFFFF || c == '\n' || c == '\r' || c == '\t';
            out.append(allowed ? c : '\uFFFD');
        }
        return out.toString();
    }

    /** {@code s} as HTML text (report.md's summary lines). */
    private static String htmlText(String s) {
        return xml(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("\n", " ").replace("\r", " ").replace("\t", " ").replace("`", "&#96;");
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

    /** {@code s} with every unpaired surrogate replaced by U+FFFD, so that it encodes as UTF-8. */
    static String wellFormed(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
