package resnetkit.dropblock;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.DataSet;
import resnetkit.datasets.DataLocator;
import resnetkit.degradation.DegradationData;
import resnetkit.degradation.Settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Given: the two small trained networks that Exercise 20.3.3 is graded on, shipped in
 * {@code datasets/models/}: a CIFAR-style ResNet-20 (option A) and a plain-20, trained the same way on
 * Fashion-MNIST. The experiments' {@code TrainReferenceModels} command made them; {@link #load} reads them.
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
                    + " make it again with the TrainReferenceModels command (see docs/experiments.md, Exercise 20.3.3)");
        }
        try {
            return ModelSerializer.restoreComputationGraph(path.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("model file " + path + " cannot be read (" + e.getMessage() + "): restore"
                    + " it with git checkout, or make it again with the TrainReferenceModels command", e);
        }
    }

    /** The test images the models are evaluated on, preprocessed as they were trained. */
    public static DataSet testImages() {
        return DegradationData.load(settings(), null)[1];
    }
}
