package resnetkit.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import resnetkit.toolkit.Backend;
import resnetkit.toolkit.Commands;
import resnetkit.toolkit.Csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The kit's benchmark suite: a command that prints figures, never a timed test. Each (model, batch) runs in
 * its own JVM ({@link CaseRunner}) so its peak memory is its own; with {@code --pytorch} the same networks run
 * in PyTorch ({@link PyTorchBaseline}) right after, and each row shows DL4J / PyTorch. {@code --sweep N}
 * times the ResNet-50 block-drop sweep of Exercise 20.3.3 ({@link SweepBenchmark}).
 */
@Command(name = "Benchmark", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        version = "resnet-kit 1.0.0-SNAPSHOT",
        description = "Training (forward, backward, Adam step) and inference img/s of the kit's networks on random"
                + " inputs, the median of N timed steps after warm-up steps, each (model, batch) in its own JVM, with"
                + " its peak resident memory (heap and ND4J's native arrays).",
        footer = "Threads: -Dresnetkit.threads=N (default: all cores), passed to both frameworks.")
public final class Benchmark implements Callable<Void> {

    @Option(names = "--models", split = ",", paramLabel = "LIST", hideParamSyntax = true, converter = ModelId.class,
            description = "comma-separated, from resnet20, resnet56, plain56, resnet50 (default: all)")
    private List<BenchCase> models = List.of(BenchCase.values());
    @Option(names = "--all", description = "every model (the default; the profile bench passes it when -Dbench.args"
            + " is not given)")
    private boolean all;
    @Option(names = "--batches", split = ",", paramLabel = "LIST", hideParamSyntax = true,
            description = "batch sizes of the CIFAR nets (default 32,128); ResNet-50 is always measured at batch 1"
                    + " (latency) and batch 32 (throughput), inference only")
    private List<Integer> batches = List.of(32, 128);
    @Option(names = "--warmup", paramLabel = "N", description = "untimed steps first (default: ${DEFAULT-VALUE})")
    private int warmup = 2;
    @Option(names = "--reps", paramLabel = "N",
            description = "timed steps; the median is printed (default: ${DEFAULT-VALUE})")
    private int reps = 5;
    @Option(names = "--heap", paramLabel = "SIZE",
            description = "-Xmx of each measuring JVM (default: ${DEFAULT-VALUE})")
    private String heap = "2g";
    @Option(names = "--pytorch", description = "the same networks in PyTorch on the same threads, and DL4J/PyTorch per"
            + " row (bench/src/main/resources/resnetkit/bench/torch_bench.py)")
    private boolean pytorch;
    @Option(names = "--install-pytorch", description = "install Debian's python3-torch with apt-get first if torch is"
            + " missing")
    private boolean installPytorch;
    @Option(names = "--python", paramLabel = "PATH",
            description = "the Python with torch (default: ${DEFAULT-VALUE}, Debian's)")
    private String python = "/usr/bin/python3";
    @Option(names = "--sweep", paramLabel = "N", description = "also time the ResNet-50 block-drop sweep (Exercise"
            + " 20.3.3) on N images cut from the shipped photos (fetches the pretrained model once)")
    private int sweepImages;
    @Option(names = "--out", paramLabel = "DIR", description = "where benchmark.csv goes (default: ${DEFAULT-VALUE})")
    private Path out = Path.of("target/bench");

    /** {@code --models}' names ({@link BenchCase#of}). */
    static final class ModelId implements CommandLine.ITypeConverter<BenchCase> {
        @Override
        public BenchCase convert(String id) {
            return BenchCase.of(id);
        }
    }

    /** The suite; {@code --help} lists its options. */
    public static void main(String[] args) {
        int code = Commands.of(new Benchmark()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The models to run: {@code --models}, or all of them with {@code --all}. */
    List<BenchCase> models() {
        return all ? List.of(BenchCase.values()) : models;
    }

    @Override
    public Void call() throws IOException, InterruptedException {
        if (reps < 1 || warmup < 0) {
            throw new IllegalArgumentException("--reps must be at least 1 and --warmup at least 0");
        }
        int threads = Backend.threads();
        System.out.println("resnet-kit benchmark: " + Backend.describe() + ", " + Runtime.getRuntime()
                .availableProcessors() + " cores, child JVMs -Xmx" + heap);
        Optional<PyTorchBaseline> torch = Optional.empty();
        if (pytorch) {
            torch = Optional.of(PyTorchBaseline.find(python, installPytorch));
            System.out.println("PyTorch " + torch.get().version() + " (" + python + "), threads " + threads);
        }
        List<List<?>> csv = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-10s %5s  %-9s %12s %12s %8s %11s %11s%n", "model", "batch", "mode",
                "DL4J img/s", "PyTorch", "ratio", "DL4J peak", "Torch peak");
        for (BenchCase model : models()) {
            for (int batch : batchesFor(model, batches)) {
                List<Measurement> dl4j = ChildJvm.run(model, batch, warmup, reps, heap);
                List<Measurement> py = torch.isPresent()
                        ? torch.get().run(model, batch, warmup, reps, threads) : List.of();
                for (Measurement m : dl4j) {
                    Optional<Measurement> p = py.stream().filter(q -> q.mode().equals(m.mode())).findFirst();
                    print(model, m, p);
                    csv.add(List.of(model.id, batch, m.mode(), m.imagesPerSecond(), m.peakMiB(),
                            p.map(Measurement::imagesPerSecond).map(Object::toString).orElse(""),
                            p.map(Measurement::peakMiB).map(Object::toString).orElse("")));
                }
            }
        }
        Csv.write(out.resolve("benchmark.csv"), List.of("model", "batch", "mode", "dl4j_img_per_s",
                "dl4j_peak_mib", "pytorch_img_per_s", "pytorch_peak_mib"), csv);
        System.out.println("wrote " + out.resolve("benchmark.csv"));
        if (sweepImages > 0) {
            SweepBenchmark.run(sweepImages, out);
        }
        return null;
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
}
