package resnetkit.degradation;

import org.nd4j.linalg.dataset.DataSet;
import resnetkit.datasets.Cifar10;
import resnetkit.datasets.FashionMnist;
import resnetkit.datasets.Split;
import resnetkit.datasets.Subsets;

import java.nio.file.Path;

/** Given: the training and test images a {@link Settings} asks for, loaded the same way for every net. */
public final class DegradationData {

    private DegradationData() {
    }

    /**
     * {@code {train, test}}: a seeded stratified sample of {@code settings.perClass()} training images per class
     * (all of them at 6,000 for Fashion-MNIST, 5,000 for CIFAR-10) and the whole test set, standardised, at
     * {@code settings.side()}.
     *
     * @param cifarDir the folder of CIFAR-10's binary files; only read when the dataset is "cifar10"
     */
    public static DataSet[] load(Settings settings, Path cifarDir) {
        if (settings.dataset().equals("cifar10")) {
            if (settings.side() != 32) {
                throw new IllegalArgumentException("CIFAR-10 images are 32x32: use --side 32");
            }
            DataSet train = Cifar10.load(cifarDir, Split.TRAIN);
            DataSet test = Cifar10.load(cifarDir, Split.TEST);
            if (settings.perClass() < 5000) {
                train = subset(train, settings.perClass(), settings.seed());
            }
            return new DataSet[] {train, test};
        }
        if (!settings.dataset().equals("fashion-mnist")) {
            throw new IllegalArgumentException("dataset must be fashion-mnist or cifar10, was " + settings.dataset());
        }
        FashionMnist.Options options = FashionMnist.Options.defaults().standardise(true);
        options = switch (settings.side()) {
            case 16 -> options.downsample(2).padTo(16);
            case 14 -> options.downsample(2);
            case 28 -> options;
            case 32 -> options.padTo(32);
            default -> throw new IllegalArgumentException("side must be 14, 16, 28 or 32, was " + settings.side());
        };
        DataSet train = FashionMnist.load(Split.TRAIN, settings.perClass() >= 6000 ? options
                : options.sampledPerClass(settings.perClass(), settings.seed()));
        return new DataSet[] {train, FashionMnist.load(Split.TEST, options)};
    }

    private static DataSet subset(DataSet data, int perClass, long seed) {
        int[] labels = data.getLabels().argMax(1).toIntVector();
        int[] keep = Subsets.stratifiedSample(labels, 10, perClass, seed);
        return new DataSet(data.getFeatures().getRows(keep), data.getLabels().getRows(keep));
    }
}
