package resnetkit.degradation;

import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.Locale;

/**
 * Given: what one net of the degradation experiment recorded ({@code Degradation.trainNet} returns it).
 *
 * @param name           e.g. "plain-56" or "ResNet-20"
 * @param depth          weighted layers, 6n+2
 * @param residual       whether the net has shortcut connections
 * @param parameters     trainable parameters
 * @param trainModeError per epoch: the training error as the paper plots it, averaged over the epoch's
 *                       minibatches while training (batch norm on batch statistics, weights changing)
 * @param evalModeError  per epoch: the error on all training images after the epoch, in inference mode
 * @param testError      the error on the test set after the last epoch
 * @param dataOrder      a digest of the labels of every minibatch, in order (from {@link TrainModeError})
 * @param seconds        training time
 * @param net            the trained network
 */
public record Curve(String name, int depth, boolean residual, long parameters, double[] trainModeError,
                    double[] evalModeError, double testError, long dataOrder, double seconds, ComputationGraph net) {

    /** Final train-mode training error. */
    public double finalTrainError() {
        return trainModeError[trainModeError.length - 1];
    }

    /** One line for a finished net: parameters, final training errors in both modes, test error, seconds. */
    public String summary() {
        return String.format(Locale.ROOT, "%-11s %9d params  train error %5.1f %% (train mode), %5.1f %% (eval mode)"
                        + "  test error %5.1f %%  %6.1f s", name, parameters, 100 * finalTrainError(),
                100 * evalModeError[evalModeError.length - 1], 100 * testError, seconds);
    }
}
