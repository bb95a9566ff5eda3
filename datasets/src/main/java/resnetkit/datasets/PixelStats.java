package resnetkit.datasets;

/**
 * Mean and standard deviation of pixel values (scaled to [0,1]) over a whole training set, used to
 * standardise both the training and the test images: {@code (x - mean) / std}.
 *
 * @param mean the mean pixel value in [0,1]
 * @param std  the population standard deviation of the pixel values
 */
public record PixelStats(double mean, double std) {
}
