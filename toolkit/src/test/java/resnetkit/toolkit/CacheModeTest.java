package resnetkit.toolkit;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kit's graphs keep each convolution's forward output for backprop ({@link CacheMode#DEVICE}) instead of
 * computing it again, and that changes no number: the same training steps with and without the cache give
 * bit-identical parameters.
 */
class CacheModeTest {

    /** conv, batch norm, ReLU, a second conv read by an addition: the shape of a residual block. */
    private static ComputationGraphConfiguration block() {
        GraphBuilder g = Graphs.builder(3);
        g.addLayer("conv1", Layers.conv3x3(3, 8, 1), Graphs.INPUT);
        g.addLayer("bn1", Layers.batchNorm(8), "conv1");
        g.addLayer("relu", Layers.relu(), "bn1");
        g.addLayer("conv2", Layers.conv3x3(8, 8, 1), "relu");
        g.addVertex("add", new org.deeplearning4j.nn.conf.graph.ElementWiseVertex(
                org.deeplearning4j.nn.conf.graph.ElementWiseVertex.Op.Add), "conv2", "relu");
        g.addLayer("avgpool", Layers.globalAvgPool(), "add");
        g.addLayer("fc", Layers.softmaxHead(8, 4), "avgpool");
        return Graphs.finish(g, 3, 8, 8, "fc");
    }

    @Test
    void graphsCacheForwardOutputsForBackprop() {
        assertThat(block().getCacheMode()).as("cache mode of a graph from Graphs.builder").isEqualTo(CacheMode.DEVICE);
    }

    @Test
    void theCacheChangesNoNumber() {
        ComputationGraphConfiguration without = block();
        without.setCacheMode(CacheMode.NONE);
        without.getVertices().values().forEach(v -> {
            if (v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex layer) {
                layer.getLayerConf().setCacheMode(CacheMode.NONE);
            }
        });
        ComputationGraph cached = Graphs.init(block());
        ComputationGraph recomputed = Graphs.init(without);
        assertThat(recomputed.params()).isEqualTo(cached.params());
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 3, 8, 8);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 4);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, i % 4, 1);
        }
        for (int step = 0; step < 5; step++) {
            cached.fit(new DataSet(x, y));
            recomputed.fit(new DataSet(x, y));
        }
        assertThat(cached.params()).as("parameters after 5 Adam steps, cached vs recomputed forward outputs")
                .isEqualTo(recomputed.params());
        assertThat(cached.params()).as("the steps changed the parameters").isNotEqualTo(Graphs.init(block()).params());
    }
}
