package resnetkit.bench;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import resnetkit.blocks.ShortcutOption;
import resnetkit.family.ResNets;
import resnetkit.family.Variant;
import resnetkit.toolkit.Backend;
import resnetkit.toolkit.Graphs;
import resnetkit.toolkit.PeakMemory;

import java.util.Arrays;
import java.util.Locale;

/**
 * Speed and memory of the reference networks: a command that prints figures, never a timed test.
 * Each figure is the median of timed repetitions after warm-up repetitions.
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) {
        int warmup = 3;
        int reps = 10;
        int batch = 128;
        boolean cifar = true;
        boolean imagenet = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.println("""
                            usage: Benchmark [--all | --resnet20 | --resnet50] [--batch N] [--warmup N] [--reps N]
                              --resnet20   ResNet-20 (CIFAR, option A) training and inference img/s on 32x32x3
                              --resnet50   ResNet-50 batch-1 latency and batch-32 throughput on 224x224x3
                              --batch N    ResNet-20 batch size (default 128)
                              --warmup N   untimed repetitions first (default 3)
                              --reps N     timed repetitions; the median is printed (default 10)
                            Threads: -Dresnetkit.threads=N (default: all cores). Prints peak resident memory.""");
                    return;
                }
                case "--all" -> { }
                case "--resnet20" -> imagenet = false;
                case "--resnet50" -> cifar = false;
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        System.out.println("resnet-kit benchmark: " + Backend.describe() + ", " + Runtime.getRuntime()
                .availableProcessors() + " cores");
        if (cifar) {
            resnet20(batch, warmup, reps);
        }
        if (imagenet) {
            resnet50Latency(warmup, reps);
        }
        System.out.printf(Locale.ROOT, "peak resident memory: %d MiB%n", PeakMemory.peakRssMiB());
    }

    private static void resnet20(int batch, int warmup, int reps) {
        ComputationGraph net = Graphs.init(ResNets.cifarConfig(20, ShortcutOption.A_ZERO_PAD, 1));
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 3, 32, 32);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 10);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % 10, 1);
        }
        DataSet data = new DataSet(x, y);
        double train = median(warmup, reps, () -> net.fit(data));
        double infer = median(warmup, reps, () -> net.outputSingle(x));
        System.out.printf(Locale.ROOT, "ResNet-20 (CIFAR, option A), batch %d, 32x32x3:%n", batch);
        System.out.printf(Locale.ROOT, "  training   %8.1f img/s  (%.3f s per step)%n", batch / train, train);
        System.out.printf(Locale.ROOT, "  inference  %8.1f img/s  (%.3f s per batch)%n", batch / infer, infer);
    }

    private static void resnet50Latency(int warmup, int reps) {
        ComputationGraph net = Graphs.init(ResNets.imagenetConfig(Variant.RESNET50, 1000, 1));
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 224, 224);
        double latency = median(warmup, reps, () -> net.outputSingle(x));
        System.out.printf(Locale.ROOT, "ResNet-50, batch 1, 224x224x3:%n  latency    %8.1f ms%n", latency * 1000);
        INDArray batch = Nd4j.rand(DataType.FLOAT, 32, 3, 224, 224);
        double perBatch = median(1, Math.max(1, reps / 3), () -> net.outputSingle(batch));
        System.out.printf(Locale.ROOT, "ResNet-50, batch 32, 224x224x3:%n  inference  %8.1f img/s  (%.2f s per batch)%n",
                32 / perBatch, perBatch);
    }

    /** Median seconds of {@code reps} runs after {@code warmup} untimed runs. */
    private static double median(int warmup, int reps, Runnable step) {
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            step.run();
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }
}
