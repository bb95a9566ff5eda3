package resnetkit.graded;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import resnetkit.blocks.Bottleneck;
import resnetkit.blocks.StridePlacement;
import resnetkit.grader.api.Exercise;
import resnetkit.grader.api.Points;
import resnetkit.grader.oracle.BlockOracle;
import resnetkit.grader.oracle.Oracle;
import resnetkit.grader.oracle.Tensor;
import resnetkit.grader.support.BlockShapes;
import resnetkit.grader.support.BlockBuilder;
import resnetkit.grader.support.Grading;
import resnetkit.grader.support.Probe;
import resnetkit.toolkit.Layers;
import resnetkit.toolkit.ParamCounts;

import static org.junit.jupiter.api.Assertions.assertAll;
import static resnetkit.grader.support.KitAssertions.assertClose;
import static resnetkit.grader.support.KitAssertions.assertThat;

/** Exercise 20.2.3: the bottleneck block 1x1 squeeze, 3x3, 1x1 expand to 4 x planes. */
@Exercise(id = "20.2.3", title = "Bottleneck block")
class BottleneckTest {

    static final String B = "layer3.0";

    static BlockBuilder bottleneck(int in, int planes, int stride, StridePlacement placement) {
        return (g, input) -> Bottleneck.build(g, B, input, in, planes, stride, placement);
    }

    static String what(int in, int planes, int stride, StridePlacement placement) {
        return "Bottleneck.build(inChannels=" + in + ", planes=" + planes + ", stride=" + stride + ", " + placement
                + ")";
    }


    @Test
    @Timeout(60)
    @Points(2)
    void vertices_are_named_and_wired_as_the_contract_says() {
        ComputationGraphConfiguration conf = Probe.configure("Bottleneck.build",
                bottleneck(4, 2, 2, StridePlacement.THREE_BY_THREE), 4, 6);
        assertThat(conf)
                .hasVertex(B + ".conv1").withInputs(Probe.INPUT)
                .hasVertex(B + ".bn1").withInputs(B + ".conv1")
                .hasVertex(B + ".relu1").withInputs(B + ".bn1")
                .hasVertex(B + ".conv2").withInputs(B + ".relu1")
                .hasVertex(B + ".bn2").withInputs(B + ".conv2")
                .hasVertex(B + ".relu2").withInputs(B + ".bn2")
                .hasVertex(B + ".conv3").withInputs(B + ".relu2")
                .hasVertex(B + ".bn3").withInputs(B + ".conv3")
                .hasVertex(B + ".downsample.conv").withInputs(Probe.INPUT)
                .hasVertex(B + ".downsample.bn").withInputs(B + ".downsample.conv")
                .hasVertex(B + ".add").withInputsInAnyOrder(B + ".bn3", B + ".downsample.bn")
                .hasVertex(B + ".relu").withInputs(B + ".add");
    }

    @Test
    @Timeout(60)
    @Points(1)
    void an_identity_shortcut_when_input_already_has_four_times_planes_channels() {
        ComputationGraphConfiguration conf = Probe.configure("Bottleneck.build (identity)",
                bottleneck(8, 2, 1, StridePlacement.THREE_BY_THREE), 8, 5);
        assertThat(conf)
                .hasNoVertexStartingWith(B + ".downsample", "in = 4 x planes and stride 1: the shortcut must be"
                        + " the identity")
                .hasVertex(B + ".add").withInputsInAnyOrder(B + ".bn3", Probe.INPUT);
    }

    @Test
    @Timeout(60)
    @Points(2)
    void the_stride_sits_on_the_chosen_convolution() {
        ComputationGraphConfiguration v15 = Probe.configure("Bottleneck.build (THREE_BY_THREE)",
                bottleneck(4, 2, 2, StridePlacement.THREE_BY_THREE), 4, 6);
        ComputationGraphConfiguration paper = Probe.configure("Bottleneck.build (FIRST_ONE_BY_ONE)",
                bottleneck(4, 2, 2, StridePlacement.FIRST_ONE_BY_ONE), 4, 6);
        ComputationGraphConfiguration torchvision = Probe.configure("Bottleneck.build (no placement given)",
                (g, input) -> Bottleneck.build(g, B, input, 4, 2, 2), 4, 6);
        assertAll(
                () -> assertThat(stride(v15, "conv1")).as("THREE_BY_THREE: conv1 stride").isEqualTo(1),
                () -> assertThat(stride(v15, "conv2")).as("THREE_BY_THREE: conv2 (the 3x3) stride").isEqualTo(2),
                () -> assertThat(stride(paper, "conv1")).as("FIRST_ONE_BY_ONE: conv1 (the first 1x1) stride")
                        .isEqualTo(2),
                () -> assertThat(stride(paper, "conv2")).as("FIRST_ONE_BY_ONE: conv2 stride").isEqualTo(1),
                () -> assertThat(stride(torchvision, "conv1") + " " + stride(torchvision, "conv2"))
                        .as("without a placement the 3x3 strides (torchvision's choice): strides of conv1 and conv2")
                        .isEqualTo("1 2"),
                () -> assertThat(stride(v15, "conv3")).as("conv3 never strides").isEqualTo(1),
                () -> assertThat(stride(v15, "downsample.conv")).as("the projection strides with the block")
                        .isEqualTo(2));
    }

    static int stride(ComputationGraphConfiguration conf, String leaf) {
        ConvolutionLayer conv = (ConvolutionLayer) assertThat(conf)
                .hasVertex(B + "." + leaf).isLayer(ConvolutionLayer.class).layer();
        return conv.getStride()[0];
    }

    @Property(seed = Grading.SEED, tries = 20)
    @Points(1)
    void output_has_four_times_planes_channels_and_ceil_side_over_stride(
            @ForAll @IntRange(min = 1, max = 8) int in, @ForAll @IntRange(min = 1, max = 4) int planes,
            @ForAll(supplier = BlockShapes.Strides.class) int stride, @ForAll @IntRange(min = 1, max = 9) int side) {
        ComputationGraph net = Probe.network(what(in, planes, stride, StridePlacement.THREE_BY_THREE),
                bottleneck(in, planes, stride, StridePlacement.THREE_BY_THREE), in, side);
        int out = (side + stride - 1) / stride;
        assertThat(Probe.output(net, Probe.randomInput(2, in, side, 1)).shape())
                .as("output shape: the block expands to 4 x planes = %d channels", 4 * planes)
                .containsExactly(2, 4 * planes, out, out);
    }

    @Property(seed = Grading.SEED, tries = 20)
    @Points(1)
    void parameter_count_matches_the_formula(@ForAll @IntRange(min = 1, max = 8) int in,
                                             @ForAll @IntRange(min = 1, max = 4) int planes,
                                             @ForAll(supplier = BlockShapes.Strides.class) int stride) {
        ComputationGraph net = Probe.network(what(in, planes, stride, StridePlacement.THREE_BY_THREE),
                bottleneck(in, planes, stride, StridePlacement.THREE_BY_THREE), in, 5);
        int out = 4 * planes;
        boolean projection = stride != 1 || in != out;
        long expected = (long) in * planes + 9L * planes * planes + (long) planes * out + 2L * (planes + planes + out)
                + (projection ? (long) in * out + 2L * out : 0);
        assertThat(ParamCounts.trainable(net))
                .as("trainable parameters: three bias-free convs (1x1, 3x3, 1x1), three BNs%s",
                        projection ? ", a 1x1 projection and its BN" : "")
                .isEqualTo(expected);
    }

    @Property(seed = Grading.SEED, tries = 25)
    @Points(3)
    void output_equals_the_oracle(@ForAll @IntRange(min = 1, max = 8) int in,
                                  @ForAll @IntRange(min = 1, max = 3) int planes,
                                  @ForAll(supplier = BlockShapes.Strides.class) int stride,
                                  @ForAll @IntRange(min = 1, max = 9) int side,
                                  @ForAll StridePlacement placement) {
        ComputationGraph net = Probe.network(what(in, planes, stride, placement),
                bottleneck(in, planes, stride, placement), in, side);
        Probe.randomise(net, in * 31 + side);
        Tensor x = Probe.randomInput(2, in, side, 9);
        BlockOracle.Shortcut sc = stride != 1 || in != 4 * planes ? BlockOracle.Shortcut.PROJECTION
                : BlockOracle.Shortcut.IDENTITY;
        Tensor expected = new BlockOracle(net, false, Layers.BN_EPS)
                .bottleneck(x, B, planes, stride, placement == StridePlacement.THREE_BY_THREE, sc);
        assertClose(what(in, planes, stride, placement), Probe.output(net, x), expected);
    }

    @Property(seed = Grading.SEED, tries = 10)
    @Points(1)
    void a_zeroed_last_batch_norm_turns_the_block_into_relu_of_x(@ForAll @IntRange(min = 1, max = 2) int planes,
                                                                @ForAll @IntRange(min = 1, max = 7) int side) {
        int channels = 4 * planes;
        ComputationGraph net = Probe.network(what(channels, planes, 1, StridePlacement.THREE_BY_THREE),
                bottleneck(channels, planes, 1, StridePlacement.THREE_BY_THREE), channels, side);
        Probe.randomise(net, 5);
        String bn = B + ".bn3";
        assertThat(net.paramTable()).as("a batch norm vertex named %s", bn).containsKey(bn + "_gamma");
        net.setParam(bn + "_gamma", net.getParam(bn + "_gamma").mul(0));
        net.setParam(bn + "_beta", net.getParam(bn + "_beta").mul(0));
        Tensor x = Probe.randomInput(2, channels, side, 3);
        assertClose("with bn3's gamma = beta = 0 the block must return ReLU(x)", Probe.output(net, x),
                Oracle.relu(x));
    }
}
