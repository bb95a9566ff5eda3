package resnetkit.bench;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Issue 9's last attempt: ResNet-20 (width 16, projection shortcuts, as {@code SpeedProbe nchw}) written
 * directly in SameDiff, ND4J's graph API, to see whether skipping DL4J's layers removes the repeated forward
 * convolution and the slow batch-norm backward. Batch norm uses the batch's statistics (training mode; no
 * running averages: a speed probe, not a model to keep), written from element-wise ops.
 */
final class SameDiffResNet20 {

    private SameDiffResNet20() {
    }

    /** The graph: placeholders "input" [N, 3, 32, 32] and "label" [N, 10], output "logits", Adam 1e-3. */
    static SameDiff build() {
        SameDiff sd = SameDiff.create();
        Nd4j.getRandom().setSeed(1);
        SDVariable x = sd.placeHolder("input", DataType.FLOAT, -1, 3, 32, 32);
        SDVariable label = sd.placeHolder("label", DataType.FLOAT, -1, 10);
        SDVariable out = sd.nn().relu(convBn(sd, "conv1", x, 3, 16, 1), 0);
        int in = 16;
        for (int s = 0; s < 3; s++) {
            int planes = 16 << s;
            for (int b = 0; b < 3; b++) {
                int stride = s > 0 && b == 0 ? 2 : 1;
                String block = "layer" + (s + 1) + "." + b;
                SDVariable h = sd.nn().relu(convBn(sd, block + ".conv1", out, in, planes, stride), 0);
                h = convBn(sd, block + ".conv2", h, planes, planes, 1);
                SDVariable shortcut = stride != 1 || in != planes
                        ? convBn(sd, block + ".downsample", out, in, planes, stride, 1) : out;
                out = sd.nn().relu(h.add(shortcut), 0);
                in = planes;
            }
        }
        SDVariable pooled = out.mean(2, 3);
        SDVariable w = sd.var("fc_W", Nd4j.randn(DataType.FLOAT, 64, 10).muli(Math.sqrt(1.0 / 64)));
        SDVariable bias = sd.var("fc_b", Nd4j.zeros(DataType.FLOAT, 10));
        SDVariable logits = sd.nn().linear("logits", pooled, w, bias);
        sd.loss().softmaxCrossEntropy("loss", label, logits, null);
        sd.setLossVariables("loss");
        sd.setTrainingConfig(new TrainingConfig.Builder().updater(new Adam(1e-3))
                .dataSetFeatureMapping("input").dataSetLabelMapping("label").build());
        return sd;
    }

    private static SDVariable convBn(SameDiff sd, String name, SDVariable x, int in, int out, int stride) {
        return convBn(sd, name, x, in, out, stride, 3);
    }

    /** k x k convolution (padding k/2, no bias), then batch norm over the batch's statistics. */
    private static SDVariable convBn(SameDiff sd, String name, SDVariable x, int in, int out, int stride, int k) {
        SDVariable w = sd.var(name + "_W", Nd4j.randn(DataType.FLOAT, k, k, in, out)
                .muli(Math.sqrt(2.0 / (k * k * in))));
        SDVariable z = sd.cnn().conv2d(x, w, Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride)
                .pH(k / 2).pW(k / 2).dataFormat("NCHW").build());
        // by hand from element-wise ops: SameDiff's own batchNorm op cannot be differentiated in 1.0.0-M2.1
        // (BatchNorm.doDiff builds its derivative without the axis and throws)
        SDVariable centred = z.sub(z.mean(true, 0, 2, 3));
        SDVariable variance = centred.mul(centred).mean(true, 0, 2, 3);
        SDVariable gamma = sd.var(name + "_gamma", Nd4j.ones(DataType.FLOAT, 1, out, 1, 1));
        SDVariable beta = sd.var(name + "_beta", Nd4j.zeros(DataType.FLOAT, 1, out, 1, 1));
        return centred.div(variance.add(1e-5).pow(0.5)).mul(gamma).add(beta);
    }
}
