package resnetkit.highway;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.nd4j.linalg.dataset.DataSet;

import java.util.LinkedHashMap;

/**
 * Section 3: how much gradient reaches each layer at initialisation, in plain and residual nets of growing
 * depth. The exercise is {@link #convGradientNorms}; the experiment command
 * {@code resnetkit.experiments.GradientFlowExperiment} ({@code --help}; docs/experiments.md) runs it on plain and residual
 * CIFAR-style nets (depth 20, 56, 110, and a residual 1202) on a batch of Fashion-MNIST images, prints a
 * table and writes a CSV and a PNG plot.
 */
public final class GradientFlow {

    private GradientFlow() {
    }

    /**
     * The L2 norm of the gradient of {@code net}'s loss on {@code batch} with respect to each convolution's
     * weights (parameter {@code "<vertex>_W"}), in forward (topological) order, so the stem {@code conv1}
     * comes first. A convolution is a vertex whose layer is a DL4J {@code ConvolutionLayer}
     * ({@code org.deeplearning4j.nn.layers.convolution.ConvolutionLayer}: {@code hasLayer()},
     * {@code getLayer()}), projection shortcuts included; no other layer counts. One backward pass at the current
     * weights: set the inputs and labels, call {@code computeGradientAndScore()}, read {@code net.gradient()}
     * ({@code getGradientFor("<vertex>_W")}). {@code net.topologicalSortOrder()}
     * indexes {@code net.getVertices()}; any forward order of the graph is as good (where a projection sits
     * beside its block's branch is not fixed). About 10 lines.
     *
     * @return vertex name to gradient norm, in forward order
     */
    public static LinkedHashMap<String, Double> convGradientNorms(ComputationGraph net, DataSet batch) {
        // >>> YOUR CODE: Exercise S3.3 GradientFlow.convGradientNorms (about 10 lines)
        net.setInputs(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        Gradient gradient = net.gradient();
        LinkedHashMap<String, Double> norms = new LinkedHashMap<>();
        for (int i : net.topologicalSortOrder()) {
            GraphVertex v = net.getVertices()[i];
            if (v.hasLayer() && v.getLayer() instanceof ConvolutionLayer) {
                norms.put(v.getVertexName(), gradient.getGradientFor(v.getVertexName() + "_W").norm2Number()
                        .doubleValue());
            }
        }
        return norms;
        // <<< YOUR CODE
    }
}
