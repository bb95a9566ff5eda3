package resnetkit.blocks;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import resnetkit.toolkit.Layers;

import static resnetkit.toolkit.Graphs.name;

/**
 * Exercise 20.2.1 (part 1 of 2): the shortcut branch of a residual block, the "+ x" of y = F(x) + x.
 *
 * <p>The shortcut is the identity whenever it can be: then it adds no parameter and no computation, and
 * the gradient passes through it unchanged. It must change only when F(x) and x have different shapes,
 * that is when the block strides or changes the channel count.
 */
public final class Shortcut {

    private Shortcut() {
    }

    /**
     * Whether the shortcut needs a projection: the block's output shape differs from its input shape.
     *
     * @param inChannels  channels C of the block input [N, C, H, W]
     * @param outChannels channels of the block output
     * @param stride      1 or 2
     * @return true when {@code stride != 1} or {@code inChannels != outChannels}
     */
    public static boolean needsProjection(int inChannels, int outChannels, int stride) {
        // >>> YOUR CODE: Exercise 20.2.1 Shortcut.needsProjection (1 line)
        throw new resnetkit.toolkit.NotWrittenYet(
                "Exercise 20.2.1 Shortcut.needsProjection (1 line)");
        // <<< YOUR CODE
    }

    /**
     * Adds the shortcut of block {@code block} (option B: projection) and returns the vertex the block's
     * Add vertex must read.
     *
     * <p>Identity (no {@link #needsProjection projection} needed): adds nothing and returns {@code input}.
     * Otherwise adds, reading {@code input} [N, inChannels, H, W]:
     * <ul>
     *   <li>{@code <block>.downsample.conv}: 1x1 convolution, inChannels to outChannels, stride
     *       {@code stride}, no bias ({@link Layers#conv1x1});</li>
     *   <li>{@code <block>.downsample.bn}: batch norm over outChannels ({@link Layers#batchNorm});</li>
     * </ul>
     * and returns {@code "<block>.downsample.bn"}, of shape [N, outChannels, ceil(H/stride), ceil(W/stride)].
     * About 6 lines.
     *
     * @param g           the graph being built
     * @param block       the block's name prefix, e.g. {@code "layer2.0"}
     * @param input       the vertex the block reads (its input x)
     * @param inChannels  channels of {@code input}
     * @param outChannels channels of the block's output F(x)
     * @param stride      1 or 2
     * @return {@code input} itself, or {@code "<block>.downsample.bn"}
     */
    public static String projection(GraphBuilder g, String block, String input, int inChannels, int outChannels,
                                    int stride) {
        // >>> YOUR CODE: Exercise 20.2.1 Shortcut.projection (about 6 lines)
        throw new resnetkit.toolkit.NotWrittenYet(
                "Exercise 20.2.1 Shortcut.projection (about 6 lines)");
        // <<< YOUR CODE
    }

    /**
     * The shortcut {@code option} asks for: {@link #projection} for B, {@link ZeroPadShortcut#build} (given) for A.
     *
     * @throws IllegalArgumentException for {@link ShortcutOption#NONE_PLAIN}, which has no shortcut
     */
    public static String build(GraphBuilder g, String block, String input, int inChannels, int outChannels,
                               int stride, ShortcutOption option) {
        return switch (option) {
            case B_PROJECTION -> projection(g, block, input, inChannels, outChannels, stride);
            case A_ZERO_PAD -> ZeroPadShortcut.build(g, block, input, inChannels, outChannels, stride);
            case NONE_PLAIN -> throw new IllegalArgumentException("a plain block has no shortcut: " + block);
        };
    }
}
