package resnetkit.highway;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Section 3: zero-initialised residual branches. With the last batch norm of every residual block scaled
 * by gamma = 0 (and its beta at its initial 0), each branch F outputs 0 and each block computes
 * ReLU(shortcut(x)): the whole network starts as its stem, its projection shortcuts and its head, and
 * depth costs nothing at initialisation (Goyal et al. 2017; torchvision's {@code zero_init_residual}).
 */
public final class ZeroInit {

    private ZeroInit() {
    }

    /**
     * Sets to 0 the gamma of the last batch norm of every residual block of {@code net}, in place: the
     * parameter {@code "<block>.bn3_gamma"} of a bottleneck block, else {@code "<block>.bn2_gamma"} of a basic
     * block, for every block {@code layerS.B} that has an {@code add} vertex (a plain block has none). A
     * bottleneck block is one that has a {@code bn3} (its {@code "<block>.bn3_gamma"} is a key of
     * {@code net.paramTable()}); {@code getParam} and {@code setParam} read and write a parameter by its key.
     * Leaves every other parameter as it is. About 10 lines.
     *
     * @return the number of blocks changed
     */
    public static int zeroInitResidualBranches(ComputationGraph net) {
        // >>> YOUR CODE: Exercise S3.2 ZeroInit.zeroInitResidualBranches (about 10 lines)
        int blocks = 0;
        for (String vertex : net.getConfiguration().getVertices().keySet()) {
            if (!vertex.startsWith("layer") || !vertex.endsWith(".add")) {
                continue;
            }
            String block = vertex.substring(0, vertex.length() - ".add".length());
            String bn = net.paramTable().containsKey(block + ".bn3_gamma") ? block + ".bn3" : block + ".bn2";
            INDArray gamma = net.getParam(bn + "_gamma");
            net.setParam(bn + "_gamma", gamma.mul(0));
            blocks++;
        }
        return blocks;
        // <<< YOUR CODE
    }
}
