package resnetkit.bench;

/** Placeholder replaced below. */
public final class Benchmark {
    private Benchmark() {
    }

    public static void main(String[] args) {
    }
}
