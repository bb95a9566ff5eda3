package resnetkit.graded.hidden;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.deeplearning4j.nn.graph.ComputationGraph;
import resnetkit.blocks.Bottleneck;
import resnetkit.blocks.StridePlacement;
import resnetkit.grader.api.Exercise;
import resnetkit.grader.api.Hidden;
import resnetkit.grader.api.Points;
import resnetkit.grader.oracle.BlockOracle;
import resnetkit.grader.oracle.Tensor;
import resnetkit.grader.support.Probe;
import resnetkit.toolkit.Layers;

import static resnetkit.grader.support.KitAssertions.assertClose;


/** Hidden: the bottleneck in training mode (batch statistics), with the paper's stride placement. */
@Hidden
@Exercise(id = "20.2.3", title = "Bottleneck block")
class HiddenBottleneckTest {

    @Property(seed = "4242", tries = 10)
    @Points(2)
    void training_mode_output_equals_the_oracle(@ForAll @IntRange(min = 1, max = 6) int in,
                                                @ForAll @IntRange(min = 1, max = 3) int planes,
                                                @ForAll boolean strided,
                                                @ForAll @IntRange(min = 2, max = 7) int side) {
        int stride = strided ? 2 : 1;
        ComputationGraph net = Probe.network("Bottleneck.build (FIRST_ONE_BY_ONE)", (g, input) ->
                Bottleneck.build(g, "layer2.0", input, in, planes, stride, StridePlacement.FIRST_ONE_BY_ONE), in, side);
        Probe.randomise(net, planes);
        Tensor x = Probe.randomInput(3, in, side, 2);
        BlockOracle.Shortcut sc = stride != 1 || in != 4 * planes ? BlockOracle.Shortcut.PROJECTION
                : BlockOracle.Shortcut.IDENTITY;
        Tensor expected = new BlockOracle(net, true, Layers.BN_EPS).bottleneck(x, "layer2.0", planes, stride, false, sc);
        assertClose("bottleneck in training mode", Probe.trainingOutput(net, x, "layer2.0.relu"), expected);
    }
}
