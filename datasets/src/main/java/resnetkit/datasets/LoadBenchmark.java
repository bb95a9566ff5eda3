package resnetkit.datasets;

import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import resnetkit.toolkit.PeakMemory;

/**
 * Times loading Fashion-MNIST and reports peak memory (VmHWM: peak resident set, heap and off-heap ND4J
 * arrays together). Targets for the full training set: under 2 s and under 400 MB.
 *
 * <p>Run: {@code mvn -B -q -f datasets/pom.xml compile exec:exec} (from the kit's root), or with options
 * {@code -Dbench.args="--split test --pad 32"}; {@code --help} lists them.
 */
public final class LoadBenchmark {

    private static final double TARGET_SECONDS = 2.0;
    private static final long TARGET_MB = 400;

    private LoadBenchmark() {
    }

    /** Parses the options, loads once (then {@code --repeat} times more), prints the figures. */
    public static void main(String[] args) {
        Split split = Split.TRAIN;
        FashionMnist.Options options = FashionMnist.Options.defaults();
        int repeat = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help", "-h", "help" -> {
                        System.out.println(usage());
                        return;
                    }
                    case "--split" -> split = Split.valueOf(args[++i].toUpperCase(Locale.ROOT));
                    case "--pad" -> options = options.padTo(Integer.parseInt(args[++i]));
                    case "--downsample" -> options = options.downsample(Integer.parseInt(args[++i]));
                    case "--standardise" -> options = options.standardise(true);
                    case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("LoadBenchmark: " + e.getMessage() + "\n\n" + usage());
            System.exit(2);
        }

        long t0 = System.nanoTime();
        Nd4j.create(1); // load the native backend first: its start-up is not part of loading data
        double initSeconds = seconds(t0);
        long baselineMb = PeakMemory.peakRssMiB();
        Path dir = DataLocator.fashionMnist();

        long t1 = System.nanoTime();
        DataSet data = FashionMnist.load(dir, split, options);
        double loadSeconds = seconds(t1);
        long peakMb = PeakMemory.peakRssMiB();

        System.out.printf(Locale.ROOT, "Fashion-MNIST %s from %s%n", split, dir);
        System.out.printf(Locale.ROOT, "  features %s, labels %s%n", java.util.Arrays.toString(data.getFeatures().shape()),
                java.util.Arrays.toString(data.getLabels().shape()));
        System.out.printf(Locale.ROOT, "  ND4J backend start-up   %6.3f s, %d MB resident (counted in the peak below)%n",
                initSeconds, baselineMb);
        System.out.printf(Locale.ROOT, "  load (SHA-256 + gunzip + parse + convert)  %6.3f s   target < %.1f s  %s%n",
                loadSeconds, TARGET_SECONDS, loadSeconds < TARGET_SECONDS ? "OK" : "OVER");
        System.out.printf(Locale.ROOT, "  peak resident memory (VmHWM)  %6d MB   target < %d MB  %s%n",
                peakMb, TARGET_MB, peakMb < TARGET_MB ? "OK" : "OVER");
        for (int r = 1; r <= repeat; r++) {
            data = null;
            System.gc(); // ND4J frees an array's off-heap memory when the GC collects the Java object
            long t = System.nanoTime();
            data = FashionMnist.load(dir, split, options);
            System.out.printf(Locale.ROOT, "  repeat %d: %6.3f s, VmHWM %d MB%n", r, seconds(t), PeakMemory.peakRssMiB());
        }
        System.out.printf(Locale.ROOT, "  (%d cores, max heap %d MB)%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static String usage() {
        return """
                Usage: LoadBenchmark [--split train|test] [--pad SIDE] [--downsample FACTOR] [--standardise] [--repeat N]
                Times one load of Fashion-MNIST (default: the full 60,000-image training set, 28x28 in [0,1])
                after the ND4J backend has started, and prints the peak resident memory (VmHWM).
                Targets for the full training set: under 2 s, under 400 MB.
                  --split train|test   which split (default train)
                  --pad SIDE           pad to SIDE x SIDE (e.g. 32)
                  --downsample FACTOR  average FACTOR x FACTOR blocks first (e.g. 2)
                  --standardise        standardise with the training set's mean and std
                  --repeat N           load N more times and time each
                  --help               this text
                Data folder: -Dresnetkit.data, RESNETKIT_DATA, or datasets/data/fashion-mnist above the working directory.
                From the kit's root: mvn -B -q -f datasets/pom.xml compile exec:exec -Dbench.args="--help\"""";
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
