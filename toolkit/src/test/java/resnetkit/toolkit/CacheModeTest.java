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

    /**
     * Two convolution branches, each with a batch norm and a ReLU, concatenated and read by a third convolution:
     * a graph whose convolutions keep a forward output for backprop. It is deliberately no residual block (no
     * addition, no shortcut, none of the contract's vertex names): the cache mode is a property of
     * {@link Graphs#builder}, not of any exercise's block.
     */
    private static ComputationGraphConfiguration block() {
        GraphBuilder g = Graphs.builder(3);
        g.addLayer("left", Layers.conv3x3(3, 4, 1), Graphs.INPUT);
        g.addLayer("left_norm", Layers.batchNorm(4), "left");
        g.addLayer("left_act", Layers.relu(), "left_norm");
        g.addLayer("right", Layers.conv1x1(3, 4, 1), Graphs.INPUT);
        g.addLayer("right_norm", Layers.batchNorm(4), "right");
        g.addLayer("right_act", Layers.relu(), "right_norm");
        g.addVertex("both", new org.deeplearning4j.nn.conf.graph.MergeVertex(), "left_act", "right_act");
        g.addLayer("mix", Layers.conv3x3(8, 8, 1), "both");
        g.addLayer("pool", Layers.globalAvgPool(), "mix");
        g.addLayer("out", Layers.softmaxHead(8, 4), "pool");
        return Graphs.finish(g, 3, 8, 8, "out");
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
