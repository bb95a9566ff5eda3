package resnetkit.toolkit;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.function.Consumer;

/**
 * The gradient of a loss with respect to a network's input, by DL4J's own backward pass, in double
 * precision.
 *
 * <p>DL4J 1.0.0-M2.1 has no public input gradient for a {@link ComputationGraph}, so this builds the body
 * behind a bias-free dense "proxy" layer fed a one-hot input: the proxy's weights are x, so the gradient of
 * its weights is dL/dx. Behind the body, the output y is multiplied element-wise by a second input holding
 * the upstream gradient dL/dy, and an L1 loss against labels far below any output gives d(loss)/d(product)
 * = 1, hence dL/dy exactly as given: L = sum(dLdy * y).
 */
public final class InputGradients {

    /** The vertex a body reads for a [N, C, H, W] input (for [N, D] it reads the proxy itself). */
    public static final String INPUT = "input";
    static final String PROXY = "input.proxy";
    static final String UPSTREAM = "input.upstream";

    private InputGradients() {
    }

    /** Adds vertices reading {@code input} and returns the name of the output vertex. */
    @FunctionalInterface
    public interface Body {
        String build(GraphBuilder g, String input);
    }

    /**
     * dL/dx for L = sum(dLdy * body(x)).
     *
     * @param body  the function y = f(x), built on vertex {@link #INPUT}
     * @param x     [N, D] or [N, C, H, W]
     * @param dLdy  the upstream gradient, shaped like the body's output
     * @param setUp called on the network before the pass, e.g. to set weights by name
     * @return dL/dx, shaped like x, double precision
     */
    public static INDArray of(Body body, INDArray x, INDArray dLdy, Consumer<ComputationGraph> setUp) {
        Backend.init();
        int n = (int) x.size(0);
        long features = x.length() / n;
        GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(12345).dataType(DataType.DOUBLE).updater(new Sgd(0.0)).weightInit(WeightInit.RELU)
                .graphBuilder()
                .addInputs("input.onehot", UPSTREAM);
        // row i of the proxy's weights [N, features] is example i, flattened in C order
        g.addLayer(PROXY, new DenseLayer.Builder().nIn(n).nOut(features).hasBias(false)
                .activation(Activation.IDENTITY).build(), "input.onehot");
        String input = PROXY;
        if (x.rank() == 4) {
            g.addVertex(INPUT, new PreprocessorVertex(
                    new FeedForwardToCnnPreProcessor(x.size(2), x.size(3), x.size(1))), PROXY);
            input = INPUT;
        }
        String y = body.build(g, input);
        g.addVertex("input.weighted", new ElementWiseVertex(ElementWiseVertex.Op.Product), y, UPSTREAM);
        boolean cnn = dLdy.rank() == 4;
        g.addLayer("input.loss", cnn
                ? new CnnLossLayer.Builder(LossFunctions.LossFunction.L1).activation(Activation.IDENTITY).build()
                : denseLoss(dLdy.size(1)), "input.weighted");
        InputType upstream = cnn ? InputType.convolutional(dLdy.size(2), dLdy.size(3), dLdy.size(1))
                : InputType.feedForward(dLdy.size(1));
        ComputationGraph net = new ComputationGraph(g.setInputTypes(InputType.feedForward(n), upstream)
                .setOutputs("input.loss").build());
        net.init();
        setUp.accept(net);
        net.setParam(PROXY + "_W", x.castTo(DataType.DOUBLE).dup('c').reshape('c', n, features));
        INDArray oneHot = Nd4j.eye(n).castTo(DataType.DOUBLE);
        INDArray up = dLdy.castTo(DataType.DOUBLE);
        net.setInputs(oneHot, up);
        // labels far below any output: d|z - label|/dz = +1 for every element z = dLdy * y
        net.setLabels(Nd4j.valueArrayOf(dLdy.shape(), -1e9, DataType.DOUBLE));
        net.computeGradientAndScore();
        return net.gradient().getGradientFor(PROXY + "_W").dup('c').reshape('c', x.shape());
    }

    /**
     * The L1 loss on [N, width]. Its width is set although it has no parameters: DL4J types a loss layer's output
     * from its nOut, and a LossLayer left at nOut 0 logs "Assigning a size of zero. This is normally only valid in
     * model import cases" on every graph, which reads like a fault in the exercise that called this.
     * ({@code LossLayer.Builder.nIn(int)} refuses, so the width goes on the built layer.)
     */
    static LossLayer denseLoss(long width) {
        LossLayer loss = new LossLayer.Builder(LossFunctions.LossFunction.L1).activation(Activation.IDENTITY).build();
        loss.setNIn(width);
        loss.setNOut(width);
        return loss;
    }
}
