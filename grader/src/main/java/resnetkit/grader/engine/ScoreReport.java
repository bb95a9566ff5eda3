package resnetkit.grader.engine;

import java.io.IOException;
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
        StringBuilder s = new StringBuilder("{\n");
        s.append("  \"score\": ").append(earned()).append(",\n");
        s.append("  \"max_score\": ").append(possible()).append(",\n");
        s.append("  \"execution_time\": ").append(String.format(Locale.ROOT, "%.1f", seconds)).append(",\n");
        s.append("  \"output\": ").append(json(summary())).append(",\n"); // each test's output is in its entry
        s.append("  \"output_format\": \"md\",\n");
        s.append("  \"extra_data\": {\"grader_sha256\": \"").append(graderSha256).append("\"},\n");
        s.append("  \"tests\": [\n");
        List<String> tests = new ArrayList<>();
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (TestOutcome o : outcomes) {
            int n = numbers.merge(o.exerciseId(), 1, Integer::sum);
            String status = o.byHand() ? "" : ", \"status\": \"" + (o.passed() ? "passed" : "failed") + "\"";
            tests.add("    {\"name\": " + json(o.exerciseId() + " " + o.test())
                    + ", \"number\": " + json(o.exerciseId() + "." + n)
                    + ", \"score\": " + o.earned() + ", \"max_score\": " + o.points() + status
                    + ", \"output\": " + json(feedbackAndOutput(o))
                    + ", \"visibility\": " + json(o.hidden() ? hiddenVisibility : "visible") + "}");
        }
        s.append(String.join(",\n", tests)).append("\n  ]\n}\n");
        return s.toString();
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
        long failures = outcomes.stream().filter(o -> !o.passed()).count();
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(String.format(Locale.ROOT, "<testsuite name=\"resnet-kit grading\" tests=\"%d\" failures=\"%d\""
                + " errors=\"0\" skipped=\"0\" time=\"%.1f\">%n", outcomes.size(), failures, seconds));
        for (TestOutcome o : outcomes) {
            s.append("  <testcase classname=\"").append(xml(o.exerciseId() + " " + o.exerciseTitle()))
                    .append("\" name=\"").append(xml(o.test() + " (" + o.points() + " pt)")).append('"');
            if (o.passed() && o.studentOutput().isEmpty()) {
                s.append("/>\n");
                continue;
            }
            s.append(">\n");
            if (!o.passed()) {
                s.append("    <failure message=\"").append(xml(o.studentFeedback())).append("\"/>\n");
            }
            if (!o.studentOutput().isEmpty()) {
                s.append("    <system-out>").append(xmlText(o.studentOutput())).append("</system-out>\n");
            }
            s.append("  </testcase>\n");
        }
        return s.append("</testsuite>\n").toString();
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
            Files.writeString(dir.resolve("score.csv"), "target,earned,possible,by_hand,percent\n"
                    + target.replace(",", ";") + ","
                    + earned() + "," + possible() + "," + byHand() + ","
                    + String.format(Locale.ROOT, "%.1f", percent(earned(), possible())) + "\n");
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

    private static String xml(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\n', '\r', '\t' -> out.append(' ');
                // XML 1.0 allows no other control character, not even escaped
                default -> out.append(c < 0x20 || c == 0xFFFE || c == 0xFFFF ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    /** {@code s} as XML element content: line breaks and tabs kept, other control characters replaced. */
    private static String xmlText(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\n', '\t' -> out.append(c);
                case '\r' -> out.append("&#13;"); // a raw CR would be read back as a line break
                default -> out.append(xml(String.valueOf(c)));
            }
        }
        return out.toString();
    }

    /** {@code s} as HTML text (report.md's summary lines). */
    private static String htmlText(String s) {
        return xml(s).replace("`", "&#96;");
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

    private static String json(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
