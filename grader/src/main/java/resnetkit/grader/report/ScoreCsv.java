package resnetkit.grader.report;

import resnetkit.grader.scoring.Score;
import resnetkit.toolkit.Csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code score.csv}: one line with the target, points earned, possible, by hand and the percentage. */
public final class ScoreCsv {

    /** The file's name in the reports folder. */
    public static final String FILE = "score.csv";

    private ScoreCsv() {
    }

    /** Writes score.csv for {@code score} to {@code file}. */
    static void write(Score score, Path file) throws IOException {
        Csv.write(file, List.of("target", "earned", "possible", "by_hand", "percent"),
                List.of(List.of(score.target(), score.earned(), score.possible(), score.byHand(),
                        String.format(Locale.ROOT, "%.1f", score.percent()))));
    }
}
