package resnetkit.family;

import java.util.List;

/**
 * The ImageNet ResNets as data: a block type and the number of blocks in each of the four stages.
 * Adding ResNet-200 is one line: {@code RESNET200(BlockType.BOTTLENECK, 3, 24, 36, 3)}.
 */
public enum Variant {
    RESNET18(BlockType.BASIC, 2, 2, 2, 2),
    RESNET34(BlockType.BASIC, 3, 4, 6, 3),
    RESNET50(BlockType.BOTTLENECK, 3, 4, 6, 3),
    RESNET101(BlockType.BOTTLENECK, 3, 4, 23, 3),
    RESNET152(BlockType.BOTTLENECK, 3, 8, 36, 3);

    /** Block type of every stage. */
    public final BlockType blockType;
    /** Blocks per stage, layer1 to layer4. */
    public final List<Integer> blocksPerStage;

    Variant(BlockType blockType, Integer... blocksPerStage) {
        this.blockType = blockType;
        this.blocksPerStage = List.of(blocksPerStage);
    }

    /** Weighted layers: 2 or 3 per block, the stem convolution and the fc layer (18, 34, 50, 101, 152). */
    public int depth() {
        int perBlock = blockType == BlockType.BASIC ? 2 : 3;
        return blocksPerStage.stream().mapToInt(Integer::intValue).sum() * perBlock + 2;
    }
}
