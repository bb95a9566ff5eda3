package resnetkit.experiments;

import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import resnetkit.degradation.Curve;
import resnetkit.degradation.Degradation;
import resnetkit.degradation.DegradationData;
import resnetkit.degradation.Settings;
import resnetkit.toolkit.Backend;
import resnetkit.toolkit.Commands;
import resnetkit.toolkit.Csv;
import resnetkit.toolkit.LinePlot;
import resnetkit.toolkit.PeakMemory;
import resnetkit.toolkit.Progress;
import resnetkit.toolkit.TextFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The experiment of Exercise 20.3.2 (degradation): loads the data the settings ask for, runs
 * {@link Degradation#run} (the exercise), prints the table and writes {@code curves.csv}, a PNG plot in the
 * style of the paper's Figure 6 (plain dashed, residual solid) and {@code results.md}. {@code --preset} picks the
 * settings; each other knob given changes that one setting of the preset.
 */
@Command(name = "DegradationExperiment", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        version = "resnet-kit 1.0.0-SNAPSHOT",
        description = {"Trains plain and residual nets of two depths with identical settings and records their"
                + " training error per epoch. The other options change the preset.",
                "ci   (default) 5,000 Fashion-MNIST images at 16x16, widths 8/16/32, Adam 1e-3, 6 epochs:",
                "     about 5 minutes for the four nets on 2 CPU cores.",
                "full the paper's setting: 60,000 images at 32x32, widths 16/32/64, SGD 0.1 momentum 0.9,",
                "     weight decay 1e-4, lr / 10 at epochs 82 and 123 of 164: days on a CPU (docs/experiments.md)."},
        footer = {"Writes DIR/curves.csv, DIR/training-error.png and DIR/results.md"
                + " (default DIR: target/experiments/degradation)."})
public final class DegradationExperiment implements Runnable {

    @Option(names = "--preset", paramLabel = "ci|full", description = "the preset (default: ${DEFAULT-VALUE})")
    private String preset = "ci";
    @Option(names = "--depths", split = ",", paramLabel = "20,56", hideParamSyntax = true,
            description = "the two depths, 6n+2 each")
    private List<Integer> depths;
    @Option(names = "--per-class", paramLabel = "N", description = "training images per class")
    private Integer perClass;
    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training images")
    private Integer epochs;
    @Option(names = "--width", paramLabel = "W", description = "channels of the first stage")
    private Integer width;
    @Option(names = "--side", paramLabel = "16|28|32", description = "image side")
    private Integer side;
    @Option(names = "--optimizer", paramLabel = "adam|sgd", description = "the optimizer")
    private String optimizer;
    @Option(names = "--lr", paramLabel = "X", description = "initial learning rate")
    private Double lr;
    @Option(names = "--batch", paramLabel = "N", description = "minibatch size")
    private Integer batch;
    @Option(names = "--seed", paramLabel = "N", description = "seeds the sample, the weights and the batch order")
    private Long seed;
    @Option(names = "--dataset", paramLabel = "fashion-mnist|cifar10", description = "the data set")
    private String dataset;
    @Option(names = "--cifar-dir", paramLabel = "DIR", description = "CIFAR-10's binary files (--dataset cifar10)")
    private Path cifarDir;
    @Option(names = "--out", paramLabel = "DIR", description = "where the outputs go")
    private Path out = Path.of("target/experiments/degradation");

    /** The experiment command; {@code --help} lists its options. */
    public static void main(String[] args) {
        int code = Commands.execute(new DegradationExperiment(), args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The settings the options give: the preset, with each knob given changed. */
    public Settings settings() {
        Settings s = Settings.preset(preset);
        return new Settings(depths != null ? depths : s.depths(), perClass != null ? perClass : s.perClass(),
                epochs != null ? epochs : s.epochs(), width != null ? width : s.width(), side != null ? side : s.side(),
                optimizer != null ? optimizer : s.optimizer(), lr != null ? lr : s.learningRate(), s.momentum(),
                s.weightDecay(), s.lrDrops(), batch != null ? batch : s.batch(), seed != null ? seed : s.seed(),
                dataset != null ? dataset : s.dataset());
    }

    @Override
    public void run() {
        Settings s = settings();
        String header = "degradation experiment: " + Backend.describe() + "\nsettings: " + s.describe();
        System.out.println(header);
        DataSet[] data = DegradationData.load(s, cifarDir);
        System.out.printf(Locale.ROOT, "data: %d training images, %d test images%n", data[0].numExamples(),
                data[1].numExamples());
        List<Curve> curves = Degradation.run(s, data[0], data[1], Progress.forConsole());
        write(out, header, curves);
        System.out.println();
        System.out.print(table(curves));
        System.out.printf(Locale.ROOT, "wrote %s (curves.csv, training-error.png, results.md); peak resident memory"
                + " %d MiB%n", out, PeakMemory.peakRssMiB());
    }

    /** The exercise's table, in markdown. */
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
