package resnetkit.grader.oracle;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The residual blocks of the chapter computed by {@link Oracle}, reading each weight from a DL4J network by
 * its contract name ({@code layer1.0.conv1_W}), never by position. A missing name fails with a message that
 * says which vertex the block should have created.
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

    /** conv1-bn1-relu-conv2-bn2 (+ shortcut) - relu, stride on conv1. */
    public Tensor basicBlock(Tensor x, String block, int stride, Shortcut shortcut) {
        Tensor t = Oracle.relu(bn(conv(x, block + ".conv1", stride, 1), block + ".bn1"));
        t = bn(conv(t, block + ".conv2", 1, 1), block + ".bn2");
        return Oracle.relu(Oracle.add(t, shortcut(x, block, stride, shortcut, t.c)));
    }

    /** conv1(1x1)-bn1-relu-conv2(3x3)-bn2-relu-conv3(1x1)-bn3 (+ shortcut) - relu. */
    public Tensor bottleneck(Tensor x, String block, int stride, boolean strideOnThreeByThree, Shortcut shortcut) {
        int s1 = strideOnThreeByThree ? 1 : stride;
        int s3 = strideOnThreeByThree ? stride : 1;
        Tensor t = Oracle.relu(bn(conv(x, block + ".conv1", s1, 0), block + ".bn1"));
        t = Oracle.relu(bn(conv(t, block + ".conv2", s3, 1), block + ".bn2"));
        t = bn(conv(t, block + ".conv3", 1, 0), block + ".bn3");
        return Oracle.relu(Oracle.add(t, shortcut(x, block, stride, shortcut, t.c)));
    }

    private Tensor shortcut(Tensor x, String block, int stride, Shortcut kind, int outChannels) {
        return switch (kind) {
            case IDENTITY -> x;
            case PROJECTION -> bn(conv(x, block + ".downsample.conv", stride, 0), block + ".downsample.bn");
            case ZERO_PAD -> Oracle.subsampleAndZeroPad(x, stride, outChannels);
        };
    }

    /** The convolution named {@code vertex}, with its bias if it has one. */
    public Tensor conv(Tensor x, String vertex, int stride, int padding) {
        Tensor w = Tensor.of(param(vertex, "W"));
        double[] bias = net.paramTable().containsKey(vertex + "_b") ? param(vertex, "b").dup('c').data().asDouble()
                : null;
        return Oracle.conv2d(x, w, bias, stride, padding);
    }

    /** The batch norm named {@code vertex}, in this oracle's mode. */
    public Tensor bn(Tensor x, String vertex) {
        double[] gamma = vector(vertex, "gamma");
        double[] beta = vector(vertex, "beta");
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
