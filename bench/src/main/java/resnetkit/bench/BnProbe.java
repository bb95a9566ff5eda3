package resnetkit.bench;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import resnetkit.toolkit.Layers;

import java.lang.reflect.Field;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 16's question: which implementation runs the batch-norm backward of the kit's ResNet-20.
 * DL4J's {@code BatchNormalization} layer hands its backward to a {@link BatchNormalizationHelper} when it has
 * one ({@code MKLDNNBatchNormHelper} with the kit's helper switch), which runs libnd4j's {@code batchnorm_bp}
 * custom op; libnd4j then runs its oneDNN platform implementation when that implementation's check passes,
 * else its generic C++ one. Without a helper the layer computes the backward in Java, op by op.
 */
final class BnProbe {

    private BnProbe() {
    }

    /** Which backward path a variant forces on every batch-norm layer of a net. */
    enum Path {
        /** As DL4J sets it up: the oneDNN helper, libnd4j's platform implementation if its check passes. */
        AS_IS,
        /** The helper, but libnd4j's platform helpers switched off around the backward: generic C++ batchnorm_bp. */
        GENERIC,
        /** No helper: DL4J's Java backward. */
        JAVA
    }

    /** One training step at {@code batch} with libnd4j's debug and verbose logs on, after a quiet warm-up step. */
    static void trace(ComputationGraph net, DataSet data) {
        net.fit(data);
        for (Layer l : net.getLayers()) {
            if (l instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization bn) {
                Object h = helperOf(bn);
                System.out.println("layer " + l.conf().getLayer().getLayerName() + ": helper "
                        + (h == null ? "none (Java path)" : h.getClass().getName()));
                break;
            }
        }
        Environment env = Nd4j.getEnvironment();
        System.out.println("helpersAllowed " + env.helpersAllowed() + "; traced step begins");
        System.out.flush();
        env.setDebug(true);
        env.setVerbose(true);
        net.fit(data);
        env.setVerbose(false);
        env.setDebug(false);
        System.out.println("traced step ends");
    }

    /** Puts {@code path} on every batch-norm layer of {@code net}. */
    static void force(ComputationGraph net, Path path) {
        for (Layer l : net.getLayers()) {
            if (l instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization bn) {
                BatchNormalizationHelper h = helperOf(bn);
                switch (path) {
                    case AS_IS -> { }
                    case GENERIC -> setHelper(bn, h == null ? null : new NoPlatformBackward(h));
                    case JAVA -> setHelper(bn, null);
                }
            }
        }
    }

    /**
     * libnd4j's batchnorm_bp alone on [batch, c, h, w] (the kit's three stage shapes), called as DL4J's oneDNN
     * helper calls it, with platform helpers allowed and forbidden; then one standalone DL4J batch-norm layer's
     * forward + backward on the same shapes, with its helper and with the Java path.
     */
    static void op(int batch) {
        Environment env = Nd4j.getEnvironment();
        long[][] shapes = {{batch, 16, 32, 32}, {batch, 32, 16, 16}, {batch, 64, 8, 8}};
        for (long[] s : shapes) {
            Nd4j.getRandom().setSeed(1);
            INDArray x = Nd4j.rand(DataType.FLOAT, s);
            INDArray g = Nd4j.rand(DataType.FLOAT, s);
            int c = (int) s[1];
            INDArray mean = x.mean(0, 2, 3);
            INDArray var = x.var(false, 0, 2, 3);
            INDArray gamma = Nd4j.ones(DataType.FLOAT, c);
            INDArray beta = Nd4j.zeros(DataType.FLOAT, c);
            INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, s);
            INDArray[] small = new INDArray[4];
            for (int i = 0; i < 4; i++) {
                small[i] = Nd4j.createUninitialized(DataType.FLOAT, c);
            }
            DynamicCustomOp bp = DynamicCustomOp.builder("batchnorm_bp")
                    .addInputs(x, mean, var, gamma, beta, g)
                    .addIntegerArguments(1, 1, 1)
                    .addFloatingPointArguments(Layers.BN_EPS)
                    .addOutputs(dx, small[0], small[1], small[2], small[3])
                    .build();
            env.allowHelpers(true);
            double withHelper = Timing.median(3, 9, () -> Nd4j.exec(bp));
            INDArray dxOneDnn = dx.dup();
            env.allowHelpers(false);
            double generic = Timing.median(3, 9, () -> Nd4j.exec(bp));
            env.allowHelpers(true);
            double diff = dx.sub(dxOneDnn).norm2Number().doubleValue() / dx.norm2Number().doubleValue();
            System.out.printf(Locale.ROOT, "batchnorm_bp op %-16s platform helpers allowed %6.2f ms, forbidden %6.2f ms"
                    + " (relative difference of dL/dx %.1e)%n", java.util.Arrays.toString(s), withHelper * 1e3,
                    generic * 1e3, diff);

            for (Path p : Path.values()) {
                org.deeplearning4j.nn.layers.normalization.BatchNormalization layer = standalone(c);
                BatchNormalizationHelper h = helperOf(layer);
                if (p == Path.GENERIC) {
                    setHelper(layer, h == null ? null : new NoPlatformBackward(h));
                } else if (p == Path.JAVA) {
                    setHelper(layer, null);
                }
                LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
                double fb = Timing.median(3, 9, () -> {
                    layer.setInput(x, mgr);
                    layer.activate(true, mgr);
                    layer.backpropGradient(g, mgr);
                });
                double f = Timing.median(3, 9, () -> {
                    layer.setInput(x, mgr);
                    layer.activate(true, mgr);
                });
                System.out.printf(Locale.ROOT, "  BN layer %-7s forward+backward %6.2f ms, forward %6.2f ms%n",
                        p, fb * 1e3, f * 1e3);
            }
        }
    }

    /** A DL4J batch-norm layer as the kit configures it, c channels, NCHW, parameters initialised. */
    private static org.deeplearning4j.nn.layers.normalization.BatchNormalization standalone(int c) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization lc = new org.deeplearning4j.nn.conf.layers.BatchNormalization
                .Builder().nIn(c).nOut(c).eps(Layers.BN_EPS).decay(Layers.BN_DECAY).useLogStd(false)
                .dataFormat(CNN2DFormat.NCHW).activation(Activation.IDENTITY).build();
        NeuralNetConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).layer(lc).build();
        long n = lc.initializer().numParams(conf);
        INDArray params = Nd4j.create(DataType.FLOAT, 1, n);
        org.deeplearning4j.nn.layers.normalization.BatchNormalization layer =
                (org.deeplearning4j.nn.layers.normalization.BatchNormalization)
                        lc.instantiate(conf, null, 0, params, true, DataType.FLOAT);
        layer.setBackpropGradientsViewArray(Nd4j.create(DataType.FLOAT, 1, n));
        return layer;
    }

    private static BatchNormalizationHelper helperOf(org.deeplearning4j.nn.layers.normalization.BatchNormalization bn) {
        try {
            return (BatchNormalizationHelper) helperField().get(bn);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setHelper(org.deeplearning4j.nn.layers.normalization.BatchNormalization bn,
                                  BatchNormalizationHelper h) {
        try {
            helperField().set(bn, h);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field helperField() {
        try {
            Field f = org.deeplearning4j.nn.layers.normalization.BatchNormalization.class.getDeclaredField("helper");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("DL4J's BatchNormalization layer has no field 'helper'", e);
        }
    }

    /** The oneDNN helper with libnd4j's platform helpers forbidden during the backward only. */
    private record NoPlatformBackward(BatchNormalizationHelper inner) implements BatchNormalizationHelper {

        @Override
        public boolean checkSupported(double eps, boolean fixedGammaBeta) {
            return inner.checkSupported(eps, fixedGammaBeta);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
                                                         INDArray beta, INDArray dGammaView, INDArray dBetaView,
                                                         double eps, CNN2DFormat format, LayerWorkspaceMgr mgr) {
            Environment env = Nd4j.getEnvironment();
            env.allowHelpers(false);
            try {
                return inner.backpropGradient(input, epsilon, shape, gamma, beta, dGammaView, dBetaView, eps, format,
                        mgr);
            } finally {
                env.allowHelpers(true);
            }
        }

        @Override
        public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
                                  INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format,
                                  LayerWorkspaceMgr mgr) {
            return inner.preOutput(x, training, shape, gamma, beta, mean, var, decay, eps, format, mgr);
        }

        @Override
        public INDArray getMeanCache(DataType dataType) {
            return inner.getMeanCache(dataType);
        }

        @Override
        public INDArray getVarCache(DataType dataType) {
            return inner.getVarCache(dataType);
        }

        @Override
        public Map<String, Long> helperMemoryUse() {
            return inner.helperMemoryUse();
        }

        @Override
        public boolean checkSupported() {
            return inner.checkSupported();
        }
    }
}
