package resnetkit.experiments;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import resnetkit.blocks.BlockOptions;
import resnetkit.blocks.ShortcutOption;
import resnetkit.family.ResNets;
import resnetkit.family.Variant;
import resnetkit.toolkit.Graphs;

/** Whole-network configurations built by the exercises' {@link ResNets}, for the experiments and benchmarks. */
public final class ResNetConfigs {

    private ResNetConfigs() {
    }

    /** A float32 ImageNet ResNet for 224x224 RGB input, Adam 1e-3, torchvision's choices. */
    public static ComputationGraphConfiguration imagenet(Variant variant, int numClasses, long seed) {
        GraphBuilder g = Graphs.builder(seed, DataType.FLOAT, new Adam(1e-3));
        String out = ResNets.imagenet(g, Graphs.INPUT, variant, 3, numClasses, BlockOptions.TORCHVISION);
        return Graphs.finish(g, 3, 224, 224, out);
    }

    /** A float32 CIFAR net of the paper (width 16) for 32x32 RGB input and 10 classes, Adam 1e-3. */
    public static ComputationGraphConfiguration cifar(int depth, ShortcutOption option, long seed) {
        GraphBuilder g = Graphs.builder(seed, DataType.FLOAT, new Adam(1e-3));
        String out = ResNets.cifar(g, Graphs.INPUT, depth, ResNets.CIFAR_WIDTH, 3, 10, option);
        return Graphs.finish(g, 3, 32, 32, out);
    }
}
