package resnetkit.highway;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import resnetkit.toolkit.InputGradients;

/**
 * Section 3, the gradient highway: for y = F(x) + x the chain rule gives dL/dx = dL/dy (dF/dx) + dL/dy.
 * The second term reaches x whatever F does, even when F's gradient vanishes. Here DL4J's own backward
 * pass computes dL/dx.
 *
 * <p>Rows are examples: x is [N, d]. DL4J's dense layer computes x w + b with w of shape [d, d] (inputs by
 * outputs), so F(x) = ReLU(x w + b).
 */
public final class SkipGradient {

    /** Vertex names of the residual dense block. */
    public static final String F = "F";
    /** The addition F(x) + x. */
    public static final String ADD = "add";

    private SkipGradient() {
    }

    /**
     * Adds y = F(x) + x reading {@code input} ([N, d]): vertex {@value #F}, a {@link DenseLayer} d to d with
     * ReLU activation and a bias; vertex {@value #ADD}, an {@code ElementWiseVertex} adding F and the input.
     * About 4 lines.
     *
     * @return {@value #ADD}
     */
    public static String residualDense(GraphBuilder g, String input, int d) {
        // >>> YOUR CODE: Exercise S3.1 SkipGradient.residualDense (about 4 lines)
        g.addLayer(F, new DenseLayer.Builder().nIn(d).nOut(d).activation(Activation.RELU).build(), input);
        g.addVertex(ADD, new ElementWiseVertex(ElementWiseVertex.Op.Add), F, input);
        return ADD;
        // <<< YOUR CODE
    }

    /**
     * dL/dx for L = sum(dLdy * y), y = ReLU(x w + b) + x, by DL4J's backward pass: hand
     * {@link #residualDense} to {@link InputGradients#of} and, in its set-up step, give the layer {@value #F}
     * the weights {@code w} (parameter {@code "F_W"}) and {@code b} ({@code "F_b"}, shape [1, d]). About 6
     * lines. (A gradient derived by hand gives the same numbers and is graded the same.)
     *
     * @param w    [d][d], inputs by outputs
     * @param b    [d]
     * @param x    [N][d]
     * @param dLdy [N][d]
     * @return dL/dx, [N][d]
     */
    public static double[][] inputGradient(double[][] w, double[] b, double[][] x, double[][] dLdy) {
        // >>> YOUR CODE: Exercise S3.1 SkipGradient.inputGradient (about 6 lines)
        int d = b.length;
        INDArray grad = InputGradients.of((g, input) -> residualDense(g, input, d), Nd4j.create(x),
                Nd4j.create(dLdy), net -> {
                    net.setParam(F + "_W", Nd4j.create(w).castTo(DataType.DOUBLE));
                    net.setParam(F + "_b", Nd4j.create(b, new long[] {1, d}, DataType.DOUBLE));
                });
        return grad.toDoubleMatrix();
        // <<< YOUR CODE
    }
}
