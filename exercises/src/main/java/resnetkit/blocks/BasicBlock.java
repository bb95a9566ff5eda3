package resnetkit.blocks;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import resnetkit.toolkit.Layers;

import static resnetkit.toolkit.Graphs.name;

/**
 * Exercise 20.2.1 (part 2 of 2): the basic residual block of ResNet-18/34 and of the CIFAR ResNets.
 *
 * <pre>
 *   x ──► conv3x3(stride) ─► BN ─► ReLU ─► conv3x3 ─► BN ──► (+) ─► ReLU ─► y
 *   │                                                        ▲
 *   └──────────────────── shortcut (identity or projection) ─┘
 * </pre>
 * The ReLU comes after the addition (the paper's original block), so with a zeroed last BN the block
 * returns ReLU(x): x itself for the non-negative x a previous ReLU produces.
 */
public final class BasicBlock {

    /** Output channels = planes x EXPANSION: a basic block keeps its width. */
    public static final int EXPANSION = 1;

    private BasicBlock() {
    }

    /**
     * Adds one basic block reading {@code input} [N, inChannels, H, W] and returns its output vertex,
     * [N, planes, ceil(H/stride), ceil(W/stride)].
     *
     * <p>Vertices, each named {@code <block>.<leaf>} ({@code block = "layer2.0"} gives {@code layer2.0.conv1}):
     * <ol>
     *   <li>{@code conv1}: 3x3 convolution inChannels to planes, stride {@code stride}, no bias
     *       ({@link Layers#conv3x3}); {@code bn1} ({@link Layers#batchNorm}); {@code relu1}
     *       ({@link Layers#relu});</li>
     *   <li>{@code conv2}: 3x3 convolution planes to planes, stride 1, no bias; {@code bn2};</li>
     *   <li>the shortcut: {@link Shortcut#build} with {@code option} (reads {@code input});</li>
     *   <li>{@code add}: {@code new ElementWiseVertex(ElementWiseVertex.Op.Add)} reading {@code bn2} and the
     *       shortcut; {@code relu}: ReLU after the addition. Return {@code "<block>.relu"}.</li>
     * </ol>
     * With {@link ShortcutOption#NONE_PLAIN} the block is "plain": no shortcut, no {@code add}, and
     * {@code relu} reads {@code bn2} directly. About 14 lines.
     *
     * @param g          the graph being built
     * @param block      name prefix, e.g. {@code "layer1.0"}
     * @param input      the vertex this block reads
     * @param inChannels channels of {@code input}
     * @param planes     output channels
     * @param stride     1, or 2 for the first block of a downsampling stage
     * @param option     the shortcut to use when the shape changes, or NONE_PLAIN
     * @return {@code "<block>.relu"}
     */
    public static String build(GraphBuilder g, String block, String input, int inChannels, int planes, int stride,
                               ShortcutOption option) {
        // >>> YOUR CODE: Exercise 20.2.1 BasicBlock.build (about 14 lines)
        throw new resnetkit.toolkit.NotWrittenYet(
                "Exercise 20.2.1 BasicBlock.build (about 14 lines)");
        // <<< YOUR CODE
    }

    /** A block with torchvision's projection shortcut (option B). */
    public static String build(GraphBuilder g, String block, String input, int inChannels, int planes, int stride) {
        return build(g, block, input, inChannels, planes, stride, ShortcutOption.B_PROJECTION);
    }
}
