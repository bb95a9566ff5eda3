package resnetkit.selftest;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import resnetkit.grader.report.HtmlReport;
import resnetkit.grader.report.ReportsTest;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * report.html in a real headless browser (Debian's {@code chromium}, which {@code .ci/run} installs; skipped with one
 * line where it is absent): the solutions' report, from the grading {@link GraderProvesItselfTest} already made,
 * renders and every picture in it decodes (the page's own script marks its root {@code data-images="ok"}, read back
 * with {@code --dump-dom}); a report whose student text would run a script shows that text and runs nothing.
 */
class ReportHtmlTest {

    /** The pictures the solutions' grading records: the degradation check's curves, block-drop bars, gradient norms. */
    private static final int SOLUTION_PICTURES = 3;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES) // the solutions' grading, when this test makes it (about 3 minutes)
    void the_solutions_report_renders_with_every_picture_decoded() throws Exception {
        String chromium = chromium();
        Path report = GraderProvesItselfTest.solutions().reports.resolve(HtmlReport.FILE);
        assertThat(report).exists();
        assertThat(Files.readString(report).split("<img ", -1)).as("pictures in the solutions' report.html")
                .hasSize(SOLUTION_PICTURES + 1);
        String dom = dumpDom(chromium, report);
        assertThat(attribute(dom, "data-images")).as("the page's check that every image decoded (ok, broken, none)")
                .isEqualTo("ok");
        assertThat(dom).contains("Training error per epoch").contains("resnet-kit score (solutions)");
    }

    @Test
    @Timeout(60)
    void student_text_shows_as_text_and_runs_no_script(@TempDir Path dir) throws Exception {
        String chromium = chromium();
        Path report = dir.resolve(HtmlReport.FILE);
        Files.writeString(report, HtmlReport.of(ReportsTest.hostile()));
        String dom = dumpDom(chromium, report);
        assertThat(attribute(dom, "data-pwned")).as("an attribute that student text would set if it ran").isNull();
        assertThat(attribute(dom, "data-images")).as("the page's own script ran; its one picture decoded")
                .isEqualTo("ok");
        assertThat(dom).as("the student's text, shown as text").contains("too close &lt;script&gt;document")
                .contains("&lt;img src=x onerror=");
    }

    /** Debian's chromium (or chromium-browser) on the PATH; the test is skipped where there is none. */
    static String chromium() {
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        Assumptions.abort("no chromium on the PATH: report.html is not checked in a browser (.ci/run installs"
                + " Debian's chromium where it runs as root)");
        return null;
    }

    /** The DOM of {@code page} after its scripts ran, as headless chromium prints it. */
    static String dumpDom(String chromium, Path page) throws Exception {
        Command run = Command.run(page.getParent(), Map.of(), chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + page.getParent().resolve("chromium-profile"), "--dump-dom",
                page.toUri().toString());
        assertThat(run.exitCode).as("chromium --dump-dom; its output:\n%s", run.output).isZero();
        return run.output;
    }

    /** The value of {@code name} on the root element ({@code <html ...>}), or null. */
    static String attribute(String dom, String name) {
        Matcher root = Pattern.compile("<html[^>]*>").matcher(dom);
        if (!root.find()) {
            throw new AssertionError("no <html> element in chromium's DOM:\n" + dom);
        }
        Matcher m = Pattern.compile("\\s" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(root.group());
        return m.find() ? m.group(1) : null;
    }
}
