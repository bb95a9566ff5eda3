package resnetkit.bench;

import resnetkit.toolkit.Backend;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Runs {@link CaseRunner} in a new JVM with this JVM's classpath, threads and helper settings. */
final class ChildJvm {

    private ChildJvm() {
    }

    static List<Measurement> run(BenchCase model, int batch, int warmup, int reps, String heap)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap,
                "-D" + Backend.THREADS + "=" + Backend.threads(),
                "-D" + Backend.HELPERS_DISABLE + "=" + System.getProperty(Backend.HELPERS_DISABLE, "false"),
                "-cp", System.getProperty("java.class.path"), CaseRunner.class.getName(),
                model.id, String.valueOf(batch), String.valueOf(warmup), String.valueOf(reps)));
        return Results.collect(new ProcessBuilder(command), "DL4J " + model.id + " batch " + batch);
    }
}
