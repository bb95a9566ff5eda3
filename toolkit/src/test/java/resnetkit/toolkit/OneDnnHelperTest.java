package resnetkit.toolkit;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fast CPU configuration is on wherever the native build has oneDNN: without it every convolution runs as
 * Java im2col + gemm on one core and ResNet-20 trains about 10x slower (DESIGN.md). This test fails if any of
 * its three parts (oneDNN native jar, helpers property, Nd4jCpu compatibility class) goes missing. Where Maven
 * chose a build without oneDNN (macOS, Linux arm64, or {@code -Dnd4j.classifier=linux-x86_64}), the layers run
 * without helpers and the report line says so.
 */
class OneDnnHelperTest {

    /** The native build Maven chose for this machine (the root pom's native-* profiles, or -Dnd4j.classifier). */
    private static final String CHOSEN = System.getProperty("kit.nd4j.classifier", "");

    private static ComputationGraph convAndBatchNorm() {
        GraphBuilder g = Graphs.builder(1);
        g.addLayer("conv1", Layers.conv3x3(3, 8, 1), Graphs.INPUT);
        g.addLayer("bn1", Layers.batchNorm(8), "conv1");
        ComputationGraph net = Graphs.init(Graphs.finish(g, 3, 8, 8, "bn1"));
        assertThat(net.output(Nd4j.rand(DataType.FLOAT, 2, 3, 8, 8))[0].shape()).containsExactly(2, 8, 8, 8);
        return net;
    }

    @Test
    void theNativeBuildOnTheClasspathIsTheOneMavenChose() {
        assumeFalse(CHOSEN.isEmpty(), "run outside Maven: no chosen native build to compare with");
        assertThat(Backend.nativeVariant()).as("native build on the classpath (Maven chose %s)", CHOSEN)
                .isEqualTo(CHOSEN);
    }

    @Test
    void convolutionAndBatchNormUseOneDnnHelpers() {
        assumeTrue(Backend.nativeVariant().endsWith("-onednn"), () -> "native build " + Backend.nativeVariant()
                + " has no oneDNN");
        ComputationGraph net = convAndBatchNorm();
        assertThat(Backend.oneDnnHelpersEnabled()).as("DL4J's oneDNN helper switch").isTrue();
        Object convHelper = ((ConvolutionLayer) net.getLayer("conv1")).getHelper();
        assertThat(convHelper).as("helper of conv1").isNotNull();
        assertThat(convHelper.getClass().getSimpleName()).isEqualTo("MKLDNNConvHelper");
        Object bnHelper = ((BatchNormalization) net.getLayer("bn1")).getHelper();
        assertThat(bnHelper).as("helper of bn1").isNotNull();
        assertThat(bnHelper.getClass().getSimpleName()).isEqualTo("MKLDNNBatchNormHelper");
    }

    /**
     * A build without oneDNN (macOS, Linux arm64, {@code -Dnd4j.classifier=linux-x86_64}): libnd4j still lets DL4J
     * create its "MKLDNN" helpers, which then run libnd4j's generic C++ kernels (measured on linux-x86_64: the same
     * loss as DL4J's Java path to 1e-6, a little faster); the network computes, and the report line says so.
     */
    @Test
    void withoutOneDnnTheLayersComputeAndTheReportSaysSo() {
        assumeFalse(Backend.nativeVariant().endsWith("-onednn"), "the oneDNN build: the test above holds");
        ComputationGraph net = convAndBatchNorm();
        assertThat(net.getLayer("conv1").params().isNaN().any()).as("conv1's weights").isFalse();
        assertThat(Backend.describe()).contains("oneDNN helpers " + (Backend.oneDnnHelpersEnabled()
                ? "on (this native build has no oneDNN" : "OFF"));
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
