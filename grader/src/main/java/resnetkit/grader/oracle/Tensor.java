package resnetkit.grader.oracle;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/** A dense [N, C, H, W] array of doubles in row-major order: the oracle's only data structure. */
public final class Tensor {

    public final int n;
    public final int c;
    public final int h;
    public final int w;
    public final double[] data;

    public Tensor(int n, int c, int h, int w) {
        this(n, c, h, w, new double[n * c * h * w]);
    }

    public Tensor(int n, int c, int h, int w, double[] data) {
        if (data.length != n * c * h * w) {
            throw new IllegalArgumentException("data has " + data.length + " values, shape needs " + n * c * h * w);
        }
        this.n = n;
        this.c = c;
        this.h = h;
        this.w = w;
        this.data = data;
    }

    /** Copies an ND4J array of rank 4 (or rank 2, as [N, C, 1, 1]) into doubles. */
    public static Tensor of(INDArray a) {
        long[] s = a.shape();
        double[] d = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        return s.length == 4 ? new Tensor((int) s[0], (int) s[1], (int) s[2], (int) s[3], d)
                : new Tensor((int) s[0], (int) s[1], 1, 1, d);
    }

    public int index(int in, int ic, int ih, int iw) {
        return ((in * c + ic) * h + ih) * w + iw;
    }

    public double get(int in, int ic, int ih, int iw) {
        return data[index(in, ic, ih, iw)];
    }

    public void set(int in, int ic, int ih, int iw, double v) {
        data[index(in, ic, ih, iw)] = v;
    }

    /** The shape as ND4J reports it. */
    public long[] shape() {
        return new long[] {n, c, h, w};
    }

    /** A double-precision ND4J copy of shape [N, C, H, W]. */
    public INDArray toNd4j() {
        return Nd4j.create(data.clone(), shape(), DataType.DOUBLE);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape());
    }
}
