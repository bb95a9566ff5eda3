package resnetkit.bench;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import resnetkit.toolkit.Backend;
import resnetkit.toolkit.Graphs;
import resnetkit.toolkit.PeakMemory;

/**
 * Measures one model at one batch size in its own JVM, so that each row's peak memory is its own:
 * {@code CaseRunner MODEL BATCH WARMUP REPS}. Prints {@link Measurement} lines on stdout. Training times a
 * full {@code fit} step (forward, backward, Adam update); inference times {@code output} in inference mode.
 */
public final class CaseRunner {

    private CaseRunner() {
    }

    public static void main(String[] args) {
        BenchCase model = BenchCase.of(args[0]);
        int batch = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int reps = Integer.parseInt(args[3]);
        Backend.init();
        ComputationGraph net = Graphs.init(model.config());
        DataSet data = RandomBatch.of(model.classes(), batch, 3, model.side, model.side);
        INDArray x = data.getFeatures();
        if (model.trains) {
            double train = Timing.median(warmup, reps, () -> net.fit(data));
            System.out.println(new Measurement(model.id, batch, "training", batch / train, PeakMemory.peakRssMiB())
                    .line());
        }
        double infer = Timing.median(warmup, reps, () -> net.output(false, x));
        System.out.println(new Measurement(model.id, batch, "inference", batch / infer, PeakMemory.peakRssMiB())
                .line());
    }
}
