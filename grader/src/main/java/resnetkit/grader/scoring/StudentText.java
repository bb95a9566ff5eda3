package resnetkit.grader.scoring;

/**
 * Text that student code wrote (what it printed, an exception's message, a name it chose), made safe to show
 * on a console and in every report: control characters appear as what they are instead of acting. An escape
 * sequence that would clear the screen and draw a fake score table shows as {@code \e[2J...}; a lone carriage
 * return that would overwrite a line shows as {@code \r}; a right-to-left override (U+202E) that would reverse
 * what follows shows as its code. Line feeds and tabs stay; {@code \r\n} becomes a line feed. Unpaired
 * surrogates, which no UTF-8 file can hold, become U+FFFD.
 */
public final class StudentText {

    private StudentText() {
    }

    /** {@code s} with every control and bidirectional-formatting character shown as an escape. */
    public static String shown(String s) {
        if (s.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\n' || c == '\t')) {
            return s; // plain ASCII text: the common case
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else if (c == '\n' || c == '\t') {
                out.append(c);
            } else if (c == '\r') {
                boolean lineEnd = i + 1 < s.length() && s.charAt(i + 1) == '\n';
                out.append(lineEnd ? "\n" : "\\r");
                i += lineEnd ? 1 : 0;
            } else if (c == 0x1b) {
                out.append("\\e");
            } else if (isControl(c)) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** C0 and C1 controls, DEL, and the characters that change the direction of the text after them. */
    private static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069
                || c == 0x200e || c == 0x200f || c == 0x061c;
    }
}
