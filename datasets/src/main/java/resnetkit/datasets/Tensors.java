package resnetkit.datasets;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small helpers that build ND4J float arrays: one-hot labels, and arrays filled through their off-heap memory. */
final class Tensors {

    private Tensors() {
    }

    /** One-hot rows [n, numClasses], float. */
    static INDArray oneHot(int[] labels, int numClasses) {
        float[] values = new float[labels.length * numClasses];
        for (int i = 0; i < labels.length; i++) {
            values[i * numClasses + labels[i]] = 1f;
        }
        return Nd4j.create(values, new long[] {labels.length, numClasses}, DataType.FLOAT);
    }

    /** A float array of this shape, zero-filled, with a writable view of its off-heap memory. */
    static INDArray zeros(long... shape) {
        return Nd4j.create(DataType.FLOAT, shape);
    }

    /** Writable view of a freshly created array's off-heap memory in c order, positioned at 0. */
    static FloatBuffer floats(INDArray array) {
        FloatBuffer buffer = array.data().asNioFloat();
        buffer.position(0);
        return buffer;
    }
}
