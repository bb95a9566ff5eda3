package resnetkit.experiments;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import resnetkit.datasets.DataLocator;
import resnetkit.degradation.Curve;
import resnetkit.degradation.Degradation;
import resnetkit.degradation.DegradationData;
import resnetkit.degradation.Settings;
import resnetkit.dropblock.ReferenceModels;
import resnetkit.toolkit.Backend;
import resnetkit.toolkit.Commands;
import resnetkit.toolkit.Progress;
import resnetkit.toolkit.TextFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Trains the two small networks Exercise 20.3.3 is graded on ({@link ReferenceModels}: a ResNet-20 and a
 * plain-20 on Fashion-MNIST) with the exercise code of Degradation, and writes them with a README recording how.
 */
@Command(name = "TrainReferenceModels", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        version = "resnet-kit 1.0.0-SNAPSHOT")
public final class TrainReferenceModels implements Callable<Void> {

    @Option(names = "--out", paramLabel = "DIR",
            description = "where the models go (default: datasets/models of the kit)")
    private Path out;

    /** Trains both models and writes them, with a README recording how, into the models folder. */
    public static void main(String[] args) {
        CommandLine command = Commands.of(new TrainReferenceModels());
        command.getCommandSpec().usageMessage().description("Trains the ResNet-20 and plain-20 that Exercise 20.3.3 is"
                + " graded on (" + ReferenceModels.settings().describe() + ") and writes them to DIR.");
        int code = Commands.execute(command, args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Void call() throws IOException {
        Path out = this.out != null ? this.out : DataLocator.models();
        Settings s = ReferenceModels.settings();
        String header = Backend.describe();
        System.out.println("reference models: " + header + "\nsettings: " + s.describe());
        DataSet[] data = DegradationData.load(s, null);
        StringBuilder readme = new StringBuilder("# Trained models for Exercise 20.3.3\n\nMade by the kit's"
                + " `TrainReferenceModels` command (`resnetkit.experiments.TrainReferenceModels`), with the reference"
                + " solution:\n\n- settings: " + s.describe() + "\n- backend: " + header + "\n\n| file | net |"
                + " parameters | test accuracy (10,000 images) |\n|---|---|---|---|\n");
        for (boolean residual : new boolean[] {true, false}) {
            String name = residual ? "ResNet-20" : "plain-20";
            ComputationGraph net = Degradation.buildNet(20, residual, s);
            Curve c = Degradation.trainNet(name, 20, residual, net, data[0], data[1], s, Progress.forConsole());
            System.out.println(c.summary());
            String file = residual ? ReferenceModels.RESNET20 : ReferenceModels.PLAIN20;
            Files.createDirectories(out);
            ModelSerializer.writeModel(net, out.resolve(file).toFile(), false);
            readme.append(String.format(Locale.ROOT, "| `%s` | %s | %,d | %.2f %% |%n", file, name, c.parameters(),
                    100 * (1 - c.testError())));
        }
        TextFile.write(out.resolve("README.md"), readme.toString());
        System.out.println("wrote " + out);
        return null;
    }
}
