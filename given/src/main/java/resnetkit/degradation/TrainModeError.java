package resnetkit.degradation;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Given: a training listener that records the training error as the paper plots it: the error of each
 * minibatch's predictions in the very forward pass that trains on it (batch norm on batch statistics),
 * averaged over the epoch's minibatches. It also digests the order of the labels it sees, so two nets can
 * be shown to have trained on the same batches in the same order.
 *
 * <p>DL4J computes the output layer inside the backward pass, so the forward pass it reports ends at
 * {@code avgpool}; the listener applies the {@code fc} weights (before their update) to get the logits.
 * Attach it with {@code net.setListeners(listener)}, call {@link #startEpoch()} before each epoch and train
 * each minibatch with {@link #fit} (DL4J's graph does not expose the labels of the batch it trains on).
 */
public final class TrainModeError extends BaseTrainingListener {

    private double errorSum;
    private int batches;
    private long dataOrder = 17;
    private INDArray labels;

    /** Trains {@code net} on one minibatch, recording its train-mode error. */
    public void fit(ComputationGraph net, org.nd4j.linalg.dataset.DataSet batch) {
        labels = batch.getLabels();
        net.fit(batch);
        labels = null;
    }

    /** Forgets the previous epoch's errors (the data-order digest runs on). */
    public void startEpoch() {
        errorSum = 0;
        batches = 0;
    }

    /** Mean train-mode error over this epoch's minibatches so far. */
    public double epochError() {
        if (batches == 0) {
            throw new IllegalStateException("no minibatch was trained on: attach the listener with setListeners");
        }
        return errorSum / batches;
    }

    /** Digest of every minibatch's labels seen so far, in order. */
    public long dataOrder() {
        return dataOrder;
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        ComputationGraph net = (ComputationGraph) model;
        INDArray features = activations.get("avgpool");
        if (labels == null) {
            throw new IllegalStateException("train each minibatch with TrainModeError.fit(net, batch)");
        }
        if (features == null) {
            throw new IllegalStateException("TrainModeError needs the vertices avgpool and fc of the kit's nets");
        }
        INDArray logits = features.mmul(net.getParam("fc_W")).addiRowVector(net.getParam("fc_b"));
        INDArray predicted = logits.argMax(1);
        INDArray actual = labels.argMax(1);
        long wrong = predicted.neq(actual).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue();
        errorSum += (double) wrong / labels.size(0);
        batches++;
        for (long label : actual.toLongVector()) {
            dataOrder = dataOrder * 31 + label;
        }
    }
}
