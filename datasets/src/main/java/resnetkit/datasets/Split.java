package resnetkit.datasets;

/** Which part of a data set to load: the training set or the held-out test set. */
public enum Split {
    /** The training set (Fashion-MNIST: 60,000 images; CIFAR-10: data_batch_1..5.bin). */
    TRAIN,
    /** The test set (Fashion-MNIST: 10,000 images; CIFAR-10: test_batch.bin). */
    TEST
}
