package resnetkit.graded.hidden;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.deeplearning4j.nn.graph.ComputationGraph;
import resnetkit.blocks.BasicBlock;
import resnetkit.blocks.ShortcutOption;
import resnetkit.grader.api.Exercise;
import resnetkit.grader.api.Hidden;
import resnetkit.grader.api.Points;
import resnetkit.grader.oracle.BlockOracle;
import resnetkit.grader.oracle.Tensor;
import resnetkit.grader.support.Probe;
import resnetkit.toolkit.Layers;

import static resnetkit.grader.support.KitAssertions.assertClose;


/** Hidden: the basic block with the parameter-free option-A shortcut, against the oracle. */
@Hidden
@Exercise(id = "20.2.1", title = "BasicBlock and its shortcut")
class HiddenBasicBlockTest {

    @Property(seed = "4242", tries = 15)
    @Points(2)
    void option_a_blocks_equal_the_oracle(@ForAll @IntRange(min = 1, max = 4) int in,
                                          @ForAll boolean doubles,
                                          @ForAll @IntRange(min = 1, max = 8) int side) {
        int out = doubles ? 2 * in : in;
        int stride = doubles ? 2 : 1;
        ComputationGraph net = Probe.network("BasicBlock.build (option A)", (g, input) ->
                BasicBlock.build(g, "layer3.0", input, in, out, stride, ShortcutOption.A_ZERO_PAD), in, side);
        Probe.randomise(net, side);
        Tensor x = Probe.randomInput(2, in, side, 6);
        Tensor expected = new BlockOracle(net, false, Layers.BN_EPS).basicBlock(x, "layer3.0", out, stride,
                doubles ? BlockOracle.Shortcut.ZERO_PAD : BlockOracle.Shortcut.IDENTITY);
        assertClose("option-A basic block", Probe.output(net, x), expected);
    }
}
