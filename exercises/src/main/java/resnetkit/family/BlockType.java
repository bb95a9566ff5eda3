package resnetkit.family;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import resnetkit.blocks.BasicBlock;
import resnetkit.blocks.BlockOptions;
import resnetkit.blocks.Bottleneck;

/** The two block types of the ResNet family; each carries its channel multiplier, which the head reads. */
public enum BlockType {
    /** Two 3x3 convolutions (ResNet-18/34, CIFAR ResNets). */
    BASIC(BasicBlock.EXPANSION),
    /** 1x1 squeeze, 3x3, 1x1 expand (ResNet-50/101/152). */
    BOTTLENECK(Bottleneck.EXPANSION);

    /** Output channels of a block = planes x expansion. */
    public final int expansion;

    BlockType(int expansion) {
        this.expansion = expansion;
    }

    /** Adds one block of this type (see {@link BasicBlock#build} and {@link Bottleneck#build}); returns its output. */
    public String add(GraphBuilder g, String block, String input, int inChannels, int planes, int stride,
                      BlockOptions options) {
        return switch (this) {
            case BASIC -> BasicBlock.build(g, block, input, inChannels, planes, stride, options.shortcut());
            case BOTTLENECK -> Bottleneck.build(g, block, input, inChannels, planes, stride,
                    options.stridePlacement());
        };
    }
}
