package resnetkit.grader.report;

/** Text for XML and HTML reports: what XML 1.0 cannot hold replaced, HTML's special characters escaped. */
final class Xml {

    private Xml() {
    }

    /**
     * {@code s} with what XML 1.0 cannot hold at all, even escaped, replaced by U+FFFD: control characters but tab,
     * line feed and carriage return, U+FFFE and U+FFFF. Student text reaches here already shown safely
     * ({@link resnetkit.grader.scoring.StudentText}); the XML writer escapes the rest.
     */
    static String text(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            boolean allowed = c >= 0x20 && c != 0xFFFE && c != 0xFFFF || c == '\n' || c == '\r' || c == '\t';
            out.append(allowed ? c : '\uFFFD');
        }
        return out.toString();
    }

    /** {@code s} as HTML text on one line (report.md's summary lines). */
    static String htmlText(String s) {
        return text(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("\n", " ").replace("\r", " ").replace("\t", " ").replace("`", "&#96;");
    }
}
