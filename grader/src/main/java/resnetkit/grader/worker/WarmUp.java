package resnetkit.grader.worker;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.platform.launcher.Launcher;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import resnetkit.toolkit.Layers;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * What the watch mode's spare grading JVM does while it waits for a save: the first use of each library a grading
 * needs (JUnit's and jqwik's discovery, ArchUnit's class-file import for the rules, a DL4J network's build, forward
 * and backward pass), so that those first uses are not paid after the save. Only the kit's own code runs here,
 * before the guard is on and before any graded test or student class is loaded. Nothing it does is kept: ND4J's
 * random generator is reset to the seed it started with (the network's initialisation seeds it anew), and no
 * default or data type of ND4J changes.
 */
final class WarmUp {

    /** A package without tests: its discovery warms the engines without loading a graded test. */
    private static final String NO_TESTS = "resnetkit.grader.worker.nothing";

    private WarmUp() {
    }

    static void run(Launcher launcher) {
        long seed = Nd4j.getRandom().getSeed();
        launcher.discover(request().selectors(selectPackage(NO_TESTS)).build());
        new ClassFileImporter().importClasses(WarmUp.class);
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("in")
                .addLayer("conv", Layers.conv3x3(1, 2, 1), "in")
                .addLayer("bn", Layers.batchNorm(2), "conv")
                .addLayer("relu", Layers.relu(), "bn")
                .addLayer("pool", Layers.globalAvgPool(), "relu")
                .addLayer("fc", Layers.softmaxHead(2, 2), "pool")
                .setOutputs("fc")
                .setInputTypes(InputType.convolutional(4, 4, 1))
                .build());
        net.init();
        net.fit(new DataSet(Nd4j.ones(2, 1, 4, 4), Nd4j.eye(2)));
        net.output(Nd4j.ones(1, 1, 4, 4));
        Nd4j.getRandom().setSeed(seed);
    }
}
