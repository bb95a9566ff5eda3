package resnetkit.toolkit;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** How well a classifier does on labelled images, in inference mode (batch norm on its running statistics). */
public final class Evaluation {

    private Evaluation() {
    }

    /** The fraction of {@code data} that {@code net} misclassifies, evaluated {@code batch} images at a time. */
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

    /** 1 - {@link #error}. */
    public static double accuracy(ComputationGraph net, DataSet data, int batch) {
        return 1 - error(net, data, batch);
    }
}
