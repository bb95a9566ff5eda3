package resnetkit.graded;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import resnetkit.blocks.BlockOptions;
import resnetkit.blocks.ShortcutOption;
import resnetkit.blocks.StridePlacement;
import resnetkit.family.ResNets;
import resnetkit.family.Variant;
import resnetkit.grader.api.Exercise;
import resnetkit.grader.api.Points;
import resnetkit.grader.oracle.BlockOracle;
import resnetkit.grader.oracle.Oracle;
import resnetkit.grader.oracle.Tensor;
import resnetkit.grader.support.BlockBuilder;
import resnetkit.grader.support.Probe;
import resnetkit.grader.support.Student;
import resnetkit.toolkit.Graphs;
import resnetkit.toolkit.Layers;
import resnetkit.toolkit.NotWrittenYet;
import resnetkit.toolkit.ParamCounts;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static resnetkit.grader.support.KitAssertions.assertClose;
import static resnetkit.grader.support.KitAssertions.assertThat;
import static resnetkit.grader.support.KitAssertions.catchThrowable;

/** Exercise 20.2.4: one stage builder and a table of variants build the whole family. */
@Exercise(id = "20.2.4", title = "The ResNet family")
class ResNetFamilyTest {

    /** The student's ImageNet net {@code v} as torchvision builds it, finished for a square input of {@code side}. */
    static ComputationGraphConfiguration imagenet(Variant v, int side) {
        return imagenet("ResNets.imagenet(" + v + ")", v, 3, 1000, BlockOptions.TORCHVISION, side);
    }

    /** The student's {@code imagenet} net with these arguments ({@code call} names them in feedback), finished. */
    private static ComputationGraphConfiguration imagenet(String call, Variant variant, int channels, int classes,
            BlockOptions options, int side) {
        GraphBuilder g = Graphs.builder(1);
        String out = Student.call(call, () -> ResNets.imagenet(g, Graphs.INPUT, variant, channels, classes, options));
        return Student.call(call + " (building the graph)", () -> Graphs.finish(g, channels, side, side, out));
    }

    static ComputationGraphConfiguration cifar(int depth, ShortcutOption option) {
        GraphBuilder g = Graphs.builder(1);
        String out = Student.call("ResNets.cifar(" + depth + ", " + option + ")",
                () -> ResNets.cifar(g, Graphs.INPUT, depth, 16, 3, 10, option));
        return Student.call("ResNets.cifar (building the graph)", () -> Graphs.finish(g, 3, 32, 32, out));
    }

    @ParameterizedTest(name = "{0} has {1} trainable parameters, as torchvision")
    @CsvSource({"RESNET18, 11689512", "RESNET34, 21797672", "RESNET50, 25557032", "RESNET101, 44549160",
            "RESNET152, 60192808"})
    @Timeout(120)
    @Points(1)
    void imagenet_parameter_counts_equal_torchvision(Variant variant, long expected) {
        assertThat(ParamCounts.trainable(imagenet(variant, 224)))
                .as("trainable parameters of %s (BN running statistics excluded)", variant).isEqualTo(expected);
    }

    @ParameterizedTest(name = "CIFAR ResNet-{0} option {1} has {2} trainable parameters")
    @CsvSource({"20, A_ZERO_PAD, 269722", "20, B_PROJECTION, 272474", "56, A_ZERO_PAD, 853018",
            "56, B_PROJECTION, 855770", "110, A_ZERO_PAD, 1727962"})
    @Timeout(120)
    @Points(1)
    void cifar_parameter_counts_equal_the_paper(int depth, ShortcutOption option, long expected) {
        assertThat(ParamCounts.trainable(cifar(depth, option)))
                .as("trainable parameters of CIFAR ResNet-%d with option %s", depth, option).isEqualTo(expected);
    }

    @ParameterizedTest(name = "plain-{0} has the parameters of ResNet-{0} option A and no addition")
    @CsvSource({"20", "56"})
    @Timeout(120)
    @Points(1)
    void plain_nets_are_resnets_without_the_addition(int depth) {
        ComputationGraphConfiguration plain = cifar(depth, ShortcutOption.NONE_PLAIN);
        assertThat(ParamCounts.trainable(plain)).as("plain-%d trainable parameters = ResNet-%d option A", depth, depth)
                .isEqualTo(ParamCounts.trainable(cifar(depth, ShortcutOption.A_ZERO_PAD)));
        assertThat(plain.getVertices().values()).as("vertices of plain-%d", depth)
                .noneMatch(v -> v instanceof ElementWiseVertex);
        assertThat(plain.getVertices()).as("vertices of plain-%d", depth)
                .containsKeys("layer1.0.conv1", "layer3." + ((depth - 2) / 6 - 1) + ".relu", "fc");
    }

    @Test
    @Timeout(120)
    @Points(2)
    void each_stage_has_its_blocks_and_only_the_first_block_strides() {
        for (Variant v : Variant.values()) {
            ComputationGraphConfiguration conf = imagenet(v, 224);
            List<Integer> perStage = TORCHVISION_BLOCKS.get(v.name());
            assertThat(perStage).as("the grader's table of torchvision's block counts has %s", v).isNotNull();
            for (int s = 0; s < 4; s++) {
                int blocks = perStage.get(s);
                String stage = "layer" + (s + 1);
                String strided = v == Variant.RESNET18 || v == Variant.RESNET34 ? "conv1" : "conv2";
                int expectedStride = s == 0 ? 1 : 2;
                long built = blocksIn(conf, stage);
                if (built != blocks) {
                    throw new AssertionError(String.format("%s: %s must have %d blocks (torchvision: %s), has %d", v,
                            stage, blocks, perStage, built));
                }
                assertThat(stride(conf, stage + ".0." + strided)).as("%s: stride of %s.0", v, stage)
                        .isEqualTo(expectedStride);
                for (int b = 1; b < blocks; b++) {
                    assertThat(stride(conf, stage + "." + b + "." + strided))
                            .as("%s: %s.%d is not the stage's first block and must not stride", v, stage, b).isEqualTo(1);
                }
            }
        }
    }

    /**
     * Blocks per stage (layer1 to layer4) of torchvision's ResNets: the grader's own table, so a
     * {@code Variant} with other counts fails here too.
     */
    static final Map<String, List<Integer>> TORCHVISION_BLOCKS = Map.of(
            "RESNET18", List.of(2, 2, 2, 2),
            "RESNET34", List.of(3, 4, 6, 3),
            "RESNET50", List.of(3, 4, 6, 3),
            "RESNET101", List.of(3, 4, 23, 3),
            "RESNET152", List.of(3, 8, 36, 3));

    /** The blocks of {@code stage}: the distinct "layerK.i" prefixes of its vertices' names. */
    static long blocksIn(ComputationGraphConfiguration conf, String stage) {
        return conf.getVertices().keySet().stream().filter(name -> name.startsWith(stage + "."))
                .map(name -> name.split("\\.")[1]).distinct().count();
    }

    static int stride(ComputationGraphConfiguration conf, String vertex) {
        return ((ConvolutionLayer) assertThat(conf).hasVertex(vertex)
                .isLayer(ConvolutionLayer.class).layer()).getStride()[0];
    }

    @Test
    @Timeout(60)
    @Points(1)
    void stem_and_head_follow_torchvision() {
        ComputationGraphConfiguration conf = imagenet(Variant.RESNET50, 224);
        ConvolutionLayer conv1 = (ConvolutionLayer) assertThat(conf)
                .hasVertex("conv1").withInputs(Graphs.INPUT).isLayer(ConvolutionLayer.class).layer();
        assertThat(conf)
                .hasVertex("bn1").withInputs("conv1")
                .hasVertex("relu").withInputs("bn1")
                .hasVertex("maxpool").withInputs("relu").isLayer(SubsamplingLayer.class)
                .hasVertex("layer1.0.conv1").withInputs("maxpool")
                .hasVertex("avgpool").withInputs("layer4.2.relu")
                .hasVertex("fc").withInputs("avgpool").isLayer(OutputLayer.class);
        OutputLayer fc = (OutputLayer) assertThat(conf).hasVertex("fc").layer();
        SubsamplingLayer maxpool = (SubsamplingLayer) assertThat(conf)
                .hasVertex("maxpool").layer();
        assertAll(
                () -> assertThat(conv1.getKernelSize()).as("conv1 kernel").containsExactly(7, 7),
                () -> assertThat(conv1.getStride()).as("conv1 stride").containsExactly(2, 2),
                () -> assertThat(conv1.getPadding()).as("conv1 padding").containsExactly(3, 3),
                () -> assertThat(conv1.getNOut()).as("conv1 channels").isEqualTo(64),
                () -> assertThat(maxpool.getPoolingType()).as("maxpool type")
                        .isEqualTo(org.deeplearning4j.nn.conf.layers.PoolingType.MAX),
                () -> assertThat(maxpool.getKernelSize()).as("maxpool kernel").containsExactly(3, 3),
                () -> assertThat(maxpool.getStride()).as("maxpool stride").containsExactly(2, 2),
                () -> assertThat(maxpool.getPadding()).as("maxpool padding").containsExactly(1, 1),
                () -> assertThat(fc.getNIn()).as("fc inputs: 512 x expansion 4").isEqualTo(2048),
                () -> assertThat(((GlobalPoolingLayer) assertThat(conf).hasVertex("avgpool")
                        .isLayer(GlobalPoolingLayer.class).layer()).getPoolingType()).as("the head must average over"
                        + " the feature map (Layers.globalAvgPool, torchvision's AdaptiveAvgPool2d), not take its"
                        + " maximum").isEqualTo(org.deeplearning4j.nn.conf.layers.PoolingType.AVG),
                () -> assertThat(conf.getVertices().entrySet()).filteredOn(e -> e.getValue() instanceof LayerVertex lv
                        && lv.getLayerConf().getLayer() instanceof BatchNormalization).as("batch norms of ResNet-50")
                        .isNotEmpty().allSatisfy(e -> assertThat(((BatchNormalization) ((LayerVertex) e.getValue())
                                .getLayerConf().getLayer()).getEps()).as("%s: batch norm epsilon 1e-5 (Layers.batchNorm)",
                                e.getKey()).isEqualTo(Layers.BN_EPS)));
    }

    /** Trainable parameters of ResNet-18 with option A (zero-padding) shortcuts: torchvision's less the three projections. */
    static final long RESNET18_OPTION_A = 11_689_512L - (64 * 128 + 2 * 128) - (128 * 256 + 2 * 256) - (256 * 512 + 2 * 512);

    @Test
    @Timeout(120)
    @Points(1)
    void imagenet_takes_its_channels_classes_and_block_options() {
        ComputationGraphConfiguration gray = imagenet("ResNets.imagenet(RESNET18, 1 channel, 10 classes)",
                Variant.RESNET18, 1, 10, BlockOptions.TORCHVISION, 64);
        ComputationGraphConfiguration firstOneByOne = imagenet("ResNets.imagenet(RESNET50, stride on the first 1x1)",
                Variant.RESNET50, 3, 1000, new BlockOptions(ShortcutOption.B_PROJECTION, StridePlacement.FIRST_ONE_BY_ONE),
                224);
        ComputationGraphConfiguration zeroPad = imagenet("ResNets.imagenet(RESNET18, option A shortcuts)",
                Variant.RESNET18, 3, 1000, new BlockOptions(ShortcutOption.A_ZERO_PAD, StridePlacement.THREE_BY_THREE),
                224);
        List<org.junit.jupiter.api.function.Executable> checks = new java.util.ArrayList<>(List.of(
                () -> assertThat(((ConvolutionLayer) assertThat(gray).hasVertex("conv1").layer()).getNIn())
                        .as("conv1 reads inChannels (1)").isEqualTo(1),
                () -> assertThat(((OutputLayer) assertThat(gray).hasVertex("fc").layer()).getNOut())
                        .as("fc has numClasses outputs (10)").isEqualTo(10),
                () -> assertThat(ParamCounts.trainable(zeroPad)).as("ResNet-18 with option A shortcuts: imagenet"
                        + " passes its options on to the blocks (torchvision's count less the three projections)")
                        .isEqualTo(RESNET18_OPTION_A)));
        for (int stage = 2; stage <= 4; stage++) {
            String block = "layer" + stage + ".0";
            checks.add(() -> assertThat(stride(firstOneByOne, block + ".conv1") + " " + stride(firstOneByOne,
                    block + ".conv2")).as("%s of ResNet-50 with the stride on the first 1x1 (the paper's placement):"
                    + " imagenet passes its options on; strides of conv1 and conv2", block).isEqualTo("2 1"));
        }
        assertAll(checks);
    }

    @Test
    @Timeout(120)
    @Points(1)
    void imagenet_nets_run_forward_to_one_probability_row_per_image() {
        ComputationGraph net = Graphs.init(imagenet(Variant.RESNET18, 64));
        Tensor y = Tensor.of(net.outputSingle(Probe.randomInput(2, 3, 64, 1).toNd4j().castTo(
                org.nd4j.linalg.api.buffer.DataType.FLOAT)));
        assertThat(y.shape()).as("ResNet-18 output on [2, 3, 64, 64]").containsExactly(2, 1000, 1, 1);
        for (int n = 0; n < 2; n++) {
            double sum = 0;
            for (int k = 0; k < 1000; k++) {
                sum += y.get(n, k, 0, 0);
            }
            assertThat(sum).as("softmax row %d sums to 1", n).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    @Timeout(60)
    @Points(1)
    void a_cifar_depth_that_is_not_6n_plus_2_is_rejected() {
        GraphBuilder g = Graphs.builder(1);
        Throwable thrown = catchThrowable(() -> ResNets.cifar(g, Graphs.INPUT, 21, 16, 3, 10,
                ShortcutOption.A_ZERO_PAD));
        if (NotWrittenYet.isStub(thrown)) {
            throw new AssertionError(thrown.getMessage());
        }
        assertThat(thrown).as("ResNets.cifar(depth 21) must be rejected: CIFAR ResNets have depth 6n+2"
                + " (cifarBlocksPerStage checks it)").isInstanceOf(IllegalArgumentException.class);
        assertThat(catchThrowable(() -> ResNets.cifar(Graphs.builder(1), Graphs.INPUT, 2, 16, 3, 10,
                ShortcutOption.A_ZERO_PAD))).as("ResNets.cifar(depth 2) must be rejected: n = 0, a net without"
                + " a block (cifarBlocksPerStage checks it)").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Timeout(120)
    @Points(2)
    void a_small_cifar_resnet_equals_the_oracle_end_to_end() {
        int width = 2;
        BlockBuilder net8 = (g, input) -> ResNets.cifar(g, input, 8, width, 1, 3, ShortcutOption.A_ZERO_PAD);
        ComputationGraph net = Probe.network("ResNets.cifar(depth 8, width 2, option A)", net8, 1, 6);
        Probe.randomise(net, 99);
        Tensor x = Probe.randomInput(2, 1, 6, 8);
        BlockOracle o = new BlockOracle(net, false, Layers.BN_EPS);
        Tensor t = Oracle.relu(o.bn(o.conv(x, "conv1", width, 3, 1), "bn1"));
        t = o.basicBlock(t, "layer1.0", width, 1, BlockOracle.Shortcut.IDENTITY);
        t = o.basicBlock(t, "layer2.0", 2 * width, 2, BlockOracle.Shortcut.ZERO_PAD);
        t = o.basicBlock(t, "layer3.0", 4 * width, 2, BlockOracle.Shortcut.ZERO_PAD);
        t = Oracle.globalAvgPool(t);
        double[] flat = net.getParam("fc_W").castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data()
                .asDouble();
        double[][] w = new double[4 * width][3];
        for (int c = 0; c < w.length; c++) {
            System.arraycopy(flat, c * 3, w[c], 0, 3);
        }
        double[] b = net.getParam("fc_b").castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data()
                .asDouble();
        assertClose("ResNet-8 (stem, three stages of one block, option A shortcuts, avgpool, fc)",
                Probe.output(net, x), Oracle.denseSoftmax(t, w, b));
    }
}
