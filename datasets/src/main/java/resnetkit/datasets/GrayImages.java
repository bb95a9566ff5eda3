package resnetkit.datasets;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Converts grayscale images, one at a time, to float features: scaled to [0,1], averaged over
 * {@code factor x factor} blocks, optionally standardised, then padded to {@code padTo} (0 = no padding).
 *
 * <p>Padding is the background (pixel value 0): after standardisation that is {@code -mean/std}, not 0,
 * so the padded border looks like the rest of the background to the network.
 */
final class GrayImages {

    private final int rows;
    private final int cols;
    private final int factor;
    private final int outHeight;
    private final int outWidth;
    private final int top;
    private final int left;
    private final float[] table;
    private final float[] image;

    GrayImages(int rows, int cols, int factor, int padTo, PixelStats stats) {
        this.rows = rows;
        this.cols = cols;
        this.factor = factor;
        int h = rows / factor;
        int w = cols / factor;
        this.outHeight = padTo > 0 ? padTo : h;
        this.outWidth = padTo > 0 ? padTo : w;
        this.top = (outHeight - h) / 2;
        this.left = (outWidth - w) / 2;
        // A block sum takes factor*factor*255+1 values: a lookup table makes the scaling exact and fast.
        int maxSum = factor * factor * 255;
        this.table = new float[maxSum + 1];
        for (int sum = 0; sum <= maxSum; sum++) {
            double v = sum / (double) maxSum;
            table[sum] = (float) (stats == null ? v : (v - stats.mean()) / stats.std());
        }
        this.image = new float[outHeight * outWidth];
        Arrays.fill(image, table[0]);
    }

    /** Height of the output images. */
    int height() {
        return outHeight;
    }

    /** Width of the output images. */
    int width() {
        return outWidth;
    }

    /** Converts the image in {@code pixels} and writes it at the buffer's position. */
    void write(byte[] pixels, FloatBuffer out) {
        for (int y = 0; y < rows / factor; y++) {
            for (int x = 0; x < cols / factor; x++) {
                image[(top + y) * outWidth + left + x] = table[blockSum(pixels, y, x, cols, factor)];
            }
        }
        out.put(image);
    }

    private static int blockSum(byte[] pixels, int y, int x, int cols, int factor) {
        int sum = 0;
        for (int dy = 0; dy < factor; dy++) {
            int row = (y * factor + dy) * cols + x * factor;
            for (int dx = 0; dx < factor; dx++) {
                sum += pixels[row + dx] & 0xFF;
            }
        }
        return sum;
    }

    /** Accumulates the exact mean and std of [0,1] pixel values after block averaging, via a histogram. */
    static final class Stats {
        private final int factor;
        private final long[] histogram;

        Stats(int factor) {
            this.factor = factor;
            this.histogram = new long[factor * factor * 255 + 1];
        }

        void add(byte[] pixels, int rows, int cols) {
            for (int y = 0; y < rows / factor; y++) {
                for (int x = 0; x < cols / factor; x++) {
                    histogram[blockSum(pixels, y, x, cols, factor)]++;
                }
            }
        }

        PixelStats result() {
            int maxSum = histogram.length - 1;
            double count = 0;
            double total = 0;
            for (int s = 0; s <= maxSum; s++) {
                count += histogram[s];
                total += histogram[s] * (s / (double) maxSum);
            }
            double mean = total / count;
            double squares = 0;
            for (int s = 0; s <= maxSum; s++) {
                double d = s / (double) maxSum - mean;
                squares += histogram[s] * d * d;
            }
            return new PixelStats(mean, Math.sqrt(squares / count));
        }
    }
}
