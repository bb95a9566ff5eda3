package resnetkit.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Starts a measuring process and collects its {@link Measurement} lines; anything else it prints is shown. */
final class Results {

    private Results() {
    }

    static List<Measurement> collect(ProcessBuilder builder, String what) throws IOException, InterruptedException {
        Process p = builder.redirectErrorStream(true).start();
        List<Measurement> results = new ArrayList<>();
        List<String> other = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith(Measurement.PREFIX)) {
                    results.add(Measurement.parse(line));
                } else {
                    other.add(line);
                }
            }
        }
        int rc = p.waitFor();
        if (rc != 0 || results.isEmpty()) {
            throw new IllegalStateException(what + " failed (exit " + rc + "):\n" + String.join("\n", other));
        }
        return results;
    }
}
