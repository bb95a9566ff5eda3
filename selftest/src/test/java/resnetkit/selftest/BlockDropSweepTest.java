package resnetkit.selftest;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import resnetkit.experiments.BlockDropSweep;
import resnetkit.experiments.BlockDropSweep.Kind;
import resnetkit.dropblock.ResidualBlocks;
import resnetkit.dropblock.ReferenceModels;
import resnetkit.experiments.Pretrained;
import resnetkit.experiments.Weights;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep tells block kinds apart by what they do: ResNet-50's layer1.0 projects 64 to 256 channels at
 * stride 1 (projection only, not downsampling); its layer2.0, 3.0 and 4.0 stride; ResNet-20's option-A
 * layer2.0 and layer3.0 stride without a projection.
 */
class BlockDropSweepTest {

    private static Map<String, Kind> kinds(ComputationGraph net) {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (String block : ResidualBlocks.of(net)) {
            kinds.put(block, BlockDropSweep.kind(net, block));
        }
        return kinds;
    }

    @Test
    @Timeout(120)
    void resnet50KindsAreProjectionDownsamplingAndIdentity() {
        Map<String, Kind> kinds = kinds(Pretrained.resnet50(Weights.NONE));
        assertThat(kinds).hasSize(16);
        assertThat(kinds.get("layer1.0")).isEqualTo(Kind.PROJECTION);
        for (String b : new String[] {"layer2.0", "layer3.0", "layer4.0"}) {
            assertThat(kinds.get(b)).as(b).isEqualTo(Kind.DOWNSAMPLING);
        }
        assertThat(kinds.values().stream().filter(k -> k == Kind.IDENTITY)).hasSize(12);
    }

    @Test
    @Timeout(60)
    void resnet20OptionAStridesWithoutProjection() {
        Map<String, Kind> kinds = kinds(ReferenceModels.load(ReferenceModels.RESNET20));
        assertThat(kinds).hasSize(9);
        assertThat(kinds.get("layer1.0")).isEqualTo(Kind.IDENTITY);
        assertThat(kinds.get("layer2.0")).isEqualTo(Kind.DOWNSAMPLING);
        assertThat(kinds.get("layer3.0")).isEqualTo(Kind.DOWNSAMPLING);
        assertThat(kinds.values().stream().filter(k -> k == Kind.IDENTITY)).hasSize(7);
    }
}
