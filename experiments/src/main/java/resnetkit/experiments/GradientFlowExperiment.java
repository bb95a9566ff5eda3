package resnetkit.experiments;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import resnetkit.blocks.ShortcutOption;
import resnetkit.datasets.FashionMnist;
import resnetkit.datasets.Split;
import resnetkit.family.ResNets;
import resnetkit.highway.GradientFlow;
import resnetkit.toolkit.Backend;
import resnetkit.toolkit.Commands;
import resnetkit.toolkit.Csv;
import resnetkit.toolkit.Graphs;
import resnetkit.toolkit.LinePlot;
import resnetkit.toolkit.ParamCounts;
import resnetkit.toolkit.PeakMemory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The experiment of Section 3 (gradient highway): at initialisation, the gradient norm of every convolution
 * ({@link GradientFlow#convGradientNorms}, the exercise) of plain and residual CIFAR-style nets of growing
 * depth, as a table, {@code gradient-norms.csv} and {@code gradient-norms.png}.
 */
@Command(name = "GradientFlowExperiment", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        version = "resnet-kit 1.0.0-SNAPSHOT",
        description = {"At initialisation, the gradient norm of every convolution of plain and residual (option A)"
                + " CIFAR-style nets on a batch of Fashion-MNIST training images (28x28), plus a residual 1202-layer"
                + " net (19.4M parameters at width 16; batch 2)."},
        footer = "Writes DIR/gradient-norms.csv and DIR/gradient-norms.png.")
public final class GradientFlowExperiment implements Runnable {

    @Option(names = "--depths", split = ",", paramLabel = "20,56,110", hideParamSyntax = true,
            description = "depths of the plain and residual nets (default: 20,56,110)")
    private List<Integer> depths = List.of(20, 56, 110);
    @Option(names = "--no-1202", description = "leave out the residual 1202-layer net")
    private boolean no1202;
    @Option(names = "--batch", paramLabel = "16", description = "images in the batch (default: ${DEFAULT-VALUE})")
    private int batchSize = 16;
    @Option(names = "--width", paramLabel = "16",
            description = "channels of the first stage (default: ${DEFAULT-VALUE})")
    private int width = 16;
    @Option(names = "--seed", paramLabel = "1", description = "seeds the weights (default: ${DEFAULT-VALUE})")
    private long seed = 1;
    @Option(names = "--out", paramLabel = "DIR", description = "where the outputs go (default: ${DEFAULT-VALUE})")
    private Path out = Path.of("target/experiments/gradient-flow");

    /** The experiment command; {@code --help} lists its options. */
    public static void main(String[] args) {
        int code = Commands.execute(new GradientFlowExperiment(), args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        boolean deepest = !no1202;
        System.out.println("gradient flow at initialisation: " + Backend.describe() + ", seed " + seed);
        DataSet data = FashionMnist.load(Split.TRAIN, FashionMnist.Options.defaults().firstPerClass(2));
        List<String[]> runs = new ArrayList<>();
        for (int depth : depths) {
            runs.add(new String[] {"plain", String.valueOf(depth)});
            runs.add(new String[] {"resnet", String.valueOf(depth)});
        }
        if (deepest) {
            runs.add(new String[] {"resnet", "1202"});
        }
        List<List<?>> rows = new ArrayList<>();
        LinePlot plot = new LinePlot("Gradient norm per convolution at initialisation", "convolution (input side first)",
                "||dL/dW||").logY();
        System.out.printf(Locale.ROOT, "%-12s %12s %14s %14s %10s %8s%n", "net", "parameters", "||dL/dW|| conv1",
                "||dL/dW|| last", "first/last", "seconds");
        int colour = 0;
        for (String[] run : runs) {
            boolean residual = run[0].equals("resnet");
            int depth = Integer.parseInt(run[1]);
            int n = depth > 200 ? Math.min(batchSize, 2) : batchSize;
            DataSet batch = new DataSet(data.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n)),
                    data.getLabels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n)));
            long start = System.nanoTime();
            GraphBuilder g = Graphs.builder(seed);
            String output = ResNets.cifar(g, Graphs.INPUT, depth, width, 1, 10,
                    residual ? ShortcutOption.A_ZERO_PAD : ShortcutOption.NONE_PLAIN);
            ComputationGraph net = Graphs.init(Graphs.finish(g, 1, 28, 28, output));
            Map<String, Double> norms = GradientFlow.convGradientNorms(net, batch);
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] x = new double[norms.size()];
            double[] y = new double[norms.size()];
            int k = 0;
            for (Map.Entry<String, Double> e : norms.entrySet()) {
                x[k] = k;
                y[k] = e.getValue();
                rows.add(List.of(run[0] + "-" + depth, k, e.getKey(), e.getValue()));
                k++;
            }
            String name = (residual ? "ResNet-" : "plain-") + depth;
            System.out.printf(Locale.ROOT, "%-12s %12d %14.4g %14.4g %10.3g %8.1f%n", name, ParamCounts.trainable(net),
                    y[0], y[y.length - 1], y[0] / y[y.length - 1], seconds);
            if (!Double.isFinite(java.util.Arrays.stream(y).sum())) {
                System.out.println("  " + name + ": a gradient norm is not finite");
            }
            plot.series(name, x, y, !residual, residual ? colour++ : colour);
        }
        Csv.write(out.resolve("gradient-norms.csv"), List.of("net", "index", "vertex", "grad_norm"), rows);
        plot.writePng(out.resolve("gradient-norms.png"));
        System.out.printf(Locale.ROOT, "wrote %s and %s; peak resident memory %d MiB%n",
                out.resolve("gradient-norms.csv"), out.resolve("gradient-norms.png"), PeakMemory.peakRssMiB());
    }
}
