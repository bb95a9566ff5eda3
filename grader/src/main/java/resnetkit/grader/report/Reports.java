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
 * Gradescope's {@code results.json} ({@link ResultsJson}), {@code junit.xml} ({@link JunitXml}),
 * {@code score.csv} ({@link ScoreCsv}), GitHub Classroom's payload ({@link ClassroomResult}) and, in a GitHub
 * Actions run, one annotation per failing test ({@link GithubAnnotations}).
 */
public final class Reports {

    /** The files a run writes into its reports folder. */
    public static final List<String> FILES = List.of(MarkdownReport.FILE, ResultsJson.FILE, JunitXml.FILE,
            ScoreCsv.FILE, ClassroomResult.FILE);

    private Reports() {
    }

    /** Deletes an earlier run's reports in {@code dir}, so a run that breaks early leaves none that reads as current. */
    public static void clear(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : FILES) {
            Files.deleteIfExists(dir.resolve(name));
        }
    }

    /** Prints the score table (and, in GitHub Actions, the annotations) and writes every report into {@code dir}. */
    public static void publish(Score score, Path dir) {
        System.out.println();
        System.out.println(ConsoleTable.of(score));
        if ("true".equals(System.getenv("GITHUB_ACTIONS"))) {
            System.out.print(GithubAnnotations.of(score)); // each failing test annotated in the workflow run
        }
        writeAll(score, dir);
        System.out.println("Reports: " + dir.toAbsolutePath());
    }

    /**
     * Writes report.md, results.json, junit.xml, score.csv and GitHub Classroom's {@link ClassroomResult#FILE} into
     * {@code dir}; appends report.md to $GITHUB_STEP_SUMMARY.
     */
    public static void writeAll(Score score, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MarkdownReport.FILE), MarkdownReport.of(score));
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
