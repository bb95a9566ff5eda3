package resnetkit.grader.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One short paragraph a student can act on, from a failed test's exception and jqwik's sample report. */
final class Feedback {

    private static final int MAX_CHARS = 600;
    private static final Pattern SAMPLE_ARG = Pattern.compile("^\\s+(\\w+): (.+)$");

    private Feedback() {
    }

    static String of(Throwable t, List<String> reportEntries) {
        String message = t == null ? "failed" : message(t);
        String sample = sample(reportEntries);
        // an unwritten stub fails for every sample: the sample would only be noise
        if (!sample.isEmpty() && !message.contains(sample) && !message.startsWith("Exercise")) {
            message = message + " (" + sample + ")";
        }
        return message.length() > MAX_CHARS ? message.substring(0, MAX_CHARS) + " ..." : message;
    }

    private static String message(Throwable t) {
        if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
            return "timed out: " + firstLines(t.getMessage());
        }
        if (t instanceof org.opentest4j.MultipleFailuresError multiple && !multiple.getFailures().isEmpty()) {
            // assertAll: the first failure says what to fix first; the count says there is more
            int more = multiple.getFailures().size() - 1;
            return message(multiple.getFailures().get(0)) + (more > 0 ? " (and " + more + " more)" : "");
        }
        if (t instanceof AssertionError) {
            return firstLines(t.getMessage());
        }
        // Anything else escaped from student code: name it, and the exercise if the stub says so.
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof UnsupportedOperationException && root.getMessage() != null
                && root.getMessage().startsWith("Exercise")) {
            return root.getMessage();
        }
        return root.getClass().getSimpleName() + ": " + firstLines(root.getMessage());
    }

    /** "fails for inChannels=1, outChannels=2, stride=2" from jqwik's (shrunk) sample report. */
    static String sample(List<String> reportEntries) {
        for (String kind : new String[] {"Shrunk Sample", "Original Sample"}) {
            for (String entry : reportEntries) {
                int at = entry.indexOf(kind);
                if (at < 0) {
                    continue;
                }
                List<String> args = new ArrayList<>();
                boolean started = false;
                for (String line : entry.substring(at).split("\n")) {
                    Matcher m = SAMPLE_ARG.matcher(line);
                    if (m.matches()) {
                        args.add(m.group(1) + "=" + m.group(2).trim());
                        started = true;
                    } else if (started) {
                        break;
                    }
                }
                if (!args.isEmpty()) {
                    return "fails for " + String.join(", ", args);
                }
            }
        }
        return "";
    }

    private static String firstLines(String s) {
        if (s == null || s.isBlank()) {
            return "(no message)";
        }
        String[] lines = s.strip().split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(lines.length, 4); i++) {
            if (!lines[i].isBlank()) {
                out.append(out.length() > 0 ? " " : "").append(lines[i].strip());
            }
        }
        return out.toString();
    }
}
