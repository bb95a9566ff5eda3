package resnetkit.bench;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
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
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 3, model.side, model.side);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, model.classes());
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % model.classes(), 1);
        }
        if (model.trains) {
            DataSet data = new DataSet(x, y);
            double train = Timing.median(warmup, reps, () -> net.fit(data));
            System.out.println(new Measurement(model.id, batch, "training", batch / train, PeakMemory.peakRssMiB())
                    .line());
        }
        double infer = Timing.median(warmup, reps, () -> net.output(false, x));
        System.out.println(new Measurement(model.id, batch, "inference", batch / infer, PeakMemory.peakRssMiB())
                .line());
    }
}
