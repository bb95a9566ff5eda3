package resnetkit.selftest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command (Maven, bash) in a folder, offline, as a person or CI would; returns its exit code and output. */
final class Command {

    final int exitCode;
    final String output;

    private Command(int exitCode, String output) {
        this.exitCode = exitCode;
        this.output = output;
    }

    static Command run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().remove("MAVEN_PROJECTBASEDIR");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        return new Command(p.exitValue(), new String(out));
    }

    /** Maven offline (the kit's own build has fetched every dependency), quiet, in batch mode. */
    static Command mvn(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "-o"));
        command.addAll(List.of(args));
        return run(dir, Map.of(), command.toArray(String[]::new));
    }
}
