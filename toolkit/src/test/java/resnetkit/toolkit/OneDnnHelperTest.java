package resnetkit.toolkit;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast CPU configuration is on: without it every convolution runs as Java im2col + gemm on one
 * core and ResNet-20 trains about 10x slower (DESIGN.md). This test fails if any of its three parts
 * (oneDNN native jar, helpers property, Nd4jCpu compatibility class) goes missing.
 */
class OneDnnHelperTest {

    @Test
    void convolutionAndBatchNormUseOneDnnHelpers() {
        GraphBuilder g = Graphs.builder(1);
        g.addLayer("conv1", Layers.conv3x3(3, 8, 1), Graphs.INPUT);
        g.addLayer("bn1", Layers.batchNorm(8), "conv1");
        ComputationGraph net = Graphs.init(Graphs.finish(g, 3, 8, 8, "bn1"));
        net.output(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 8, 8));

        assertThat(Backend.nativeVariant()).as("native build on the classpath").endsWith("-onednn");
        assertThat(Backend.oneDnnHelpersEnabled()).as("DL4J's oneDNN helper switch").isTrue();
        Object convHelper = ((ConvolutionLayer) net.getLayer("conv1")).getHelper();
        assertThat(convHelper).as("helper of conv1").isNotNull();
        assertThat(convHelper.getClass().getSimpleName()).isEqualTo("MKLDNNConvHelper");
        Object bnHelper = ((BatchNormalization) net.getLayer("bn1")).getHelper();
        assertThat(bnHelper).as("helper of bn1").isNotNull();
        assertThat(bnHelper.getClass().getSimpleName()).isEqualTo("MKLDNNBatchNormHelper");
    }

    @Test
    void describeNamesBackendVariantAndThreads() {
        assertThat(Backend.describe())
                .contains("backend CPU")
                .contains(Backend.nativeVariant())
                .contains("threads " + Backend.threads())
                .contains("oneDNN helpers on");
    }
}
