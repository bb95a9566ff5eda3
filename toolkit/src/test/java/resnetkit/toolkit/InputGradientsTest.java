package resnetkit.toolkit;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;

/** InputGradients returns DL4J's dL/dx for L = sum(dLdy * f(x)), checked where the answer is known. */
class InputGradientsTest {

    @Test
    void a_linear_layer_gives_the_upstream_gradient_times_the_transposed_weights() {
        Nd4j.getRandom().setSeed(1);
        INDArray w = Nd4j.rand(DataType.DOUBLE, 3, 2).subi(0.5);     // DL4J's dense: y = x W, W is [in, out]
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 3);
        INDArray dLdy = Nd4j.rand(DataType.DOUBLE, 4, 2).subi(0.5);
        INDArray grad = InputGradients.of((g, in) -> {
            g.addLayer("f", new DenseLayer.Builder().nIn(3).nOut(2).hasBias(false)
                    .activation(Activation.IDENTITY).build(), in);
            return "f";
        }, x, dLdy, net -> net.setParam("f_W", w));
        assertThat(grad.shape()).containsExactly(4, 3);
        assertThat(grad.equalsWithEps(dLdy.mmul(w.transpose()), 1e-12)).as("dL/dx = dLdy W^T, got %s", grad).isTrue();
    }

    @Test
    void a_relu_on_images_passes_the_upstream_gradient_where_the_input_is_positive() {
        Nd4j.getRandom().setSeed(2);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 2, 3, 3).subi(0.5);
        INDArray dLdy = Nd4j.rand(DataType.DOUBLE, 2, 2, 3, 3);
        INDArray grad = InputGradients.of((g, in) -> {
            g.addLayer("r", Layers.relu(), in);
            return "r";
        }, x, dLdy, net -> { });
        INDArray expected = dLdy.mul(x.gt(0).castTo(DataType.DOUBLE));
        assertThat(grad.equalsWithEps(expected, 1e-12)).as("got %s", grad).isTrue();
    }

    @Test
    void the_loss_layer_has_the_width_of_its_input() {
        // a LossLayer left at nOut 0 types its output as feedForward(0), and DL4J then logs "Assigning a size of
        // zero. This is normally only valid in model import cases" into the output of S3.1's graded tests
        InputType out = InputGradients.denseLoss(5).getOutputType(0, InputType.feedForward(5));
        assertThat(out.arrayElementsPerExample()).as("the loss layer's output size").isEqualTo(5);
    }
}
