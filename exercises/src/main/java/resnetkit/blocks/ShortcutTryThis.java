package resnetkit.blocks;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import resnetkit.toolkit.Graphs;
import resnetkit.toolkit.ParamCounts;

/**
 * Exercise 20.2.2, "Try This": watch the shortcut appear and vanish.
 *
 * <p>Build one {@link BasicBlock} named {@link #BLOCK} with a projection shortcut and inspect it. For
 * (in 64, out 64, stride 1) the shortcut is the identity: no layer, no parameter. For (64, 64, 2) and
 * (64, 128, 1) it is a 1x1 convolution plus a batch norm: two parameterised layers. On a
 * [1, 64, 56, 56] input the three blocks output [1, 64, 56, 56], [1, 64, 28, 28] and [1, 128, 56, 56].
 */
public final class ShortcutTryThis {

    /** The name prefix of the one block these experiments build. */
    public static final String BLOCK = "block";

    private ShortcutTryThis() {
    }

    /**
     * Builds a network holding one basic block ({@link BasicBlock#build(GraphBuilder, String, String, int, int,
     * int)}, named {@link #BLOCK}) on a [1, inChannels, side, side] input, and counts the layers of its
     * shortcut that hold trainable parameters: the vertices named {@code block.downsample.*} with at least one
     * parameter ({@link ParamCounts#trainableUnder} helps). About 8 lines. (An answer worked out without the
     * network gives the same numbers when BasicBlock is right, and is graded the same.)
     *
     * @return 0 for an identity shortcut, 2 for a projection (1x1 conv + BN)
     */
    public static int parameterisedShortcutLayers(int inChannels, int outChannels, int stride, int side) {
        // >>> YOUR CODE: Exercise 20.2.2 ShortcutTryThis.parameterisedShortcutLayers (about 8 lines)
        throw new resnetkit.toolkit.NotWrittenYet(
                "Exercise 20.2.2 ShortcutTryThis.parameterisedShortcutLayers (about 8 lines)");
        // <<< YOUR CODE
    }

    /**
     * Runs the same one-block network forward on a [1, inChannels, side, side] input and returns the
     * output's shape. About 4 lines. (Worked out without running the network, the same.)
     *
     * @return e.g. {@code {1, 64, 28, 28}} for (64, 64, stride 2, side 56)
     */
    public static long[] outputShape(int inChannels, int outChannels, int stride, int side) {
        // >>> YOUR CODE: Exercise 20.2.2 ShortcutTryThis.outputShape (about 4 lines)
        throw new resnetkit.toolkit.NotWrittenYet(
                "Exercise 20.2.2 ShortcutTryThis.outputShape (about 4 lines)");
        // <<< YOUR CODE
    }

    /** Given: a network of one basic block named {@link #BLOCK}, projection shortcut, output = its ReLU. */
    public static ComputationGraph oneBlock(int inChannels, int outChannels, int stride, int side) {
        GraphBuilder g = Graphs.builder(42);
        String out = BasicBlock.build(g, BLOCK, Graphs.INPUT, inChannels, outChannels, stride);
        return Graphs.init(Graphs.finish(g, inChannels, side, side, out));
    }
}
