package resnetkit.dropblock;

import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.List;

/**
 * Exercise 20.3.3: what dropping one residual block costs.
 *
 * <p><b>Definition used by the kit.</b> Dropping block {@code layerS.B} makes its residual branch F contribute
 * zero and keeps its shortcut: the block computes ReLU(shortcut(x)). For an identity block that is ReLU(x),
 * which is x itself after the previous block's ReLU, so the block disappears; a downsampling block keeps
 * its projection (or option-A subsampling), since without it the shapes would no longer fit (Veit et al.
 * 2016 drop blocks the same way). In inference mode, a branch whose last batch norm has gamma = beta = 0
 * outputs exactly zero.
 */
public final class DropBlock {

    private DropBlock() {
    }

    /**
     * Returns a copy of {@code net} in which residual block {@code block} (e.g. {@code "layer3.2"}) is dropped:
     * its last batch norm gets gamma = 0 and beta = 0, so its branch outputs zero and the block computes
     * ReLU(shortcut(x)). The last batch norm is {@code <block>.bn3} for a bottleneck block, else
     * {@code <block>.bn2}; a bottleneck block is one that has a {@code bn3} (its parameter
     * {@code "<block>.bn3_gamma"} is a key of {@code net.paramTable()}). A batch norm {@code <bn>} keeps its gamma
     * and beta as the parameters {@code "<bn>_gamma"} and {@code "<bn>_beta"} ({@code getParam} and
     * {@code setParam} by these keys). {@code net} itself is left untouched ({@code net.clone()} copies a network).
     * A name that is not a residual block of {@code net} (one of {@link ResidualBlocks#of}: a {@code layerS.B}
     * with an {@code add} vertex; a plain block is none) is rejected with an {@link IllegalArgumentException} that
     * names it and lists the blocks. About 12 lines.
     */
    public static ComputationGraph dropBlock(ComputationGraph net, String block) {
        // >>> YOUR CODE: Exercise 20.3.3 DropBlock.dropBlock (about 12 lines)
        List<String> blocks = ResidualBlocks.of(net);
        if (!blocks.contains(block)) {
            throw new IllegalArgumentException("no residual block named '" + block + "' in this network; its blocks"
                    + " are " + blocks);
        }
        ComputationGraph copy = net.clone();
        String bn = copy.paramTable().containsKey(block + ".bn3_gamma") ? block + ".bn3" : block + ".bn2";
        copy.setParam(bn + "_gamma", copy.getParam(bn + "_gamma").mul(0));
        copy.setParam(bn + "_beta", copy.getParam(bn + "_beta").mul(0));
        return copy;
        // <<< YOUR CODE
    }
}
