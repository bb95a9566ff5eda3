package resnetkit.bench;

import java.util.Locale;

/**
 * One measured figure: model, batch, what was timed ("training", "inference"), images per second, and the
 * peak resident memory of the process that measured it. Child processes print it as one line that the
 * parent parses: {@code RESULT model batch mode img_per_s peak_mib}.
 */
record Measurement(String model, int batch, String mode, double imagesPerSecond, long peakMiB) {

    static final String PREFIX = "RESULT ";

    String line() {
        return String.format(Locale.ROOT, "%s%s %d %s %.3f %d", PREFIX, model, batch, mode, imagesPerSecond,
                peakMiB);
    }

    static Measurement parse(String line) {
        String[] f = line.substring(PREFIX.length()).trim().split("\\s+");
        return new Measurement(f[0], Integer.parseInt(f[1]), f[2], Double.parseDouble(f[3]), Long.parseLong(f[4]));
    }

    /** Seconds per batch. */
    double secondsPerBatch() {
        return batch / imagesPerSecond;
    }
}
