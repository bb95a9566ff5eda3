package resnetkit.datasets;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches of exactly {@code batchSize} examples (the last one holds the rest), in file order or in a
 * seeded shuffle that changes every epoch.
 *
 * <p>Written instead of ND4J's {@code ListDataSetIterator}, whose second argument merges that many list
 * entries per step: given pre-built batches it silently makes the "batch" the whole subset.
 *
 * <p>Epoch {@code e}'s order is a function of {@code (seed, e)} alone, so runs repeat bit for bit.
 * {@link #reset()} starts the next epoch; a reset before any batch of the current epoch was taken does
 * nothing, so a trainer that resets at the start of every epoch and one that resets at the end see the same
 * orders. Each batch is a copy: a pre-processor that works in place cannot change the data set.
 */
public final class BatchIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    /** Where the rows come from: an in-memory data set, or images read from disk batch by batch. */
    interface Source {
        int size();

        DataSet rows(int[] indices);

        List<String> labelNames();

        int inputColumns();

        int totalOutcomes();
    }

    private final transient Source source;
    private final int batchSize;
    private final Long seed;
    private final int[] order;
    private int cursor;
    private int epoch;
    private transient DataSetPreProcessor preProcessor;

    BatchIterator(Source source, int batchSize, Long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.source = source;
        this.batchSize = batchSize;
        this.seed = seed;
        this.order = new int[source.size()];
        arrange();
    }

    /** Batches in the data set's own order, every epoch. */
    public static BatchIterator inOrder(DataSet data, int batchSize) {
        return new BatchIterator(new InMemory(data), batchSize, null);
    }

    /** Batches in a new seeded random order each epoch. */
    public static BatchIterator shuffled(DataSet data, int batchSize, long seed) {
        return new BatchIterator(new InMemory(data), batchSize, seed);
    }

    /** The current epoch, counting from 0. */
    public int epoch() {
        return epoch;
    }

    /** Number of examples in one epoch. */
    public int size() {
        return order.length;
    }

    private void arrange() {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (seed != null) {
            // Fisher-Yates with java.util.Random, whose sequence for a seed is fixed by its specification
            Random random = new Random(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1L)));
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " is over: call reset() to start the next one");
        }
        int n = Math.min(num, order.length - cursor);
        int[] indices = new int[n];
        System.arraycopy(order, cursor, indices, 0, n);
        cursor += n;
        DataSet batch = source.rows(indices);
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    @Override
    public void reset() {
        if (cursor > 0) {
            epoch++;
            cursor = 0;
            arrange();
        }
    }

    @Override
    public int inputColumns() {
        return source.inputColumns();
    }

    @Override
    public int totalOutcomes() {
        return source.totalOutcomes();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** False: batches are cheap to build, and a prefetch thread would only add ND4J workspace trouble. */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return source.labelNames();
    }

    /** Rows of a data set held in memory, gathered with ND4J's native row copy. */
    private static final class InMemory implements Source {
        private final INDArray features;
        private final INDArray labels;
        private final long[] featureShape;
        private final List<String> labelNames;

        InMemory(DataSet data) {
            INDArray f = data.getFeatures();
            this.featureShape = f.shape();
            // [N, C, H, W] seen as [N, C*H*W] (a view of a c-order array), so pullRows copies whole examples
            this.features = contiguous(f).reshape('c', featureShape[0], f.length() / featureShape[0]);
            this.labels = contiguous(data.getLabels());
            this.labelNames = data.getLabelNamesList();
        }

        /** The array itself when it already is one c-order block (no 188 MB copy of the training set). */
        private static INDArray contiguous(INDArray a) {
            return a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
        }

        @Override
        public int size() {
            return (int) featureShape[0];
        }

        @Override
        public DataSet rows(int[] indices) {
            long[] shape = featureShape.clone();
            shape[0] = indices.length;
            INDArray f = Nd4j.pullRows(features, 1, indices).reshape('c', shape);
            INDArray l = Nd4j.pullRows(labels, 1, indices);
            DataSet batch = new DataSet(f, l);
            batch.setLabelNames(labelNames);
            return batch;
        }

        @Override
        public List<String> labelNames() {
            return labelNames;
        }

        @Override
        public int inputColumns() {
            return (int) features.size(1);
        }

        @Override
        public int totalOutcomes() {
            return (int) labels.size(1);
        }
    }
}
