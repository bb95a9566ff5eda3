package resnetkit.grader.api;

import resnetkit.grader.scoring.Figure;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a graded test records the numbers of a picture of what it measured ({@link Figure}): the grading JVM adds
 * them to the outcome of the test that is running, the journal carries them, and the supervisor draws them in
 * {@code report.html}. Record before asserting, so that a failing check shows what it saw. A hidden test's figures
 * are never shown to students. Exercise code cannot reach this class (the guard and the rules refuse the grader's
 * classes), so every figure is the grader's.
 */
public final class Figures {

    private static final List<Figure> RECORDED = new ArrayList<>();

    private Figures() {
    }

    /** Records {@code figure} for the test that is running. */
    public static synchronized void record(Figure figure) {
        RECORDED.add(figure);
    }

    /** The figures recorded since the last call, which forgets them (the grading JVM calls it around each test). */
    public static synchronized List<Figure> take() {
        List<Figure> taken = List.copyOf(RECORDED);
        RECORDED.clear();
        return taken;
    }
}
