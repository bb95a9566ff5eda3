package resnetkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class BatchIteratorTest {

    /** 23 examples [1,2,2]; every value of example i is i, and its label is i mod 10. */
    private static DataSet numbered(int n) {
        INDArray features = Nd4j.create(DataType.FLOAT, n, 1, 2, 2);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            features.slice(i).assign(i);
            labels[i] = i % 10;
        }
        return new DataSet(features, Tensors.oneHot(labels, 10));
    }

    /** The example ids of one epoch's batches, checking that each label still belongs to its features. */
    private static List<int[]> epoch(BatchIterator it) {
        List<int[]> batches = new ArrayList<>();
        while (it.hasNext()) {
            DataSet batch = it.next();
            int n = batch.numExamples();
            assertThat(batch.getFeatures().shape()).containsExactly(n, 1, 2, 2);
            int[] ids = new int[n];
            int[] classes = batch.getLabels().argMax(1).toIntVector();
            for (int k = 0; k < n; k++) {
                ids[k] = batch.getFeatures().getInt(k, 0, 1, 1);
                assertThat(classes[k]).isEqualTo(ids[k] % 10);
            }
            batches.add(ids);
        }
        return batches;
    }

    @Test
    void batchesHaveTheRequestedSizeAndTheLastHoldsTheRest() {
        List<int[]> batches = epoch(BatchIterator.inOrder(numbered(23), 5));
        assertThat(batches).extracting(b -> b.length).containsExactly(5, 5, 5, 5, 3);
        assertThat(batches.get(0)).containsExactly(0, 1, 2, 3, 4);
        assertThat(batches.get(4)).containsExactly(20, 21, 22);
    }

    @Test
    void shuffledEpochsArePermutationsThatDifferFromEpochToEpoch() {
        BatchIterator it = BatchIterator.shuffled(numbered(23), 4, 42);
        int[] first = flatten(epoch(it));
        it.reset();
        int[] second = flatten(epoch(it));
        assertThat(it.epoch()).isEqualTo(1);
        assertThat(sorted(first)).isEqualTo(range(23));
        assertThat(sorted(second)).isEqualTo(range(23));
        assertThat(first).isNotEqualTo(range(23)).isNotEqualTo(second);
    }

    @Test
    void sameSeedGivesTheSameBatchesBitForBitAndResetBeforeUseIsIgnored() {
        DataSet data = numbered(23);
        BatchIterator a = BatchIterator.shuffled(data, 6, 7);
        BatchIterator b = BatchIterator.shuffled(data, 6, 7);
        b.reset(); // a trainer that resets at the start of each epoch must see the same orders
        for (int e = 0; e < 3; e++) {
            while (a.hasNext()) {
                DataSet x = a.next();
                DataSet y = b.next();
                assertThat(x.getFeatures().equals(y.getFeatures())).isTrue();
                assertThat(x.getLabels().equals(y.getLabels())).isTrue();
            }
            assertThat(b.hasNext()).isFalse();
            a.reset();
            b.reset();
        }
        assertThat(flatten(epoch(BatchIterator.shuffled(data, 6, 8)))).isNotEqualTo(flatten(epoch(BatchIterator.shuffled(data, 6, 7))));
    }

    @Test
    void anInPlacePreProcessorCannotChangeTheDataSet() {
        DataSet data = numbered(10);
        INDArray before = data.getFeatures().dup();
        BatchIterator it = BatchIterator.inOrder(data, 3);
        it.setPreProcessor(batch -> batch.getFeatures().muli(-1));
        assertThat(it.next().getFeatures().getFloat(2, 0, 0, 0)).isEqualTo(-2f);
        assertThat(data.getFeatures()).isEqualTo(before);
    }

    @Test
    void describesItselfToDl4j() {
        BatchIterator it = BatchIterator.inOrder(numbered(10), 4);
        assertThat(it.inputColumns()).isEqualTo(4);
        assertThat(it.totalOutcomes()).isEqualTo(10);
        assertThat(it.batch()).isEqualTo(4);
        assertThat(it.resetSupported()).isTrue();
        assertThat(it.next(7).numExamples()).isEqualTo(7);
        assertThat(it.next().numExamples()).isEqualTo(3);
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> BatchIterator.inOrder(numbered(3), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int[] flatten(List<int[]> batches) {
        return batches.stream().flatMapToInt(Arrays::stream).toArray();
    }

    private static int[] sorted(int[] a) {
        int[] s = a.clone();
        Arrays.sort(s);
        return s;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, i -> i);
        return r;
    }
}
