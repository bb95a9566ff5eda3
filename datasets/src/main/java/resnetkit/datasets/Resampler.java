package resnetkit.datasets;

/**
 * Bilinear resize of 8-bit images, following Pillow's {@code Image.resize(..., BILINEAR)} step for step
 * (its Resample.c: a triangle filter widened by the scale factor, so downscaling averages instead of
 * aliasing; 22-bit fixed-point weights; horizontal pass, then vertical, each rounded to 8 bits). torchvision's
 * {@code Resize} on a PIL image and Keras' {@code load_img} both call it, so preprocessed PNGs match
 * Python's pixel for pixel.
 */
final class Resampler {

    private static final int PRECISION_BITS = 32 - 8 - 2;

    private Resampler() {
    }

    /**
     * Resizes planar 8-bit channels.
     *
     * @param planes {@code planes[c][y * width + x]}, values 0..255
     * @return planes of {@code outWidth x outHeight}
     */
    static int[][] resize(int[][] planes, int width, int height, int outWidth, int outHeight) {
        int[][] out = planes;
        int w = width;
        if (outWidth != width) {
            Coefficients k = coefficients(width, outWidth);
            out = new int[planes.length][];
            for (int c = 0; c < planes.length; c++) {
                out[c] = pass(planes[c], height, width, outWidth, k);
            }
            w = outWidth;
        }
        if (outHeight != height) {
            Coefficients k = coefficients(height, outHeight);
            int[][] next = new int[out.length][];
            for (int c = 0; c < out.length; c++) {
                next[c] = transpose(pass(transpose(out[c], w, height), w, height, outHeight, k), outHeight, w);
            }
            out = next;
        }
        return out;
    }

    /** Resamples each of {@code lines} lines of length {@code inSize} to {@code outSize}. */
    private static int[] pass(int[] in, int lines, int inSize, int outSize, Coefficients k) {
        int[] out = new int[lines * outSize];
        for (int line = 0; line < lines; line++) {
            int base = line * inSize;
            for (int xx = 0; xx < outSize; xx++) {
                int xmin = k.bounds[2 * xx];
                int count = k.bounds[2 * xx + 1];
                long ss = 1L << (PRECISION_BITS - 1);
                for (int x = 0; x < count; x++) {
                    ss += (long) in[base + xmin + x] * k.weights[xx * k.size + x];
                }
                out[line * outSize + xx] = clip8(ss);
            }
        }
        return out;
    }

    private static int clip8(long v) {
        if (v >= (1L << PRECISION_BITS << 8)) {
            return 255;
        }
        if (v <= 0) {
            return 0;
        }
        return (int) (v >> PRECISION_BITS);
    }

    private static int[] transpose(int[] in, int width, int height) {
        int[] out = new int[in.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[x * height + y] = in[y * width + x];
            }
        }
        return out;
    }

    private record Coefficients(int size, int[] bounds, int[] weights) {
    }

    /** Pillow's precompute_coeffs and normalize_coeffs_8bpc with the bilinear (triangle) filter. */
    private static Coefficients coefficients(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filterScale; // the triangle's support is 1
        int size = (int) Math.ceil(support) * 2 + 1;
        int[] bounds = new int[2 * outSize];
        int[] weights = new int[outSize * size];
        double[] k = new double[size];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            double ss = 1.0 / filterScale;
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
            double ww = 0;
            for (int x = 0; x < xmax; x++) {
                double t = Math.abs((x + xmin - center + 0.5) * ss);
                k[x] = t < 1.0 ? 1.0 - t : 0.0;
                ww += k[x];
            }
            for (int x = 0; x < xmax; x++) {
                double w = ww != 0.0 ? k[x] / ww : k[x];
                weights[xx * size + x] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
            }
            bounds[2 * xx] = xmin;
            bounds[2 * xx + 1] = xmax;
        }
        return new Coefficients(size, bounds, weights);
    }
}
