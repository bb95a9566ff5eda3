package resnetkit.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The input every benchmark times: uniform random images (seed 1) with one-hot labels 0, 1, 2, ... in turn. */
final class RandomBatch {

    private RandomBatch() {
    }

    /** Features of {@code shape} (batch first), labels [batch, classes]. */
    static DataSet of(int classes, long... shape) {
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, shape);
        INDArray y = Nd4j.zeros(DataType.FLOAT, shape[0], classes);
        for (int i = 0; i < shape[0]; i++) {
            y.putScalar(i, i % classes, 1);
        }
        return new DataSet(x, y);
    }
}
