package resnetkit.graded;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import resnetkit.grader.api.Exercise;
import resnetkit.grader.api.Points;
import resnetkit.grader.oracle.Oracle;
import resnetkit.grader.support.Grading;
import resnetkit.grader.support.Student;
import resnetkit.highway.SkipGradient;

import java.util.Arrays;
import java.util.Random;

import static resnetkit.grader.support.KitAssertions.assertThat;


/** Section 3: dL/dx through y = ReLU(x w + b) + x, by DL4J's backward pass, against finite differences. */
@Exercise(id = "S3.1", title = "Gradient through the skip")
class SkipGradientTest {

    /**
     * Largest relative error against centred differences. L is piecewise linear in x; away from the ReLU
     * kinks (samples within 1e-3 of one are skipped, step 1e-4) centred differences are exact up to
     * rounding, about 1e-11 absolute, so 1e-6 leaves room while any missing or extra term is of order 1.
     */
    static final double FD_TOLERANCE = 1e-6;
    static final double STEP = 1e-4;

    static double loss(double[][] w, double[] b, double[][] x, double[][] dLdy) {
        double sum = 0;
        for (int n = 0; n < x.length; n++) {
            for (int o = 0; o < b.length; o++) {
                double z = b[o];
                for (int i = 0; i < x[n].length; i++) {
                    z += x[n][i] * w[i][o];
                }
                sum += dLdy[n][o] * (Math.max(0, z) + x[n][o]);
            }
        }
        return sum;
    }

    static double[][] random(Random r, int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            Arrays.setAll(row, i -> 2 * r.nextDouble() - 1);
        }
        return a;
    }

    static double minAbsPreActivation(double[][] w, double[] b, double[][] x) {
        double min = Double.POSITIVE_INFINITY;
        for (double[] row : x) {
            for (int o = 0; o < b.length; o++) {
                double z = b[o];
                for (int i = 0; i < row.length; i++) {
                    z += row[i] * w[i][o];
                }
                min = Math.min(min, Math.abs(z));
            }
        }
        return min;
    }

    @Property(seed = Grading.SEED, tries = 20)
    @Points(3)
    void dl4j_gradient_matches_centred_differences(@ForAll @IntRange(min = 1, max = 5) int d,
                                                   @ForAll @IntRange(min = 1, max = 3) int n,
                                                   @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random r = new Random(seed);
        double[][] w = random(r, d, d);
        double[] b = random(r, 1, d)[0];
        double[][] x = random(r, n, d);
        double[][] dLdy = random(r, n, d);
        Assume.that(minAbsPreActivation(w, b, x) > 1e-3);
        double[][] grad = Student.call("SkipGradient.inputGradient", () -> SkipGradient.inputGradient(w, b, x, dLdy));
        assertThat(grad).as("dL/dx must have the shape of x, [%d][%d]", n, d).hasDimensions(n, d);
        double[] analytic = Arrays.stream(grad).flatMapToDouble(Arrays::stream).toArray();
        double[] numeric = new double[n * d];
        for (int k = 0; k < n * d; k++) {
            double[][] plus = Arrays.stream(x).map(double[]::clone).toArray(double[][]::new);
            double[][] minus = Arrays.stream(x).map(double[]::clone).toArray(double[][]::new);
            plus[k / d][k % d] += STEP;
            minus[k / d][k % d] -= STEP;
            numeric[k] = (loss(w, b, plus, dLdy) - loss(w, b, minus, dLdy)) / (2 * STEP);
        }
        double err = Oracle.relativeError(analytic, numeric);
        assertThat(err).as("relative error of dL/dx against centred differences (step %s), allowed %s; got %s,"
                + " expected %s", STEP, FD_TOLERANCE, Arrays.toString(analytic), Arrays.toString(numeric))
                .isLessThanOrEqualTo(FD_TOLERANCE);
    }

    @Property(seed = Grading.SEED, tries = 10)
    @Points(1)
    void with_f_zeroed_the_gradient_passes_the_skip_unchanged(@ForAll @IntRange(min = 1, max = 6) int d,
                                                              @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random r = new Random(seed);
        double[][] x = random(r, 2, d);
        double[][] dLdy = random(r, 2, d);
        double[][] grad = Student.call("SkipGradient.inputGradient",
                () -> SkipGradient.inputGradient(new double[d][d], new double[d], x, dLdy));
        double[] actual = Arrays.stream(grad).flatMapToDouble(Arrays::stream).toArray();
        double[] expected = Arrays.stream(dLdy).flatMapToDouble(Arrays::stream).toArray();
        assertThat(Oracle.relativeError(actual, expected))
                .as("with w = 0 and b = 0, dL/dx must equal dL/dy (the skip's '+ dL/dy'): got %s, expected %s",
                        Arrays.toString(actual), Arrays.toString(expected))
                .isLessThanOrEqualTo(Grading.TOLERANCE);
    }

    @Test
    @Timeout(60)
    @Points(1)
    void the_addition_reads_f_and_the_block_input() {
        ComputationGraphConfiguration conf = Student.call("SkipGradient.residualDense", () -> {
            var g = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().graphBuilder().addInputs("x");
            String out = SkipGradient.residualDense(g, "x", 3);
            return g.setOutputs(out).setInputTypes(org.deeplearning4j.nn.conf.inputs.InputType.feedForward(3))
                    .build();
        });
        assertThat(conf)
                .hasVertex(SkipGradient.F).withInputs("x")
                .hasVertex(SkipGradient.ADD).withInputsInAnyOrder(SkipGradient.F, "x");
    }
}
