package resnetkit.graded;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import resnetkit.dropblock.DropBlock;
import resnetkit.dropblock.PlainBlockRemoval;
import resnetkit.dropblock.ReferenceModels;
import resnetkit.dropblock.ResidualBlocks;
import resnetkit.grader.engine.ByHand;
import resnetkit.grader.engine.Exercise;
import resnetkit.grader.engine.Points;
import resnetkit.grader.oracle.Tensor;
import resnetkit.grader.support.Probe;
import resnetkit.grader.support.Student;
import resnetkit.toolkit.Evaluation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static resnetkit.grader.support.KitAssertions.assertClose;

/**
 * Exercise 20.3.3: dropping one residual block. Checked on the grader's own small network (two basic and
 * two bottleneck blocks, identity and projection), then on the first 1,000 test images with the shipped
 * Fashion-MNIST ResNet-20 and plain-20 (datasets/models/README.md says how they were trained; about 30 s).
 */
@Exercise(id = "20.3.3", title = "Dropping one residual block")
class DropBlockTest {

    static final List<String> BLOCKS = List.of("layer1.0", "layer2.0", "layer3.0", "layer3.1");

    static ComputationGraph probe() {
        ComputationGraph net = Probe.network("reference net", ZeroInitTest.net(2), 2, 5);
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

    @Test
    @Timeout(120)
    @Points(1)
    void the_original_network_is_left_untouched() {
        ComputationGraph net = probe();
        Map<String, INDArray> before = new HashMap<>();
        net.paramTable().forEach((k, v) -> before.put(k, v.dup()));
        for (String block : BLOCKS) {
            drop(net, block);
        }
        net.paramTable().forEach((k, v) -> assertThat(v.equals(before.get(k)))
                .as("parameter %s of the original network after dropBlock: return a copy", k).isTrue());
    }

    @Test
    @Timeout(60)
    @Points(1)
    void a_name_that_is_not_a_residual_block_is_rejected_with_a_message() {
        ComputationGraph net = probe();
        for (String name : List.of("layer9.9", "conv1", "layer1.0.conv1", "layer1")) {
            Throwable thrown = catchThrowable(() -> DropBlock.dropBlock(net, name));
            if (thrown instanceof UnsupportedOperationException && thrown.getMessage().startsWith("Exercise")) {
                throw new AssertionError(thrown.getMessage());
            }
            assertThat(thrown).as("dropBlock(net, \"%s\")", name).isInstanceOf(IllegalArgumentException.class);
            assertThat(thrown.getMessage()).as("the message for \"%s\" names it", name).contains(name);
        }
    }

    static DataSet images;
    static ComputationGraph resnet;
    static ComputationGraph plain;

    @BeforeAll
    static void loadShippedModels() {
        DataSet all = ReferenceModels.testImages();
        images = new DataSet(all.getFeatures().get(NDArrayIndex.interval(0, 1000)),
                all.getLabels().get(NDArrayIndex.interval(0, 1000)));
        resnet = ReferenceModels.load(ReferenceModels.RESNET20);
        plain = ReferenceModels.load(ReferenceModels.PLAIN20);
    }

    @Test
    @Tag("slow")
    @Timeout(300)
    @Points(2)
    void dropping_an_identity_block_of_the_resnet_costs_far_less_than_removing_a_plain_block() {
        double base = Evaluation.accuracy(resnet, images, 250);
        double worstResidual = 0;
        double meanResidual = 0;
        int n = 0;
        for (String block : ResidualBlocks.of(resnet)) {
            if (ResidualBlocks.isDownsampling(resnet, block)) {
                continue;
            }
            double drop = base - Evaluation.accuracy(drop(resnet, block), images, 250);
            worstResidual = Math.max(worstResidual, drop);
            meanResidual += drop;
            n++;
        }
        meanResidual /= n;
        double plainBase = Evaluation.accuracy(plain, images, 250);
        double meanPlain = PlainBlockRemoval.sameShapeBlocks(plain).stream()
                .mapToDouble(block -> plainBase - Evaluation.accuracy(PlainBlockRemoval.removeBlock(plain, block), images,
                        250)).average().orElseThrow();
        assertThat(meanResidual).as("mean accuracy drop when one identity block of the ResNet-20 is dropped (full"
                + " net %.1f %%, largest drop %.3f)", 100 * base, worstResidual).isLessThan(MAX_MEAN_RESIDUAL_DROP);
        assertThat(meanPlain).as("mean accuracy drop when one block of the plain-20 is removed (full net %.1f %%),"
                + " against the ResNet-20's mean drop %.3f", 100 * plainBase, meanResidual)
                .isGreaterThan(MIN_PLAIN_OVER_RESIDUAL * meanResidual).isGreaterThan(MIN_PLAIN_DROP);
    }

    @Test
    @Timeout(10)
    @Points(2)
    @ByHand
    void the_written_answer_explains_why_a_resnet_shrugs_off_a_dropped_block() throws java.io.IOException {
        String answer = "answers/20.3.3.md";
        String text;
        try (java.io.InputStream in = DropBlock.class.getClassLoader().getResourceAsStream(answer)) {
            assertThat(in).as("the answer file exercises/src/main/resources/%s", answer).isNotNull();
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String marker = IdentityIsEasyTest.MARKER;
        String written = text.contains(marker) ? text.substring(text.indexOf(marker) + marker.length()) : text;
        assertThat(written.trim().split("\\s+").length).as("write two or three sentences below the marker line in"
                + " exercises/src/main/resources/%s", answer).isGreaterThanOrEqualTo(12);
    }

    /*
     * Measured with the reference on all 10,000 test images: dropping one identity block of the ResNet-20 costs
     * 2.1 to 54.8 points, 14.1 on average (the first block, layer1.0, costs most); removing one block of the
     * plain-20 costs 69.6 to 76.4 points, 71.9 on average. The bounds leave wide margins.
     */
    static final double MAX_MEAN_RESIDUAL_DROP = 0.25;
    static final double MIN_PLAIN_DROP = 0.40;
    static final double MIN_PLAIN_OVER_RESIDUAL = 3;
}
