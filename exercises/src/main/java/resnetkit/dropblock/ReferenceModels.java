package resnetkit.dropblock;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.DataSet;
import resnetkit.datasets.DataLocator;
import resnetkit.degradation.Curve;
import resnetkit.degradation.Degradation;
import resnetkit.degradation.Settings;
import resnetkit.toolkit.Backend;
import resnetkit.toolkit.Progress;
import resnetkit.toolkit.TextFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Given: the two small trained networks that Exercise 20.3.3 is graded on, shipped in
 * {@code datasets/models/}: a CIFAR-style ResNet-20 (option A) and a plain-20, trained the same way on
 * Fashion-MNIST. This command made them; {@link #load} reads them.
 */
public final class ReferenceModels {

    /** The residual model's file name in the models folder. */
    public static final String RESNET20 = "fashion-resnet20.zip";
    /** The plain model's file name in the models folder. */
    public static final String PLAIN20 = "fashion-plain20.zip";

    private ReferenceModels() {
    }

    /** The settings the shipped models were trained with. */
    public static Settings settings() {
        return new Settings(List.of(20), 2000, 5, 16, 16, "adam", 1e-3, 0.9, 0.0, List.of(), 128, 1,
                "fashion-mnist");
    }

    /** Loads a shipped model (inference only: no updater state) from the models folder. */
    public static ComputationGraph load(String file) {
        Path path = DataLocator.models().resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("model file " + path + " is missing: restore it with git checkout, or"
                    + " make it again with the ReferenceModels command (see README, Exercise 20.3.3)");
        }
        try {
            return ModelSerializer.restoreComputationGraph(path.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("model file " + path + " cannot be read (" + e.getMessage() + "): restore"
                    + " it with git checkout, or make it again with the ReferenceModels command", e);
        }
    }

    /** The test images the models are evaluated on, preprocessed as they were trained. */
    public static DataSet testImages() {
        return Degradation.loadData(settings(), null)[1];
    }

    /** Trains both models and writes them, with a README recording how, into the models folder. */
    public static void main(String[] args) throws IOException {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("usage: ReferenceModels [--out DIR]\n  Trains the ResNet-20 and plain-20 that"
                    + " Exercise 20.3.3 is graded on (" + settings().describe() + ")\n  and writes them to DIR"
                    + " (default: datasets/models of the kit).");
            return;
        }
        Path out = args.length > 1 && args[0].equals("--out") ? Path.of(args[1]) : DataLocator.models();
        Settings s = settings();
        String header = Backend.describe();
        System.out.println("reference models: " + header + "\nsettings: " + s.describe());
        DataSet[] data = Degradation.loadData(s, null);
        StringBuilder readme = new StringBuilder("# Trained models for Exercise 20.3.3\n\nMade by the kit's"
                + " `ReferenceModels` command (`resnetkit.dropblock.ReferenceModels`), with the reference solution:\n\n"
                + "- settings: " + s.describe() + "\n- backend: " + header + "\n\n| file | net | parameters |"
                + " test accuracy (10,000 images) |\n|---|---|---|---|\n");
        for (boolean residual : new boolean[] {true, false}) {
            String name = residual ? "ResNet-20" : "plain-20";
            ComputationGraph net = Degradation.buildNet(20, residual, s);
            Curve c = Degradation.trainNet(name, 20, residual, net, data[0], data[1], s, Progress.forConsole());
            System.out.println(Degradation.summary(c));
            String file = residual ? RESNET20 : PLAIN20;
            Files.createDirectories(out);
            ModelSerializer.writeModel(net, out.resolve(file).toFile(), false);
            readme.append(String.format(Locale.ROOT, "| `%s` | %s | %,d | %.2f %% |%n", file, name, c.parameters(),
                    100 * (1 - c.testError())));
        }
        TextFile.write(out.resolve("README.md"), readme.toString());
        System.out.println("wrote " + out);
    }
}
