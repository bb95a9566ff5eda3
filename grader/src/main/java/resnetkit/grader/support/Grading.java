package resnetkit.grader.support;

/** Constants every graded test shares, stated once. */
public final class Grading {

    /** jqwik seed of every graded property: a grading run is reproducible. */
    public static final String SEED = "20210";

    /**
     * Largest relative error (CS231n's definition, {@link resnetkit.grader.oracle.Oracle#relativeError}) allowed
     * between a network run in double precision and the oracle. Both compute in double, so honest differences
     * come only from summation order (about 1e-14); a wrong weight, stride or wiring gives errors near 1e-1.
     */
    public static final double TOLERANCE = 1e-8;

    /** Seconds one call into student code may take before the test fails as "timed out". */
    public static final int STUDENT_TIMEOUT_SECONDS = 60;

    /** Seconds for a call that trains small networks for a few epochs (a few seconds on 2 cores). */
    public static final int SHORT_TRAINING_SECONDS = 300;

    /** Seconds for the degradation experiment at the ci preset (about 5 minutes on 2 cores). */
    public static final int CI_TRAINING_SECONDS = 20 * 60;

    private Grading() {
    }
}
