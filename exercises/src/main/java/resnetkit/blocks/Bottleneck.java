package resnetkit.blocks;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import resnetkit.toolkit.Layers;

import static resnetkit.toolkit.Graphs.name;

/**
 * Exercise 20.2.3: the bottleneck block of ResNet-50/101/152.
 *
 * <pre>
 *   x ─► conv1x1 ─► BN ─► ReLU ─► conv3x3 ─► BN ─► ReLU ─► conv1x1 ─► BN ─► (+) ─► ReLU ─► y
 *   │   squeeze to planes        spatial, planes          expand to 4 x planes  ▲
 *   └─────────────────────── shortcut (identity or projection) ─────────────────┘
 * </pre>
 * The 1x1 convolutions make the expensive 3x3 run on {@code planes} channels instead of
 * {@code 4 * planes}: a bottleneck costs about as much as a basic block while being three layers deep.
 */
public final class Bottleneck {

    /** Output channels = planes x EXPANSION. */
    public static final int EXPANSION = 4;

    private Bottleneck() {
    }

    /**
     * Adds one bottleneck block reading {@code input} [N, inChannels, H, W] and returns its output vertex,
     * [N, 4 * planes, ceil(H/stride), ceil(W/stride)].
     *
     * <p>Vertices, each named {@code <block>.<leaf>}, no convolution with a bias:
     * <ol>
     *   <li>{@code conv1}: 1x1, inChannels to planes; {@code bn1}; {@code relu1};</li>
     *   <li>{@code conv2}: 3x3, planes to planes; {@code bn2}; {@code relu2};</li>
     *   <li>{@code conv3}: 1x1, planes to 4 * planes; {@code bn3};</li>
     *   <li>the shortcut: {@link Shortcut#projection} to 4 * planes channels with {@code stride};</li>
     *   <li>{@code add} (bn3 + shortcut) and {@code relu}. Return {@code "<block>.relu"}.</li>
     * </ol>
     * The stride goes on {@code conv2} for {@link StridePlacement#THREE_BY_THREE} and on {@code conv1} for
     * {@link StridePlacement#FIRST_ONE_BY_ONE}; the other convolution has stride 1. About 16 lines.
     *
     * @param g          the graph being built
     * @param block      name prefix, e.g. {@code "layer3.0"}
     * @param input      the vertex this block reads
     * @param inChannels channels of {@code input}
     * @param planes     width of the bottleneck; the block outputs 4 * planes channels
     * @param stride     1, or 2 for the first block of a downsampling stage
     * @param placement  which convolution strides
     * @return {@code "<block>.relu"}
     */
    public static String build(GraphBuilder g, String block, String input, int inChannels, int planes, int stride,
                               StridePlacement placement) {
        // >>> YOUR CODE: Exercise 20.2.3 Bottleneck.build (about 16 lines)
        throw new resnetkit.toolkit.NotWrittenYet(
                "Exercise 20.2.3 Bottleneck.build (about 16 lines)");
        // <<< YOUR CODE
    }

    /** A bottleneck with torchvision's choice: stride on the 3x3. */
    public static String build(GraphBuilder g, String block, String input, int inChannels, int planes, int stride) {
        return build(g, block, input, inChannels, planes, stride, StridePlacement.THREE_BY_THREE);
    }
}
