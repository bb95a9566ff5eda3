package resnetkit.dropblock;

import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Given: the residual blocks of a network built after the kit's vertex-name contract. */
public final class ResidualBlocks {

    private ResidualBlocks() {
    }

    /** The residual blocks of {@code net} (every {@code layerS.B} with an {@code add} vertex), in order. */
    public static List<String> of(ComputationGraph net) {
        List<String> blocks = new ArrayList<>();
        for (Map.Entry<String, GraphVertex> e : net.getConfiguration().getVertices().entrySet()) {
            String name = e.getKey();
            if (name.startsWith("layer") && name.endsWith(".add") && e.getValue() instanceof ElementWiseVertex) {
                blocks.add(name.substring(0, name.length() - ".add".length()));
            }
        }
        blocks.sort(ResidualBlocks::compare);
        return blocks;
    }

    /** Whether {@code block} changes the shape (it has a {@code downsample} shortcut). */
    public static boolean isDownsampling(ComputationGraph net, String block) {
        return net.getConfiguration().getVertices().keySet().stream()
                .anyMatch(v -> v.startsWith(block + ".downsample."));
    }

    /** Orders block names by stage, then index: "layer2.10" after "layer2.9". */
    public static int compare(String a, String b) {
        String[] x = a.substring("layer".length()).split("\\.");
        String[] y = b.substring("layer".length()).split("\\.");
        int stage = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return stage != 0 ? stage : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }
}
