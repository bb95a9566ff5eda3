package resnetkit.toolkit;

import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Properties;

/**
 * Sets up ND4J once for every entry point of the kit, and says what it runs on.
 *
 * <p>Call {@link #init()} before building a network. It switches on DL4J's oneDNN layer helpers (off
 * by default in 1.0.0-M2.1) and pins the number of native threads: the thread count changes results
 * bit for bit, so reference runs record it. Set {@code -Dresnetkit.threads=N} to choose it.
 */
public final class Backend {

    /** System property that DL4J reads before creating each layer helper; its default "true" disables them all. */
    public static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    /** System property that pins the native thread count; default: the number of available processors. */
    public static final String THREADS = "resnetkit.threads";

    private static volatile boolean initialised;

    private Backend() {
    }

    /** Idempotent: enables the oneDNN helpers and pins the thread count. */
    public static synchronized void init() {
        if (initialised) {
            return;
        }
        if (System.getProperty(HELPERS_DISABLE) == null) {
            System.setProperty(HELPERS_DISABLE, "false");
        }
        try {
            Nd4j.getBackend();
        } catch (Throwable t) {
            throw new IllegalStateException(startFailure(t), t);
        }
        int threads = Integer.getInteger(THREADS, Runtime.getRuntime().availableProcessors());
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        initialised = true;
    }

    /** What to do when ND4J's native backend cannot start, in words. */
    static String startFailure(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        boolean cuda = Backend.class.getClassLoader().getResource("org/nd4j/linalg/jcublas/JCublasBackend.class")
                != null;
        String what = cuda
                ? "The CUDA backend (built with -Pcuda) could not start. It needs an NVIDIA GPU, a driver for CUDA 11.6"
                + " (>= 510, libcuda.so.1) and CUDA 11.6 with cuDNN 8.3 installed. Build without -Pcuda to run on"
                + " the CPU."
                : "ND4J's CPU backend could not start: its native library for this platform is missing or cannot"
                + " load (the build chooses it from the operating system and architecture Maven runs on, here "
                + Loader.getPlatform() + "; -Dnd4j.classifier=<platform> chooses another, e.g. linux-x86_64,"
                + " macosx-arm64 or windows-x86_64).";
        return what + " Cause: " + root;
    }

    /** "CPU" or "CUDA", as ND4J reports it. */
    public static String backendName() {
        init();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        return env.getProperty("backend", "unknown");
    }

    /** The native build on the classpath, e.g. {@code linux-x86_64-onednn} or {@code linux-x86_64}. */
    public static String nativeVariant() {
        String platform = Loader.getPlatform();
        String onednn = "org/nd4j/linalg/cpu/nativecpu/bindings/" + platform + "-onednn/";
        return Backend.class.getClassLoader().getResource(onednn) != null ? platform + "-onednn" : platform;
    }

    /** Native threads in use. */
    public static int threads() {
        init();
        return Nd4j.getEnvironment().maxMasterThreads();
    }

    /**
     * Whether DL4J will create its oneDNN layer helpers: the property and libnd4j must both agree. libnd4j says yes
     * also in a native build without oneDNN (macOS, Linux arm64, the generic Linux and Windows builds): the helpers
     * then run libnd4j's generic C++ kernels, which give the same losses as DL4J's Java path and are a little faster.
     */
    public static boolean oneDnnHelpersEnabled() {
        init();
        return !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE, "true"))
                && org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
    }

    /** One line for the top of every report: backend, native variant or GPU, threads, helpers. */
    public static String describe() {
        String backend = backendName();
        if (backend.equalsIgnoreCase("CUDA")) {
            Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
            return "backend CUDA (nd4j-cuda-11.6), devices " + env.getOrDefault("cuda.devicesInformation", "?");
        }
        return "backend " + backend + " (nd4j-native " + nativeVariant() + "), threads " + threads()
                + ", oneDNN helpers " + (!oneDnnHelpersEnabled() ? "OFF"
                : nativeVariant().endsWith("-onednn") ? "on" : "on (this native build has no oneDNN: generic kernels)");
    }
}
