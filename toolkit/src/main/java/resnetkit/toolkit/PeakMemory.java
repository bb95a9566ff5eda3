package resnetkit.toolkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident memory of this process, heap and native (ND4J's arrays live off-heap). */
public final class PeakMemory {

    private PeakMemory() {
    }

    /** Peak resident set size in MiB, from /proc/self/status (VmHWM); -1 where the OS has no /proc. */
    public static long peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: report unknown
        }
        return -1;
    }
}
