package resnetkit.dropblock;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import resnetkit.datasets.ImageFolder;
import resnetkit.datasets.ImagePreprocessing;
import resnetkit.degradation.Degradation;
import resnetkit.family.Pretrained;
import resnetkit.family.Weights;
import resnetkit.toolkit.Backend;
import resnetkit.toolkit.BarChart;
import resnetkit.toolkit.Csv;
import resnetkit.toolkit.PeakMemory;
import resnetkit.toolkit.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Given: the experiment of Exercise 20.3.3 on the shipped Fashion-MNIST models: the test accuracy of the
 * ResNet-20 with each residual block dropped ({@link DropBlock#dropBlock}, yours), identity and
 * downsampling blocks reported apart, against the plain-20 with each same-shape block removed
 * ({@link PlainBlockRemoval}). Prints a table and writes a CSV and two PNG bar charts.
 */
public final class BlockDropSweep {

    /** One row of the sweep. */
    public record Row(String net, String block, boolean downsampling, double accuracy, double drop) {
    }

    private BlockDropSweep() {
    }

    /** Accuracy of {@code net} on {@code data} in inference mode. */
    public static double accuracy(ComputationGraph net, DataSet data) {
        return 1 - Degradation.error(net, data, 250);
    }

    /**
     * Accuracy of a changed copy of {@code original}, in batches of {@code batch}, then frees the copy: its
     * parameters and workspaces live outside the Java heap, and a sweep over ResNet-50's 16 blocks otherwise
     * held them until a garbage collection (peak 8.8 GB on 100 images).
     */
    static double accuracyOfCopy(ComputationGraph copy, ComputationGraph original, DataSet data, int batch) {
        double accuracy = 1 - Degradation.error(copy, data, batch);
        // a copy that shares the original's parameter memory (a dropBlock that forgot to copy) must stay open:
        // freeing it would free the original's parameters too
        boolean shared = copy == original || copy.params().data().address() == original.params().data().address();
        if (!shared) {
            copy.close();
        }
        return accuracy;
    }

    /** Drops every residual block of the ResNet-20 in turn. */
    public static List<Row> resnet(ComputationGraph net, DataSet data, Progress progress) {
        double base = accuracy(net, data);
        List<String> blocks = DropBlock.residualBlocks(net);
        progress.start("ResNet-20: dropping blocks", blocks.size());
        List<Row> rows = new ArrayList<>();
        for (String block : blocks) {
            double acc = accuracyOfCopy(DropBlock.dropBlock(net, block), net, data, 250);
            rows.add(new Row("ResNet-20", block, DropBlock.isDownsampling(net, block), acc, base - acc));
            progress.step();
        }
        progress.clear();
        return rows;
    }

    /** Removes every same-shape block of the plain-20 in turn (downsampling blocks cannot become the identity). */
    public static List<Row> plain(ComputationGraph net, DataSet data, Progress progress) {
        double base = accuracy(net, data);
        List<String> blocks = new ArrayList<>();
        for (String v : net.getConfiguration().getVertices().keySet()) {
            if (v.startsWith("layer") && v.endsWith(".conv1") && !v.endsWith(".0.conv1")) {
                blocks.add(v.substring(0, v.length() - ".conv1".length()));
            }
        }
        blocks.sort(DropBlock::compareBlocks);
        progress.start("plain-20: removing blocks", blocks.size());
        List<Row> rows = new ArrayList<>();
        for (String block : blocks) {
            double acc = accuracyOfCopy(PlainBlockRemoval.removeBlock(net, block), net, data, 250);
            rows.add(new Row("plain-20", block, false, acc, base - acc));
            progress.step();
        }
        progress.clear();
        return rows;
    }

    /**
     * Drops every block of {@code net}, the ImageNet ResNet-50: top-1 accuracy on a folder of class subfolders (the 1,000 WordNet-id
     * folders of ImageNet's validation set, whose sorted order is the model's class order), or, for a flat
     * folder of images without labels, top-1 agreement with the full model.
     */
    public static List<Row> resnet50(ComputationGraph net, Path folder, int images, Progress progress)
            throws IOException {
        boolean labelled;
        try (Stream<Path> list = Files.list(folder)) {
            labelled = list.anyMatch(Files::isDirectory);
        }
        DataSet data;
        if (labelled) {
            ImageFolder f = ImageFolder.ofClassFolders(folder, null);
            data = f.load(ImagePreprocessing.KERAS_CAFFE, 0, Math.min(images, f.files().size()));
        } else {
            List<Path> files;
            try (Stream<Path> list = Files.list(folder)) {
                files = list.filter(p -> p.toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png)"))
                        .sorted().limit(images).toList();
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no JPEG or PNG images in " + folder);
            }
            List<INDArray> xs = new ArrayList<>();
            for (Path f : files) {
                xs.add(ImagePreprocessing.KERAS_CAFFE.apply(
                        ImageFolder.readImage(f)));
            }
            INDArray x = Nd4j.concat(0,
                    xs.toArray(INDArray[]::new));
            // no labels: the full model's own top-1 answers are the reference ("agreement")
            INDArray top1 = net.outputSingle(false, x).argMax(1);
            INDArray oneHot = Nd4j.zeros(x.size(0), 1000);
            for (int i = 0; i < x.size(0); i++) {
                oneHot.putScalar(i, top1.getInt(i), 1.0);
            }
            data = new DataSet(x, oneHot);
        }
        double base = 1 - Degradation.error(net, data, 16);
        List<String> blocks = DropBlock.residualBlocks(net);
        progress.start("ResNet-50: dropping blocks", blocks.size());
        List<Row> rows = new ArrayList<>();
        for (String block : blocks) {
            double acc = accuracyOfCopy(DropBlock.dropBlock(net, block), net, data, 16);
            rows.add(new Row(labelled ? "ResNet-50" : "ResNet-50 (agreement)", block,
                    DropBlock.isDownsampling(net, block), acc, base - acc));
            progress.step();
        }
        progress.clear();
        return rows;
    }

    public static void main(String[] args) throws IOException {
        int images = 10_000;
        Path folder = null;
        Path out = Path.of("target/experiments/block-drop");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.println("""
                            usage: BlockDropSweep [--images N] [--out DIR]
                                   BlockDropSweep --resnet50 FOLDER [--images N] [--out DIR]
                              Test accuracy of the shipped Fashion-MNIST ResNet-20 with each residual block dropped,
                              and of the plain-20 with each same-shape block removed, on the first N test images
                              (default 10,000). Writes DIR/block-drop.csv, DIR/resnet20-drop.png, DIR/plain20-drop.png
                              (default DIR: target/experiments/block-drop).
                              --resnet50 FOLDER: the pretrained ImageNet ResNet-50 instead, on a folder of WordNet-id
                              class folders (top-1 accuracy) or a flat folder of images (top-1 agreement with the
                              full model), N images at most; writes DIR/resnet50-drop.png.""");
                    return;
                }
                case "--images" -> images = Integer.parseInt(args[++i]);
                case "--resnet50" -> folder = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        System.out.println("block-drop sweep: " + Backend.describe());
        long start = System.nanoTime();
        if (folder != null) {
            List<Row> rows = resnet50(Pretrained.resnet50(Weights.IMAGENET), folder, images, Progress.forConsole());
            BarChart chart = new BarChart(rows.get(0).net() + ": drop when one block is dropped",
                    "drop (points)", "identity block", "downsampling block");
            List<List<?>> csv = new ArrayList<>();
            double identity = 0;
            double downsampling = 0;
            for (Row r : rows) {
                System.out.printf(Locale.ROOT, "%-10s %-13s %8.2f %% %11.2f%n", r.block(),
                        r.downsampling() ? "downsampling" : "identity", 100 * r.accuracy(), 100 * r.drop());
                chart.bar(r.block(), 100 * r.drop(), r.downsampling());
                csv.add(List.of(r.net(), r.block(), r.downsampling() ? "downsampling" : "identity", r.accuracy(),
                        r.drop()));
                identity += r.downsampling() ? 0 : r.drop() / rows.stream().filter(x -> !x.downsampling()).count();
                downsampling += r.downsampling() ? r.drop() / rows.stream().filter(Row::downsampling).count() : 0;
            }
            System.out.printf(Locale.ROOT, "mean drop: identity blocks %.2f points, downsampling blocks %.2f points%n",
                    100 * identity, 100 * downsampling);
            Csv.write(out.resolve("resnet50-drop.csv"), List.of("net", "block", "kind", "accuracy", "drop"), csv);
            chart.writePng(out.resolve("resnet50-drop.png"));
            System.out.printf(Locale.ROOT, "wrote %s in %.1f s; peak resident memory %d MiB%n", out,
                    (System.nanoTime() - start) / 1e9, PeakMemory.peakRssMiB());
            return;
        }
        DataSet all = ReferenceModels.testImages();
        int n = Math.min(images, all.numExamples());
        DataSet data = new DataSet(all.getFeatures().get(NDArrayIndex.interval(0, n)),
                all.getLabels().get(NDArrayIndex.interval(0, n)));
        ComputationGraph resnet = ReferenceModels.load(ReferenceModels.RESNET20);
        ComputationGraph plain = ReferenceModels.load(ReferenceModels.PLAIN20);
        System.out.printf(Locale.ROOT, "%d test images; full ResNet-20 %.2f %%, full plain-20 %.2f %%%n", n,
                100 * accuracy(resnet, data), 100 * accuracy(plain, data));
        List<Row> rows = new ArrayList<>(resnet(resnet, data, Progress.forConsole()));
        rows.addAll(plain(plain, data, Progress.forConsole()));
        System.out.printf(Locale.ROOT, "%-10s %-10s %-13s %9s %11s%n", "net", "block", "kind", "accuracy", "drop (pt)");
        List<List<?>> csv = new ArrayList<>();
        BarChart res = new BarChart("ResNet-20: accuracy drop when one block is dropped", "accuracy drop (points)",
                "identity block", "downsampling block");
        BarChart pl = new BarChart("plain-20: accuracy drop when one block is removed", "accuracy drop (points)",
                "same-shape block", "-");
        for (Row r : rows) {
            String kind = r.net().startsWith("plain") ? "removed" : r.downsampling() ? "downsampling" : "identity";
            System.out.printf(Locale.ROOT, "%-10s %-10s %-13s %8.2f %% %11.2f%n", r.net(), r.block(), kind,
                    100 * r.accuracy(), 100 * r.drop());
            csv.add(List.of(r.net(), r.block(), kind, r.accuracy(), r.drop()));
            (r.net().startsWith("plain") ? pl : res).bar(r.block(), 100 * r.drop(), r.downsampling());
        }
        Csv.write(out.resolve("block-drop.csv"), List.of("net", "block", "kind", "accuracy", "drop"), csv);
        res.writePng(out.resolve("resnet20-drop.png"));
        pl.writePng(out.resolve("plain20-drop.png"));
        System.out.printf(Locale.ROOT, "wrote %s in %.1f s; peak resident memory %d MiB%n", out,
                (System.nanoTime() - start) / 1e9, PeakMemory.peakRssMiB());
    }
}
