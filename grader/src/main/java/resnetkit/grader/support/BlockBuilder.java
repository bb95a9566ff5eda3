package resnetkit.grader.support;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;

/** Student code that adds vertices reading {@code input} and returns the name of its output vertex. */
@FunctionalInterface
public interface BlockBuilder {

    String build(GraphBuilder g, String input);
}
