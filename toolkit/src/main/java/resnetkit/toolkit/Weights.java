package resnetkit.toolkit;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Moving weights between networks by vertex and parameter name, never by flat vector:
 * {@code setParams(other.params())} across graphs whose layer order differs assigns wrong weights
 * without any error.
 */
public final class Weights {

    private Weights() {
    }

    /**
     * Copies every parameter of {@code from} into the parameter of the same name in {@code to}.
     *
     * @throws IllegalArgumentException naming the first parameter that is missing in {@code to} or has
     *                                  another shape
     */
    public static void copyByName(ComputationGraph from, ComputationGraph to) {
        Map<String, INDArray> target = to.paramTable();
        for (Map.Entry<String, INDArray> e : from.paramTable().entrySet()) {
            INDArray dst = target.get(e.getKey());
            if (dst == null) {
                throw new IllegalArgumentException("target network has no parameter " + e.getKey());
            }
            if (!java.util.Arrays.equals(dst.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("parameter " + e.getKey() + ": expected shape "
                        + java.util.Arrays.toString(dst.shape()) + " but was "
                        + java.util.Arrays.toString(e.getValue().shape()));
            }
            to.setParam(e.getKey(), e.getValue().castTo(dst.dataType()));
        }
    }
}
