package resnetkit.grader.support;

import org.assertj.core.api.Assertions;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import resnetkit.grader.oracle.Oracle;
import resnetkit.grader.oracle.Tensor;

import java.util.Arrays;

/**
 * The graded tests' one entry point for assertions: AssertJ's (inherited, so one static import serves both) and
 * the kit's own.
 */
public class KitAssertions extends Assertions {

    protected KitAssertions() {
    }

    /** Structural assertions on a graph configuration. */
    public static GraphAssert assertThat(ComputationGraphConfiguration conf) {
        return new GraphAssert(conf);
    }

    /**
     * Fails unless {@code actual} has {@code expected}'s shape and is within {@link Grading#TOLERANCE} relative
     * error of it; {@code what} says in the chapter's terms what was compared.
     */
    public static void assertClose(String what, Tensor actual, Tensor expected) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            throw new AssertionError(what + ": expected shape " + Arrays.toString(expected.shape()) + " but was "
                    + Arrays.toString(actual.shape()));
        }
        for (double v : actual.data) {
            if (!Double.isFinite(v)) {
                throw new AssertionError(what + ": the output contains " + v);
            }
        }
        double err = Oracle.relativeError(actual.data, expected.data);
        if (err > Grading.TOLERANCE) {
            throw new AssertionError(String.format(java.util.Locale.ROOT,
                    "%s: relative error %.2e against the oracle, allowed %.0e", what, err, Grading.TOLERANCE));
        }
    }
}
