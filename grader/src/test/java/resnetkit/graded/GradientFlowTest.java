package resnetkit.graded;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import resnetkit.grader.api.Exercise;
import resnetkit.grader.api.Figures;
import resnetkit.grader.api.Points;
import resnetkit.grader.scoring.Figure;
import resnetkit.grader.support.Student;
import resnetkit.highway.GradientFlow;
import resnetkit.toolkit.Graphs;
import resnetkit.toolkit.Layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import static resnetkit.grader.support.KitAssertions.assertThat;

/**
 * Section 3, visible part: properties of the gradient norms on a small plain net of two convolutions that the
 * grader builds from toolkit layers (no residual block, so no answer to 20.2.x). The norms' exact values, the
 * forward order inside residual blocks and the depth comparison are graded by hidden tests.
 */
@Exercise(id = "S3.3", title = "Depth and gradient flow")
class GradientFlowTest {

    /** conv1 -> norm -> act -> conv2 -> act2 -> avgpool -> fc, on 1 x 6 x 6 inputs, 3 classes. */
    static ComputationGraph twoConvolutions() {
        return twoConvolutions("conv1", "conv2");
    }

    /** The same net, its convolutions named {@code first} and {@code second}. */
    static ComputationGraph twoConvolutions(String first, String second) {
        GraphBuilder g = Graphs.builder(7);
        g.addLayer(first, Layers.conv3x3(1, 2, 1), Graphs.INPUT);
        g.addLayer("norm", Layers.batchNorm(2), first);
        g.addLayer("act", Layers.relu(), "norm");
        g.addLayer(second, Layers.conv3x3(2, 3, 1), "act");
        g.addLayer("act2", Layers.relu(), second);
        g.addLayer("avgpool", Layers.globalAvgPool(), "act2");
        g.addLayer("fc", Layers.softmaxHead(3, 3), "avgpool");
        return Graphs.init(Graphs.finish(g, 1, 6, 6, "fc"));
    }

    static DataSet batch() {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 1, 6, 6).subi(0.5);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 4, 3);
        for (int i = 0; i < 4; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        return new DataSet(x, y);
    }

    @Test
    @Timeout(60)
    @Points(1)
    void one_norm_per_convolution_in_forward_order_zero_exactly_when_no_gradient_reaches_them() {
        ComputationGraph net = twoConvolutions();
        INDArray before = net.params().dup();
        LinkedHashMap<String, Double> norms = Student.call("GradientFlow.convGradientNorms",
                () -> GradientFlow.convGradientNorms(net, batch()));
        assertThat(norms).as("gradient norms").isNotNull();
        Figures.record(new Figure(Figure.Kind.BARS, "||dL/dW|| of each convolution, your convGradientNorms",
                "convolution, input side first (a plain net of two)", "gradient norm",
                List.of(new Figure.Series("two-conv plain net", List.of("conv1", "conv2"),
                        new double[] {orNaN(norms.get("conv1")), orNaN(norms.get("conv2"))}))));
        assertThat(new ArrayList<>(norms.keySet())).as("one entry per convolution, the input side first")
                .containsExactly("conv1", "conv2");
        assertThat(norms.values()).as("||dL/dW|| of each convolution at random weights").allSatisfy(v ->
                assertThat(v).isFinite().isPositive());
        assertThat(net.params().equals(before)).as("convGradientNorms leaves the weights as they were (one"
                + " backward pass, no update)").isTrue();
        ComputationGraph named = twoConvolutions("stem", "body");
        assertThat(new ArrayList<>(Student.call("GradientFlow.convGradientNorms",
                () -> GradientFlow.convGradientNorms(named, batch())).keySet())).as("forward order whatever the names:"
                + " stem, then body (the net's topological order, not the names' order)").containsExactly("stem", "body");

        // with the classifier's weights at 0 the loss does not depend on any convolution: every norm is 0
        ComputationGraph cut = twoConvolutions();
        cut.getParam("fc_W").assign(0);
        List<Double> zero = new ArrayList<>(Student.call("GradientFlow.convGradientNorms",
                () -> GradientFlow.convGradientNorms(cut, batch())).values());
        assertThat(zero).as("gradient norms when the fc weights are 0 (no gradient reaches the convolutions):"
                + " the norms of dL/dW, not of the weights W").containsExactly(0.0, 0.0);
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }
}
