package resnetkit.graded;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import resnetkit.datasets.BatchIterator;
import resnetkit.degradation.Curve;
import resnetkit.degradation.Degradation;
import resnetkit.degradation.DegradationData;
import resnetkit.degradation.Settings;
import resnetkit.grader.api.Exercise;
import resnetkit.grader.api.Figures;
import resnetkit.grader.api.Points;
import resnetkit.grader.scoring.Figure;
import resnetkit.grader.support.Grading;
import resnetkit.grader.support.Student;
import resnetkit.toolkit.Evaluation;
import resnetkit.toolkit.ParamCounts;
import resnetkit.toolkit.Progress;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static resnetkit.grader.support.KitAssertions.assertThat;

/**
 * Exercise 20.3.2: the degradation curve, graded on real training. The structural checks run on tiny
 * settings in seconds; the chapter's claim trains the four nets on 1,000 images (about 40 s on 2 cores).
 */
@Exercise(id = "20.3.2", title = "Degradation: deeper plain nets train worse")
class DegradationTest {

    /** 200 images at 16x16, depths 8 and 14, width 4, 2 epochs: seconds. */
    static final Settings TINY = new Settings(List.of(8, 14), 20, 2, 4, 16, "adam", 1e-3, 0.9, 0.0, List.of(), 50, 3,
            "fashion-mnist");

    static DataSet[] tinyData() {
        DataSet[] data = DegradationData.load(TINY, null);
        // a test set of 300 images keeps the tiny runs fast
        DataSet test = firstImages(data[1], 300);
        return new DataSet[] {data[0], test};
    }

    /** The first {@code n} images of {@code data}: a small test set keeps the runs fast. */
    static DataSet firstImages(DataSet data, int n) {
        return new DataSet(data.getFeatures().get(NDArrayIndex.interval(0, n)),
                data.getLabels().get(NDArrayIndex.interval(0, n)));
    }

    static ComputationGraph build(int depth, boolean residual, Settings s) {
        return Student.call("Degradation.buildNet", () -> Degradation.buildNet(depth, residual, s));
    }

    static long count(ComputationGraphConfiguration conf, Class<?> type) {
        return conf.getVertices().values().stream().filter(v -> type.isInstance(v)
                || v instanceof LayerVertex lv && type.isInstance(lv.getLayerConf().getLayer())).count();
    }

    @Test
    @Timeout(120)
    @Points(2)
    void build_net_gives_the_specified_plain_and_residual_nets() {
        Settings s = CHECK; // the grader's own settings: same depths, widths, seed and updater as the s preset
        for (int depth : s.depths()) {
            ComputationGraph plain = build(depth, false, s);
            ComputationGraph residual = build(depth, true, s);
            ComputationGraphConfiguration p = plain.getConfiguration();
            ComputationGraphConfiguration r = residual.getConfiguration();
            int n = (depth - 2) / 6;
            assertAll(
                    () -> assertThat(count(p, ConvolutionLayer.class) + 1).as("weighted layers of plain-%d"
                            + " (convolutions and fc)", depth).isEqualTo(depth),
                    () -> assertThat(count(p, ElementWiseVertex.class)).as("additions in plain-%d", depth).isZero(),
                    () -> assertThat(count(r, ElementWiseVertex.class)).as("additions in ResNet-%d", depth)
                            .isEqualTo(3L * n),
                    () -> assertThat(ParamCounts.trainable(plain)).as("plain-%d has the parameters of ResNet-%d"
                            + " (option A shortcuts add none)", depth, depth).isEqualTo(ParamCounts.trainable(residual)),
                    () -> assertThat(p.getDefaultConfiguration().getSeed()).as("plain and residual nets share the"
                            + " seed").isEqualTo(r.getDefaultConfiguration().getSeed()).isEqualTo(s.seed()),
                    () -> assertThat(updaters(p)).as("updaters of plain-%d and ResNet-%d: identical settings",
                            depth, depth).isEqualTo(updaters(r)).containsOnly(new Adam(s.learningRate()).toString()),
                    () -> assertThat(plain.outputSingle(org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 2, 1, 16, 16))
                            .shape()).as("plain-%d on two 1-channel 16x16 images: 10 class scores each", depth)
                            .containsExactly(2, 10));
        }
    }

    /**
     * The settings the build follows, each unlike the check's: seed 3, width 4, 3-channel images (CIFAR-10's;
     * buildNet reads no data), weight decay 1e-4.
     */
    static final Settings OTHER = new Settings(List.of(8), 20, 1, 4, 16, "adam", 1e-3, 0.9, 1e-4, List.of(), 50, 3,
            "cifar10");

    @Test
    @Timeout(120)
    @Points(1)
    void build_net_follows_its_settings() {
        Settings s = OTHER;
        for (boolean residual : List.of(false, true)) {
            String name = (residual ? "ResNet-" : "plain-") + 8;
            ComputationGraph net = build(8, residual, s);
            ComputationGraphConfiguration c = net.getConfiguration();
            ConvolutionLayer conv1 = (ConvolutionLayer) assertThat(c).hasVertex("conv1")
                    .isLayer(ConvolutionLayer.class).layer();
            List<BaseLayer> weighted = c.getVertices().values().stream().filter(v -> v instanceof LayerVertex lv
                    && lv.getLayerConf().getLayer() instanceof BaseLayer)
                    .map(v -> (BaseLayer) ((LayerVertex) v).getLayerConf().getLayer()).toList();
            assertAll(
                    () -> assertThat(c.getDefaultConfiguration().getSeed()).as("%s: the seed is settings.seed()",
                            name).isEqualTo(s.seed()),
                    () -> assertThat(conv1.getNOut()).as("%s: conv1's channels are settings.width()", name)
                            .isEqualTo(s.width()),
                    () -> assertThat(conv1.getNIn()).as("%s: conv1 reads settings.channels() (3 for CIFAR-10)", name)
                            .isEqualTo(s.channels()),
                    () -> assertThat(weighted).as("%s: every weighted layer has settings.weightDecay() (1e-4)", name)
                            .isNotEmpty().allSatisfy(l -> assertThat(l.getRegularization()).as(l.getLayerName())
                                    .contains(new WeightDecay(s.weightDecay(), true))),
                    () -> assertThat(weighted).as("%s: He initialisation for ReLU nets (Graphs.builder)", name)
                            .allSatisfy(l -> assertThat(l.getWeightInitFn()).as(l.getLayerName())
                                    .isInstanceOf(WeightInitRelu.class)),
                    () -> assertThat(net.params().dataType()).as("%s: float32, as Graphs.builder(seed, FLOAT, ...)",
                            name).isEqualTo(DataType.FLOAT),
                    () -> assertThat(net.outputSingle(org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 2, 3, 16, 16))
                            .shape()).as("%s on two 3-channel 16x16 images: 10 class scores each", name)
                            .containsExactly(2, 10));
        }
    }

    /** 20 images at 14x14, depth 8, width 2, one epoch of two batches: about a second per net. */
    static final Settings MICRO = new Settings(List.of(8), 2, 1, 2, 14, "adam", 1e-3, 0.9, 0.0, List.of(), 10, 3,
            "fashion-mnist");

    /**
     * The fast mode's check of the rules the slow runs check at length: on a run of seconds, each recorded
     * error is measured on its own images (by the grader's own inference-mode error), and the plain and the
     * residual net train with one setting, the specified learning rate, also after trainNet.
     */
    @Test
    @Timeout(120)
    @Points(2)
    void a_tiny_run_measures_each_error_on_its_images_with_one_setting_for_both_nets() {
        DataSet[] data = DegradationData.load(MICRO, null);
        DataSet test = firstImages(data[1], 30);
        java.io.ByteArrayOutputStream progressLines = new java.io.ByteArrayOutputStream();
        Progress progress = Progress.lines(new java.io.PrintStream(progressLines, true,
                java.nio.charset.StandardCharsets.UTF_8));
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = System.out;
        List<Curve> curves;
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            curves = Student.call("Degradation.run (20 images, one epoch)", Grading.SHORT_TRAINING_SECONDS,
                    () -> Degradation.run(MICRO, data[0], test, progress));
        } finally {
            System.setOut(out);
        }
        assertThat(curves).extracting(Curve::name).as("the nets, in order").containsExactly("plain-8", "ResNet-8");
        String lines = progressLines.toString(java.nio.charset.StandardCharsets.UTF_8);
        String summaries = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertAll(curves.stream().flatMap(c -> java.util.stream.Stream.<org.junit.jupiter.api.function.Executable>of(
                () -> assertThat(lines).as("%s: progress.start(name + \" epoch 1/1\", 2 batches), then step() per batch"
                        + " (the progress lines: %s)", c.name(), lines).containsPattern(
                        java.util.regex.Pattern.quote(c.name()) + "\\s+epoch 1/1: 2/2"),
                () -> assertThat(summaries).as("%s: run prints one line per finished net (Curve.summary())",
                        c.name()).contains(c.summary()))));
        String adam = new Adam(MICRO.learningRate()).toString();
        assertAll(curves.stream().flatMap(c -> java.util.stream.Stream.<org.junit.jupiter.api.function.Executable>of(
                () -> assertThat(c.evalModeError()).as("%s: one eval-mode error per epoch", c.name()).hasSize(1),
                () -> assertThat(c.evalModeError()[0]).as("%s: the eval-mode error after the last epoch is the"
                        + " trained net's error on the TRAINING images", c.name())
                        .isEqualTo(inferenceError(c.net(), data[0])),
                () -> assertThat(c.testError()).as("%s: the test error is the trained net's error on the TEST"
                        + " images", c.name()).isEqualTo(inferenceError(c.net(), test)),
                () -> assertThat(updaters(c.net().getConfiguration())).as("%s: updater after training: every net"
                        + " trains with the specified settings (identical settings for plain and residual nets)",
                        c.name()).containsOnly(adam))));
    }

    /** The grader's own inference-mode error, in one batch, independent of the kit's {@code Evaluation.error} that the submission calls. */
    static double inferenceError(ComputationGraph net, DataSet data) {
        INDArray predicted = net.outputSingle(false, data.getFeatures()).argMax(1);
        return predicted.neq(data.getLabels().argMax(1)).castTo(DataType.INT).sumNumber().doubleValue()
                / data.numExamples();
    }

    static List<String> updaters(ComputationGraphConfiguration conf) {
        return conf.getVertices().values().stream().filter(v -> v instanceof LayerVertex lv
                        && lv.getLayerConf().getLayer() instanceof BaseLayer)
                .map(v -> String.valueOf(((BaseLayer) ((LayerVertex) v).getLayerConf().getLayer()).getIUpdater()))
                .distinct().toList();
    }

    @Test
    @Tag("slow")
    @Timeout(300)
    @Points(3)
    void the_recorded_errors_are_training_errors() {
        DataSet[] data = tinyData();
        // the train-mode error of an epoch in which nothing learns is the mean error of each minibatch's
        // training-mode forward pass: the grader computes it on its own copy of the network, for two epochs of
        // one shuffled iterator, reset before each (so the second epoch has another order, other batches)
        Settings frozen = new Settings(List.of(8), 20, 2, 4, 16, "adam", 0.0, 0.9, 0.0, List.of(), 50, 3,
                "fashion-mnist");
        ComputationGraph reference = build(8, false, frozen);
        BatchIterator batches = BatchIterator.shuffled(data[0], frozen.batch(), frozen.seed());
        double[] expectedTrainMode = new double[frozen.epochs()];
        long order = 17;
        for (int e = 0; e < frozen.epochs(); e++) {
            batches.reset();
            double sum = 0;
            int count = 0;
            while (batches.hasNext()) {
                DataSet b = batches.next();
                Map<String, INDArray> acts = reference.feedForward(new INDArray[] {b.getFeatures()}, true, false);
                INDArray predicted = acts.get("fc").argMax(1);
                INDArray actual = b.getLabels().argMax(1);
                sum += predicted.neq(actual).castTo(DataType.INT).sumNumber().doubleValue() / b.numExamples();
                count++;
                for (long label : actual.toLongVector()) {
                    order = order * 31 + label;
                }
            }
            expectedTrainMode[e] = sum / count;
        }
        // the two epochs' batches differ, and so do their errors: a run that repeats the first epoch's order, or
        // keeps averaging over both epochs, cannot give the second
        assertThat(expectedTrainMode[1]).as("the grader's own second-epoch error differs from the first")
                .isNotEqualTo(expectedTrainMode[0]);
        ComputationGraph toTrain = build(8, false, frozen);
        long called = System.nanoTime();
        Curve curve = Student.call("Degradation.trainNet", Grading.SHORT_TRAINING_SECONDS,
                () -> Degradation.trainNet("plain-8", 8, false, toTrain, data[0], data[1], frozen,
                        Progress.silent()));
        double elapsed = (System.nanoTime() - called) / 1e9;
        long expectedOrder = order;
        assertAll(
                () -> assertThat(curve.trainModeError()).as("one train-mode error per epoch").hasSize(2),
                () -> assertThat(curve.trainModeError()[0]).as("train-mode error of epoch 1: the mean over the"
                        + " epoch's minibatches of each one's error in its training forward pass")
                        .isCloseTo(expectedTrainMode[0], org.assertj.core.data.Offset.offset(1e-9)),
                () -> assertThat(curve.trainModeError()[1]).as("train-mode error of epoch 2: its own minibatches"
                        + " (batches.reset() gives a new order; tracker.startEpoch() forgets epoch 1's errors)")
                        .isCloseTo(expectedTrainMode[1], org.assertj.core.data.Offset.offset(1e-9)),
                () -> assertThat(curve.evalModeError()[1]).as("eval-mode error: the trained net's error on the"
                        + " TRAINING images").isEqualTo(Evaluation.error(curve.net(), data[0], 50)),
                () -> assertThat(curve.testError()).as("test error: on the test images")
                        .isEqualTo(Evaluation.error(curve.net(), data[1], 50)),
                () -> assertThat(curve.dataOrder()).as("batches in BatchIterator.shuffled(train, batch, seed) order,"
                        + " one iterator reset before each epoch").isEqualTo(expectedOrder),
                () -> assertThat(curve.net().getEpochCount()).as("net.incrementEpochCount() after each epoch"
                        + " (learning-rate drops count epochs)").isEqualTo(frozen.epochs()),
                () -> assertThat(curve.parameters()).as("the curve's trainable parameters (ParamCounts.trainable)")
                        .isEqualTo(ParamCounts.trainable(curve.net())),
                () -> assertThat(curve.name() + " " + curve.depth() + " " + curve.residual())
                        .as("the curve's name, depth and kind").isEqualTo("plain-8 8 false"),
                () -> assertThat(curve.seconds()).as("the curve's seconds: trainNet's own time, measured with"
                        + " System.nanoTime() and divided by 1e9 (the call took %.2f s)", elapsed)
                        .isPositive().isLessThanOrEqualTo(elapsed));
    }

    @Test
    @Tag("slow")
    @Timeout(300)
    @Points(2)
    void the_four_nets_share_data_order_and_settings() {
        DataSet[] data = tinyData();
        List<Curve> curves = Student.call("Degradation.run", Grading.SHORT_TRAINING_SECONDS,
                () -> Degradation.run(TINY, data[0], data[1], Progress.silent()));
        assertThat(curves).extracting(Curve::name).as("the nets, in order")
                .containsExactly("plain-8", "ResNet-8", "plain-14", "ResNet-14");
        assertThat(curves).extracting(Curve::dataOrder).as("every net sees the same batches in the same order")
                .containsOnly(curves.get(0).dataOrder());
        assertThat(curves).allSatisfy(c -> {
            assertThat(c.trainModeError()).as("%s: one error per epoch", c.name()).hasSize(TINY.epochs());
            assertThat(java.util.Arrays.stream(c.trainModeError()).allMatch(e -> e >= 0 && e <= 1))
                    .as("%s: errors are fractions in [0, 1]", c.name()).isTrue();
        });
        assertThat(curves.stream().map(c -> updaters(c.net().getConfiguration())).distinct().count())
                .as("one updater setting for all four nets").isEqualTo(1);
    }

    @Test
    @Tag("slow")
    @Timeout(300)
    @Points(1)
    void the_same_seed_gives_the_same_curves_bit_for_bit() {
        DataSet[] data = tinyData();
        Curve a = Student.call("Degradation.trainNet", Grading.SHORT_TRAINING_SECONDS,
                () -> Degradation.trainNet("ResNet-8", 8, true, build(8, true, TINY), data[0], data[1], TINY,
                        Progress.silent()));
        Curve b = Student.call("Degradation.trainNet", Grading.SHORT_TRAINING_SECONDS,
                () -> Degradation.trainNet("ResNet-8", 8, true, build(8, true, TINY), data[0], data[1], TINY,
                        Progress.silent()));
        assertThat(a.trainModeError()).as("train-mode curve of a second run with the same seed")
                .containsExactly(b.trainModeError());
        assertThat(a.evalModeError()).as("eval-mode curve of a second run").containsExactly(b.evalModeError());
        // the first epoch of a one-epoch run is the first epoch of the two-epoch run: each epoch's errors are
        // measured after that epoch
        Settings once = new Settings(TINY.depths(), TINY.perClass(), 1, TINY.width(), TINY.side(), TINY.optimizer(),
                TINY.learningRate(), TINY.momentum(), TINY.weightDecay(), TINY.lrDrops(), TINY.batch(), TINY.seed(),
                TINY.dataset());
        Curve c = Student.call("Degradation.trainNet", Grading.SHORT_TRAINING_SECONDS,
                () -> Degradation.trainNet("ResNet-8", 8, true, build(8, true, once), data[0], data[1], once,
                        Progress.silent()));
        assertThat(a.evalModeError()[0]).as("eval-mode error after epoch 1 of 2 equals that of a one-epoch run: the"
                + " eval-mode error is measured on all of train after EACH epoch").isEqualTo(c.evalModeError()[0]);
        assertThat(a.trainModeError()[0]).as("train-mode error of epoch 1 of 2 equals a one-epoch run's")
                .isEqualTo(c.trainModeError()[0]);
    }

    /**
     * The degradation check's training: the smallest configuration at which plain-56 clearly trains worse
     * than plain-20 and than ResNet-56 over five reference seeds: 1,000 stratified Fashion-MNIST images (100
     * per class) at 16x16, widths 8/16/32, Adam 1e-3, batch 128, 6 epochs, seed 1; about 40 s for the four
     * nets on 2 cores. The {@code ci} preset (5,000 images) stays the experiment's default for the real curve.
     */
    static final Settings CHECK = new Settings(List.of(20, 56), 100, 6, 8, 16, "adam", 1e-3, 0.9, 0.0, List.of(),
            128, 1, "fashion-mnist");

    /**
     * The chapter's claim at {@link #CHECK} (seed 1). The margins come from the DL4J reference over seeds 1-5
     * (train-mode training error after epoch 6, plain-20 / ResNet-20 / plain-56 / ResNet-56, in %: 38.8 / 26.4 /
     * 90.9 / 12.1, 42.9 / 19.4 / 87.4 / 15.5, 31.6 / 19.3 / 83.3 / 1.5, 40.3 / 22.6 / 87.7 / 11.5, 42.6 / 14.0 /
     * 88.3 / 10.1): plain-56 minus plain-20 was 44.5 points at least (seed 2), plain-56 minus ResNet-56 71.9 at
     * least (seed 2). Each margin is the smallest gap halved and rounded down to a whole point. With the nets
     * swapped (plain for residual), both gaps turn negative. The test set is 500 test images: the check reads
     * only training errors.
     */
    @Test
    @Tag("training")
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    @Points(4)
    void the_deeper_plain_net_trains_worse_and_the_deeper_residual_net_does_not() {
        DataSet[] data = DegradationData.load(CHECK, null);
        DataSet test = firstImages(data[1], 500);
        List<Curve> curves = Student.call("Degradation.run (the check's 1,000 images, 6 epochs)",
                Grading.CHECK_TRAINING_SECONDS, () -> Degradation.run(CHECK, data[0], test, Grading.progress()));
        Map<String, Curve> byName = new java.util.HashMap<>();
        curves.forEach(c -> byName.put(c.name(), c));
        Figures.record(trainingCurves(byName)); // before the checks: a failing check shows what it saw
        assertThat(byName).as("curves").containsKeys("plain-20", "plain-56", "ResNet-20", "ResNet-56");
        double plain20 = byName.get("plain-20").finalTrainError();
        double plain56 = byName.get("plain-56").finalTrainError();
        double res56 = byName.get("ResNet-56").finalTrainError();
        assertThat(plain56 - plain20).as("plain-56's final training error (%.1f %%) minus plain-20's (%.1f %%):"
                + " the deeper plain net must train worse", 100 * plain56, 100 * plain20).isGreaterThan(PLAIN_GAP);
        assertThat(plain56 - res56).as("plain-56's final training error (%.1f %%) minus ResNet-56's (%.1f %%):"
                + " the residual net of the same depth must train better", 100 * plain56, 100 * res56)
                .isGreaterThan(RESIDUAL_GAP);
    }

    /** The check's four train-mode curves, in %, under the grader's names (a curve the code did not return is left out). */
    static Figure trainingCurves(Map<String, Curve> byName) {
        List<Figure.Series> series = new java.util.ArrayList<>();
        for (String name : List.of("plain-20", "ResNet-20", "plain-56", "ResNet-56")) {
            Curve c = byName.get(name);
            if (c != null && c.trainModeError() != null) {
                series.add(Figure.Series.curve(name, java.util.Arrays.stream(c.trainModeError()).map(e -> 100 * e)
                        .toArray()));
            }
        }
        return new Figure(Figure.Kind.LINES, "Training error per epoch (train mode, 1,000 images)", "epoch",
                "training error (%)", series);
    }

    /** Smallest plain-56 minus plain-20 over 5 seeds at {@link #CHECK} (44.5 points), halved, rounded down. */
    static final double PLAIN_GAP = 0.22;
    /** Smallest plain-56 minus ResNet-56 over 5 seeds at {@link #CHECK} (71.9 points), halved, rounded down. */
    static final double RESIDUAL_GAP = 0.35;
}
