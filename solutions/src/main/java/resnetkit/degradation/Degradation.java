package resnetkit.degradation;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.dataset.DataSet;
import resnetkit.blocks.ShortcutOption;
import resnetkit.datasets.BatchIterator;
import resnetkit.family.ResNets;
import resnetkit.toolkit.Evaluation;
import resnetkit.toolkit.Graphs;
import resnetkit.toolkit.ParamCounts;
import resnetkit.toolkit.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Exercise 20.3.2: the degradation problem. Train a shallow and a deep plain net and the same two depths
 * with residual connections, with identical settings, and record their training error: the deeper plain
 * net ends with the HIGHER training error (not overfitting: it fits its own training data worse), the
 * deeper residual net does not.
 *
 * <p>You write {@link #buildNet}, {@link #trainNet} and {@link #run}. The experiment command
 * {@code resnetkit.experiments.DegradationExperiment} ({@code --help}; docs/experiments.md) loads the data
 * ({@link DegradationData}), runs yours, prints the table and writes a CSV, a PNG plot in the style of the
 * paper's Figure 6 (plain dashed, residual solid) and a markdown table.
 */
public final class Degradation {

    private Degradation() {
    }

    /**
     * Builds one of the four nets for {@code settings}: a CIFAR-style net of {@code depth}
     * ({@link ResNets#cifar}) of width {@code settings.width()} on 1-channel (Fashion-MNIST) or 3-channel
     * (CIFAR-10) images of side {@code settings.side()}, 10 classes, with option-A shortcuts when
     * {@code residual} and none ({@link ShortcutOption#NONE_PLAIN}) otherwise, so that plain and residual
     * nets of one depth have the same layers and parameters. Every net takes the same seed, updater
     * ({@code settings.updater()}) and weight decay: {@link Graphs#builder(long, DataType, IUpdater, double)}
     * in float32. About 6 lines. (The side only declares the input: the nets compute the same on any side.)
     */
    public static ComputationGraph buildNet(int depth, boolean residual, Settings settings) {
        // >>> YOUR CODE: Exercise 20.3.2 Degradation.buildNet (about 6 lines)
        int channels = settings.channels();
        GraphBuilder g = Graphs.builder(settings.seed(), DataType.FLOAT, settings.updater(), settings.weightDecay());
        String out = ResNets.cifar(g, Graphs.INPUT, depth, settings.width(), channels, 10,
                residual ? ShortcutOption.A_ZERO_PAD : ShortcutOption.NONE_PLAIN);
        return Graphs.init(Graphs.finish(g, channels, settings.side(), settings.side(), out));
        // <<< YOUR CODE
    }

    /**
     * Trains {@code net} for {@code settings.epochs()} epochs on {@code train} and records its curve.
     * <ul>
     *   <li>Batches: {@link BatchIterator#shuffled}({@code train}, batch, seed), the same for every net; call
     *       its {@code reset()} before each epoch (a new order each epoch; a reset after each epoch is the
     *       same).</li>
     *   <li>Train-mode error: a {@link TrainModeError} attached with {@code net.setListeners(...)}; train each
     *       batch with its {@code fit(net, batch)}; {@code startEpoch()} before and {@code epochError()} after
     *       each epoch. Call {@code net.incrementEpochCount()} after each epoch (learning-rate drops count
     *       epochs).</li>
     *   <li>Eval-mode error on all of {@code train} after each epoch, and on {@code test} after the last:
     *       {@link Evaluation#error}.</li>
     *   <li>{@code progress}: {@code start(name + " epoch e/E", batches)} and {@code step()} per batch.</li>
     * </ul>
     * About 20 lines.
     *
     * @param name e.g. "plain-56"
     */
    public static Curve trainNet(String name, int depth, boolean residual, ComputationGraph net, DataSet train,
                                 DataSet test, Settings settings, Progress progress) {
        // >>> YOUR CODE: Exercise 20.3.2 Degradation.trainNet (about 20 lines)
        long start = System.nanoTime();
        TrainModeError tracker = new TrainModeError();
        net.setListeners(tracker);
        BatchIterator batches = BatchIterator.shuffled(train, settings.batch(), settings.seed());
        int perEpoch = (train.numExamples() + settings.batch() - 1) / settings.batch();
        double[] trainMode = new double[settings.epochs()];
        double[] evalMode = new double[settings.epochs()];
        for (int e = 0; e < settings.epochs(); e++) {
            progress.start(String.format(Locale.ROOT, "%-11s epoch %d/%d", name, e + 1, settings.epochs()), perEpoch);
            tracker.startEpoch();
            batches.reset();
            while (batches.hasNext()) {
                tracker.fit(net, batches.next());
                progress.step();
            }
            net.incrementEpochCount();
            trainMode[e] = tracker.epochError();
            evalMode[e] = Evaluation.error(net, train, settings.batch());
        }
        progress.clear();
        double testError = Evaluation.error(net, test, settings.batch());
        return new Curve(name, depth, residual, ParamCounts.trainable(net), trainMode, evalMode, testError,
                tracker.dataOrder(), (System.nanoTime() - start) / 1e9, net);
        // <<< YOUR CODE
    }

    /**
     * The experiment: for each depth of {@code settings.depths()}, the plain net ("plain-D") then the residual
     * net ("ResNet-D"), each built by {@link #buildNet} and trained by {@link #trainNet} on the same data.
     * Print one line per finished net ({@link Curve#summary}). About 10 lines.
     *
     * @return the four curves: plain-20, ResNet-20, plain-56, ResNet-56 for the default depths
     */
    public static List<Curve> run(Settings settings, DataSet train, DataSet test, Progress progress) {
        // >>> YOUR CODE: Exercise 20.3.2 Degradation.run (about 10 lines)
        List<Curve> curves = new ArrayList<>();
        for (int depth : settings.depths()) {
            for (boolean residual : new boolean[] {false, true}) {
                String name = (residual ? "ResNet-" : "plain-") + depth;
                ComputationGraph net = buildNet(depth, residual, settings);
                Curve curve = trainNet(name, depth, residual, net, train, test, settings, progress);
                System.out.println(curve.summary());
                curves.add(curve);
            }
        }
        return curves;
        // <<< YOUR CODE
    }
}
