package resnetkit.bench;

import java.util.Arrays;

/** Median wall time of a step after untimed warm-up steps (the first steps allocate workspaces and JIT). */
final class Timing {

    private Timing() {
    }

    /** Median seconds of {@code reps} runs after {@code warmup} untimed runs. */
    static double median(int warmup, int reps, Runnable step) {
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            step.run();
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }
}
