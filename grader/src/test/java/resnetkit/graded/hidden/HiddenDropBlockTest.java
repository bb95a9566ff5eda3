package resnetkit.graded.hidden;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import resnetkit.dropblock.DropBlock;
import resnetkit.dropblock.ResidualBlocks;
import resnetkit.grader.api.Exercise;
import resnetkit.grader.api.Hidden;
import resnetkit.grader.api.Points;
import resnetkit.grader.oracle.Tensor;
import resnetkit.grader.support.Probe;
import resnetkit.grader.support.Student;

import java.util.List;

import static resnetkit.grader.support.KitAssertions.assertClose;
import static resnetkit.grader.support.KitAssertions.assertThat;


/**
 * Exercise 20.3.3: what a dropped block computes, on the grader's own small network (two basic and two
 * bottleneck blocks, identity and projection). Hidden because that network's blocks ({@link ReferenceNets})
 * answer Exercises 20.2.1 and 20.2.3, and the expectation is built as the exercise asks (an answer to 20.3.3).
 */
@Hidden
@Exercise(id = "20.3.3", title = "Dropping one residual block")
class HiddenDropBlockTest {

    static final List<String> BLOCKS = List.of("layer1.0", "layer2.0", "layer3.0", "layer3.1");

    static ComputationGraph probe() {
        ComputationGraph net = Probe.network("reference net", HiddenZeroInitTest.net(2), 2, 5);
        Probe.randomise(net, 77);
        return net;
    }

    static ComputationGraph drop(ComputationGraph net, String block) {
        return Student.call("DropBlock.dropBlock", () -> DropBlock.dropBlock(net, block));
    }

    @Test
    @Timeout(120)
    @Points(3)
    void a_dropped_block_outputs_relu_of_its_shortcut_identity_or_projection() {
        ComputationGraph net = probe();
        Tensor x = Probe.randomInput(2, 2, 5, 3);
        for (String block : BLOCKS) {
            ComputationGraph expected = net.clone();
            String bn = expected.paramTable().containsKey(block + ".bn3_gamma") ? block + ".bn3" : block + ".bn2";
            expected.setParam(bn + "_gamma", expected.getParam(bn + "_gamma").mul(0));
            expected.setParam(bn + "_beta", expected.getParam(bn + "_beta").mul(0));
            ComputationGraph dropped = drop(net, block);
            assertThat(dropped).as("dropBlock must return a network").isNotNull();
            assertClose("the network with " + block + " dropped (its branch zero, its shortcut"
                    + (ResidualBlocks.isDownsampling(net, block) ? ", a projection," : "") + " kept)",
                    Probe.output(dropped, x), Probe.output(expected, x));
        }
    }
}
