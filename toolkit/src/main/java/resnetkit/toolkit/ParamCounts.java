package resnetkit.toolkit;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Parameter counts as papers and torchvision quote them.
 *
 * <p>"Trainable" excludes batch norm's running mean and variance: DL4J stores them as parameters, so
 * {@code numParams()} counts them, while torchvision keeps them as buffers. ResNet-18 has 11,689,512
 * trainable parameters and 11,699,112 in DL4J's {@code numParams()}.
 */
public final class ParamCounts {

    private ParamCounts() {
    }

    /** Trainable parameters of an initialised network. */
    public static long trainable(ComputationGraph net) {
        long n = 0;
        for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
            if (!isRunningStatistic(e.getKey())) {
                n += e.getValue().length();
            }
        }
        return n;
    }

    /** Trainable parameters computed from a configuration alone: nothing is allocated. */
    public static long trainable(ComputationGraphConfiguration conf) {
        long n = 0;
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            if (e.getValue() instanceof LayerVertex lv) {
                Layer layer = lv.getLayerConf().getLayer();
                n += layer.initializer().numParams(lv.getLayerConf());
                if (layer instanceof BatchNormalization bn) {
                    n -= 2 * bn.getNOut();
                }
            }
        }
        return n;
    }

    /** Parameters of the layers whose vertex name starts with {@code prefix} (e.g. "layer1.0.downsample."). */
    public static long trainableUnder(ComputationGraph net, String prefix) {
        long n = 0;
        for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
            if (e.getKey().startsWith(prefix) && !isRunningStatistic(e.getKey())) {
                n += e.getValue().length();
            }
        }
        return n;
    }

    private static boolean isRunningStatistic(String paramKey) {
        String param = paramKey.substring(paramKey.lastIndexOf('_') + 1);
        return param.equals(BatchNormalizationParamInitializer.GLOBAL_MEAN)
                || param.equals(BatchNormalizationParamInitializer.GLOBAL_VAR)
                || param.equals(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
    }
}
