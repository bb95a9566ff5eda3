package resnetkit.experiments;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import resnetkit.datasets.CropCache;
import resnetkit.datasets.ImageFolder;
import resnetkit.datasets.ImageNetClasses;
import resnetkit.datasets.ImagePreprocessing;
import resnetkit.dropblock.DropBlock;
import resnetkit.dropblock.PlainBlockRemoval;
import resnetkit.dropblock.ReferenceModels;
import resnetkit.dropblock.ResidualBlocks;
import resnetkit.toolkit.Backend;
import resnetkit.toolkit.BarChart;
import resnetkit.toolkit.Commands;
import resnetkit.toolkit.Csv;
import resnetkit.toolkit.Evaluation;
import resnetkit.toolkit.PeakMemory;
import resnetkit.toolkit.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The experiment of Exercise 20.3.3. On the shipped Fashion-MNIST models: the test accuracy of the
 * ResNet-20 with each residual block dropped ({@link DropBlock#dropBlock}, yours), against the plain-20 with
 * each same-shape block removed ({@link PlainBlockRemoval}). With {@code --resnet50 FOLDER}: the pretrained
 * ImageNet ResNet-50 with each of its 16 blocks dropped, on a seeded sample of a folder's images, streamed in
 * batches. Prints the full model's accuracy, a table (block, kind, accuracy, drop) and the mean drop per kind,
 * and writes the same as CSV and a PNG bar chart.
 */
@Command(name = "BlockDropSweep", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        version = "resnet-kit 1.0.0-SNAPSHOT",
        description = {"Test accuracy of the shipped Fashion-MNIST ResNet-20 with each residual block dropped, and of"
                + " the plain-20 with each same-shape block removed, on the first N test images (default all 10,000).",
                "Writes DIR/block-drop.csv, DIR/resnet20-drop.png and DIR/plain20-drop.png.",
                "With --resnet50 FOLDER: the pretrained ImageNet ResNet-50 instead, each of its 16 blocks dropped, on"
                + " FOLDER: WordNet-id class folders (n01440764/ ...; any subset of the 1,000 classes) give top-1"
                + " accuracy, a flat folder of images top-1 agreement with the full model. N images (default 300), a"
                + " seeded sample spread over the classes, streamed in batches. About 17 passes of 0.1-0.2 s per"
                + " image on 2 cores.",
                "Writes DIR/resnet50-drop.csv and DIR/resnet50-drop.png."},
        footer = "Progress goes to stderr (a line every 20 s without a terminal; none when CI is set or with"
                + " -Dresnetkit.quiet=true).")
public final class BlockDropSweep implements Callable<Void> {

    @Option(names = "--images", paramLabel = "N",
            description = "images to evaluate (default: all 10,000 test images; 300 with --resnet50)")
    private Integer images;
    @Option(names = "--resnet50", paramLabel = "FOLDER", description = "sweep the ImageNet ResNet-50 on FOLDER")
    private Path folder;
    @Option(names = "--seed", paramLabel = "S",
            description = "seeds the sample of --resnet50 (default: ${DEFAULT-VALUE})")
    private long seed = 1;
    @Option(names = "--full-only", description = "evaluate the full net(s) alone, no block dropped")
    private boolean fullOnly;
    @Option(names = "--out", paramLabel = "DIR", description = "where the outputs go (default: ${DEFAULT-VALUE})")
    private Path out = Path.of("target/experiments/block-drop");

    /** What a block is, which decides what dropping it leaves. */
    public enum Kind {
        /** Shortcut is the identity: dropping the block removes it. */
        IDENTITY("identity"),
        /** A 1x1 projection shortcut at stride 1 (only the channels change, e.g. ResNet-50's layer1.0: 64 to 256). */
        PROJECTION("projection only"),
        /** Stride 2: the block halves the feature map; dropping it keeps its shortcut (projection or option A). */
        DOWNSAMPLING("downsampling"),
        /** A plain net's block made the identity ({@link PlainBlockRemoval}). */
        REMOVED("removed (plain)");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name printed in tables and CSV files. */
        public String label() {
            return label;
        }
    }

    /** One row of the sweep: {@code accuracy} with the block dropped, {@code drop} = full accuracy - accuracy. */
    public record Row(String net, String block, Kind kind, double accuracy, double drop) {
        /** Whether the block strides (halves the feature map). */
        public boolean downsampling() {
            return kind == Kind.DOWNSAMPLING;
        }
    }

    /**
     * A whole sweep: {@code full} is the full model's accuracy (or 1 for agreement), {@code measure} says what
     * accuracy means, {@code images} how many were evaluated and of how many {@code classes}.
     */
    public record Sweep(String net, String measure, int images, int classes, double full, List<Row> rows) {
    }

    /** Accuracy of {@code net} on {@code data} in inference mode. */
    public static double accuracy(ComputationGraph net, DataSet data) {
        return Evaluation.accuracy(net, data, 250);
    }

    /** The kind of residual block {@code block}: strided (downsampling), projection at stride 1, or identity. */
    public static Kind kind(ComputationGraph net, String block) {
        boolean strided = false;
        boolean projection = false;
        for (Map.Entry<String, GraphVertex> e : net.getConfiguration().getVertices().entrySet()) {
            if (!e.getKey().startsWith(block + ".")) {
                continue;
            }
            projection |= e.getKey().startsWith(block + ".downsample.");
            if (e.getValue() instanceof LayerVertex v) {
                Object layer = v.getLayerConf().getLayer();
                int[] stride = layer instanceof ConvolutionLayer c ? c.getStride()
                        : layer instanceof SubsamplingLayer s ? s.getStride() : new int[] {1};
                strided |= Arrays.stream(stride).anyMatch(x -> x > 1);
            }
        }
        return strided ? Kind.DOWNSAMPLING : projection ? Kind.PROJECTION : Kind.IDENTITY;
    }

    /**
     * Accuracy of a changed copy of {@code original}, in batches of {@code batch}, then frees the copy: its
     * parameters and workspaces live outside the Java heap, and a sweep over ResNet-50's 16 blocks otherwise
     * held them until a garbage collection (peak 8.8 GB on 100 images).
     */
    static double accuracyOfCopy(ComputationGraph copy, ComputationGraph original, DataSet data, int batch) {
        double accuracy = Evaluation.accuracy(copy, data, batch);
        closeCopy(copy, original);
        return accuracy;
    }

    private static void closeCopy(ComputationGraph copy, ComputationGraph original) {
        // a copy that shares the original's parameter memory (a dropBlock that forgot to copy) must stay open:
        // freeing it would free the original's parameters too
        boolean shared = copy == original || copy.params().data().address() == original.params().data().address();
        if (!shared) {
            copy.close();
        }
    }

    /** Drops every residual block of the ResNet-20 in turn. */
    public static List<Row> resnet(ComputationGraph net, DataSet data, Progress progress) {
        return sweep("ResNet-20", "dropping", net, ResidualBlocks.of(net), DropBlock::dropBlock,
                block -> kind(net, block), data, progress);
    }

    /** Removes every same-shape block of the plain-20 in turn (downsampling blocks cannot become the identity). */
    public static List<Row> plain(ComputationGraph net, DataSet data, Progress progress) {
        return sweep("plain-20", "removing", net, PlainBlockRemoval.sameShapeBlocks(net),
                PlainBlockRemoval::removeBlock, block -> Kind.REMOVED, data, progress);
    }

    /** The accuracy of {@code net} with each of {@code blocks} changed by {@code change} in turn (a copy each). */
    private static List<Row> sweep(String name, String verb, ComputationGraph net, List<String> blocks,
                                   BiFunction<ComputationGraph, String, ComputationGraph> change,
                                   Function<String, Kind> kind, DataSet data, Progress progress) {
        double base = accuracy(net, data);
        progress.start(name + ": " + verb + " blocks", blocks.size());
        List<Row> rows = new ArrayList<>();
        for (String block : blocks) {
            double acc = accuracyOfCopy(change.apply(net, block), net, data, 250);
            rows.add(new Row(name, block, kind.apply(block), acc, base - acc));
            progress.step();
        }
        progress.clear();
        return rows;
    }

    /** The rows of {@link #resnet50(ComputationGraph, Path, int, long, boolean, Progress)}, seed 1. */
    public static List<Row> resnet50(ComputationGraph net, Path folder, int images, Progress progress)
            throws IOException {
        return resnet50(net, folder, images, 1, false, progress).rows();
    }

    /**
     * Drops every block of {@code net}, the ImageNet ResNet-50, in turn. A folder of WordNet-id class folders
     * (ImageNet's validation set, or any subset of its classes) gives top-1 accuracy, each folder labelled by
     * its WordNet id ({@link ImageNetClasses}; a folder that is none is an error naming it); a flat folder of
     * images gives top-1 agreement with the full model. {@code images} images at most, a seeded sample spread
     * over the classes ({@link ImageFolder#sample}); they are decoded once and streamed in batches of 16, so
     * memory does not grow with their number. {@code fullOnly} evaluates the full model alone.
     */
    public static Sweep resnet50(ComputationGraph net, Path folder, int images, long seed, boolean fullOnly,
                                 Progress progress) throws IOException {
        boolean labelled;
        try (Stream<Path> list = Files.list(folder)) {
            labelled = list.anyMatch(p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."));
        }
        ImageFolder all = labelled ? ImageFolder.ofClassFolders(folder, ImageNetClasses.wnids())
                : ImageFolder.ofImages(folder);
        ImageFolder sample = all.sample(images, seed);
        int n = sample.size();
        int batch = 16;
        progress.start("decoding " + n + " images", n);
        try (CropCache crops = CropCache.of(sample, ImagePreprocessing.KERAS_CAFFE,
                Path.of(System.getProperty("java.io.tmpdir")), done -> progress.step())) {
            progress.clear();
            int[] full = top1(net, crops, batch, progress, "full model");
            int[] reference = labelled ? crops.labels() : full;
            String name = labelled ? "ResNet-50" : "ResNet-50 (agreement)";
            List<Row> rows = new ArrayList<>();
            double base = agreement(full, reference);
            progress.note(String.format(Locale.ROOT, "full model: %.2f %%", 100 * base));
            if (!fullOnly) {
                List<String> blocks = ResidualBlocks.of(net);
                for (int b = 0; b < blocks.size(); b++) {
                    String block = blocks.get(b);
                    ComputationGraph copy = DropBlock.dropBlock(net, block);
                    double acc = agreement(top1(copy, crops, batch, progress,
                            String.format(Locale.ROOT, "%s dropped (%d/%d)", block, b + 1, blocks.size())), reference);
                    closeCopy(copy, net);
                    Row row = new Row(name, block, kind(net, block), acc, base - acc);
                    rows.add(row);
                    // each result as soon as it is known: a long run that is stopped keeps what it measured
                    progress.note(String.format(Locale.ROOT, "%s dropped (%s): %.2f %%, drop %.2f points (full"
                            + " model %.2f %%)", block, row.kind().label(), 100 * acc, 100 * row.drop(), 100 * base));
                }
            }
            return new Sweep(name, labelled ? "top-1 accuracy" : "top-1 agreement with the full model", n,
                    labelled ? sample.classesPresent() : 0, base, rows);
        }
    }

    /** Top-1 class of every cached image, batch by batch; each batch's arrays are freed as soon as it is done. */
    static int[] top1(ComputationGraph net, CropCache crops, int batch, Progress progress, String label) {
        int n = crops.size();
        int[] out = new int[n];
        progress.start(label, n);
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            try (INDArray x = crops.features(from, to); INDArray y = net.outputSingle(false, x);
                 INDArray arg = y.argMax(1)) {
                for (int i = from; i < to; i++) {
                    out[i] = arg.getInt(i - from);
                }
            }
            progress.step(to - from);
        }
        progress.clear();
        return out;
    }

    private static double agreement(int[] predicted, int[] reference) {
        int same = 0;
        for (int i = 0; i < predicted.length; i++) {
            same += predicted[i] == reference[i] ? 1 : 0;
        }
        return (double) same / predicted.length;
    }

    /** Mean drop of the rows of one kind, NaN when there are none. */
    public static double meanDrop(List<Row> rows, Kind kind) {
        return rows.stream().filter(r -> r.kind() == kind).mapToDouble(Row::drop).average().orElse(Double.NaN);
    }

    private static final List<String> CSV_HEADER = List.of("net", "block", "kind", "accuracy", "drop");

    /** The table, the full model's accuracy first, and the mean drop per kind; CSV rows in {@code csv}. */
    private static void table(String net, double full, List<Row> rows, List<List<?>> csv, BarChart chart,
                              List<Kind> groups) {
        System.out.printf(Locale.ROOT, "%-22s %-16s %9s %14s%n", net + " block", "kind", "accuracy", "drop (points)");
        System.out.printf(Locale.ROOT, "%-22s %-16s %8.2f %% %14s%n", "none (full model)", "-", 100 * full, "-");
        csv.add(List.of(net, "none", "full model", full, 0.0));
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-22s %-16s %8.2f %% %14.2f%n", r.block(), r.kind().label(),
                    100 * r.accuracy(), 100 * r.drop());
            csv.add(List.of(net, r.block(), r.kind().label(), r.accuracy(), r.drop()));
            if (chart != null) {
                chart.bar(r.block(), 100 * r.drop(), groups.indexOf(r.kind()));
            }
        }
    }

    private static String means(List<Row> rows) {
        List<String> parts = new ArrayList<>();
        for (Kind k : Kind.values()) {
            long count = rows.stream().filter(r -> r.kind() == k).count();
            if (count > 0) {
                parts.add(String.format(Locale.ROOT, "%s %.2f points (%d block%s)", k.label(), 100 * meanDrop(rows, k),
                        count, count == 1 ? "" : "s"));
            }
        }
        return String.join(", ", parts);
    }

    private static List<Kind> kinds(List<Row> rows) {
        return Arrays.stream(Kind.values()).filter(k -> rows.stream().anyMatch(r -> r.kind() == k)).toList();
    }

    /** The experiment command; {@code --help} lists its options. */
    public static void main(String[] args) {
        int code = Commands.execute(new BlockDropSweep(), args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** An exercise that is still a stub stops it with one line naming the exercise (see {@link Commands}). */
    @Override
    public Void call() throws IOException {
        sweep();
        return null;
    }

    private void sweep() throws IOException {
        if (images != null && images < 1) {
            throw new IllegalArgumentException("--images must be at least 1, got " + images);
        }
        System.out.println("block-drop sweep (Exercise 20.3.3): " + Backend.describe());
        long start = System.nanoTime();
        if (folder != null) {
            resnet50Main(folder, images == null ? 300 : images, seed, fullOnly, out, start);
            return;
        }
        DataSet all = ReferenceModels.testImages();
        int n = Math.min(images == null ? all.numExamples() : images, all.numExamples());
        DataSet data = new DataSet(all.getFeatures().get(NDArrayIndex.interval(0, n)),
                all.getLabels().get(NDArrayIndex.interval(0, n)));
        ComputationGraph resnet = ReferenceModels.load(ReferenceModels.RESNET20);
        ComputationGraph plain = ReferenceModels.load(ReferenceModels.PLAIN20);
        double resnetFull = accuracy(resnet, data);
        double plainFull = accuracy(plain, data);
        System.out.printf(Locale.ROOT, "Fashion-MNIST, first %d test images; test accuracy of the full nets:"
                + " ResNet-20 %.2f %%, plain-20 %.2f %%%n", n, 100 * resnetFull, 100 * plainFull);
        if (fullOnly) {
            return;
        }
        List<Row> res = resnet(resnet, data, Progress.forExperiment());
        List<Row> pla = plain(plain, data, Progress.forExperiment());
        List<List<?>> csv = new ArrayList<>();
        List<Kind> resKinds = kinds(res);
        BarChart resChart = new BarChart(String.format(Locale.ROOT,
                "ResNet-20 (full %.2f %%): accuracy drop when one block is dropped", 100 * resnetFull),
                "accuracy drop (points)", resKinds.stream().map(k -> k.label() + " block").toList());
        BarChart plChart = new BarChart(String.format(Locale.ROOT,
                "plain-20 (full %.2f %%): accuracy drop when one block is removed", 100 * plainFull),
                "accuracy drop (points)", List.of("same-shape block"));
        table("ResNet-20", resnetFull, res, csv, resChart, resKinds);
        System.out.println();
        table("plain-20", plainFull, pla, csv, plChart, List.of(Kind.REMOVED));
        System.out.println();
        System.out.println("mean drop, ResNet-20: " + means(res));
        System.out.println("mean drop, plain-20:  " + means(pla));
        System.out.printf(Locale.ROOT, "removing a plain-20 block costs %.1fx what dropping a ResNet-20 identity block"
                + " costs%n", meanDrop(pla, Kind.REMOVED) / meanDrop(res, Kind.IDENTITY));
        Csv.write(out.resolve("block-drop.csv"), CSV_HEADER, csv);
        resChart.writePng(out.resolve("resnet20-drop.png"));
        plChart.writePng(out.resolve("plain20-drop.png"));
        System.out.printf(Locale.ROOT, "wrote %s (block-drop.csv, resnet20-drop.png, plain20-drop.png) in %.1f s;"
                + " peak resident memory %d MiB%n", out, (System.nanoTime() - start) / 1e9, PeakMemory.peakRssMiB());
    }

    private static void resnet50Main(Path folder, int images, long seed, boolean fullOnly, Path out, long start)
            throws IOException {
        ComputationGraph net = Pretrained.resnet50(Weights.IMAGENET);
        Sweep s = resnet50(net, folder, images, seed, fullOnly, Progress.forExperiment());
        System.out.printf(Locale.ROOT, "ResNet-50 (Keras ImageNet weights) on %s: %d images%s, seeded sample"
                        + " (seed %d), %s%n", folder, s.images(),
                s.classes() > 0 ? " of " + s.classes() + " classes, labelled by WordNet id" : " without labels",
                seed, s.measure());
        System.out.printf(Locale.ROOT, "full model: %s %.2f %% (%d of %d images)%n", s.measure(), 100 * s.full(),
                Math.round(s.full() * s.images()), s.images());
        List<List<?>> csv = new ArrayList<>();
        List<Kind> kinds = kinds(s.rows());
        BarChart chart = kinds.isEmpty() ? null : new BarChart(String.format(Locale.ROOT,
                "%s, %d images (full %.2f %%): drop when one block is dropped", s.net(), s.images(), 100 * s.full()),
                "drop (points)", kinds.stream().map(k -> k.label() + " block").toList());
        if (!fullOnly) {
            System.out.println();
            table(s.net(), s.full(), s.rows(), csv, chart, kinds);
            System.out.println();
            System.out.println("mean drop by kind: " + means(s.rows()));
            System.out.println("plain-layer comparison: the kit has no plain ImageNet net; the sweep without --resnet50"
                    + " compares the Fashion-MNIST ResNet-20 with its plain-20.");
        } else {
            csv.add(List.of(s.net(), "none", "full model", s.full(), 0.0));
        }
        Csv.write(out.resolve("resnet50-drop.csv"), CSV_HEADER, csv);
        String wrote = "resnet50-drop.csv";
        if (chart != null) {
            chart.writePng(out.resolve("resnet50-drop.png"));
            wrote += ", resnet50-drop.png";
        }
        System.out.printf(Locale.ROOT, "wrote %s (%s) in %.1f s; peak resident memory %d MiB%n", out, wrote,
                (System.nanoTime() - start) / 1e9, PeakMemory.peakRssMiB());
    }
}
