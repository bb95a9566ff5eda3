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
        int threads = Integer.getInteger(THREADS, Runtime.getRuntime().availableProcessors());
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        initialised = true;
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

    /** Whether DL4J will create oneDNN helpers: the property and libnd4j must both agree. */
    public static boolean oneDnnHelpersEnabled() {
        init();
        return !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE, "true"))
                && org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
    }

    /** One line for the top of every report: backend, native variant, threads, helpers. */
    public static String describe() {
        return "backend " + backendName() + " (nd4j-native " + nativeVariant() + "), threads " + threads()
                + ", oneDNN helpers " + (oneDnnHelpersEnabled() ? "on" : "OFF");
    }
}
