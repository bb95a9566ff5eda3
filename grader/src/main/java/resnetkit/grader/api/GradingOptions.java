package resnetkit.grader.api;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A grading run's options, as system properties: the grade command's {@code -Dgrader.*} flags, which the
 * supervisor passes on to the grading JVM, so both read them alike.
 */
public final class GradingOptions {

    /** Where the reports go (default {@code target/grading}). */
    public static final String REPORTS = "grader.reports";
    /** The module's (or student's) name in the reports. */
    public static final String TARGET = "grader.target";
    /**
     * Comma-separated JUnit tags to leave out, e.g. "training" skips the training checks while you iterate.
     * Left-out tests are not in the total; the report says so.
     */
    public static final String EXCLUDE_TAGS = "grader.excludeTags";
    /**
     * Comma-separated exercise ids, e.g. "20.2.1,20.2.4": grade only these while you work on them. Left-out
     * exercises are not in the total.
     */
    public static final String EXERCISES = "grader.exercises";
    /**
     * Comma-separated test method names, e.g. "the_relu_comes_after_the_addition": grade only these tests (the kit's
     * bug matrix grades each wrong implementation on the tests meant to catch it). Left-out tests are not in the
     * total.
     */
    public static final String TESTS = "grader.tests";
    /** Minutes the whole run may take (default 40, times the time scale). */
    public static final String RUN_TIMEOUT = "grader.runTimeoutMinutes";
    /** Exit 1 when the score is below this percentage (default: never). */
    public static final String FAIL_UNDER = "grader.failUnder";
    /**
     * A factor for every time limit of a grading run (each call into student code, the whole run), for machines
     * slower than the 2-core one the limits were set on, e.g. {@code -Dgrader.timeScale=4}.
     */
    public static final String TIME_SCALE = "grader.timeScale";
    /**
     * The user the grading JVM runs as, when the supervisor runs as root (Gradescope): an unprivileged one, so
     * that even a gap in the guard cannot write the results. Empty: the supervisor's own user.
     */
    public static final String RUN_AS = "grader.runAs";

    /**
     * {@code true} for the watch mode's spare grading JVM (set by the supervisor, never by hand): it starts warm and
     * waits for a second line on its standard input, {@link #GO} and the exercises to grade, before it loads any
     * graded test.
     */
    public static final String WAIT_FOR_GO = "grader.waitForGo";
    /** The start of the line that sets a waiting grading JVM going: "grade 20.2.1,20.2.4". */
    public static final String GO = "grade ";
    /** {@code -Dgrader.watch=true}: the watch mode, which grades an exercise each time one of its files is saved. */
    public static final String WATCH = "grader.watch";
    /** The watch mode's {@code src/main} to watch (default: the kit's {@code exercises/src/main}). */
    public static final String WATCH_SOURCES = "grader.watch.sources";

    private GradingOptions() {
    }

    /** The factor of {@link #TIME_SCALE}; 1 when it is not set. */
    public static double timeScale() {
        String v = System.getProperty(TIME_SCALE, "").trim();
        double scale = v.isEmpty() ? 1 : Double.parseDouble(v);
        if (!(scale >= 1)) {
            throw new IllegalArgumentException("-D" + TIME_SCALE + " must be a number >= 1, was " + v);
        }
        return scale;
    }

    /** The reports folder. */
    public static Path reports() {
        return Path.of(System.getProperty(REPORTS, "target/grading"));
    }

    /** The comma-separated values of system property {@code key} (tags, exercise ids), trimmed; empty when unset. */
    public static Set<String> listed(String key) {
        Set<String> values = new LinkedHashSet<>();
        for (String v : System.getProperty(key, "").split(",")) {
            if (!v.isBlank()) {
                values.add(v.trim());
            }
        }
        return values;
    }
}
