package resnetkit.grader.oracle;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The residual blocks of the chapter computed by {@link Oracle}, reading each weight's values from a DL4J network
 * by its contract name ({@code layer1.0.conv1_W}), never by position. The computation itself (which convolutions,
 * their kernels, widths, and that they carry no bias) comes from the contract, not from the network: a layer of
 * another shape, or with a bias, fails with a message that names it and what it should be, as does a missing
 * name.
 */
public final class BlockOracle {

    /** What the shortcut of the computed block is. */
    public enum Shortcut { IDENTITY, PROJECTION, ZERO_PAD }

    private final ComputationGraph net;
    private final boolean training;
    private final double eps;

    /**
     * @param training whether batch norms use batch statistics (training mode) or running ones
     * @param eps      batch norm epsilon
     */
    public BlockOracle(ComputationGraph net, boolean training, double eps) {
        this.net = net;
        this.training = training;
        this.eps = eps;
    }

    /**
     * conv1-bn1-relu-conv2-bn2 (+ shortcut) - relu, stride on conv1, as the contract specifies it: bias-free 3x3
     * convolutions from {@code x.c} to {@code planes} and from {@code planes} to {@code planes}, a bias-free 1x1
     * projection from {@code x.c} to {@code planes}. Only the weights' values come from the network.
     */
    public Tensor basicBlock(Tensor x, String block, int planes, int stride, Shortcut shortcut) {
        Tensor t = Oracle.relu(bn(conv(x, block + ".conv1", planes, 3, stride), block + ".bn1"));
        t = bn(conv(t, block + ".conv2", planes, 3, 1), block + ".bn2");
        return Oracle.relu(Oracle.add(t, shortcut(x, block, stride, shortcut, planes)));
    }

    /**
     * conv1(1x1)-bn1-relu-conv2(3x3)-bn2-relu-conv3(1x1)-bn3 (+ shortcut) - relu, as the contract specifies it:
     * bias-free convolutions from {@code x.c} to {@code planes}, {@code planes} to {@code planes} and
     * {@code planes} to 4 x {@code planes}; a projection from {@code x.c} to 4 x {@code planes}.
     */
    public Tensor bottleneck(Tensor x, String block, int planes, int stride, boolean strideOnThreeByThree,
                             Shortcut shortcut) {
        int s1 = strideOnThreeByThree ? 1 : stride;
        int s3 = strideOnThreeByThree ? stride : 1;
        Tensor t = Oracle.relu(bn(conv(x, block + ".conv1", planes, 1, s1), block + ".bn1"));
        t = Oracle.relu(bn(conv(t, block + ".conv2", planes, 3, s3), block + ".bn2"));
        t = bn(conv(t, block + ".conv3", 4 * planes, 1, 1), block + ".bn3");
        return Oracle.relu(Oracle.add(t, shortcut(x, block, stride, shortcut, 4 * planes)));
    }

    private Tensor shortcut(Tensor x, String block, int stride, Shortcut kind, int outChannels) {
        return switch (kind) {
            case IDENTITY -> x;
            case PROJECTION -> bn(conv(x, block + ".downsample.conv", outChannels, 1, stride), block + ".downsample.bn");
            case ZERO_PAD -> Oracle.subsampleAndZeroPad(x, stride, outChannels);
        };
    }

    /**
     * The contract's convolution named {@code vertex}: bias-free, {@code kernel} x {@code kernel} (padding
     * kernel / 2), from {@code x.c} to {@code outChannels} channels. The network's weight must have exactly
     * the shape [outChannels, x.c, kernel, kernel] and the layer no bias; only the weight's values are read.
     *
     * @throws AssertionError naming the vertex and what it should be, when the network's layer differs
     */
    public Tensor conv(Tensor x, String vertex, int outChannels, int kernel, int stride) {
        INDArray w = param(vertex, "W");
        long[] expected = {outChannels, x.c, kernel, kernel};
        boolean biased = net.paramTable().containsKey(vertex + "_b");
        if (!java.util.Arrays.equals(w.shape(), expected) || biased) {
            throw new AssertionError(String.format(java.util.Locale.ROOT,
                    "%s must be a bias-free %dx%d convolution from %d to %d channels (weight shape %s), was a %s"
                            + " convolution with weight shape %s", vertex, kernel, kernel, x.c, outChannels,
                    java.util.Arrays.toString(expected), biased ? "biased" : "bias-free",
                    java.util.Arrays.toString(w.shape())));
        }
        return Oracle.conv2d(x, Tensor.of(w), null, stride, kernel / 2);
    }

    /** The batch norm named {@code vertex}, in this oracle's mode. */
    public Tensor bn(Tensor x, String vertex) {
        double[] gamma = vector(vertex, "gamma");
        double[] beta = vector(vertex, "beta");
        if (gamma.length != x.c) {
            throw new AssertionError(vertex + " must be a batch norm over the " + x.c + " channels it reads, was one"
                    + " over " + gamma.length + " channels");
        }
        if (training) {
            return Oracle.batchNormTraining(x, gamma, beta, eps);
        }
        if (net.paramTable().containsKey(vertex + "_var")) {
            return Oracle.batchNorm(x, gamma, beta, vector(vertex, "mean"), vector(vertex, "var"), eps);
        }
        // DL4J's default stores log10 of the running std = sqrt(var + eps): recover var, eps included
        double[] log10Std = vector(vertex, "log10stdev");
        double[] var = new double[log10Std.length];
        for (int i = 0; i < var.length; i++) {
            var[i] = Math.pow(10, 2 * log10Std[i]);
        }
        return Oracle.batchNorm(x, gamma, beta, vector(vertex, "mean"), var, 0.0);
    }

    private double[] vector(String vertex, String param) {
        return param(vertex, param).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
    }

    private INDArray param(String vertex, String param) {
        INDArray p = net.paramTable().get(vertex + "_" + param);
        if (p == null) {
            throw new AssertionError("Expected a vertex <" + vertex + "> with parameter <" + param
                    + "> but the network has none: check the vertex names the Javadoc asks for");
        }
        return p;
    }
}
