package resnetkit.blocks;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import resnetkit.toolkit.Layers;

import static resnetkit.toolkit.Graphs.name;

/** Given: the CIFAR nets' option-A shortcut, which {@code Shortcut.build} uses for {@code A_ZERO_PAD}. */
public final class ZeroPadShortcut {

    private ZeroPadShortcut() {
    }

    /**
     * Option A of the paper: a parameter-free shortcut for CIFAR nets. Identity when the shape is
     * unchanged; otherwise {@code <block>.downsample.subsample} keeps every second pixel (stride 2, a 1x1
     * max pool), {@code <block>.downsample.zeros} is a copy scaled by 0 and {@code <block>.downsample.pad}
     * concatenates the two: the channel count doubles, the new channels are zero. CIFAR nets double their
     * width at every downsampling stage, so option A needs {@code outChannels} to be {@code inChannels} or
     * {@code 2 * inChannels}.
     *
     * @return the vertex the block's Add vertex must read
     */
    public static String build(GraphBuilder g, String block, String input, int inChannels, int outChannels,
                               int stride) {
        Layers.requireStride(stride);
        if (outChannels != inChannels && outChannels != 2 * inChannels) {
            throw new IllegalArgumentException("option A pads with as many zero channels as the input has: it needs"
                    + " outChannels = inChannels or 2 * inChannels, was " + inChannels + " -> " + outChannels
                    + " (use option B for other widths)");
        }
        String out = input;
        if (stride != 1) {
            out = name(block, "downsample.subsample");
            g.addLayer(out, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(1, 1).stride(stride, stride)
                    .build(), input);
        }
        if (outChannels != inChannels) {
            String zeros = name(block, "downsample.zeros");
            g.addVertex(zeros, new ScaleVertex(0.0), out);
            String pad = name(block, "downsample.pad");
            g.addVertex(pad, new MergeVertex(), out, zeros);
            out = pad;
        }
        return out;
    }
}
