package resnetkit.grader.support;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import resnetkit.grader.oracle.Tensor;
import resnetkit.toolkit.Backend;
import resnetkit.toolkit.InputGradients;

import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

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
        INDArray out = acts.get(vertex);
        if (out == null) {
            String after = vertex.endsWith(".relu") ? " (the ReLU after the add, the block's output)" : "";
            throw new AssertionError("Expected a vertex <" + vertex + ">" + after + " but the network has none; its"
                    + " vertices are " + new java.util.TreeSet<>(net.getConfiguration().getVertices().keySet()));
        }
        return Tensor.of(out);
    }

    /**
     * d(sum of the block's output) / dx, by DL4J's backward pass in training mode
     * ({@link InputGradients}), on a network whose parameters are {@link #randomise randomised} and then
     * passed to {@code setUp}.
     */
    public static Tensor gradientOfSum(String what, BlockBuilder block, Tensor x, Consumer<ComputationGraph> setUp) {
        // the upstream gradient is all ones, shaped like the block's output: run the block once to see it
        INDArray output = network(what, block, x.c, x.h).outputSingle(false, x.toNd4j());
        INDArray grad = Student.call(what + " (backward pass)", () -> InputGradients.of(
                block::build, x.toNd4j(), Nd4j.onesLike(output), net -> {
                    randomise(net, 7);
                    setUp.accept(net);
                }));
        return Tensor.of(grad);
    }
}
