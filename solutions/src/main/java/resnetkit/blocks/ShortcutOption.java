package resnetkit.blocks;

/**
 * What a residual block adds its branch to when the block changes the tensor's shape (stride 2 or more
 * channels). When the shape is unchanged, options A and B both use the identity.
 */
public enum ShortcutOption {
    /** Option A of the paper (CIFAR): parameter-free, stride-2 subsampling plus zero channels. */
    A_ZERO_PAD,
    /** Option B of the paper (ImageNet, torchvision): a 1x1 convolution with the block's stride, then BN. */
    B_PROJECTION,
    /** No shortcut and no addition at all: the "plain" network of the degradation experiment. */
    NONE_PLAIN
}
