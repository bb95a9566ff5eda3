package resnetkit.grader.support;

import org.assertj.core.api.AbstractAssert;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;

import java.util.List;
import java.util.TreeSet;

/**
 * AssertJ assertions on a graph's structure, with messages a student can act on:
 * {@code assertThat(conf).hasVertex("layer1.0.add").withInputs("layer1.0.bn2", "input")}.
 */
public final class GraphAssert extends AbstractAssert<GraphAssert, ComputationGraphConfiguration> {

    private String current;

    GraphAssert(ComputationGraphConfiguration actual) {
        super(actual, GraphAssert.class);
    }

    /** The named vertex exists; later calls check it. */
    public GraphAssert hasVertex(String name) {
        isNotNull();
        if (!actual.getVertices().containsKey(name)) {
            failWithMessage("Expected a vertex <%s> but the graph has none; its vertices are %s", name,
                    new TreeSet<>(actual.getVertices().keySet()));
        }
        current = name;
        return this;
    }

    /** The named vertex does not exist. */
    public GraphAssert hasNoVertex(String name, String why) {
        isNotNull();
        if (actual.getVertices().containsKey(name)) {
            failWithMessage("Expected no vertex <%s> (%s) but the graph has one", name, why);
        }
        return this;
    }

    /** No vertex name starts with {@code prefix}. */
    public GraphAssert hasNoVertexStartingWith(String prefix, String why) {
        isNotNull();
        List<String> found = actual.getVertices().keySet().stream().filter(v -> v.startsWith(prefix)).sorted().toList();
        if (!found.isEmpty()) {
            failWithMessage("Expected no vertex named <%s...> (%s) but found %s", prefix, why, found);
        }
        return this;
    }

    /** The current vertex reads exactly these vertices, in this order. */
    public GraphAssert withInputs(String... inputs) {
        List<String> actualInputs = actual.getVertexInputs().get(current);
        if (!List.of(inputs).equals(actualInputs)) {
            failWithMessage("Expected <%s> to read <%s> but it reads <%s>", current, List.of(inputs), actualInputs);
        }
        return this;
    }

    /** The current vertex reads these vertices in any order (an addition commutes). */
    public GraphAssert withInputsInAnyOrder(String... inputs) {
        List<String> actualInputs = actual.getVertexInputs().get(current);
        if (actualInputs == null || !new TreeSet<>(List.of(inputs)).equals(new TreeSet<>(actualInputs))
                || actualInputs.size() != inputs.length) {
            failWithMessage("Expected <%s> to read <%s> but it reads <%s>", current, List.of(inputs), actualInputs);
        }
        return this;
    }

    /** The current vertex is a layer of this configuration type. */
    public GraphAssert isLayer(Class<? extends Layer> type) {
        GraphVertex v = actual.getVertices().get(current);
        Object layer = v instanceof LayerVertex lv ? lv.getLayerConf().getLayer() : v;
        if (!type.isInstance(layer)) {
            failWithMessage("Expected <%s> to be a %s but it is a %s", current, type.getSimpleName(),
                    layer == null ? "null" : layer.getClass().getSimpleName());
        }
        return this;
    }

    /** The layer configuration of the current vertex. */
    public Layer layer() {
        GraphVertex v = actual.getVertices().get(current);
        if (!(v instanceof LayerVertex lv)) {
            throw new AssertionError("Expected <" + current + "> to be a layer but it is a "
                    + v.getClass().getSimpleName());
        }
        return lv.getLayerConf().getLayer();
    }
}
