package resnetkit.grader.support;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import resnetkit.grader.oracle.Tensor;
import resnetkit.toolkit.Backend;

import java.util.Map;
import java.util.Random;

/**
 * Puts a student's block into a small double-precision network so the grader can look at it: its
 * configuration, its output in inference or training mode, and the gradient of the sum of its output
 * with respect to its input, computed by DL4J's own backward pass.
 */
public final class Probe {

    /** The name the probe gives the block's input vertex. */
    public static final String INPUT = "input";

    private Probe() {
    }

    private static GraphBuilder doubleBuilder() {
        Backend.init();
        return new NeuralNetConfiguration.Builder()
                .seed(12345)
                .dataType(DataType.DOUBLE)
                .updater(new Sgd(0.0))
                .weightInit(WeightInit.RELU)
                .graphBuilder();
    }

    /** The configuration of a network holding only the student's block on a [N, channels, side, side] input. */
    public static ComputationGraphConfiguration configure(String what, BlockBuilder block, int channels, int side) {
        GraphBuilder g = doubleBuilder().addInputs(INPUT);
        String out = Student.call(what, () -> block.build(g, INPUT));
        return Student.call(what + " (building the graph)",
                () -> g.setInputTypes(InputType.convolutional(side, side, channels)).setOutputs(out).build());
    }

    /** An initialised double-precision network holding only the student's block. */
    public static ComputationGraph network(String what, BlockBuilder block, int channels, int side) {
        ComputationGraphConfiguration conf = configure(what, block, channels, side);
        return Student.call(what + " (initialising the network)", () -> {
            ComputationGraph net = new ComputationGraph(conf);
            net.init();
            return net;
        });
    }

    /**
     * Gives every parameter a random value by name: weights N(0, 0.5^2), BN gamma and running variance in
     * [0.5, 1.5] (running std in [0.7, 1.3] where DL4J stores log10 of it), beta and running mean in [-0.5, 0.5]. Running statistics other than 0 and 1 make a BN
     * that reads the wrong statistics visible.
     */
    public static void randomise(ComputationGraph net, long seed) {
        Random r = new Random(seed);
        for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
            String param = e.getKey().substring(e.getKey().lastIndexOf('_') + 1);
            INDArray a = e.getValue();
            double[] v = new double[(int) a.length()];
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (param) {
                    case "gamma", "var" -> 0.5 + r.nextDouble();
                    case "beta", "mean", "b" -> r.nextDouble() - 0.5;
                    case "log10stdev" -> Math.log10(0.7 + 0.6 * r.nextDouble()); // running std in [0.7, 1.3]
                    default -> 0.5 * r.nextGaussian();
                };
            }
            net.setParam(e.getKey(), Nd4j.create(v, a.shape(), DataType.DOUBLE));
        }
    }

    /** A random input with values in [-1, 1]. */
    public static Tensor randomInput(int n, int c, int side, long seed) {
        Random r = new Random(seed);
        Tensor t = new Tensor(n, c, side, side);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = 2 * r.nextDouble() - 1;
        }
        return t;
    }

    /** The network's output in inference mode (BN uses its running statistics). */
    public static Tensor output(ComputationGraph net, Tensor x) {
        return Tensor.of(net.outputSingle(false, x.toNd4j()));
    }

    /** The output of vertex {@code vertex} in training mode (BN uses the batch's statistics). */
    public static Tensor trainingOutput(ComputationGraph net, Tensor x, String vertex) {
        Map<String, INDArray> acts = net.feedForward(new INDArray[] {x.toNd4j()}, true, false);
        return Tensor.of(acts.get(vertex));
    }

    /**
     * d(sum of the block's output) / dx, by DL4J's backward pass (training mode).
     *
     * <p>DL4J 1.0.0-M2.1 has no public input gradient for a ComputationGraph, so the probe feeds x through a
     * bias-free dense layer from a one-hot input (its weights are x, so the gradient of its weights is the
     * gradient with respect to x) and puts an L1 loss against labels far below any output behind the block,
     * which makes dL/dy = 1 for every output element.
     *
     * @param setUp applied to the network before the pass, e.g. to zero a BN's gamma
     */
    public static Tensor gradientOfSum(String what, BlockBuilder block, Tensor x,
                                       java.util.function.Consumer<ComputationGraph> setUp) {
        int features = x.c * x.h * x.w;
        GraphBuilder g = doubleBuilder().addInputs("onehot");
        g.addLayer("x", new DenseLayer.Builder().nIn(x.n).nOut(features).hasBias(false)
                .activation(Activation.IDENTITY).build(), "onehot");
        g.addVertex(INPUT, new PreprocessorVertex(new FeedForwardToCnnPreProcessor(x.h, x.w, x.c)), "x");
        String out = Student.call(what, () -> block.build(g, INPUT));
        g.addLayer("sum", new CnnLossLayer.Builder(LossFunctions.LossFunction.L1)
                .activation(Activation.IDENTITY).build(), out);
        ComputationGraph net = Student.call(what + " (building the graph)", () -> {
            ComputationGraph n = new ComputationGraph(
                    g.setInputTypes(InputType.feedForward(x.n)).setOutputs("sum").build());
            n.init();
            return n;
        });
        randomise(net, 7);
        setUp.accept(net);
        // row n of the dense weights [x.n, features] is example n, flattened as [C, H, W]
        net.setParam("x_W", Nd4j.create(x.data.clone(), new long[] {x.n, features}, DataType.DOUBLE));
        INDArray probeOut = net.feedForward(new INDArray[] {Nd4j.eye(x.n).castTo(DataType.DOUBLE)}, false, false)
                .get(out);
        INDArray labels = Nd4j.valueArrayOf(probeOut.shape(), -1e6, DataType.DOUBLE);
        net.setInputs(Nd4j.eye(x.n).castTo(DataType.DOUBLE));
        net.setLabels(labels);
        net.computeGradientAndScore();
        INDArray grad = net.gradient().getGradientFor("x_W");
        return new Tensor(x.n, x.c, x.h, x.w, grad.dup('c').data().asDouble());
    }
}
