package resnetkit.experiments;

import org.nd4j.linalg.dataset.DataSet;
import resnetkit.degradation.Curve;
import resnetkit.degradation.Degradation;
import resnetkit.degradation.DegradationData;
import resnetkit.degradation.Settings;
import resnetkit.toolkit.Backend;
import resnetkit.toolkit.Csv;
import resnetkit.toolkit.LinePlot;
import resnetkit.toolkit.PeakMemory;
import resnetkit.toolkit.Progress;
import resnetkit.toolkit.TextFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The experiment of Exercise 20.3.2 (degradation): loads the data the settings ask for, runs
 * {@link Degradation#run} (the exercise), prints the table and writes {@code curves.csv}, a PNG plot in the
 * style of the paper's Figure 6 (plain dashed, residual solid) and {@code results.md}.
 */
public final class DegradationExperiment {

    private DegradationExperiment() {
    }

    /** The experiment command; {@code --help} lists its options. */
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

    static final String HELP = """
            usage: DegradationExperiment [--preset ci|full] [--depths 20,56] [--per-class N] [--epochs N] [--width W]
                                         [--side 16|28|32] [--optimizer adam|sgd] [--lr X] [--batch N] [--seed N]
                                         [--dataset fashion-mnist|cifar10] [--cifar-dir DIR] [--out DIR]
              Trains plain and residual nets of two depths with identical settings and records their training
              error per epoch. Options after --preset change that preset.
              ci   (default) 5,000 Fashion-MNIST images at 16x16, widths 8/16/32, Adam 1e-3, 6 epochs:
                   about 5 minutes for the four nets on 2 CPU cores.
              full the paper's setting: 60,000 images at 32x32, widths 16/32/64, SGD 0.1 momentum 0.9,
                   weight decay 1e-4, lr / 10 at epochs 82 and 123 of 164: days on a CPU (docs/experiments.md).
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
