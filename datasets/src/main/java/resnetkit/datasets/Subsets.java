package resnetkit.datasets;

import java.util.Arrays;
import java.util.Random;

/**
 * Deterministic class-balanced subsets, returned as ascending example indices (so a subset keeps the file's
 * order and is the same on every run and machine).
 */
public final class Subsets {

    private Subsets() {
    }

    /** The first {@code perClass} examples of each class, in file order. */
    public static int[] firstPerClass(int[] labels, int numClasses, int perClass) {
        int[] taken = new int[numClasses];
        int[] chosen = new int[numClasses * perClass];
        int n = 0;
        for (int i = 0; i < labels.length && n < chosen.length; i++) {
            if (taken[labels[i]] < perClass) {
                taken[labels[i]]++;
                chosen[n++] = i;
            }
        }
        requireEnough(taken, perClass);
        return chosen;
    }

    /**
     * {@code perClass} examples of each class drawn at random without replacement (a stratified sample).
     * The same seed gives the same indices everywhere: {@link Random}'s algorithm is fixed by its spec.
     */
    public static int[] stratifiedSample(int[] labels, int numClasses, int perClass, long seed) {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        int[] capped = Arrays.stream(counts).map(c -> Math.min(c, perClass)).toArray();
        requireEnough(capped, perClass);
        Random random = new Random(seed);
        int[] chosen = new int[numClasses * perClass];
        int n = 0;
        for (int c = 0; c < numClasses; c++) {
            int[] members = new int[counts[c]];
            int m = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    members[m++] = i;
                }
            }
            // partial Fisher-Yates: the first perClass slots become a uniform sample
            for (int k = 0; k < perClass; k++) {
                int j = k + random.nextInt(members.length - k);
                int t = members[k];
                members[k] = members[j];
                members[j] = t;
                chosen[n++] = members[k];
            }
        }
        Arrays.sort(chosen);
        return chosen;
    }

    private static void requireEnough(int[] taken, int perClass) {
        for (int c = 0; c < taken.length; c++) {
            if (taken[c] < perClass) {
                throw new DatasetException("asked for " + perClass + " examples per class, but class " + c + " has only "
                        + taken[c] + ": ask for at most " + Arrays.stream(taken).min().orElse(0) + " per class.");
            }
        }
    }
}
