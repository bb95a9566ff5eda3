package resnetkit.graded.hidden;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import resnetkit.grader.api.Exercise;
import resnetkit.grader.api.Hidden;
import resnetkit.grader.api.Points;
import resnetkit.grader.oracle.BlockOracle;
import resnetkit.grader.oracle.Oracle;
import resnetkit.grader.oracle.Tensor;
import resnetkit.grader.support.BlockBuilder;
import resnetkit.grader.support.Grading;
import resnetkit.grader.support.Probe;
import resnetkit.grader.support.Student;
import resnetkit.highway.ZeroInit;
import resnetkit.toolkit.Layers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static resnetkit.grader.support.KitAssertions.assertClose;
import static resnetkit.grader.support.KitAssertions.assertThat;


/**
 * Section 3: with every residual branch's last BN at gamma = 0 the net is its stem, shortcuts and head. Hidden
 * because it grades on the grader's own {@link ReferenceNets}, whose blocks answer Exercises 20.2.1 and 20.2.3.
 */
@Hidden
@Exercise(id = "S3.2", title = "Zero-init residual branches")
class HiddenZeroInitTest {

    static final List<String> LAST_BNS = List.of("layer1.0.bn2", "layer2.0.bn2", "layer3.0.bn3", "layer3.1.bn3");

    /** Stem; an identity and a projection basic block; a projection and an identity bottleneck; head. */
    static BlockBuilder net(int w) {
        return net(w, false);
    }

    /** The same, with a plain block (no addition) after layer1.0 when {@code plainBlock}: not a residual block. */
    static BlockBuilder net(int w, boolean plainBlock) {
        return (g, in) -> {
            String t = ReferenceNets.stem(g, in, 2, w);
            t = ReferenceNets.basic(g, "layer1.0", t, w, w, 1, true);
            if (plainBlock) {
                t = ReferenceNets.basic(g, "layer1.1", t, w, w, 1, false);
            }
            t = ReferenceNets.basic(g, "layer2.0", t, w, 2 * w, 2, true);
            t = ReferenceNets.bottleneck(g, "layer3.0", t, 2 * w, w, 1);
            t = ReferenceNets.bottleneck(g, "layer3.1", t, 4 * w, w, 1);
            g.addLayer("avgpool", Layers.globalAvgPool(), t);
            g.addLayer("fc", Layers.softmaxHead(4 * w, 3), "avgpool");
            return "fc";
        };
    }

    @Property(seed = Grading.SEED, tries = 10)
    @Points(3)
    void the_zero_initialised_net_is_its_stem_projections_and_head(@ForAll @IntRange(min = 1, max = 3) int w,
                                                                  @ForAll @IntRange(min = 2, max = 7) int side) {
        ComputationGraph net = Probe.network("reference net", net(w), 2, side);
        Probe.randomise(net, 31L * w + side);
        for (String bn : LAST_BNS) { // beta starts at 0, as at initialisation
            net.setParam(bn + "_beta", net.getParam(bn + "_beta").mul(0));
        }
        Tensor x = Probe.randomInput(2, 2, side, 5);
        int changed = Student.call("ZeroInit.zeroInitResidualBranches", () -> ZeroInit.zeroInitResidualBranches(net));
        assertThat(changed).as("residual blocks changed (two basic blocks, two bottlenecks)").isEqualTo(4);

        BlockOracle o = new BlockOracle(net, false, Layers.BN_EPS);
        Tensor t = Oracle.relu(o.bn(o.conv(x, "conv1", w, 3, 1), "bn1"));
        // identity blocks reduce to ReLU(x), projection blocks to ReLU(BN(conv1x1(x)))
        t = Oracle.relu(t);
        t = Oracle.relu(o.bn(o.conv(t, "layer2.0.downsample.conv", 2 * w, 1, 2), "layer2.0.downsample.bn"));
        t = Oracle.relu(o.bn(o.conv(t, "layer3.0.downsample.conv", 4 * w, 1, 1), "layer3.0.downsample.bn"));
        t = Oracle.relu(t);
        t = Oracle.globalAvgPool(t);
        double[] flat = net.getParam("fc_W").dup('c').data().asDouble();
        double[][] fc = new double[4 * w][3];
        for (int c = 0; c < fc.length; c++) {
            System.arraycopy(flat, 3 * c, fc[c], 0, 3);
        }
        assertClose("the zero-initialised network against stem -> shortcuts -> head",
                Probe.output(net, x), Oracle.denseSoftmax(t, fc, net.getParam("fc_b").dup('c').data().asDouble()));
    }

    @Property(seed = Grading.SEED, tries = 5)
    @Points(1)
    void only_the_last_batch_norm_scale_of_each_block_changes(@ForAll @IntRange(min = 1, max = 3) int w) {
        // with a plain block (layer1.1, no addition) among them: its last batch norm is not a residual branch's
        ComputationGraph net = Probe.network("reference net", net(w, true), 2, 4);
        Probe.randomise(net, w);
        Map<String, INDArray> before = new HashMap<>();
        net.paramTable().forEach((k, v) -> before.put(k, v.dup()));
        Student.call("ZeroInit.zeroInitResidualBranches", () -> ZeroInit.zeroInitResidualBranches(net));
        for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
            boolean target = LAST_BNS.stream().anyMatch(bn -> e.getKey().equals(bn + "_gamma"));
            if (target) {
                assertThat(e.getValue().sumNumber().doubleValue()).as("%s must be 0", e.getKey()).isZero();
                assertThat(e.getValue().amaxNumber().doubleValue()).as("%s must be 0", e.getKey()).isZero();
            } else {
                assertThat(e.getValue().equals(before.get(e.getKey())))
                        .as("%s must be left as it was (only each residual block's last BN gamma is zeroed; a plain"
                                + " block, without an add vertex, is not one)", e.getKey())
                        .isTrue();
            }
        }
    }
}
