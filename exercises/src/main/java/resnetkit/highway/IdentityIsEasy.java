package resnetkit.highway;

/**
 * Exercise 20.3.1 (a) and (b): the identity is hard for a plain block and the default for a residual one.
 *
 * <p>Vectors are plain {@code double[]}; a matrix {@code w} is {@code double[rows][columns]} and acts on a
 * column vector x as w x. The plain block is y = ReLU(w x + b); the residual block is y = F(x) + x with the
 * same F(x) = ReLU(w x + b).
 */
public final class IdentityIsEasy {

    private IdentityIsEasy() {
    }

    /** Given: the plain block ReLU(w x + b). */
    public static double[] plainBlock(double[][] w, double[] b, double[] x) {
        double[] y = new double[b.length];
        for (int i = 0; i < y.length; i++) {
            double z = b[i];
            for (int j = 0; j < x.length; j++) {
                z += w[i][j] * x[j];
            }
            y[i] = Math.max(0, z);
        }
        return y;
    }

    /**
     * (a) For any square {@code w} and any {@code b}, returns an input x (same dimension as b) for which the
     * plain block is not the identity: ReLU(w x + b) != x. Whatever w and b are, some x always works: look
     * at the sign of what a ReLU can output. About 3 lines.
     *
     * @param w a d x d matrix, d from 1 to 8
     * @param b a vector of dimension d
     * @return x with ReLU(w x + b) != x
     */
    public static double[] notTheIdentity(double[][] w, double[] b) {
        // >>> YOUR CODE: Exercise 20.3.1a IdentityIsEasy.notTheIdentity (about 3 lines)
        throw new resnetkit.toolkit.NotWrittenYet(
                "Exercise 20.3.1a IdentityIsEasy.notTheIdentity (about 3 lines)");
        // <<< YOUR CODE
    }

    /**
     * (b) The residual block y = F(x) + x with F(x) = ReLU(w x + b) ({@link #plainBlock} computes F).
     * With w = 0 and b = 0 it must return exactly x, negative components included. About 5 lines.
     */
    public static double[] residualBlock(double[][] w, double[] b, double[] x) {
        // >>> YOUR CODE: Exercise 20.3.1b IdentityIsEasy.residualBlock (about 5 lines)
        throw new resnetkit.toolkit.NotWrittenYet(
                "Exercise 20.3.1b IdentityIsEasy.residualBlock (about 5 lines)");
        // <<< YOUR CODE
    }
}
