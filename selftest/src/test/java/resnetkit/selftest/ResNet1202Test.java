package resnetkit.selftest;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import resnetkit.blocks.ShortcutOption;
import resnetkit.family.ResNets;
import resnetkit.highway.GradientFlow;
import resnetkit.toolkit.Graphs;
import resnetkit.toolkit.ParamCounts;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The chapter's fun fact: a 1202-layer residual net (19.4M parameters) builds and trains without NaN. */
class ResNet1202Test {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void resnet_1202_builds_and_runs_forward_and_backward_on_two_images_without_nan() {
        GraphBuilder g = Graphs.builder(1);
        String out = ResNets.cifar(g, Graphs.INPUT, 1202, 16, 3, 10, ShortcutOption.A_ZERO_PAD);
        ComputationGraph net = Graphs.init(Graphs.finish(g, 3, 32, 32, out));
        assertThat(ParamCounts.trainable(net)).as("trainable parameters of ResNet-1202 (option A)")
                .isEqualTo(19_421_274L);
        Nd4j.getRandom().setSeed(3);
        DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32), Nd4j.eye(10).getRows(0, 1));
        // training mode, as in training: batch norm on batch statistics keeps 600 blocks' sum in range (with the
        // untrained running statistics of inference mode the activations overflow float32)
        double sum = net.feedForward(new org.nd4j.linalg.api.ndarray.INDArray[] {batch.getFeatures()}, true, false)
                .get("fc").sumNumber().doubleValue();
        assertThat(sum).as("softmax rows of the training-mode forward pass sum to 2")
                .isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-3));
        Map<String, Double> norms = GradientFlow.convGradientNorms(net, batch);
        assertThat(norms).as("one gradient norm per convolution").hasSize(1201);
        assertThat(norms.values()).as("gradient norms of ResNet-1202").allMatch(Double::isFinite)
                .anyMatch(v -> v > 0);
    }
}
