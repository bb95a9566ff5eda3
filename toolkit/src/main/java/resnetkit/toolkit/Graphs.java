package resnetkit.toolkit;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Starting and finishing a {@link ComputationGraph}, so exercises only add their own vertices.
 *
 * <p>Every graph has one input vertex, {@link #INPUT}. Blocks take the name of the vertex they read and
 * return the name of the vertex they produce; vertex names follow torchvision's state dict
 * ({@code layer2.0.conv1}) and are part of the kit's API.
 */
public final class Graphs {

    /** The name of every graph's input vertex. */
    public static final String INPUT = "input";

    private Graphs() {
    }

    /** A graph builder with input {@link #INPUT}, He initialisation, the given seed, data type and updater. */
    public static GraphBuilder builder(long seed, DataType dataType, IUpdater updater) {
        return builder(seed, dataType, updater, 0.0);
    }

    /** As {@link #builder(long, DataType, IUpdater)}, with decoupled weight decay on the weights (not biases). */
    public static GraphBuilder builder(long seed, DataType dataType, IUpdater updater, double weightDecay) {
        Backend.init();
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                // DL4J 1.0.0-M2.1's ConvolutionLayer computes its forward output a second time in backprop unless
                // a cache mode keeps it: the same numbers, ResNet-20 trains about 14 % faster (docs/benchmarks.md)
                .cacheMode(CacheMode.DEVICE)
                .seed(seed)
                .dataType(dataType)
                .updater(updater)
                .weightInit(WeightInit.RELU);
        if (weightDecay > 0) {
            b.weightDecay(weightDecay);
        }
        return b.graphBuilder().addInputs(INPUT);
    }

    /** Float32, Adam 1e-3: the kit's default for training. */
    public static GraphBuilder builder(long seed) {
        return builder(seed, DataType.FLOAT, new Adam(1e-3));
    }

    /** Join a block prefix and a leaf name: {@code name("layer1.0", "conv1")} is {@code "layer1.0.conv1"}. */
    public static String name(String prefix, String leaf) {
        return prefix.isEmpty() ? leaf : prefix + "." + leaf;
    }

    /** Declares the input shape [N, channels, height, width] and the outputs, then builds the configuration. */
    public static ComputationGraphConfiguration finish(GraphBuilder g, int channels, int height, int width,
                                                       String... outputs) {
        return g.setInputTypes(InputType.convolutional(height, width, channels))
                .setOutputs(outputs)
                .build();
    }

    /** Builds and initialises a network from {@link #finish}. */
    public static ComputationGraph init(ComputationGraphConfiguration conf) {
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }
}
