package resnetkit.grader.support;

import resnetkit.toolkit.Progress;

import java.io.PrintStream;

/** Constants every graded test shares, stated once, and the progress of long checks. */
public final class Grading {

    /** jqwik seed of every graded property: a grading run is reproducible. */
    public static final String SEED = "20210";

    /**
     * Largest relative error (CS231n's definition, {@link resnetkit.grader.oracle.Oracle#relativeError}) allowed
     * between a network run in double precision and the oracle. Both compute in double, so honest differences
     * come only from summation order (about 1e-14); a wrong weight, stride or wiring gives errors near 1e-1.
     */
    public static final double TOLERANCE = 1e-8;

    /**
     * System property: a factor for every time limit of a grading run (each call into student code, the whole
     * run), for machines slower than the 2-core one the limits were set on, e.g. {@code -Dgrader.timeScale=4}.
     * Above 1 it also turns off the tests' own {@code @Timeout} backstops, which JUnit cannot scale; the
     * per-call limits and the whole-run limit still hold.
     */
    public static final String TIME_SCALE = resnetkit.grader.api.GradingOptions.TIME_SCALE;

    /**
     * Seconds one call into student code may take before the test fails as "timed out" (the reference's
     * calls take under 15 s each on 2 cores).
     */
    public static final int STUDENT_TIMEOUT_SECONDS = 60;

    /** Seconds for a call that trains small networks for a few epochs (the reference: under 30 s on 2 cores). */
    public static final int SHORT_TRAINING_SECONDS = 300;

    /** Seconds for the degradation check's four nets (the reference: about 1 minute on 2 cores). */
    public static final int CHECK_TRAINING_SECONDS = 10 * 60;

    /** The factor of {@link #TIME_SCALE}, read when the grader starts. */
    private static final double SCALE = resnetkit.grader.api.GradingOptions.timeScale();

    /** The grading JVM's own stderr, before student output is captured (set once by the engine). */
    private static volatile PrintStream console = System.err;

    /** Records the console that progress lines go to: the stream before student output is captured. */
    public static void useConsole(PrintStream stream) {
        console = stream;
    }

    /**
     * Progress for a check that runs for minutes: a line every 20 s on the grader's console (a bar on a terminal),
     * none in CI ({@code CI} set) or with {@code -Dresnetkit.quiet=true}; never counted as the student's output.
     */
    public static Progress progress() {
        return Progress.forExperiment(console);
    }

    /** The factor of {@link #TIME_SCALE}, read once: exercise code cannot change it mid-run. */
    public static double timeScale() {
        return SCALE;
    }

    /** {@code seconds} times {@link #timeScale()}, rounded up. */
    public static int scaled(int seconds) {
        return (int) Math.ceil(seconds * timeScale());
    }

    private Grading() {
    }
}
