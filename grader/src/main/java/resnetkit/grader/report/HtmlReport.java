package resnetkit.grader.report;

import resnetkit.grader.scoring.Figure;
import resnetkit.grader.scoring.Score;
import resnetkit.grader.scoring.TestOutcome;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}, one file to open in a browser: the score table, what to fix, the hidden tests apart, the
 * written answers, the pictures the graded tests recorded of what the student's code did (the degradation check's
 * curves, the accuracy each dropped block costs, the gradient norms by convolution; drawn here from their numbers as
 * SVG images in data URIs), and what each visible test printed.
 *
 * <p>Student text (what the code printed, exception messages) is hostile: every text is escaped, and the page's
 * Content-Security-Policy allows no script but its own (by hash), no request and no image but data URIs, so even text
 * that slipped through could not run or load anything. The one script marks the page's root element with
 * {@code data-images="ok"} once every image has decoded (or "broken", or "none"): what the kit's test reads back from
 * a headless browser.
 */
public final class HtmlReport {

    /** The file's name in the reports folder. */
    public static final String FILE = "report.html";

    /** Sets data-images on the root element once the page has loaded: ok, broken or none. */
    static final String SCRIPT = "window.addEventListener('load',function(){var im=document.images,ok=true;"
            + "for(var i=0;i<im.length;i++){if(!im[i].complete||im[i].naturalWidth===0){ok=false;}}"
            + "document.documentElement.setAttribute('data-images',im.length===0?'none':ok?'ok':'broken');});";

    private static final String STYLE = "body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;"
            + "color:#222}table{border-collapse:collapse}td,th{padding:.2em .8em;border-bottom:1px solid #ddd;"
            + "text-align:left}td.n{text-align:right}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5em;"
            + "overflow-wrap:anywhere}figure{margin:1em 0}img{max-width:100%;height:auto}.fail{color:#b00}"
            + ".pass{color:#070}small{color:#666}";

    private HtmlReport() {
    }

    /** The whole page. */
    public static String of(Score score) {
        String title = "resnet-kit score (" + score.target() + "): " + score.earned() + " / " + score.possible();
        StringBuilder s = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:;"
                        + " style-src 'unsafe-inline'; script-src '").append(sha256(SCRIPT)).append("'\">\n")
                .append("<title>").append(escape(title)).append("</title><style>").append(STYLE)
                .append("</style></head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
        if (score.byHand() > 0) {
            s.append("<p>").append(score.byHand()).append(" pt of written answers are graded by your instructor."
                    + "</p>\n");
        }
        table(s, score);
        List<TestOutcome> toFix = score.toFix();
        if (!toFix.isEmpty()) {
            s.append("<h2 id=\"fix\">What to fix (").append(toFix.size()).append(" failing test")
                    .append(toFix.size() == 1 ? "" : "s").append(")</h2>\n<ul>\n");
            for (TestOutcome o : toFix) {
                s.append("<li><b>[").append(escape(o.exerciseId())).append("] ").append(escape(o.test())).append(" (")
                        .append(o.points()).append(" pt)</b><pre>").append(escape(o.studentFeedback()))
                        .append("</pre></li>\n");
            }
            s.append("</ul>\n");
        }
        String hidden = ConsoleTable.hiddenSummary(score);
        if (!hidden.isEmpty()) {
            s.append("<h2 id=\"hidden\">Hidden tests</h2>\n<pre>").append(escape(hidden.strip())).append("</pre>\n");
        }
        List<TestOutcome> answers = score.outcomes().stream().filter(TestOutcome::byHand).toList();
        if (!answers.isEmpty()) {
            s.append("<h2 id=\"answers\">Written answers</h2>\n<ul>\n");
            answers.forEach(o -> s.append("<li>[").append(escape(o.exerciseId())).append("] ").append(escape(o.test()))
                    .append(" (").append(o.points()).append(" pt): ").append(escape(o.feedback())).append("</li>\n"));
            s.append("</ul>\n");
        }
        pictures(s, score);
        printed(s, score);
        s.append("<p><small>Grader SHA-256 <code>").append(escape(score.graderSha256()))
                .append("</code></small></p>\n<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return s.toString();
    }

    private static void table(StringBuilder s, Score score) {
        s.append("<table id=\"score\"><tr><th>Exercise</th><th></th><th>Points</th></tr>\n");
        for (Map.Entry<String, List<TestOutcome>> e : score.byExercise().entrySet()) {
            List<TestOutcome> tests = e.getValue();
            s.append("<tr><td>").append(escape(e.getKey())).append("</td><td>")
                    .append(escape(tests.get(0).exerciseTitle())).append("</td><td class=\"n\">")
                    .append(tests.stream().mapToInt(TestOutcome::earned).sum()).append(" / ")
                    .append(tests.stream().mapToInt(TestOutcome::points).sum()).append("</td></tr>\n");
        }
        s.append("<tr><th>Total</th><th></th><th class=\"n\">").append(score.earned()).append(" / ")
                .append(score.possible()).append("</th></tr>\n</table>\n");
    }

    /** Each visible test's figures as images, with the test's name and whether it passed. */
    private static void pictures(StringBuilder s, Score score) {
        List<TestOutcome> drawn = score.byExercise().values().stream().flatMap(List::stream)
                .filter(o -> !o.studentFigures().isEmpty()).toList();
        if (drawn.isEmpty()) {
            return;
        }
        s.append("<h2 id=\"pictures\">What your code did, in pictures</h2>\n");
        for (TestOutcome o : drawn) {
            for (Figure f : o.studentFigures()) {
                s.append("<figure><img alt=\"").append(escape(f.title())).append("\" width=\"").append(SvgChart.WIDTH)
                        .append("\" height=\"").append(SvgChart.HEIGHT).append("\" src=\"data:image/svg+xml;base64,")
                        .append(Base64.getEncoder().encodeToString(SvgChart.of(f).getBytes(StandardCharsets.UTF_8)))
                        .append("\"><figcaption>[").append(escape(o.exerciseId())).append("] ").append(escape(o.test()))
                        .append(": <span class=\"").append(o.passed() ? "pass\">passed" : "fail\">failed")
                        .append("</span></figcaption></figure>\n");
            }
        }
    }

    /** What each visible test printed (the first {@link TestOutcome#OUTPUT_SHOWN} characters), collapsed. */
    private static void printed(StringBuilder s, Score score) {
        List<TestOutcome> printed = score.outcomes().stream().filter(o -> !o.studentOutput().isEmpty()).toList();
        if (printed.isEmpty()) {
            return;
        }
        s.append("<h2 id=\"printed\">What your code printed</h2>\n");
        for (TestOutcome o : printed) {
            String text = o.studentOutput();
            if (text.length() > TestOutcome.OUTPUT_SHOWN) {
                text = text.substring(0, TestOutcome.OUTPUT_SHOWN) + "\n... (cut here: results.json and junit.xml hold"
                        + " more)";
            }
            s.append("<details><summary>").append(escape(o.exerciseId() + " " + o.test())).append("</summary><pre>")
                    .append(escape(text)).append("</pre></details>\n");
        }
    }

    /** {@code s} as HTML text (or an attribute's value): XML's invalid characters replaced, markup escaped. */
    static String escape(String s) {
        return Xml.text(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** "sha256-..." of {@code script}, as a Content-Security-Policy names an inline script. */
    private static String sha256(String script) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
