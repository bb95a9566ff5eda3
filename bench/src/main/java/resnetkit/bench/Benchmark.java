package resnetkit.bench;

import resnetkit.toolkit.Backend;
import resnetkit.toolkit.Csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kit's benchmark suite: a command that prints figures, never a timed test. Each (model, batch) runs in
 * its own JVM ({@link CaseRunner}) so its peak memory is its own; with {@code --pytorch} the same networks run
 * in PyTorch ({@link PyTorchBaseline}) right after, and each row shows DL4J / PyTorch. {@code --sweep N}
 * times the ResNet-50 block-drop sweep of Exercise 20.3.3 ({@link SweepBenchmark}).
 */
public final class Benchmark {

    private Benchmark() {
    }

    /** What to run; the defaults are the full suite. */
    record Plan(List<BenchCase> models, List<Integer> batches, int warmup, int reps, String heap, boolean pytorch,
                boolean installPytorch, String python, int sweepImages, Path out) {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Plan plan = parse(args);
        if (plan == null) {
            return;
        }
        int threads = Backend.threads();
        System.out.println("resnet-kit benchmark: " + Backend.describe() + ", " + Runtime.getRuntime()
                .availableProcessors() + " cores, child JVMs -Xmx" + plan.heap());
        Optional<PyTorchBaseline> torch = Optional.empty();
        if (plan.pytorch()) {
            torch = Optional.of(PyTorchBaseline.find(plan.python(), plan.installPytorch()));
            System.out.println("PyTorch " + torch.get().version() + " (" + plan.python() + "), threads " + threads);
        }
        List<List<?>> csv = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-10s %5s  %-9s %12s %12s %8s %11s %11s%n", "model", "batch", "mode",
                "DL4J img/s", "PyTorch", "ratio", "DL4J peak", "Torch peak");
        for (BenchCase model : plan.models()) {
            for (int batch : batchesFor(model, plan.batches())) {
                List<Measurement> dl4j = ChildJvm.run(model, batch, plan.warmup(), plan.reps(), plan.heap());
                List<Measurement> py = torch.isPresent()
                        ? torch.get().run(model, batch, plan.warmup(), plan.reps(), threads) : List.of();
                for (Measurement m : dl4j) {
                    Optional<Measurement> p = py.stream().filter(q -> q.mode().equals(m.mode())).findFirst();
                    print(model, m, p);
                    csv.add(List.of(model.id, batch, m.mode(), m.imagesPerSecond(), m.peakMiB(),
                            p.map(Measurement::imagesPerSecond).map(Object::toString).orElse(""),
                            p.map(Measurement::peakMiB).map(Object::toString).orElse("")));
                }
            }
        }
        Csv.write(plan.out().resolve("benchmark.csv"), List.of("model", "batch", "mode", "dl4j_img_per_s",
                "dl4j_peak_mib", "pytorch_img_per_s", "pytorch_peak_mib"), csv);
        System.out.println("wrote " + plan.out().resolve("benchmark.csv"));
        if (plan.sweepImages() > 0) {
            SweepBenchmark.run(plan.sweepImages(), plan.out());
        }
    }

    /** ResNet-50 is measured at batch 1 (latency) and 32 (throughput) whatever {@code --batches} says. */
    static List<Integer> batchesFor(BenchCase model, List<Integer> batches) {
        return model == BenchCase.RESNET50 ? List.of(1, 32) : batches;
    }

    private static void print(BenchCase model, Measurement m, Optional<Measurement> torch) {
        String value = m.batch() == 1 ? String.format(Locale.ROOT, "%7.1f ms/img", 1000 * m.secondsPerBatch())
                : String.format(Locale.ROOT, "%12.1f", m.imagesPerSecond());
        String torchValue = torch.map(p -> p.batch() == 1
                ? String.format(Locale.ROOT, "%7.1f ms", 1000 * p.secondsPerBatch())
                : String.format(Locale.ROOT, "%12.1f", p.imagesPerSecond())).orElse("-");
        String ratio = torch.map(p -> String.format(Locale.ROOT, "%7.2fx", m.imagesPerSecond() / p.imagesPerSecond()))
                .orElse("-");
        System.out.printf(Locale.ROOT, "%-10s %5d  %-9s %12s %12s %8s %7d MiB %7s%n", model.title, m.batch(),
                m.mode(), value, torchValue, ratio, m.peakMiB(),
                torch.map(p -> p.peakMiB() + " MiB").orElse("-"));
    }

    static Plan parse(String[] args) {
        List<BenchCase> models = List.of(BenchCase.values());
        List<Integer> batches = List.of(32, 128);
        int warmup = 2;
        int reps = 5;
        String heap = "2g";
        boolean pytorch = false;
        boolean install = false;
        String python = "/usr/bin/python3";
        int sweep = 0;
        Path out = Path.of("target/bench");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.println("""
                            usage: Benchmark [--models LIST] [--batches LIST] [--warmup N] [--reps N] [--heap SIZE]
                                             [--pytorch [--install-pytorch] [--python PATH]] [--sweep N] [--out DIR]
                              Training (forward, backward, Adam step) and inference img/s of the kit's networks on
                              random inputs, the median of N timed steps after warm-up steps, each (model, batch) in
                              its own JVM, with its peak resident memory (heap and ND4J's native arrays).
                              --models LIST    comma-separated, from resnet20, resnet56, plain56, resnet50 (default: all)
                              --batches LIST   batch sizes of the CIFAR nets (default 32,128); ResNet-50 is always
                                               measured at batch 1 (latency) and batch 32 (throughput), inference only
                              --warmup N       untimed steps first (default 2)
                              --reps N         timed steps; the median is printed (default 5)
                              --heap SIZE      -Xmx of each measuring JVM (default 2g)
                              --pytorch        the same networks in PyTorch on the same threads, and DL4J/PyTorch
                                               per row (bench/src/main/resources/resnetkit/bench/torch_bench.py)
                              --install-pytorch  install Debian's python3-torch with apt-get first if torch is missing
                              --python PATH    the Python with torch (default /usr/bin/python3, Debian's)
                              --sweep N        also time the ResNet-50 block-drop sweep (Exercise 20.3.3) on N images
                                               cut from the shipped photos (fetches the pretrained model once)
                              --out DIR        where benchmark.csv goes (default target/bench)
                            Threads: -Dresnetkit.threads=N (default: all cores), passed to both frameworks.""");
                    return null;
                }
                case "--all" -> models = List.of(BenchCase.values());
                case "--models" -> models = Arrays.stream(args[++i].split(",")).map(BenchCase::of).toList();
                case "--batches" -> batches = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--heap" -> heap = args[++i];
                case "--pytorch" -> pytorch = true;
                case "--install-pytorch" -> install = true;
                case "--python" -> python = args[++i];
                case "--sweep" -> sweep = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        if (reps < 1 || warmup < 0) {
            throw new IllegalArgumentException("--reps must be at least 1 and --warmup at least 0");
        }
        return new Plan(models, batches, warmup, reps, heap, pytorch, install, python, sweep, out);
    }
}
