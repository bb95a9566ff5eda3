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
import resnetkit.grader.api.ByHand;
import resnetkit.grader.api.Exercise;
import resnetkit.grader.api.Figures;
import resnetkit.grader.api.Points;
import resnetkit.grader.scoring.Figure;
import resnetkit.grader.support.Student;
import resnetkit.toolkit.Evaluation;
import resnetkit.toolkit.NotWrittenYet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static resnetkit.grader.support.KitAssertions.assertThat;
import static resnetkit.grader.support.KitAssertions.catchThrowable;


/**
 * Exercise 20.3.3: dropping one residual block, on the shipped Fashion-MNIST ResNet-20 and plain-20
 * (datasets/models/README.md says how they were trained): the original is left untouched, a wrong name is
 * rejected, and on the first 1,000 test images a dropped identity block costs far less than a removed plain
 * block (about 30 s). What a dropped block computes is checked by the hidden {@code HiddenDropBlockTest}, on
 * the grader's own small network of basic and bottleneck blocks.
 */
@Exercise(id = "20.3.3", title = "Dropping one residual block")
class DropBlockTest {

    static ComputationGraph drop(ComputationGraph net, String block) {
        return Student.call("DropBlock.dropBlock", () -> DropBlock.dropBlock(net, block));
    }

    @Test
    @Timeout(120)
    @Points(1)
    void the_original_network_is_left_untouched() {
        ComputationGraph net = ReferenceModels.load(ReferenceModels.RESNET20); // its own copy: the others stay intact
        Map<String, INDArray> before = new HashMap<>();
        net.paramTable().forEach((k, v) -> before.put(k, v.dup()));
        for (String block : ResidualBlocks.of(net)) {
            drop(net, block);
        }
        net.paramTable().forEach((k, v) -> assertThat(v.equals(before.get(k)))
                .as("parameter %s of the original network after dropBlock: return a copy", k).isTrue());
    }

    @Test
    @Timeout(60)
    @Points(1)
    void a_name_that_is_not_a_residual_block_is_rejected_with_a_message() {
        ComputationGraph net = resnet;
        for (String name : List.of("layer9.9", "conv1", "layer1.0.conv1", "layer1")) {
            Throwable thrown = catchThrowable(() -> DropBlock.dropBlock(net, name));
            if (NotWrittenYet.isStub(thrown)) {
                throw new AssertionError(thrown.getMessage());
            }
            assertThat(thrown).as("dropBlock(net, \"%s\")", name).isInstanceOf(IllegalArgumentException.class);
            assertThat(thrown.getMessage()).as("the message for \"%s\" names it", name).contains(name);
            assertThat(thrown.getMessage()).as("the message for \"%s\" lists the net's residual blocks", name)
                    .contains("layer1.0").contains("layer3.2");
        }
        // a plain block has the names of a residual block's layers, but no addition: it is not a residual block
        Throwable thrown = catchThrowable(() -> DropBlock.dropBlock(plain, "layer1.0"));
        assertThat(thrown).as("dropBlock(plain-20, \"layer1.0\"): a plain block is not a residual block (ResidualBlocks.of"
                + " lists the blocks with an add vertex)").isInstanceOf(IllegalArgumentException.class);
        assertThat(thrown.getMessage()).as("the message names it").contains("layer1.0");
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
        List<String> dropped = new ArrayList<>();
        List<Double> residualDrops = new ArrayList<>();
        for (String block : ResidualBlocks.of(resnet)) {
            if (ResidualBlocks.isDownsampling(resnet, block)) {
                continue;
            }
            double drop = base - Evaluation.accuracy(drop(resnet, block), images, 250);
            worstResidual = Math.max(worstResidual, drop);
            meanResidual += drop;
            dropped.add(block);
            residualDrops.add(drop);
        }
        meanResidual /= dropped.size();
        double plainBase = Evaluation.accuracy(plain, images, 250);
        List<String> removed = PlainBlockRemoval.sameShapeBlocks(plain);
        double[] plainDrops = removed.stream().mapToDouble(block -> plainBase - Evaluation.accuracy(
                PlainBlockRemoval.removeBlock(plain, block), images, 250)).toArray();
        double meanPlain = java.util.Arrays.stream(plainDrops).average().orElseThrow();
        Figures.record(new Figure(Figure.Kind.BARS, "Accuracy lost on 1,000 test images when one block goes",
                "block", "accuracy lost (points)",
                List.of(new Figure.Series("ResNet-20 (dropBlock)", dropped.stream().map(b -> "ResNet " + b).toList(),
                                residualDrops.stream().mapToDouble(d -> 100 * d).toArray()),
                        new Figure.Series("plain-20 (removed)", removed.stream().map(b -> "plain " + b).toList(),
                                java.util.Arrays.stream(plainDrops).map(d -> 100 * d).toArray()))));
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
            text = in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        IdentityIsEasyTest.answered(text, answer, "three or four sentences", ANSWER_WORDS);
    }

    /** The fewest words below the marker line that count as an answer (three or four sentences are about 40). */
    static final int ANSWER_WORDS = 12;

    /*
     * Measured with the reference on all 10,000 test images: dropping one identity block of the ResNet-20 costs
     * 2.1 to 54.8 points, 14.1 on average (the first block, layer1.0, costs most); removing one block of the
     * plain-20 costs 69.6 to 76.4 points, 71.9 on average. The bounds leave wide margins.
     */
    static final double MAX_MEAN_RESIDUAL_DROP = 0.25;
    static final double MIN_PLAIN_DROP = 0.40;
    static final double MIN_PLAIN_OVER_RESIDUAL = 3;
}
