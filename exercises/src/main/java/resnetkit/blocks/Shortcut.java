package resnetkit.blocks;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
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
        throw new UnsupportedOperationException(
                "Exercise 20.2.1 Shortcut.needsProjection (1 line): not written yet (fill in the YOUR CODE block)");
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
        throw new UnsupportedOperationException(
                "Exercise 20.2.1 Shortcut.projection (about 6 lines): not written yet (fill in the YOUR CODE block)");
        // <<< YOUR CODE
    }

    /**
     * Option A of the paper, given: a parameter-free shortcut for CIFAR nets. Identity when the shape is
     * unchanged; otherwise {@code <block>.downsample.subsample} keeps every second pixel (stride 2, a 1x1
     * max pool), {@code <block>.downsample.zeros} is a copy scaled by 0 and {@code <block>.downsample.pad}
     * concatenates the two: the channel count doubles, the new channels are zero. CIFAR nets double their
     * width at every downsampling stage, so option A needs {@code outChannels} to be {@code inChannels} or
     * {@code 2 * inChannels}.
     *
     * @return the vertex the block's Add vertex must read
     */
    public static String zeroPad(GraphBuilder g, String block, String input, int inChannels, int outChannels,
                                 int stride) {
        Layers.requireStride(stride);
        if (outChannels != inChannels && outChannels != 2 * inChannels) {
            throw new IllegalArgumentException("option A pads with as many zero channels as the input has: it needs"
                    + " outChannels = inChannels or 2 * inChannels, was " + inChannels + " -> " + outChannels
                    + " (use option B for other widths)");
        }
        String out = input;
        if (stride != 1) {
            out = name(block, "downsample.subsample");
            g.addLayer(out, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(1, 1).stride(stride, stride)
                    .build(), input);
        }
        if (outChannels != inChannels) {
            String zeros = name(block, "downsample.zeros");
            g.addVertex(zeros, new ScaleVertex(0.0), out);
            String pad = name(block, "downsample.pad");
            g.addVertex(pad, new MergeVertex(), out, zeros);
            out = pad;
        }
        return out;
    }

    /**
     * The shortcut {@code option} asks for: {@link #projection} for B, {@link #zeroPad} for A.
     *
     * @throws IllegalArgumentException for {@link ShortcutOption#NONE_PLAIN}, which has no shortcut
     */
    public static String build(GraphBuilder g, String block, String input, int inChannels, int outChannels,
                               int stride, ShortcutOption option) {
        return switch (option) {
            case B_PROJECTION -> projection(g, block, input, inChannels, outChannels, stride);
            case A_ZERO_PAD -> zeroPad(g, block, input, inChannels, outChannels, stride);
            case NONE_PLAIN -> throw new IllegalArgumentException("a plain block has no shortcut: " + block);
        };
    }
}
