package resnetkit.grader.journal;

import resnetkit.grader.scoring.Figure;
import resnetkit.grader.scoring.TestOutcome;

import java.util.ArrayList;
import java.util.List;

/**
 * A journal line's fields: tab-separated, with tabs, newlines, carriage returns and backslashes escaped and lone
 * surrogates replaced, so whatever student code prints is one line of valid UTF-8. An outcome is its fields in
 * record order.
 */
final class JournalCodec {

    private JournalCodec() {
    }

    static String line(String kind, String id, List<String> fields) {
        StringBuilder line = new StringBuilder(kind).append('\t').append(escape(id));
        fields.forEach(f -> line.append('\t').append(escape(wellFormed(f))));
        return line.toString();
    }

    static List<String> fields(TestOutcome o) {
        return List.of(o.exerciseId(), o.exerciseTitle(), o.test(), String.valueOf(o.points()),
                String.valueOf(o.passed()), o.feedback(), String.valueOf(o.byHand()), String.valueOf(o.hidden()),
                o.output(), Figure.encode(o.figures()));
    }

    /** The outcome in fields 2 to 11 of a split {@code planned} or {@code finished} line (11: its figures). */
    static TestOutcome outcome(List<String> f) {
        return new TestOutcome(f.get(2), f.get(3), f.get(4), Integer.parseInt(f.get(5)), Boolean.parseBoolean(f.get(6)),
                f.get(7), Boolean.parseBoolean(f.get(8)), Boolean.parseBoolean(f.get(9)), f.get(10),
                f.size() > 11 ? Figure.decode(f.get(11)) : List.of());
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    /** Splits a line at its unescaped tabs and unescapes each field. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char n = line.charAt(++i);
                field.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else if (c == '\t') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
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
