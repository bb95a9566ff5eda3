package resnetkit.family;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import resnetkit.blocks.BlockOptions;
import resnetkit.blocks.ShortcutOption;
import resnetkit.blocks.StridePlacement;
import resnetkit.toolkit.Graphs;
import resnetkit.toolkit.Layers;

import static resnetkit.toolkit.Graphs.name;

/**
 * Exercise 20.2.4: the ResNet family from one stage builder and a table of variants.
 *
 * <p>ImageNet nets: a stem (7x7/2 convolution, BN, ReLU, 3x3/2 max pool), four stages {@code layer1} ..
 * {@code layer4} of widths 64, 128, 256, 512, global average pooling and a fully connected head. CIFAR nets
 * of depth 6n+2: a 3x3 stem with 16 channels, three stages of n basic blocks with widths 16, 32, 64, the
 * same head. Vertex names follow torchvision: {@code conv1, bn1, relu, maxpool, layer1.0.conv1, ..., avgpool,
 * fc}.
 */
public final class ResNets {

    /** Channels of the ImageNet stem, and the width of layer1. */
    public static final int IMAGENET_STEM_WIDTH = 64;
    /** Channels of the CIFAR stem, and the width of layer1. */
    public static final int CIFAR_WIDTH = 16;

    private ResNets() {
    }

    /**
     * Adds one stage: blocks {@code <stage>.0} .. {@code <stage>.(blocks-1)}. Only the first block strides and
     * changes the channel count; the others read the previous block's output with stride 1.
     * Use {@link BlockType#add}. About 6 lines.
     *
     * @param stage      e.g. {@code "layer2"}
     * @param input      the vertex the stage reads
     * @param inChannels channels of {@code input}
     * @param planes     planes of each block (the stage outputs {@code planes * type.expansion} channels)
     * @param blocks     number of blocks, at least 1
     * @param stride     stride of the first block
     * @return the output vertex of the last block
     */
    public static String stage(GraphBuilder g, String stage, String input, BlockType type, int inChannels,
                               int planes, int blocks, int stride, BlockOptions options) {
        // >>> YOUR CODE: Exercise 20.2.4 ResNets.stage (about 6 lines)
        throw new resnetkit.toolkit.NotWrittenYet(
                "Exercise 20.2.4 ResNets.stage (about 6 lines)");
        // <<< YOUR CODE
    }

    /**
     * Adds an ImageNet ResNet reading {@code input} [N, inChannels, H, W]; returns its output vertex
     * {@code "fc"}.
     * <ol>
     *   <li>stem: {@code conv1} 7x7, 64 channels, stride 2, padding 3, no bias ({@link Layers#conv});
     *       {@code bn1}; {@code relu}; {@code maxpool} 3x3, stride 2, padding 1 ({@link Layers#maxPool});</li>
     *   <li>{@code layer1} .. {@code layer4}: {@link #stage} with planes 64, 128, 256, 512, block counts from
     *       {@code variant.blocksPerStage}, stride 1 for layer1 and 2 for the others;</li>
     *   <li>head: {@code avgpool} ({@link Layers#globalAvgPool}); {@code fc}
     *       ({@link Layers#softmaxHead}, 512 * expansion inputs).</li>
     * </ol>
     * About 14 lines.
     */
    public static String imagenet(GraphBuilder g, String input, Variant variant, int inChannels, int numClasses,
                                  BlockOptions options) {
        // >>> YOUR CODE: Exercise 20.2.4 ResNets.imagenet (about 14 lines)
        throw new resnetkit.toolkit.NotWrittenYet(
                "Exercise 20.2.4 ResNets.imagenet (about 14 lines)");
        // <<< YOUR CODE
    }

    /**
     * Adds a CIFAR ResNet of depth 6n+2 reading {@code input} [N, inChannels, H, W]; returns {@code "fc"}.
     * <ol>
     *   <li>stem: {@code conv1} 3x3, {@code width} channels, stride 1, no bias; {@code bn1}; {@code relu}
     *       (no max pool);</li>
     *   <li>{@code layer1} .. {@code layer3}: n = {@link #cifarBlocksPerStage}(depth) basic blocks each, planes
     *       width, 2 x width, 4 x width, stride 1, 2, 2, shortcuts per {@code option}
     *       ({@link ShortcutOption#NONE_PLAIN} gives the plain net);</li>
     *   <li>head: {@code avgpool}, {@code fc}.</li>
     * </ol>
     * About 10 lines.
     *
     * @param width 16 in the paper; the kit's small experiments use 8
     */
    public static String cifar(GraphBuilder g, String input, int depth, int width, int inChannels, int numClasses,
                               ShortcutOption option) {
        // >>> YOUR CODE: Exercise 20.2.4 ResNets.cifar (about 10 lines)
        throw new resnetkit.toolkit.NotWrittenYet(
                "Exercise 20.2.4 ResNets.cifar (about 10 lines)");
        // <<< YOUR CODE
    }

    /** Given: {@code avgpool} and {@code fc} reading {@code input}; returns "fc". */
    public static String head(GraphBuilder g, String input, int channels, int numClasses) {
        g.addLayer("avgpool", Layers.globalAvgPool(), input);
        g.addLayer("fc", Layers.softmaxHead(channels, numClasses), "avgpool");
        return "fc";
    }

    /** Given: n for depth 6n+2 (20 gives 3, 56 gives 9, 1202 gives 200). */
    public static int cifarBlocksPerStage(int depth) {
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new IllegalArgumentException("CIFAR ResNets have depth 6n+2 (20, 32, 44, 56, 110, 1202), was "
                    + depth);
        }
        return (depth - 2) / 6;
    }
}
