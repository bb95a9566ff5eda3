package resnetkit.datasets;

import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import resnetkit.toolkit.Commands;
import resnetkit.toolkit.PeakMemory;

/**
 * Times loading Fashion-MNIST and reports peak memory (VmHWM: peak resident set, heap and off-heap ND4J
 * arrays together). Targets for the full training set: under 2 s and under 400 MB.
 *
 * <p>Run: {@code mvn -B -q -pl datasets -am verify -DskipTests -Pload-benchmark} (from the kit's root), or
 * with options {@code -Dbench.args="--split test --pad 32"}; {@code --help} (or {@code help}) lists them.
 */
@Command(name = "LoadBenchmark", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        version = "resnet-kit 1.0.0-SNAPSHOT", subcommands = CommandLine.HelpCommand.class,
        description = {"Times one load of Fashion-MNIST (default: the full 60,000-image training set, 28x28 in [0,1])"
                + " after the ND4J backend has started, and prints the peak resident memory (VmHWM).",
                "Targets for the full training set: under 2 s, under 400 MB."},
        footer = {"Data folder: -Dresnetkit.data, RESNETKIT_DATA, or datasets/data/fashion-mnist above the working"
                + " directory.",
                "From the kit's root:",
                "  mvn -B -q -pl datasets -am verify -DskipTests -Pload-benchmark -Dbench.args=\"--help\""})
public final class LoadBenchmark implements Runnable {

    private static final double TARGET_SECONDS = 2.0;
    private static final long TARGET_MB = 400;

    @Option(names = "--split", paramLabel = "train|test", converter = SplitName.class,
            description = "which split (default: train)")
    private Split split = Split.TRAIN;
    @Option(names = "--pad", paramLabel = "SIDE", description = "pad to SIDE x SIDE (e.g. 32)")
    private int pad;
    @Option(names = "--downsample", paramLabel = "FACTOR",
            description = "average FACTOR x FACTOR blocks first (e.g. 2)")
    private int downsample = 1;
    @Option(names = "--standardise", description = "standardise with the training set's mean and std")
    private boolean standardise;
    @Option(names = "--repeat", paramLabel = "N", description = "load N more times and time each")
    private int repeat;
    @Spec
    private CommandSpec spec;

    /** {@code --split}'s names, in any case. */
    static final class SplitName implements CommandLine.ITypeConverter<Split> {
        @Override
        public Split convert(String name) {
            return Split.valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /** Parses the options, loads once (then {@code --repeat} times more), prints the figures. */
    public static void main(String[] args) {
        int code = Commands.of(new LoadBenchmark()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        FashionMnist.Options options;
        try {
            options = FashionMnist.Options.defaults().padTo(pad).downsample(downsample).standardise(standardise);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
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

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
