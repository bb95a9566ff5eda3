package resnetkit.toolkit;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ParamCountsTest {

    /** conv 3x3 3->8 without bias (216), BN over 8 (16 trainable + 16 running statistics), fc 8->10 (90). */
    private static ComputationGraphConfiguration tiny() {
        GraphBuilder g = Graphs.builder(1);
        g.addLayer("conv1", Layers.conv3x3(3, 8, 1), Graphs.INPUT);
        g.addLayer("bn1", Layers.batchNorm(8), "conv1");
        g.addLayer("avgpool", Layers.globalAvgPool(), "bn1");
        g.addLayer("fc", Layers.softmaxHead(8, 10), "avgpool");
        return Graphs.finish(g, 3, 8, 8, "fc");
    }

    @Test
    void trainableExcludesRunningStatisticsWhileNumParamsIncludesThem() {
        ComputationGraph net = Graphs.init(tiny());
        assertThat(ParamCounts.trainable(net)).isEqualTo(216 + 16 + 90);
        assertThat(net.numParams()).isEqualTo(216 + 32 + 90);
        assertThat(ParamCounts.trainable(tiny())).isEqualTo(ParamCounts.trainable(net));
        assertThat(ParamCounts.trainableUnder(net, "bn1")).isEqualTo(16);
    }

    @Test
    void weightsMoveByName() {
        ComputationGraph a = Graphs.init(tiny());
        ComputationGraph b = Graphs.init(tiny());
        b.params().assign(0);
        Weights.copyByName(a, b);
        assertThat(b.params().equalsWithEps(a.params(), 0)).isTrue();
    }
}
