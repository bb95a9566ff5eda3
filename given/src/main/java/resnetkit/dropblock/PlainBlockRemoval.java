package resnetkit.dropblock;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Given: the plain-net counterpart of {@code DropBlock}. A plain block has no shortcut to fall back on, so
 * "removing" it means making it the identity: both 3x3 convolutions get an identity kernel (1 at the
 * centre, from channel c to channel c) and both batch norms undo their own normalisation (gamma = running
 * std, beta = running mean). For the non-negative inputs a previous ReLU produces, the block then returns
 * its input exactly, in inference mode, as if its two layers had been taken out of the network.
 */
public final class PlainBlockRemoval {

    private PlainBlockRemoval() {
    }

    /** The blocks of plain net {@code net} that can become the identity: all but the first of each stage. */
    public static List<String> sameShapeBlocks(ComputationGraph net) {
        List<String> blocks = new ArrayList<>();
        for (String v : net.getConfiguration().getVertices().keySet()) {
            if (v.startsWith("layer") && v.endsWith(".conv1") && !v.endsWith(".0.conv1")) {
                blocks.add(v.substring(0, v.length() - ".conv1".length()));
            }
        }
        blocks.sort(ResidualBlocks::compare);
        return blocks;
    }

    /**
     * A copy of plain net {@code net} with block {@code block} (same channels in and out, stride 1) turned into
     * the identity.
     */
    public static ComputationGraph removeBlock(ComputationGraph net, String block) {
        if (!net.getConfiguration().getVertices().containsKey(block + ".conv1")) {
            throw new IllegalArgumentException("no block named '" + block + "' in this network");
        }
        ComputationGraph copy = net.clone();
        for (String conv : new String[] {block + ".conv1", block + ".conv2"}) {
            INDArray w = copy.getParam(conv + "_W");
            long[] s = w.shape(); // [out, in, 3, 3]
            if (s[0] != s[1]) {
                throw new IllegalArgumentException(block + " changes the channel count: only same-shape blocks can"
                        + " become the identity");
            }
            INDArray identity = Nd4j.zeros(w.dataType(), s);
            for (int c = 0; c < s[0]; c++) {
                identity.putScalar(new long[] {c, c, s[2] / 2, s[3] / 2}, 1.0);
            }
            copy.setParam(conv + "_W", identity);
        }
        for (String bn : new String[] {block + ".bn1", block + ".bn2"}) {
            INDArray var = copy.getParam(bn + "_var");
            double eps = ((org.deeplearning4j.nn.conf.layers.BatchNormalization) copy.getLayer(bn).conf().getLayer())
                    .getEps();
            copy.setParam(bn + "_gamma", org.nd4j.linalg.ops.transforms.Transforms.sqrt(var.add(eps)));
            copy.setParam(bn + "_beta", copy.getParam(bn + "_mean").dup());
        }
        return copy;
    }
}
