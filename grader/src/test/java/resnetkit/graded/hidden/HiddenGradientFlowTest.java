package resnetkit.graded.hidden;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import resnetkit.datasets.FashionMnist;
import resnetkit.datasets.Split;
import resnetkit.grader.api.Exercise;
import resnetkit.grader.api.Hidden;
import resnetkit.grader.api.Points;
import resnetkit.grader.support.Student;
import resnetkit.highway.GradientFlow;
import resnetkit.toolkit.Graphs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static resnetkit.grader.support.KitAssertions.assertThat;


/**
 * Section 3: how much gradient reaches the first layers at initialisation. Measured on the grader's own
 * CIFAR-style nets (width 8, projection shortcuts) with a batch of 8 Fashion-MNIST images, over 6 weight
 * seeds: the ratio ||dL/dW(conv1)|| / ||dL/dW(last conv)|| was 2.8-9.8 for plain-20, 546-4,470 for plain-56,
 * 0.6-2.5 for ResNet-20 and 5-34 for ResNet-56. With batch norm the plain net's gradient does not vanish
 * toward the input here: it grows exponentially with depth, a distortion the skip connections prevent.
 * Hidden because it grades on the grader's own {@link ReferenceNets} (answers to Exercises 20.2.1 and 20.2.3)
 * and computes the expected norms as the exercise asks (an answer to S3.3).
 */
@Hidden
@Exercise(id = "S3.3", title = "Depth and gradient flow")
class HiddenGradientFlowTest {

    static DataSet batch;

    @BeforeAll
    static void loadBatch() {
        DataSet all = FashionMnist.load(Split.TRAIN, FashionMnist.Options.defaults().firstPerClass(1));
        batch = new DataSet(all.getFeatures().get(NDArrayIndex.interval(0, 8)),
                all.getLabels().get(NDArrayIndex.interval(0, 8)));
    }

    static ComputationGraph net(int depth, boolean residual) {
        GraphBuilder g = Graphs.builder(1);
        String out = ReferenceNets.cifar(g, Graphs.INPUT, depth, 8, 1, 10, residual);
        return Graphs.init(Graphs.finish(g, 1, 28, 28, out));
    }

    static List<Double> norms(ComputationGraph net) {
        Map<String, Double> norms = Student.call("GradientFlow.convGradientNorms",
                () -> GradientFlow.convGradientNorms(net, batch.copy()));
        assertThat(norms).as("gradient norms").isNotEmpty();
        return new ArrayList<>(norms.values());
    }

    @Test
    @Timeout(120)
    @Points(2)
    void norms_are_the_gradients_of_every_convolution_in_forward_order() {
        ComputationGraph net = net(8, true);
        LinkedHashMap<String, Double> norms = Student.call("GradientFlow.convGradientNorms",
                () -> GradientFlow.convGradientNorms(net, batch.copy()));
        List<String> convs = net.getConfiguration().getVertices().entrySet().stream()
                .filter(e -> e.getValue() instanceof LayerVertex lv
                        && lv.getLayerConf().getLayer() instanceof ConvolutionLayer)
                .map(Map.Entry::getKey).sorted().toList();
        assertThat(norms.keySet()).as("one norm per convolution").containsExactlyInAnyOrderElementsOf(convs);
        List<String> order = new ArrayList<>(norms.keySet());
        assertThat(order.get(0)).as("the first entry is the stem convolution").isEqualTo("conv1");
        assertThat(order.indexOf("layer1.0.conv1")).as("forward order within a block")
                .isLessThan(order.indexOf("layer1.0.conv2"));
        assertThat(order.indexOf("layer2.0.conv2")).as("forward order across stages")
                .isLessThan(order.indexOf("layer3.0.conv1"));
        // the grader's own backward pass on the same batch and weights
        net.setInputs(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        for (String conv : convs) {
            double expected = net.gradient().getGradientFor(conv + "_W").norm2Number().doubleValue();
            assertThat(norms.get(conv)).as("||dL/dW|| of %s (the gradient's norm, not the weights')", conv)
                    .isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1e-3));
        }
    }

    @Test
    @Timeout(300)
    @Points(2)
    void the_plain_56_distorts_the_gradient_reaching_conv1_far_more_than_resnet_56() {
        double plain20 = firstOverLast(norms(net(20, false)));
        double plain56 = firstOverLast(norms(net(56, false)));
        double res56 = firstOverLast(norms(net(56, true)));
        // smallest measured factors over 6 seeds: 122 and 53; the margins are 6x and 5x below them
        assertThat(plain56 / plain20).as("plain-56's first/last gradient ratio (%.3g) over plain-20's (%.3g)",
                plain56, plain20).isGreaterThan(20);
        assertThat(plain56 / res56).as("plain-56's first/last gradient ratio (%.3g) over ResNet-56's (%.3g)",
                plain56, res56).isGreaterThan(10);
    }

    static double firstOverLast(List<Double> norms) {
        assertThat(norms).as("gradient norms").allMatch(Double::isFinite);
        return norms.get(0) / norms.get(norms.size() - 1);
    }
}
