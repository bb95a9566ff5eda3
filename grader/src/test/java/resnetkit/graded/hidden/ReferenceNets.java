package resnetkit.graded.hidden;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import resnetkit.toolkit.Layers;

/**
 * Small networks the grader builds itself, with the kit's vertex names, so exercises that take a network
 * (zero-init, gradient flow) are graded without depending on the student's own builders of 20.2.x. Its basic
 * block and bottleneck are working answers to Exercises 20.2.1 and 20.2.3, so this class lives with the hidden
 * tests: it is in the Gradescope bundle and never in the student release.
 */
public final class ReferenceNets {

    private ReferenceNets() {
    }

    /** A basic block, projection shortcut when the shape changes, or plain without any shortcut. */
    public static String basic(GraphBuilder g, String b, String in, int cIn, int c, int stride, boolean residual) {
        g.addLayer(b + ".conv1", Layers.conv3x3(cIn, c, stride), in);
        g.addLayer(b + ".bn1", Layers.batchNorm(c), b + ".conv1");
        g.addLayer(b + ".relu1", Layers.relu(), b + ".bn1");
        g.addLayer(b + ".conv2", Layers.conv3x3(c, c, 1), b + ".relu1");
        g.addLayer(b + ".bn2", Layers.batchNorm(c), b + ".conv2");
        String last = b + ".bn2";
        if (residual) {
            String shortcut = in;
            if (stride != 1 || cIn != c) {
                g.addLayer(b + ".downsample.conv", Layers.conv1x1(cIn, c, stride), in);
                g.addLayer(b + ".downsample.bn", Layers.batchNorm(c), b + ".downsample.conv");
                shortcut = b + ".downsample.bn";
            }
            g.addVertex(b + ".add", new ElementWiseVertex(ElementWiseVertex.Op.Add), last, shortcut);
            last = b + ".add";
        }
        g.addLayer(b + ".relu", Layers.relu(), last);
        return b + ".relu";
    }

    /** A bottleneck block (stride 1 on the 3x3), projection shortcut when the shape changes. */
    public static String bottleneck(GraphBuilder g, String b, String in, int cIn, int planes, int stride) {
        int out = 4 * planes;
        g.addLayer(b + ".conv1", Layers.conv1x1(cIn, planes, 1), in);
        g.addLayer(b + ".bn1", Layers.batchNorm(planes), b + ".conv1");
        g.addLayer(b + ".relu1", Layers.relu(), b + ".bn1");
        g.addLayer(b + ".conv2", Layers.conv3x3(planes, planes, stride), b + ".relu1");
        g.addLayer(b + ".bn2", Layers.batchNorm(planes), b + ".conv2");
        g.addLayer(b + ".relu2", Layers.relu(), b + ".bn2");
        g.addLayer(b + ".conv3", Layers.conv1x1(planes, out, 1), b + ".relu2");
        g.addLayer(b + ".bn3", Layers.batchNorm(out), b + ".conv3");
        String shortcut = in;
        if (stride != 1 || cIn != out) {
            g.addLayer(b + ".downsample.conv", Layers.conv1x1(cIn, out, stride), in);
            g.addLayer(b + ".downsample.bn", Layers.batchNorm(out), b + ".downsample.conv");
            shortcut = b + ".downsample.bn";
        }
        g.addVertex(b + ".add", new ElementWiseVertex(ElementWiseVertex.Op.Add), b + ".bn3", shortcut);
        g.addLayer(b + ".relu", Layers.relu(), b + ".add");
        return b + ".relu";
    }

    /** Stem conv1-bn1-relu (3x3, stride 1); returns "relu". */
    public static String stem(GraphBuilder g, String in, int cIn, int c) {
        g.addLayer("conv1", Layers.conv3x3(cIn, c, 1), in);
        g.addLayer("bn1", Layers.batchNorm(c), "conv1");
        g.addLayer("relu", Layers.relu(), "bn1");
        return "relu";
    }

    /** A CIFAR-style net of depth 6n+2, widths w, 2w, 4w, projection shortcuts (or none), head avgpool + fc. */
    public static String cifar(GraphBuilder g, String in, int depth, int width, int cIn, int classes,
                               boolean residual) {
        int n = (depth - 2) / 6;
        String out = stem(g, in, cIn, width);
        int c = width;
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < n; i++) {
                int planes = width << s;
                out = basic(g, "layer" + (s + 1) + "." + i, out, c, planes, i == 0 && s > 0 ? 2 : 1, residual);
                c = planes;
            }
        }
        g.addLayer("avgpool", Layers.globalAvgPool(), out);
        g.addLayer("fc", Layers.softmaxHead(c, classes), "avgpool");
        return "fc";
    }
}
