package resnetkit.selftest;

import org.junit.jupiter.api.Test;
import resnetkit.grader.oracle.Oracle;
import resnetkit.grader.oracle.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The grader's oracle on cases small enough to compute by hand: it checks the solutions, so it is checked here. */
class OracleTest {

    static Tensor t(int n, int c, int h, int w, double... v) {
        return new Tensor(n, c, h, w, v);
    }

    @Test
    void convolution_is_cross_correlation_with_zero_padding_and_stride() {
        Tensor x = t(1, 1, 3, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        Tensor k = t(1, 1, 2, 2, 1, 0, 0, -1); // x[y][x] - x[y+1][x+1]
        assertThat(Oracle.conv2d(x, k, null, 1, 0).data).containsExactly(-4, -4, -4, -4);
        // padding 1, stride 2 on 3x3 with a 3x3 all-ones kernel: sums of the clipped windows at the corners
        Tensor ones = t(1, 1, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        assertThat(Oracle.conv2d(x, ones, new double[] {0.5}, 2, 1).data).containsExactly(12.5, 16.5, 24.5, 28.5);
    }

    @Test
    void batch_norm_in_both_modes() {
        Tensor x = t(2, 1, 1, 1, 1, 3);
        assertThat(Oracle.batchNorm(x, new double[] {2}, new double[] {1}, new double[] {1}, new double[] {4}, 0).data)
                .containsExactly(1, 3); // 2 * (x - 1) / 2 + 1
        double[] y = Oracle.batchNormTraining(x, new double[] {1}, new double[] {0}, 0).data;
        assertThat(y[0]).isCloseTo(-1, within(1e-12)); // mean 2, biased variance 1
        assertThat(y[1]).isCloseTo(1, within(1e-12));
    }

    @Test
    void pooling_relu_add_and_the_option_a_shortcut() {
        Tensor x = t(1, 1, 2, 2, -1, 2, 3, -4);
        assertThat(Oracle.relu(x).data).containsExactly(0, 2, 3, 0);
        assertThat(Oracle.add(x, x).data).containsExactly(-2, 4, 6, -8);
        assertThat(Oracle.maxPool(x, 3, 2, 1).data).containsExactly(3);
        assertThat(Oracle.globalAvgPool(x).data).containsExactly(0);
        Tensor padded = Oracle.subsampleAndZeroPad(x, 2, 2);
        assertThat(padded.shape()).containsExactly(1, 2, 1, 1);
        assertThat(padded.data).containsExactly(-1, 0);
    }

    @Test
    void softmax_head_and_relative_error() {
        Tensor in = t(1, 2, 1, 1, 1, 0);
        double[] p = Oracle.denseSoftmax(in, new double[][] {{0, Math.log(3)}, {5, 5}}, new double[] {0, 0}).data;
        assertThat(p[0]).isCloseTo(0.25, within(1e-12));
        assertThat(p[1]).isCloseTo(0.75, within(1e-12));
        assertThat(Oracle.relativeError(new double[] {1, 0}, new double[] {1, 0})).isZero();
        assertThat(Oracle.relativeError(new double[] {1}, new double[] {3})).isEqualTo(0.5);
        assertThat(Oracle.relativeError(new double[] {Double.NaN}, new double[] {1})).isInfinite();
    }
}
