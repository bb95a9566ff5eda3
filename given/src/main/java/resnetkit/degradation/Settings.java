package resnetkit.degradation;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Given: every knob of the degradation experiment; the four nets always share one Settings.
 *
 * @param depths       the two depths, 6n+2 each (plain and residual nets of each are trained)
 * @param perClass     training images per class (a seeded stratified sample); 6000 takes all of Fashion-MNIST
 * @param epochs       passes over the training images
 * @param width        channels of the first stage (the paper: 16); the stages use width, 2 x width, 4 x width
 * @param side         image side: 16 (Fashion-MNIST averaged 2x2 to 14, padded), 28, or 32 (padded)
 * @param optimizer    "adam" or "sgd" (SGD with Nesterov momentum, DL4J's momentum)
 * @param learningRate initial learning rate
 * @param momentum     SGD momentum
 * @param weightDecay  weight decay (0 for none)
 * @param lrDrops      epochs at which the learning rate is divided by 10 (SGD)
 * @param batch        minibatch size
 * @param seed         seeds the sample, the weights and the batch order
 * @param dataset      "fashion-mnist" or "cifar10" (needs the binary files; see datasets/README.md)
 */
public record Settings(List<Integer> depths, int perClass, int epochs, int width, int side, String optimizer,
                       double learningRate, double momentum, double weightDecay, List<Integer> lrDrops, int batch,
                       long seed, String dataset) {

    /**
     * Small enough for a laptop or CI (about 5 minutes on 2 cores for the four nets): 5,000 stratified
     * Fashion-MNIST images averaged to 14x14 and padded to 16x16, widths 8/16/32, Adam 1e-3, batch 128,
     * 6 epochs.
     */
    public static Settings ci() {
        return new Settings(List.of(20, 56), 500, 6, 8, 16, "adam", 1e-3, 0.9, 0.0, List.of(), 128, 1,
                "fashion-mnist");
    }

    /**
     * The paper's setting: all 60,000 images at 32x32 (padded), widths 16/32/64, SGD 0.1 with momentum 0.9,
     * weight decay 1e-4, the learning rate divided by 10 at epochs 82 and 123 of 164 (32k and 48k iterations
     * at batch 128 on CIFAR's 50k images), batch 128.
     */
    public static Settings full() {
        return new Settings(List.of(20, 56), 6000, 164, 16, 32, "sgd", 0.1, 0.9, 1e-4, List.of(82, 123), 128, 1,
                "fashion-mnist");
    }

    /** The named preset, "ci" or "full". */
    public static Settings preset(String name) {
        return switch (name) {
            case "ci" -> ci();
            case "full" -> full();
            default -> throw new IllegalArgumentException("unknown preset " + name + " (ci or full)");
        };
    }

    /** The DL4J updater these settings ask for, with its learning-rate drops as an epoch schedule. */
    public IUpdater updater() {
        if (optimizer.equals("adam")) {
            return new Adam(learningRate);
        }
        if (!optimizer.equals("sgd")) {
            throw new IllegalArgumentException("optimizer must be adam or sgd, was " + optimizer);
        }
        if (lrDrops.isEmpty()) {
            return new Nesterovs(learningRate, momentum);
        }
        Map<Integer, Double> schedule = new HashMap<>();
        schedule.put(0, learningRate);
        double lr = learningRate;
        for (int epoch : lrDrops) {
            lr /= 10;
            schedule.put(epoch, lr);
        }
        return new Nesterovs(new MapSchedule(ScheduleType.EPOCH, schedule), momentum);
    }

    /** Image channels: 3 for CIFAR-10, 1 for Fashion-MNIST. */
    public int channels() {
        return dataset.equals("cifar10") ? 3 : 1;
    }

    /** One line for report headers. */
    public String describe() {
        return String.format(Locale.ROOT, "%s, %d images per class, %d epochs, widths %d/%d/%d, %dx%d, %s lr %s%s%s,"
                        + " batch %d, seed %d", dataset, perClass, epochs, width, 2 * width, 4 * width, side, side,
                optimizer, learningRate, optimizer.equals("sgd") ? " momentum " + momentum : "",
                weightDecay > 0 ? " weight decay " + weightDecay : "", batch, seed)
                + (lrDrops.isEmpty() ? "" : ", lr / 10 at epochs " + lrDrops);
    }
}
