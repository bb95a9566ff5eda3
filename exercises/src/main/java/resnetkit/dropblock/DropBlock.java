package resnetkit.dropblock;

import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
     * its last batch norm ({@code <block>.bn3} for a bottleneck, else {@code <block>.bn2}) gets gamma = 0 and
     * beta = 0, so its branch outputs zero and the block computes ReLU(shortcut(x)). {@code net} itself is left
     * untouched ({@code net.clone()} copies a network). A name that is not a residual block of {@code net}
     * (see {@link #residualBlocks}) is rejected with an {@link IllegalArgumentException} that names it and
     * lists the blocks. About 12 lines.
     */
    public static ComputationGraph dropBlock(ComputationGraph net, String block) {
        // >>> YOUR CODE: Exercise 20.3.3 DropBlock.dropBlock (about 12 lines)
        throw new UnsupportedOperationException(
                "Exercise 20.3.3 DropBlock.dropBlock (about 12 lines): not written yet (fill in the YOUR CODE block)");
        // <<< YOUR CODE
    }

    /** Given: the residual blocks of {@code net} (every {@code layerS.B} with an {@code add} vertex), in order. */
    public static List<String> residualBlocks(ComputationGraph net) {
        List<String> blocks = new ArrayList<>();
        for (Map.Entry<String, GraphVertex> e : net.getConfiguration().getVertices().entrySet()) {
            String name = e.getKey();
            if (name.startsWith("layer") && name.endsWith(".add") && e.getValue() instanceof ElementWiseVertex) {
                blocks.add(name.substring(0, name.length() - ".add".length()));
            }
        }
        blocks.sort(DropBlock::compareBlocks);
        return blocks;
    }

    /** Given: whether {@code block} changes the shape (it has a {@code downsample} shortcut). */
    public static boolean isDownsampling(ComputationGraph net, String block) {
        return net.getConfiguration().getVertices().keySet().stream()
                .anyMatch(v -> v.startsWith(block + ".downsample."));
    }

    /** Orders "layer2.10" after "layer2.9". */
    static int compareBlocks(String a, String b) {
        String[] x = a.substring("layer".length()).split("\\.");
        String[] y = b.substring("layer".length()).split("\\.");
        int stage = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return stage != 0 ? stage : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }
}
