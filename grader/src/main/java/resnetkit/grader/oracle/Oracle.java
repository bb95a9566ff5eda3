package resnetkit.grader.oracle;

/**
 * Naive double-precision reference math for residual blocks, written from the definitions and independent
 * of DL4J and of the solutions module, so it checks the solutions too. Loops, no tricks: it is meant to
 * be obviously right on small shapes, not fast.
 */
public final class Oracle {

    private Oracle() {
    }

    /**
     * Cross-correlation as deep-learning libraries define "convolution": out[n, o, y, x] = sum over
     * (i, ky, kx) of in[n, i, y*s + ky - p, x*s + kx - p] * weight[o, i, ky, kx], zero outside the input.
     *
     * @param weight [outC, inC, k, k]
     * @param bias   one per output channel, or null
     */
    public static Tensor conv2d(Tensor in, Tensor weight, double[] bias, int stride, int padding) {
        int k = weight.h;
        int outH = (in.h + 2 * padding - k) / stride + 1;
        int outW = (in.w + 2 * padding - k) / stride + 1;
        Tensor out = new Tensor(in.n, weight.n, outH, outW);
        for (int n = 0; n < in.n; n++) {
            for (int o = 0; o < weight.n; o++) {
                for (int y = 0; y < outH; y++) {
                    for (int x = 0; x < outW; x++) {
                        double sum = bias == null ? 0 : bias[o];
                        for (int i = 0; i < in.c; i++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < weight.w; kx++) {
                                    int iy = y * stride + ky - padding;
                                    int ix = x * stride + kx - padding;
                                    if (iy >= 0 && iy < in.h && ix >= 0 && ix < in.w) {
                                        sum += in.get(n, i, iy, ix) * weight.get(o, i, ky, kx);
                                    }
                                }
                            }
                        }
                        out.set(n, o, y, x, sum);
                    }
                }
            }
        }
        return out;
    }

    /** Batch norm with given statistics (inference mode): gamma * (x - mean) / sqrt(var + eps) + beta. */
    public static Tensor batchNorm(Tensor in, double[] gamma, double[] beta, double[] mean, double[] var, double eps) {
        Tensor out = new Tensor(in.n, in.c, in.h, in.w);
        for (int n = 0; n < in.n; n++) {
            for (int c = 0; c < in.c; c++) {
                double scale = gamma[c] / Math.sqrt(var[c] + eps);
                for (int y = 0; y < in.h; y++) {
                    for (int x = 0; x < in.w; x++) {
                        out.set(n, c, y, x, (in.get(n, c, y, x) - mean[c]) * scale + beta[c]);
                    }
                }
            }
        }
        return out;
    }

    /** Batch norm in training mode: each channel normalised by its own batch mean and biased variance. */
    public static Tensor batchNormTraining(Tensor in, double[] gamma, double[] beta, double eps) {
        double[] mean = new double[in.c];
        double[] var = new double[in.c];
        int count = in.n * in.h * in.w;
        for (int c = 0; c < in.c; c++) {
            double sum = 0;
            for (int n = 0; n < in.n; n++) {
                for (int y = 0; y < in.h; y++) {
                    for (int x = 0; x < in.w; x++) {
                        sum += in.get(n, c, y, x);
                    }
                }
            }
            mean[c] = sum / count;
            double sq = 0;
            for (int n = 0; n < in.n; n++) {
                for (int y = 0; y < in.h; y++) {
                    for (int x = 0; x < in.w; x++) {
                        double d = in.get(n, c, y, x) - mean[c];
                        sq += d * d;
                    }
                }
            }
            var[c] = sq / count;
        }
        return batchNorm(in, gamma, beta, mean, var, eps);
    }

    /** max(0, x) element-wise. */
    public static Tensor relu(Tensor in) {
        Tensor out = new Tensor(in.n, in.c, in.h, in.w);
        for (int i = 0; i < in.data.length; i++) {
            out.data[i] = Math.max(0, in.data[i]);
        }
        return out;
    }

    /** a + b element-wise; the shapes must match, as in y = F(x) + x. */
    public static Tensor add(Tensor a, Tensor b) {
        if (a.n != b.n || a.c != b.c || a.h != b.h || a.w != b.w) {
            throw new IllegalArgumentException("cannot add " + a + " and " + b);
        }
        Tensor out = new Tensor(a.n, a.c, a.h, a.w);
        for (int i = 0; i < a.data.length; i++) {
            out.data[i] = a.data[i] + b.data[i];
        }
        return out;
    }

    /** Max pooling, k x k, stride and padding; padded positions never win. */
    public static Tensor maxPool(Tensor in, int k, int stride, int padding) {
        int outH = (in.h + 2 * padding - k) / stride + 1;
        int outW = (in.w + 2 * padding - k) / stride + 1;
        Tensor out = new Tensor(in.n, in.c, outH, outW);
        for (int n = 0; n < in.n; n++) {
            for (int c = 0; c < in.c; c++) {
                for (int y = 0; y < outH; y++) {
                    for (int x = 0; x < outW; x++) {
                        double best = Double.NEGATIVE_INFINITY;
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                int iy = y * stride + ky - padding;
                                int ix = x * stride + kx - padding;
                                if (iy >= 0 && iy < in.h && ix >= 0 && ix < in.w) {
                                    best = Math.max(best, in.get(n, c, iy, ix));
                                }
                            }
                        }
                        out.set(n, c, y, x, best);
                    }
                }
            }
        }
        return out;
    }

    /** Option A shortcut: keep every stride-th pixel, then append zero channels up to outChannels. */
    public static Tensor subsampleAndZeroPad(Tensor in, int stride, int outChannels) {
        int outH = (in.h - 1) / stride + 1;
        int outW = (in.w - 1) / stride + 1;
        Tensor out = new Tensor(in.n, outChannels, outH, outW);
        for (int n = 0; n < in.n; n++) {
            for (int c = 0; c < in.c; c++) {
                for (int y = 0; y < outH; y++) {
                    for (int x = 0; x < outW; x++) {
                        out.set(n, c, y, x, in.get(n, c, y * stride, x * stride));
                    }
                }
            }
        }
        return out;
    }

    /** Mean over H and W: [N, C, H, W] to [N, C, 1, 1]. */
    public static Tensor globalAvgPool(Tensor in) {
        Tensor out = new Tensor(in.n, in.c, 1, 1);
        for (int n = 0; n < in.n; n++) {
            for (int c = 0; c < in.c; c++) {
                double sum = 0;
                for (int y = 0; y < in.h; y++) {
                    for (int x = 0; x < in.w; x++) {
                        sum += in.get(n, c, y, x);
                    }
                }
                out.set(n, c, 0, 0, sum / (in.h * in.w));
            }
        }
        return out;
    }

    /**
     * A fully connected layer with softmax: out[n, k] = softmax_k(sum_c in[n, c] * weight[c][k] + bias[k]).
     *
     * @param in     [N, C, 1, 1]
     * @param weight [C][K], DL4J's layout
     * @return [N, K, 1, 1]
     */
    public static Tensor denseSoftmax(Tensor in, double[][] weight, double[] bias) {
        int classes = bias.length;
        Tensor out = new Tensor(in.n, classes, 1, 1);
        for (int n = 0; n < in.n; n++) {
            double[] z = new double[classes];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                z[k] = bias[k];
                for (int c = 0; c < in.c; c++) {
                    z[k] += in.get(n, c, 0, 0) * weight[c][k];
                }
                max = Math.max(max, z[k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                z[k] = Math.exp(z[k] - max);
                sum += z[k];
            }
            for (int k = 0; k < classes; k++) {
                out.set(n, k, 0, 0, z[k] / sum);
            }
        }
        return out;
    }

    /**
     * CS231n's relative error: the largest |a - b| / max(1e-8, |a| + |b|) over all elements.
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double relativeError(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
        }
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            double err = Math.abs(a[i] - b[i]) / Math.max(1e-8, Math.abs(a[i]) + Math.abs(b[i]));
            worst = Math.max(worst, Double.isNaN(err) ? Double.POSITIVE_INFINITY : err);
        }
        return worst;
    }
}
