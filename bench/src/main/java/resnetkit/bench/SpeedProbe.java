package resnetkit.bench;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import resnetkit.toolkit.Backend;
import resnetkit.toolkit.Commands;
import resnetkit.toolkit.Graphs;
import resnetkit.toolkit.Layers;
import resnetkit.toolkit.PeakMemory;

import java.util.Locale;

/**
 * Issue 9's investigation, kept as a command so its figures can be re-measured: ResNet-20 training speed
 * under the knobs DL4J offers. Each variant is one JVM run: {@code SpeedProbe VARIANT [BATCH]}.
 * <ul>
 *   <li>{@code kit}: the kit's ResNet-20 as {@code Graphs.builder} makes it (option A, separate ReLU vertices,
 *       {@link CacheMode#DEVICE}: each convolution keeps its forward output for backprop);</li>
 *   <li>{@code kit-no-cache}: the same with {@link CacheMode#NONE}, DL4J's default, under which every
 *       convolution's forward output is computed a second time in backprop (the kit before the change);</li>
 *   <li>{@code profile}, {@code profile-no-cache}: those two with ND4J's op profiler on, printing where a
 *       training step's time goes;</li>
 *   <li>{@code nchw}, {@code nchw-fused}, {@code nhwc}, {@code nhwc-fused}: a ResNet-20 with projection
 *       shortcuts built here, in either layout, with ReLU as its own layer or fused into the batch norm;</li>
 *   <li>{@code no-workspaces}: {@code nchw} with DL4J's training workspaces off;</li>
 *   <li>{@code samediff}: the {@code nchw} net written in SameDiff ({@link SameDiffResNet20});</li>
 *   <li>issue 16 ({@link BnProbe}): {@code bn-trace} (one {@code kit} training step with libnd4j's debug and
 *       verbose logs on; pass a small batch, e.g. 8), {@code bn-op} (libnd4j's batchnorm_bp alone and one batch-norm
 *       layer alone, each implementation), {@code kit-bn-generic} and {@code kit-bn-java} ({@code kit} with the
 *       batch-norm backward in libnd4j's generic C++ kernel or in DL4J's Java path).</li>
 * </ul>
 */
@Command(name = "SpeedProbe", mixinStandardHelpOptions = true, usageHelpWidth = 120,
        version = "resnet-kit 1.0.0-SNAPSHOT",
        description = "Issue 9's investigation: ResNet-20 training and inference speed under one of the knobs DL4J"
                + " offers, one variant per run (the class comment says what each is).")
public final class SpeedProbe implements Runnable {

    @Parameters(index = "0", arity = "0..1", paramLabel = "VARIANT", defaultValue = "kit",
            description = "kit, kit-no-cache, profile, profile-no-cache, nchw, nchw-fused, nhwc, nhwc-fused,"
                    + " no-workspaces, samediff, bn-trace, bn-op, kit-bn-generic or kit-bn-java"
                    + " (default: ${DEFAULT-VALUE})")
    private String variant;
    @Parameters(index = "1", arity = "0..1", paramLabel = "BATCH", defaultValue = "128",
            description = "the batch size (default: ${DEFAULT-VALUE})")
    private int batch;

    /** The probe; {@code --help} lists the variants. */
    public static void main(String[] args) {
        int code = Commands.of(new SpeedProbe()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        Backend.init();
        if (variant.equals("samediff")) {
            sameDiff(batch);
            return;
        }
        if (variant.equals("bn-op")) {
            BnProbe.op(batch);
            return;
        }
        ComputationGraphConfiguration conf = switch (variant) {
            case "kit", "profile", "bn-trace", "kit-bn-generic", "kit-bn-java" -> BenchCase.RESNET20.config();
            case "kit-no-cache", "profile-no-cache" -> withCacheMode(BenchCase.RESNET20.config(), CacheMode.NONE);
            case "nchw" -> resnet20(CNN2DFormat.NCHW, false);
            case "nchw-fused" -> resnet20(CNN2DFormat.NCHW, true);
            case "nhwc" -> resnet20(CNN2DFormat.NHWC, false);
            case "nhwc-fused" -> resnet20(CNN2DFormat.NHWC, true);
            case "no-workspaces" -> {
                ComputationGraphConfiguration c = resnet20(CNN2DFormat.NCHW, false);
                c.setTrainingWorkspaceMode(WorkspaceMode.NONE);
                c.setInferenceWorkspaceMode(WorkspaceMode.NONE);
                yield c;
            }
            default -> throw new IllegalArgumentException("unknown variant " + variant + " (see the class comment)");
        };
        ComputationGraph net = Graphs.init(conf);
        DataSet data = variant.startsWith("nhwc") ? RandomBatch.of(10, batch, 32, 32, 3)
                : RandomBatch.of(10, batch, 3, 32, 32);
        if (variant.equals("bn-trace")) {
            BnProbe.trace(net, data);
            return;
        }
        if (variant.equals("kit-bn-generic")) {
            BnProbe.force(net, BnProbe.Path.GENERIC);
        } else if (variant.equals("kit-bn-java")) {
            BnProbe.force(net, BnProbe.Path.JAVA);
        }
        if (variant.startsWith("profile")) {
            for (int i = 0; i < 3; i++) {
                net.fit(data);
            }
            Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true).build());
            OpProfiler.getInstance().reset();
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                net.fit(data);
            }
            System.out.printf(Locale.ROOT, "5 profiled steps: %.2f s%n", (System.nanoTime() - start) / 1e9);
            OpProfiler.getInstance().printOutDashboard();
            return;
        }
        report(variant, batch, Timing.median(3, 7, () -> net.fit(data)),
                Timing.median(3, 7, () -> net.output(false, data.getFeatures())));
    }

    /** One line per variant: training and inference img/s from seconds per batch, and the peak memory. */
    private static void report(String variant, int batch, double trainSeconds, double inferSeconds) {
        System.out.printf(Locale.ROOT, "%-16s batch %3d: training %6.1f img/s, inference %7.1f img/s, peak %d MiB%n",
                variant, batch, batch / trainSeconds, batch / inferSeconds, PeakMemory.peakRssMiB());
    }

    /** {@link SameDiffResNet20}: training and inference img/s, as for the other variants. */
    private static void sameDiff(int batch) {
        org.nd4j.autodiff.samediff.SameDiff sd = SameDiffResNet20.build();
        DataSet data = RandomBatch.of(10, batch, 3, 32, 32);
        report("samediff", batch, Timing.median(3, 7, () -> sd.fit(data)),
                Timing.median(3, 7, () -> sd.output(java.util.Map.of("input", data.getFeatures()), "logits")));
    }

    /**
     * The same configuration with {@code mode} on the graph and every layer (the graph opens the workspace
     * that keeps forward outputs only when it has a cache mode itself).
     */
    static ComputationGraphConfiguration withCacheMode(ComputationGraphConfiguration conf, CacheMode mode) {
        conf.setCacheMode(mode);
        conf.getVertices().values().forEach(v -> {
            if (v instanceof LayerVertex layer) {
                layer.getLayerConf().setCacheMode(mode);
            }
        });
        return conf;
    }

    /** ResNet-20 (width 16, projection shortcuts) in one layout, ReLU separate or fused into the batch norm. */
    static ComputationGraphConfiguration resnet20(CNN2DFormat format, boolean fused) {
        GraphBuilder g = Graphs.builder(1);
        String out = convBn(g, "conv1", Graphs.INPUT, 3, 16, 1, format, fused, true);
        int in = 16;
        for (int s = 0; s < 3; s++) {
            int planes = 16 << s;
            for (int b = 0; b < 3; b++) {
                int stride = s > 0 && b == 0 ? 2 : 1;
                String block = "layer" + (s + 1) + "." + b;
                String h = convBn(g, block + ".conv1", out, in, planes, stride, format, fused, true);
                h = convBn(g, block + ".conv2", h, planes, planes, 1, format, false, false);
                String shortcut = out;
                if (stride != 1 || in != planes) {
                    g.addLayer(block + ".downsample.conv", new ConvolutionLayer.Builder(1, 1).stride(stride, stride)
                            .convolutionMode(ConvolutionMode.Truncate).nIn(in).nOut(planes).hasBias(false)
                            .dataFormat(format).activation(Activation.IDENTITY).build(), out);
                    g.addLayer(block + ".downsample.bn", bn(planes, format, false), block + ".downsample.conv");
                    shortcut = block + ".downsample.bn";
                }
                g.addVertex(block + ".add", new ElementWiseVertex(ElementWiseVertex.Op.Add), h, shortcut);
                g.addLayer(block + ".relu", new ActivationLayer.Builder().activation(Activation.RELU).build(),
                        block + ".add");
                out = block + ".relu";
                in = planes;
            }
        }
        g.addLayer("avgpool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), out);
        g.addLayer("fc", Layers.softmaxHead(64, 10), "avgpool");
        return g.setInputTypes(InputType.convolutional(32, 32, 3, format)).setOutputs("fc").build();
    }

    private static String convBn(GraphBuilder g, String conv, String input, int in, int out, int stride,
                                 CNN2DFormat format, boolean fused, boolean relu) {
        g.addLayer(conv, new ConvolutionLayer.Builder(3, 3).stride(stride, stride).padding(1, 1)
                .convolutionMode(ConvolutionMode.Truncate).nIn(in).nOut(out).hasBias(false).dataFormat(format)
                .activation(Activation.IDENTITY).build(), input);
        String bn = conv.replace("conv", "bn");
        g.addLayer(bn, bn(out, format, fused && relu), conv);
        if (!relu || fused) {
            return bn;
        }
        g.addLayer(bn + ".relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), bn);
        return bn + ".relu";
    }

    private static BatchNormalization bn(int channels, CNN2DFormat format, boolean relu) {
        return new BatchNormalization.Builder().nIn(channels).nOut(channels).eps(Layers.BN_EPS).decay(Layers.BN_DECAY)
                .useLogStd(false).dataFormat(format).activation(relu ? Activation.RELU : Activation.IDENTITY).build();
    }
}
