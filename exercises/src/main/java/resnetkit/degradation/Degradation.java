package resnetkit.degradation;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import resnetkit.blocks.ShortcutOption;
import resnetkit.datasets.BatchIterator;
import resnetkit.datasets.Cifar10;
import resnetkit.datasets.FashionMnist;
import resnetkit.datasets.Split;
import resnetkit.family.ResNets;
import resnetkit.toolkit.Backend;
import resnetkit.toolkit.Csv;
import resnetkit.toolkit.Graphs;
import resnetkit.toolkit.LinePlot;
import resnetkit.toolkit.ParamCounts;
import resnetkit.toolkit.PeakMemory;
import resnetkit.toolkit.Progress;
import resnetkit.toolkit.TextFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Exercise 20.3.2: the degradation problem. Train a shallow and a deep plain net and the same two depths
 * with residual connections, with identical settings, and record their training error: the deeper plain
 * net ends with the HIGHER training error (not overfitting: it fits its own training data worse), the
 * deeper residual net does not.
 *
 * <p>You write {@link #buildNet}, {@link #trainNet} and {@link #run}; {@link #main} is the experiment command
 * ({@code --help}), which loads the data, runs yours, prints the table and writes a CSV, a PNG plot in the
 * style of the paper's Figure 6 (plain dashed, residual solid) and a markdown table.
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
     * in float32. About 6 lines.
     */
    public static ComputationGraph buildNet(int depth, boolean residual, Settings settings) {
        // >>> YOUR CODE: Exercise 20.3.2 Degradation.buildNet (about 6 lines)
        throw new UnsupportedOperationException(
                "Exercise 20.3.2 Degradation.buildNet (about 6 lines): not written yet (fill in the YOUR CODE block)");
        // <<< YOUR CODE
    }

    /**
     * Trains {@code net} for {@code settings.epochs()} epochs on {@code train} and records its curve.
     * <ul>
     *   <li>Batches: {@link BatchIterator#shuffled}({@code train}, batch, seed), the same for every net; call
     *       its {@code reset()} before each epoch (a new order each epoch).</li>
     *   <li>Train-mode error: a {@link TrainModeError} attached with {@code net.setListeners(...)}; train each
     *       batch with its {@code fit(net, batch)}; {@code startEpoch()} before and {@code epochError()} after
     *       each epoch. Call {@code net.incrementEpochCount()} after each epoch (learning-rate drops count
     *       epochs).</li>
     *   <li>Eval-mode error on all of {@code train} after each epoch, and on {@code test} after the last:
     *       {@link #error}.</li>
     *   <li>{@code progress}: {@code start(name + " epoch e/E", batches)} and {@code step()} per batch.</li>
     * </ul>
     * About 20 lines.
     *
     * @param name e.g. "plain-56"
     */
    public static Curve trainNet(String name, int depth, boolean residual, ComputationGraph net, DataSet train,
                                 DataSet test, Settings settings, Progress progress) {
        // >>> YOUR CODE: Exercise 20.3.2 Degradation.trainNet (about 20 lines)
        throw new UnsupportedOperationException(
                "Exercise 20.3.2 Degradation.trainNet (about 20 lines): not written yet (fill in the YOUR CODE block)");
        // <<< YOUR CODE
    }

    /**
     * The experiment: for each depth of {@code settings.depths()}, the plain net ("plain-D") then the residual
     * net ("ResNet-D"), each built by {@link #buildNet} and trained by {@link #trainNet} on the same data.
     * Print one line per finished net ({@link #summary}). About 10 lines.
     *
     * @return the four curves: plain-20, ResNet-20, plain-56, ResNet-56 for the default depths
     */
    public static List<Curve> run(Settings settings, DataSet train, DataSet test, Progress progress) {
        // >>> YOUR CODE: Exercise 20.3.2 Degradation.run (about 10 lines)
        throw new UnsupportedOperationException(
                "Exercise 20.3.2 Degradation.run (about 10 lines): not written yet (fill in the YOUR CODE block)");
        // <<< YOUR CODE
    }

    /** Given: the fraction of {@code data} that {@code net} misclassifies in inference mode. */
    public static double error(ComputationGraph net, DataSet data, int batch) {
        long wrong = 0;
        int n = data.numExamples();
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            INDArray x = data.getFeatures().get(NDArrayIndex.interval(from, to));
            INDArray y = data.getLabels().get(NDArrayIndex.interval(from, to));
            INDArray predicted = net.outputSingle(false, x).argMax(1);
            wrong += predicted.neq(y.argMax(1)).castTo(DataType.INT).sumNumber().longValue();
        }
        return (double) wrong / n;
    }

    /** Given: one line for a finished net. */
    public static String summary(Curve c) {
        return String.format(Locale.ROOT, "%-11s %9d params  train error %5.1f %% (train mode), %5.1f %% (eval mode)"
                        + "  test error %5.1f %%  %6.1f s", c.name(), c.parameters(), 100 * c.finalTrainError(),
                100 * c.evalModeError()[c.evalModeError().length - 1], 100 * c.testError(), c.seconds());
    }

    /** Given: the training and test images the settings ask for. */
    public static DataSet[] loadData(Settings s, Path cifarDir) {
        if (s.dataset().equals("cifar10")) {
            if (s.side() != 32) {
                throw new IllegalArgumentException("CIFAR-10 images are 32x32: use --side 32");
            }
            DataSet train = Cifar10.load(cifarDir, Split.TRAIN);
            DataSet test = Cifar10.load(cifarDir, Split.TEST);
            if (s.perClass() < 5000) {
                train = subset(train, s.perClass(), s.seed());
            }
            return new DataSet[] {train, test};
        }
        if (!s.dataset().equals("fashion-mnist")) {
            throw new IllegalArgumentException("dataset must be fashion-mnist or cifar10, was " + s.dataset());
        }
        FashionMnist.Options options = FashionMnist.Options.defaults().standardise(true);
        options = switch (s.side()) {
            case 16 -> options.downsample(2).padTo(16);
            case 14 -> options.downsample(2);
            case 28 -> options;
            case 32 -> options.padTo(32);
            default -> throw new IllegalArgumentException("side must be 14, 16, 28 or 32, was " + s.side());
        };
        DataSet train = FashionMnist.load(Split.TRAIN, s.perClass() >= 6000 ? options
                : options.sampledPerClass(s.perClass(), s.seed()));
        return new DataSet[] {train, FashionMnist.load(Split.TEST, options)};
    }

    private static DataSet subset(DataSet data, int perClass, long seed) {
        int[] labels = data.getLabels().argMax(1).toIntVector();
        int[] keep = resnetkit.datasets.Subsets.stratifiedSample(labels, 10, perClass, seed);
        return new DataSet(data.getFeatures().getRows(keep), data.getLabels().getRows(keep));
    }

    private static int channels(Settings s) {
        return s.dataset().equals("cifar10") ? 3 : 1;
    }

    /** Given: the experiment command. */
    public static void main(String[] args) {
        Settings s = Settings.ci();
        Path out = Path.of("target/experiments/degradation");
        Path cifarDir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    System.out.println(HELP);
                    return;
                }
                case "--preset" -> s = Settings.preset(args[++i]);
                case "--depths" -> s = with(s, "depths", args[++i]);
                case "--per-class" -> s = with(s, "perClass", args[++i]);
                case "--epochs" -> s = with(s, "epochs", args[++i]);
                case "--width" -> s = with(s, "width", args[++i]);
                case "--side" -> s = with(s, "side", args[++i]);
                case "--optimizer" -> s = with(s, "optimizer", args[++i]);
                case "--lr" -> s = with(s, "lr", args[++i]);
                case "--batch" -> s = with(s, "batch", args[++i]);
                case "--seed" -> s = with(s, "seed", args[++i]);
                case "--dataset" -> s = with(s, "dataset", args[++i]);
                case "--cifar-dir" -> cifarDir = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
            }
        }
        String header = "degradation experiment: " + Backend.describe() + "\nsettings: " + s.describe();
        System.out.println(header);
        DataSet[] data = loadData(s, cifarDir);
        System.out.printf(Locale.ROOT, "data: %d training images, %d test images%n", data[0].numExamples(),
                data[1].numExamples());
        List<Curve> curves = run(s, data[0], data[1], Progress.forConsole());
        write(out, header, curves);
        System.out.println();
        System.out.print(table(curves));
        System.out.printf(Locale.ROOT, "wrote %s (curves.csv, training-error.png, results.md); peak resident memory"
                + " %d MiB%n", out, PeakMemory.peakRssMiB());
    }

    static final String HELP = """
            usage: Degradation [--preset ci|full] [--depths 20,56] [--per-class N] [--epochs N] [--width W]
                               [--side 16|28|32] [--optimizer adam|sgd] [--lr X] [--batch N] [--seed N]
                               [--dataset fashion-mnist|cifar10] [--cifar-dir DIR] [--out DIR]
              Trains plain and residual nets of two depths with identical settings and records their training
              error per epoch. Options after --preset change that preset.
              ci   (default) 5,000 Fashion-MNIST images at 16x16, widths 8/16/32, Adam 1e-3, 6 epochs:
                   about 5 minutes for the four nets on 2 CPU cores.
              full the paper's setting: 60,000 images at 32x32, widths 16/32/64, SGD 0.1 momentum 0.9,
                   weight decay 1e-4, lr / 10 at epochs 82 and 123 of 164: days on a CPU (see README).
              Writes DIR/curves.csv, DIR/training-error.png and DIR/results.md
              (default DIR: target/experiments/degradation).""";

    private static Settings with(Settings s, String knob, String v) {
        return switch (knob) {
            case "depths" -> new Settings(Arrays.stream(v.split(",")).map(Integer::valueOf).toList(), s.perClass(),
                    s.epochs(), s.width(), s.side(), s.optimizer(), s.learningRate(), s.momentum(), s.weightDecay(),
                    s.lrDrops(), s.batch(), s.seed(), s.dataset());
            case "perClass" -> new Settings(s.depths(), Integer.parseInt(v), s.epochs(), s.width(), s.side(),
                    s.optimizer(), s.learningRate(), s.momentum(), s.weightDecay(), s.lrDrops(), s.batch(), s.seed(),
                    s.dataset());
            case "epochs" -> new Settings(s.depths(), s.perClass(), Integer.parseInt(v), s.width(), s.side(),
                    s.optimizer(), s.learningRate(), s.momentum(), s.weightDecay(), s.lrDrops(), s.batch(), s.seed(),
                    s.dataset());
            case "width" -> new Settings(s.depths(), s.perClass(), s.epochs(), Integer.parseInt(v), s.side(),
                    s.optimizer(), s.learningRate(), s.momentum(), s.weightDecay(), s.lrDrops(), s.batch(), s.seed(),
                    s.dataset());
            case "side" -> new Settings(s.depths(), s.perClass(), s.epochs(), s.width(), Integer.parseInt(v),
                    s.optimizer(), s.learningRate(), s.momentum(), s.weightDecay(), s.lrDrops(), s.batch(), s.seed(),
                    s.dataset());
            case "optimizer" -> new Settings(s.depths(), s.perClass(), s.epochs(), s.width(), s.side(), v,
                    s.learningRate(), s.momentum(), s.weightDecay(), s.lrDrops(), s.batch(), s.seed(), s.dataset());
            case "lr" -> new Settings(s.depths(), s.perClass(), s.epochs(), s.width(), s.side(), s.optimizer(),
                    Double.parseDouble(v), s.momentum(), s.weightDecay(), s.lrDrops(), s.batch(), s.seed(),
                    s.dataset());
            case "batch" -> new Settings(s.depths(), s.perClass(), s.epochs(), s.width(), s.side(), s.optimizer(),
                    s.learningRate(), s.momentum(), s.weightDecay(), s.lrDrops(), Integer.parseInt(v), s.seed(),
                    s.dataset());
            case "seed" -> new Settings(s.depths(), s.perClass(), s.epochs(), s.width(), s.side(), s.optimizer(),
                    s.learningRate(), s.momentum(), s.weightDecay(), s.lrDrops(), s.batch(), Long.parseLong(v),
                    s.dataset());
            case "dataset" -> new Settings(s.depths(), s.perClass(), s.epochs(), s.width(), s.side(), s.optimizer(),
                    s.learningRate(), s.momentum(), s.weightDecay(), s.lrDrops(), s.batch(), s.seed(), v);
            default -> throw new IllegalArgumentException(knob);
        };
    }

    /** Given: the exercise's table, in markdown. */
    public static String table(List<Curve> curves) {
        StringBuilder t = new StringBuilder("| net | parameters | training error (train mode) | training error (eval"
                + " mode) | test error | seconds |\n|---|---|---|---|---|---|\n");
        for (Curve c : curves) {
            t.append(String.format(Locale.ROOT, "| %s | %,d | %.1f %% | %.1f %% | %.1f %% | %.0f |%n", c.name(),
                    c.parameters(), 100 * c.finalTrainError(), 100 * c.evalModeError()[c.evalModeError().length - 1],
                    100 * c.testError(), c.seconds()));
        }
        return t.toString();
    }

    private static void write(Path out, String header, List<Curve> curves) {
        List<List<?>> rows = new ArrayList<>();
        LinePlot plot = new LinePlot("Training error (train mode) vs epoch: plain dashed, residual solid", "epoch",
                "training error (%)");
        int colour = 0;
        for (Curve c : curves) {
            double[] x = new double[c.trainModeError().length];
            double[] y = new double[x.length];
            for (int e = 0; e < x.length; e++) {
                x[e] = e + 1;
                y[e] = 100 * c.trainModeError()[e];
                rows.add(List.of(c.name(), e + 1, c.trainModeError()[e], c.evalModeError()[e]));
            }
            // one colour per depth: plain dashed, residual solid
            plot.series(c.name(), x, y, !c.residual(), colour);
            if (c.residual()) {
                colour++;
            }
        }
        Csv.write(out.resolve("curves.csv"), List.of("net", "epoch", "train_mode_error", "eval_mode_error"), rows);
        plot.writePng(out.resolve("training-error.png"));
        TextFile.write(out.resolve("results.md"), "# Degradation\n\n" + header.replace("\n", "  \n") + "\n\n"
                + table(curves));
    }
}
