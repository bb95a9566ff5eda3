package resnetkit.blocks;

/** Which convolution of a {@link Bottleneck} carries a downsampling stage's stride of 2. */
public enum StridePlacement {
    /** On the 3x3 convolution, as torchvision ("ResNet v1.5"): slightly more accurate, slightly slower. */
    THREE_BY_THREE,
    /** On the first 1x1 convolution, as the original paper and the pretrained Keras weights. */
    FIRST_ONE_BY_ONE
}
