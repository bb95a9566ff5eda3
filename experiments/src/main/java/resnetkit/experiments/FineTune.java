package resnetkit.experiments;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.TransferLearningHelper;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import resnetkit.datasets.FashionMnist;
import resnetkit.datasets.ImagePreprocessing;
import resnetkit.datasets.Split;
import resnetkit.toolkit.Backend;
import resnetkit.toolkit.Commands;
import resnetkit.toolkit.Csv;
import resnetkit.toolkit.LinePlot;
import resnetkit.toolkit.PeakMemory;
import resnetkit.toolkit.Progress;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * fine-tuning the pretrained ResNet-50 for a new label set on a few hundred images, in minutes on a
 * CPU. The ImageNet trunk is frozen ({@link Pretrained#reheaded}), so each image goes through it once: the
 * kit turns images into their 2048 {@code avgpool} features ({@link #featurize}) and caches them on disk, and
 * DL4J's {@link TransferLearningHelper} trains only the new {@code fc}, epoch after epoch, on the cached
 * features ({@code fitFeaturized}); its parameters are the re-headed network's, so that network is the result.
 *
 * <p>The new labels are Fashion-MNIST's ten clothing classes: each 28x28 gray image is given to ResNet-50 as
 * ImageNet photos are ({@link ImagePreprocessing#KERAS_CAFFE}: resized to 256, centre 224x224, gray copied to
 * all three channels). Features learned on ImageNet photos carry over to clothing sketches well enough that a
 * linear head on 300 images classifies most test images right.
 */
@Command(name = "FineTune", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        version = "resnet-kit 1.0.0-SNAPSHOT",
        description = {"Re-heads the pretrained ImageNet ResNet-50 for Fashion-MNIST's 10 classes (frozen trunk, new"
                + " fc, Adam) and trains the head for E epochs on N training images per class, then reports top-1"
                + " accuracy on M test images per class; both samples stratified with seed S.",
                "Each image passes through the trunk once; its 2048 features are cached in the kit's cache folder",
                "(Pretrained.cacheDir(); -Dresnetkit.cache=DIR moves it), so later runs train the head in seconds."},
        footer = "Writes DIR/fine-tune.csv and DIR/fine-tune.png.")
public final class FineTune implements Runnable {

    @Option(names = "--train-per-class", paramLabel = "N",
            description = "training images per class (default: ${DEFAULT-VALUE})")
    private int trainPerClass = 30;
    @Option(names = "--test-per-class", paramLabel = "M",
            description = "test images per class (default: ${DEFAULT-VALUE})")
    private int testPerClass = 20;
    @Option(names = "--epochs", paramLabel = "E",
            description = "epochs of the head's training (default: ${DEFAULT-VALUE})")
    private int epochs = 30;
    @Option(names = "--lr", paramLabel = "LR", description = "Adam's learning rate (default: ${DEFAULT-VALUE})")
    private double learningRate = 1e-3;
    @Option(names = "--seed", paramLabel = "S",
            description = "seeds both samples and the head (default: ${DEFAULT-VALUE})")
    private long seed = 1;
    @Option(names = "--out", paramLabel = "DIR", description = "where the outputs go (default: ${DEFAULT-VALUE})")
    private Path out = Path.of("target/experiments/fine-tune");

    /** One epoch of the head's training: mean loss, and accuracies on the training and test features. */
    public record Epoch(int epoch, double loss, double trainAccuracy, double testAccuracy) {
    }

    /** Images per forward pass through the trunk: 16 at 224x224 keeps the activations near 1 GB. */
    static final int TRUNK_BATCH = 16;
    /** The last frozen vertex: global average pooling, 2048 features per image. */
    public static final String TRUNK_OUTPUT = "avgpool";

    /**
     * Fashion-MNIST images ({@code [n, 1, 28, 28]} in [0,1]) as ResNet-50 inputs ({@code [n, 3, 224, 224]},
     * Keras "caffe" preprocessing), labels unchanged.
     */
    public static DataSet asImageNetInput(DataSet fashion) {
        INDArray x = fashion.getFeatures();
        int n = (int) x.size(0);
        int side = (int) x.size(2);
        INDArray out = Nd4j.create(DataType.FLOAT, n, 3, ImagePreprocessing.CROP, ImagePreprocessing.CROP);
        for (int i = 0; i < n; i++) {
            float[] pixels = x.get(NDArrayIndex.point(i)).dup().data().asFloat();
            BufferedImage gray = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < pixels.length; p++) {
                gray.getRaster().setSample(p % side, p / side, 0, Math.round(255 * pixels[p]));
            }
            out.get(NDArrayIndex.point(i)).assign(ImagePreprocessing.KERAS_CAFFE.apply(gray).get(NDArrayIndex.point(0)));
        }
        return new DataSet(out, fashion.getLabels());
    }

    /**
     * The frozen trunk's output ({@code avgpool}, 2048 values per image) for {@code images}, in batches of
     * {@value #TRUNK_BATCH}: the only expensive step, done once per image. The same values as DL4J's
     * {@link TransferLearningHelper#featurize}, which however keeps every layer's activations of a batch (its
     * peak memory passed 12 GB on 500 images); {@code output(List.of("avgpool"), ...)} reuses workspaces.
     */
    public static DataSet featurize(ComputationGraph net, DataSet images, Progress progress, String label) {
        int n = images.numExamples();
        progress.start(label, (n + TRUNK_BATCH - 1) / TRUNK_BATCH);
        List<INDArray> features = new ArrayList<>();
        for (int from = 0; from < n; from += TRUNK_BATCH) {
            INDArray batch = images.getFeatures().get(NDArrayIndex.interval(from, Math.min(n, from + TRUNK_BATCH)));
            features.add(net.output(List.of(TRUNK_OUTPUT), false, new INDArray[] {batch}, null)[0]);
            progress.step();
        }
        progress.clear();
        return new DataSet(Nd4j.concat(0, features.toArray(INDArray[]::new)), images.getLabels());
    }

    /**
     * Trunk features of {@code perClass} Fashion-MNIST images per class of {@code split} (a stratified sample
     * with {@code seed}), read from {@code cacheDir} when an earlier run computed them, else computed and
     * written there.
     */
    public static DataSet cachedFeatures(ComputationGraph net, Split split, int perClass, long seed,
                                         Path cacheDir, Progress progress) {
        File file = cacheDir.resolve(String.format(Locale.ROOT, "resnet50-fashion-%s-%d-per-class-seed-%d.bin",
                split.name().toLowerCase(Locale.ROOT), perClass, seed)).toFile();
        DataSet features = new DataSet();
        if (file.isFile()) {
            features.load(file);
            return features;
        }
        DataSet fashion = FashionMnist.load(split, FashionMnist.Options.defaults().sampledPerClass(perClass, seed));
        features = featurize(net, asImageNetInput(fashion), progress,
                "ResNet-50 trunk, " + split.name().toLowerCase(Locale.ROOT) + " images");
        try {
            Files.createDirectories(cacheDir);
            features.save(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the feature cache " + file, e);
        }
        return features;
    }

    /**
     * Trains the new head on cached features for {@code epochs} full passes in minibatches of 32 (the order
     * shuffled with {@code seed}), recording each epoch.
     */
    public static List<Epoch> trainHead(TransferLearningHelper helper, DataSet train, DataSet test, int epochs,
                                        long seed) {
        List<Epoch> history = new ArrayList<>();
        Nd4j.getRandom().setSeed(seed);
        for (int e = 1; e <= epochs; e++) {
            DataSet shuffled = train.copy();
            shuffled.shuffle(seed + e);
            double loss = 0;
            int batches = 0;
            for (DataSet batch : shuffled.batchBy(32)) {
                helper.fitFeaturized(batch);
                loss += helper.unfrozenGraph().score();
                batches++;
            }
            history.add(new Epoch(e, loss / batches, accuracy(helper, train), accuracy(helper, test)));
        }
        return history;
    }

    /** Top-1 accuracy of the head on featurized data. */
    public static double accuracy(TransferLearningHelper helper, DataSet features) {
        INDArray predicted = helper.outputFromFeaturized(features.getFeatures()).argMax(1);
        INDArray actual = features.getLabels().argMax(1);
        return predicted.eq(actual).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    /** The experiment command; {@code --help} lists its options. */
    public static void main(String[] args) {
        int code = Commands.execute(new FineTune(), args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        System.out.println("fine-tuning ResNet-50: " + Backend.describe());
        long start = System.nanoTime();
        ComputationGraph net = Pretrained.reheaded(Pretrained.resnet50(Weights.IMAGENET),
                FashionMnist.NUM_CLASSES, learningRate);
        TransferLearningHelper helper = new TransferLearningHelper(net);
        Path cache = Pretrained.cacheDir().resolve("features");
        DataSet train = cachedFeatures(net, Split.TRAIN, trainPerClass, seed, cache, Progress.forConsole());
        DataSet test = cachedFeatures(net, Split.TEST, testPerClass, seed, cache, Progress.forConsole());
        double featureSeconds = (System.nanoTime() - start) / 1e9;
        List<Epoch> curve = trainHead(helper, train, test, epochs, seed);
        System.out.printf(Locale.ROOT, "%d training and %d test images; trunk features ready after %.1f s%n",
                train.numExamples(), test.numExamples(), featureSeconds);
        System.out.printf(Locale.ROOT, "%5s %8s %10s %10s%n", "epoch", "loss", "train acc", "test acc");
        List<List<?>> csv = new ArrayList<>();
        double[] x = new double[curve.size()];
        double[] trainAcc = new double[curve.size()];
        double[] testAcc = new double[curve.size()];
        for (Epoch e : curve) {
            System.out.printf(Locale.ROOT, "%5d %8.4f %9.1f %% %9.1f %%%n", e.epoch(), e.loss(),
                    100 * e.trainAccuracy(), 100 * e.testAccuracy());
            csv.add(List.of(e.epoch(), e.loss(), e.trainAccuracy(), e.testAccuracy()));
            x[e.epoch() - 1] = e.epoch();
            trainAcc[e.epoch() - 1] = 100 * e.trainAccuracy();
            testAcc[e.epoch() - 1] = 100 * e.testAccuracy();
        }
        Csv.write(out.resolve("fine-tune.csv"), List.of("epoch", "loss", "train_accuracy", "test_accuracy"), csv);
        new LinePlot("ResNet-50 (ImageNet) re-headed for Fashion-MNIST, frozen trunk", "epoch", "top-1 accuracy (%)")
                .series("training images", x, trainAcc, true)
                .series("test images", x, testAcc, false)
                .writePng(out.resolve("fine-tune.png"));
        System.out.printf(Locale.ROOT, "wrote %s in %.1f s; peak resident memory %d MiB%n", out,
                (System.nanoTime() - start) / 1e9, PeakMemory.peakRssMiB());
    }
}
