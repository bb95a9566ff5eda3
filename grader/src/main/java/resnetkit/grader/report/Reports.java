package resnetkit.grader.report;

import resnetkit.grader.scoring.Score;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes a {@link Score} in every format the kit promises, one class per format: the console table
 * ({@link ConsoleTable}), {@code report.md} ({@link MarkdownReport}, also appended to {@code $GITHUB_STEP_SUMMARY}),
 * {@code report.html} with the pictures the graded tests recorded ({@link HtmlReport}),
 * Gradescope's {@code results.json} ({@link ResultsJson}), {@code junit.xml} ({@link JunitXml}),
 * {@code score.csv} ({@link ScoreCsv}), GitHub Classroom's payload ({@link ClassroomResult}) and, in a GitHub
 * Actions run, one annotation per failing test ({@link GithubAnnotations}).
 */
public final class Reports {

    /** The files a run writes into its reports folder. */
    public static final List<String> FILES = List.of(MarkdownReport.FILE, HtmlReport.FILE, ResultsJson.FILE,
            JunitXml.FILE, ScoreCsv.FILE, ClassroomResult.FILE);

    private Reports() {
    }

    /** Deletes an earlier run's reports in {@code dir}, so a run that breaks early leaves none that reads as current. */
    public static void clear(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : FILES) {
            Files.deleteIfExists(dir.resolve(name));
        }
    }

    /**
     * Writes every report into {@code dir}, then prints (in GitHub Actions, after the annotations) what to fix, the
     * hidden tests and the written answers, where the reports are, and last the score table.
     */
    public static void publish(Score score, Path dir) {
        writeAll(score, dir);
        if ("true".equals(System.getenv("GITHUB_ACTIONS"))) {
            System.out.print(GithubAnnotations.of(score)); // each failing test annotated in the workflow run
        }
        System.out.println();
        System.out.print(ConsoleTable.details(score));
        System.out.println("Reports: " + dir.toAbsolutePath() + " (report.html with pictures, report.md, ...)");
        System.out.println(ConsoleTable.table(score));
    }

    /**
     * Writes report.md, report.html, results.json, junit.xml, score.csv and GitHub Classroom's {@link ClassroomResult#FILE} into
     * {@code dir}; appends report.md to $GITHUB_STEP_SUMMARY.
     */
    public static void writeAll(Score score, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MarkdownReport.FILE), MarkdownReport.of(score));
            Files.writeString(dir.resolve(HtmlReport.FILE), HtmlReport.of(score));
            Files.writeString(dir.resolve(ResultsJson.FILE), ResultsJson.of(score));
            Files.writeString(dir.resolve(JunitXml.FILE), JunitXml.of(score));
            ScoreCsv.write(score, dir.resolve(ScoreCsv.FILE));
            String summary = System.getenv("GITHUB_STEP_SUMMARY");
            if (summary != null && !summary.isBlank()) {
                Files.writeString(Path.of(summary), MarkdownReport.of(score), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            // last: an unreadable -Dgrader.failUnder fails the run only after the other reports are written
            Files.writeString(dir.resolve(ClassroomResult.FILE),
                    ClassroomResult.base64(score, ClassroomResult.passMark()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the grading reports to " + dir, e);
        }
    }
}
