package resnetkit.grader.worker;

import resnetkit.toolkit.NotWrittenYet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One short paragraph a student can act on, from a failed test's exception and jqwik's sample report. */
final class Feedback {

    /** The whole paragraph's bound; a long message keeps its head and its tail, where AssertJ puts the expected value. */
    static final int MAX_CHARS = 900;
    /** One section's bound: a long actual value (a map, an array) must not push the expected one out. */
    static final int MAX_LINE_CHARS = 240;
    private static final Pattern DISCONNECTED = Pattern.compile(
            "Invalid configuration: disconnected vertices found - \\[([^\\]]*)\\].*", Pattern.DOTALL);

    private Feedback() {
    }

    static String of(Throwable t, List<String> reportEntries) {
        String message = bounded(inChapterTerms(t == null ? "failed" : message(t)));
        String sample = sample(reportEntries);
        // an unwritten stub fails for every sample: the sample would only be noise
        if (!sample.isEmpty() && !message.contains(sample) && !NotWrittenYet.isStub(t)) {
            message = message + " (" + sample + ")";
        }
        return message;
    }

    /** At most {@link #MAX_CHARS}: the head and the tail of a longer message, the middle cut. */
    static String bounded(String message) {
        if (message.length() <= MAX_CHARS) {
            return message;
        }
        int head = MAX_CHARS * 2 / 3;
        int tail = MAX_CHARS - head - 5;
        return message.substring(0, head) + " ... " + message.substring(message.length() - tail);
    }

    /**
     * DL4J's advice for a vertex nobody reads is to allow disconnected vertices, which hides the bug: say what is
     * wrong instead (a wrong input somewhere, e.g. the Add reading conv2 instead of bn2).
     */
    static String inChapterTerms(String message) {
        Matcher m = DISCONNECTED.matcher(message);
        if (!m.find()) {
            return message;
        }
        String vertices = m.group(1).trim();
        String hint = "";
        for (String v : vertices.split("\\s*,\\s*")) {
            if (v.endsWith(".bn2")) {
                hint = ": in a basic block the Add must read " + v + " (the branch's last batch norm) and the"
                        + " shortcut; in a bottleneck relu2 reads it";
                break;
            }
            if (v.endsWith(".bn3")) {
                hint = ": the Add must read " + v + " (the bottleneck's last batch norm) and the shortcut";
                break;
            }
        }
        return message.substring(0, m.start()) + "no vertex reads the output of [" + vertices + "]: a vertex of the"
                + " block is wired to the wrong input" + (hint.isEmpty() ? ", so this one is left unread" : hint);
    }

    private static String message(Throwable t) {
        if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
            return "timed out: " + oneParagraph(t.getMessage());
        }
        if (t instanceof org.opentest4j.MultipleFailuresError multiple && !multiple.getFailures().isEmpty()) {
            // assertAll: the first failure says what to fix first; the count says there is more
            int more = multiple.getFailures().size() - 1;
            return message(multiple.getFailures().get(0)) + (more > 0 ? " (and " + more + " more)" : "");
        }
        if (t instanceof AssertionError) {
            return oneParagraph(t.getMessage());
        }
        // Anything else escaped from student code: name it, and the exercise if the stub says so.
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof NotWrittenYet) {
            return root.getMessage();
        }
        if (root instanceof NullPointerException && thrownByTheGrader(root)) {
            // the grader looked up something the contract promises (a vertex, a parameter, a return value)
            return "the grader found nothing where the contract promises something (a vertex, a parameter or a"
                    + " return value): check the names and return values the Javadoc asks for";
        }
        return root.getClass().getSimpleName() + ": " + oneParagraph(root.getMessage());
    }

    private static boolean thrownByTheGrader(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        return trace.length > 0 && (trace[0].getClassName().startsWith("resnetkit.grader.")
                || trace[0].getClassName().startsWith("resnetkit.graded."));
    }

    /** "fails for inChannels=1, outChannels=2, stride=2": the failing sample {@link FailingSample} reported. */
    static String sample(List<String> reportEntries) {
        return reportEntries.stream().filter(e -> e.startsWith(FailingSample.PREFIX)).findFirst().orElse("");
    }

    static String oneParagraph(String s) {
        if (s == null || s.isBlank()) {
            return "(no message)";
        }
        // AssertJ writes a header at column 0 ("Expecting actual:", "to be close to:") and its value indented,
        // one element a line when long: bound each header's section, so a long actual value cannot push out the
        // expected one that follows it
        List<String> sections = new ArrayList<>();
        StringBuilder section = new StringBuilder();
        for (String line : s.strip().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0)) && section.length() > 0) {
                sections.add(section.toString());
                section.setLength(0);
            }
            section.append(section.length() > 0 ? " " : "").append(line.strip());
        }
        sections.add(section.toString());
        StringBuilder out = new StringBuilder();
        for (String sec : sections) {
            out.append(out.length() > 0 ? " " : "").append(sec.length() > MAX_LINE_CHARS
                    ? sec.substring(0, MAX_LINE_CHARS - 4) + " ..." : sec);
        }
        return out.toString();
    }
}
