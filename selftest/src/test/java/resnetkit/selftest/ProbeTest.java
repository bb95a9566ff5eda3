package resnetkit.selftest;

import org.junit.jupiter.api.Test;
import resnetkit.grader.oracle.Tensor;
import resnetkit.grader.support.Probe;
import resnetkit.toolkit.Layers;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe's input gradient is DL4J's true d(sum y)/dx: checked where the answer is known. */
class ProbeTest {

    @Test
    void gradient_of_the_sum_of_a_relu_is_the_indicator_of_positive_inputs_for_every_example() {
        Tensor x = Probe.randomInput(3, 2, 4, 1);
        Tensor grad = Probe.gradientOfSum("relu", (g, in) -> {
            g.addLayer("r", Layers.relu(), in);
            return "r";
        }, x, net -> { });
        for (int i = 0; i < x.data.length; i++) {
            assertThat(grad.data[i]).as("element %d, x = %f", i, x.data[i]).isEqualTo(x.data[i] > 0 ? 1.0 : 0.0);
        }
    }

    @Test
    void gradient_of_the_sum_of_a_convolution_is_the_sum_of_its_weights_where_every_window_fits() {
        Tensor x = Probe.randomInput(1, 1, 5, 2);
        double[] weightSum = new double[1];
        Tensor grad = Probe.gradientOfSum("conv", (g, in) -> {
            g.addLayer("c", Layers.conv3x3(1, 1, 1), in);
            return "c";
        }, x, net -> weightSum[0] = net.getParam("c_W").sumNumber().doubleValue());
        // the centre pixel of a 5x5 input is seen by all nine kernel positions
        assertThat(grad.get(0, 0, 2, 2)).isCloseTo(weightSum[0], org.assertj.core.data.Offset.offset(1e-12));
    }
}
