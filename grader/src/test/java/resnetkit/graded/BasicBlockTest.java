package resnetkit.graded;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.factory.Nd4j;
import resnetkit.blocks.BasicBlock;
import resnetkit.blocks.Shortcut;
import resnetkit.blocks.ShortcutOption;
import resnetkit.grader.api.Exercise;
import resnetkit.grader.api.Points;
import resnetkit.grader.oracle.BlockOracle;
import resnetkit.grader.oracle.Oracle;
import resnetkit.grader.oracle.Tensor;
import resnetkit.grader.support.BlockShapes;
import resnetkit.grader.support.BlockBuilder;
import resnetkit.grader.support.Grading;
import resnetkit.grader.support.Probe;
import resnetkit.grader.support.Student;
import resnetkit.toolkit.Layers;
import resnetkit.toolkit.ParamCounts;

import java.util.Arrays;

import static resnetkit.grader.support.KitAssertions.assertClose;
import static resnetkit.grader.support.KitAssertions.assertThat;


/** Exercise 20.2.1: the basic block y = ReLU(F(x) + shortcut(x)) and the rule for its shortcut. */
@Exercise(id = "20.2.1", title = "BasicBlock and its shortcut")
class BasicBlockTest {

    static final String B = "layer2.0";

    static BlockBuilder basic(int in, int planes, int stride) {
        return (g, input) -> BasicBlock.build(g, B, input, in, planes, stride);
    }

    static String what(int in, int planes, int stride) {
        return "BasicBlock.build(inChannels=" + in + ", planes=" + planes + ", stride=" + stride + ")";
    }

    @Property(seed = Grading.SEED, tries = 60)
    @Points(1)
    void the_shortcut_projects_exactly_when_the_shape_changes(@ForAll @IntRange(min = 1, max = 8) int in,
                                                             @ForAll @IntRange(min = 1, max = 8) int out,
                                                             @ForAll(supplier = BlockShapes.Strides.class) int stride) {
        boolean actual = Student.call("Shortcut.needsProjection", () -> Shortcut.needsProjection(in, out, stride));
        assertThat(actual)
                .as("needsProjection(inChannels=%d, outChannels=%d, stride=%d): a projection is needed exactly when"
                        + " the block strides or changes the channel count", in, out, stride)
                .isEqualTo(stride != 1 || in != out);
    }

    @Test
    @Timeout(60)
    @Points(1)
    void an_identity_shortcut_adds_no_vertex_and_no_parameter() {
        ComputationGraphConfiguration conf = Probe.configure("BasicBlock.build (identity)", basic(4, 4, 1), 4, 5);
        assertThat(conf)
                .hasNoVertexStartingWith(B + ".downsample", "the shortcut must add zero parameters when stride = 1"
                        + " and channels match")
                .hasVertex(B + ".add").withInputsInAnyOrder(B + ".bn2", Probe.INPUT);
    }

    @Test
    @Timeout(60)
    @Points(2)
    void vertices_are_named_and_wired_as_the_contract_says() {
        ComputationGraphConfiguration conf = Probe.configure(what(4, 8, 2), basic(4, 8, 2), 4, 6);
        assertThat(conf)
                .hasVertex(B + ".conv1").withInputs(Probe.INPUT)
                .hasVertex(B + ".bn1").withInputs(B + ".conv1")
                .hasVertex(B + ".relu1").withInputs(B + ".bn1")
                .hasVertex(B + ".conv2").withInputs(B + ".relu1")
                .hasVertex(B + ".bn2").withInputs(B + ".conv2")
                .hasVertex(B + ".downsample.conv").withInputs(Probe.INPUT)
                .hasVertex(B + ".downsample.bn").withInputs(B + ".downsample.conv")
                .hasVertex(B + ".add").withInputsInAnyOrder(B + ".bn2", B + ".downsample.bn")
                .hasVertex(B + ".relu").withInputs(B + ".add");
    }

    @Property(seed = Grading.SEED, tries = 25)
    @Points(1)
    void output_shape_is_planes_by_ceil_side_over_stride(@ForAll @IntRange(min = 1, max = 8) int in,
                                                         @ForAll @IntRange(min = 1, max = 8) int planes,
                                                         @ForAll(supplier = BlockShapes.Strides.class) int stride,
                                                         @ForAll @IntRange(min = 1, max = 9) int side,
                                                         @ForAll @IntRange(min = 1, max = 3) int batch) {
        ComputationGraph net = Probe.network(what(in, planes, stride), basic(in, planes, stride), in, side);
        Tensor y = Probe.output(net, Probe.randomInput(batch, in, side, 1));
        int out = (side + stride - 1) / stride;
        assertThat(y.shape()).as("output shape of %s on [%d, %d, %d, %d]", what(in, planes, stride), batch, in,
                side, side).containsExactly(batch, planes, out, out);
    }

    @Property(seed = Grading.SEED, tries = 25)
    @Points(1)
    void parameter_count_matches_the_formula(@ForAll @IntRange(min = 1, max = 8) int in,
                                             @ForAll @IntRange(min = 1, max = 8) int planes,
                                             @ForAll(supplier = BlockShapes.Strides.class) int stride) {
        ComputationGraph net = Probe.network(what(in, planes, stride), basic(in, planes, stride), in, 5);
        boolean projection = stride != 1 || in != planes;
        long expected = 9L * in * planes + 9L * planes * planes + 4L * planes
                + (projection ? (long) in * planes + 2L * planes : 0);
        assertThat(ParamCounts.trainable(net))
                .as("trainable parameters of %s: two bias-free 3x3 convs, two BNs%s", what(in, planes, stride),
                        projection ? ", and a 1x1 projection with its BN" : " and nothing for the identity shortcut")
                .isEqualTo(expected);
    }

    @Property(seed = Grading.SEED, tries = 25)
    @Points(3)
    void output_equals_the_oracle_in_inference_mode(@ForAll @IntRange(min = 1, max = 8) int in,
                                                    @ForAll @IntRange(min = 1, max = 8) int planes,
                                                    @ForAll(supplier = BlockShapes.Strides.class) int stride,
                                                    @ForAll @IntRange(min = 1, max = 9) int side,
                                                    @ForAll @IntRange(min = 1, max = 3) int batch) {
        ComputationGraph net = Probe.network(what(in, planes, stride), basic(in, planes, stride), in, side);
        Probe.randomise(net, in * 100 + planes * 10 + side);
        Tensor x = Probe.randomInput(batch, in, side, side);
        BlockOracle.Shortcut sc = stride != 1 || in != planes ? BlockOracle.Shortcut.PROJECTION
                : BlockOracle.Shortcut.IDENTITY;
        Tensor expected = new BlockOracle(net, false, Layers.BN_EPS).basicBlock(x, B, planes, stride, sc);
        assertClose(what(in, planes, stride) + " against conv-BN-ReLU-conv-BN (+ shortcut) - ReLU",
                Probe.output(net, x), expected);
    }

    @Property(seed = Grading.SEED, tries = 12)
    @Points(1)
    void output_equals_the_oracle_in_training_mode(@ForAll @IntRange(min = 1, max = 6) int in,
                                                   @ForAll @IntRange(min = 1, max = 6) int planes,
                                                   @ForAll(supplier = BlockShapes.Strides.class) int stride,
                                                   @ForAll @IntRange(min = 2, max = 7) int side) {
        ComputationGraph net = Probe.network(what(in, planes, stride), basic(in, planes, stride), in, side);
        Probe.randomise(net, 3);
        Tensor x = Probe.randomInput(3, in, side, 5);
        BlockOracle.Shortcut sc = stride != 1 || in != planes ? BlockOracle.Shortcut.PROJECTION
                : BlockOracle.Shortcut.IDENTITY;
        Tensor expected = new BlockOracle(net, true, Layers.BN_EPS).basicBlock(x, B, planes, stride, sc);
        assertClose(what(in, planes, stride) + " in training mode (BN on batch statistics)",
                Probe.trainingOutput(net, x, B + ".relu"), expected);
    }

    @Property(seed = Grading.SEED, tries = 15)
    @Points(1)
    void a_zeroed_last_batch_norm_turns_the_block_into_relu_of_x(@ForAll @IntRange(min = 1, max = 8) int channels,
                                                                @ForAll @IntRange(min = 1, max = 9) int side) {
        ComputationGraph net = Probe.network(what(channels, channels, 1), basic(channels, channels, 1), channels, side);
        Probe.randomise(net, 11);
        zeroLastBn(net, 0.0);
        Tensor x = Probe.randomInput(2, channels, side, 3);
        assertClose("with bn2's gamma = beta = 0, F(x) = 0 and the block must return ReLU(0 + x)",
                Probe.output(net, x), Oracle.relu(x));
    }

    @Property(seed = Grading.SEED, tries = 10)
    @Points(1)
    void the_relu_comes_after_the_addition(@ForAll @IntRange(min = 1, max = 6) int channels,
                                           @ForAll @IntRange(min = 1, max = 7) int side) {
        ComputationGraph net = Probe.network(what(channels, channels, 1), basic(channels, channels, 1), channels, side);
        Probe.randomise(net, 13);
        zeroLastBn(net, -1.0);
        Tensor x = Probe.randomInput(2, channels, side, 4);
        Arrays.setAll(x.data, i -> 3 * x.data[i]);
        Tensor expected = Oracle.relu(Oracle.add(x, constant(x, -1.0)));
        assertClose("with bn2 giving -1 everywhere the block must return ReLU(x - 1): a ReLU before the addition"
                + " would give ReLU(x)", Probe.output(net, x), expected);
    }

    @Property(seed = Grading.SEED, tries = 8)
    @Points(1)
    void the_gradient_through_the_skip_is_one(@ForAll @IntRange(min = 1, max = 4) int channels,
                                              @ForAll @IntRange(min = 1, max = 5) int side) {
        Tensor x = Probe.randomInput(1, channels, side, 17);
        Tensor grad = Probe.gradientOfSum(what(channels, channels, 1), basic(channels, channels, 1), x,
                net -> zeroLastBn(net, 0.0));
        Tensor expected = new Tensor(x.n, x.c, x.h, x.w);
        Arrays.setAll(expected.data, i -> x.data[i] > 0 ? 1.0 : 0.0);
        assertClose("d(sum y)/dx with the residual branch zeroed: the '+1' of the skip, where x > 0", grad, expected);
    }

    @Test
    @Timeout(60)
    @Points(1)
    void a_plain_block_has_no_shortcut_and_no_addition() {
        ComputationGraphConfiguration conf = Probe.configure("BasicBlock.build (NONE_PLAIN)",
                (g, input) -> BasicBlock.build(g, B, input, 4, 8, 2, ShortcutOption.NONE_PLAIN), 4, 6);
        assertThat(conf)
                .hasNoVertex(B + ".add", "a plain block adds nothing")
                .hasNoVertexStartingWith(B + ".downsample", "a plain block has no shortcut")
                .hasVertex(B + ".relu").withInputs(B + ".bn2");
    }

    /** bn2's gamma = 0 and beta = {@code beta}: the residual branch outputs the constant beta. */
    static void zeroLastBn(ComputationGraph net, double beta) {
        String bn = B + ".bn2";
        if (!net.paramTable().containsKey(bn + "_gamma")) {
            throw new AssertionError("Expected a batch norm vertex <" + bn + "> but the network has none");
        }
        net.setParam(bn + "_gamma", net.getParam(bn + "_gamma").mul(0));
        net.setParam(bn + "_beta", Nd4j.valueArrayOf(net.getParam(bn + "_beta").shape(), beta,
                net.getParam(bn + "_beta").dataType()));
    }

    static Tensor constant(Tensor like, double v) {
        Tensor t = new Tensor(like.n, like.c, like.h, like.w);
        Arrays.fill(t.data, v);
        return t;
    }
}
