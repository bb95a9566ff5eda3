package org.nd4j.nativeblas;

/**
 * Compatibility shim that lets DL4J 1.0.0-M2.1 switch its oneDNN layer helpers on.
 *
 * <p>DL4J decides whether to create a oneDNN convolution, pooling or batch-norm helper by reflecting on
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment#isUseMKLDNN()} (see {@code BaseMKLDNNHelper}). ND4J
 * M2.1 moved that class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu} and renamed the method
 * {@code isUseONEDNN}, so the reflection fails and every layer silently falls back to Java im2col + gemm
 * on one core: about 10x slower. This class restores the old name and forwards to the new one.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** The old name of libnd4j's environment singleton, as DL4J's helper check expects it. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        /** The singleton DL4J's reflection asks for. */
        public static Environment getInstance() {
            return INSTANCE;
        }

        /**
         * Whether libnd4j runs oneDNN kernels: true for the {@code -onednn} native build, false on any other
         * backend (the CPU bindings are read by reflection, so the kit also builds with -Pcuda).
         */
        public boolean isUseMKLDNN() {
            try {
                Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                Object instance = env.getMethod("getInstance").invoke(null);
                return (Boolean) env.getMethod("isUseONEDNN").invoke(instance);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
