package resnetkit.experiments;

import resnetkit.toolkit.Commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hands an experiment command's exit code on through Maven. Maven's own JVM exits 0 or 1 whatever the process it
 * ran exited with, and prints a wall of errors for any code its exec plugin does not accept. So the kit's
 * {@code run} profile accepts 0 and {@value Commands#NOT_WRITTEN} (an exercise still a stub, a usage error: the
 * command has printed why), the command records its code in the file {@link Commands#EXIT_CODE_FILE} names, and
 * this class, run next by the exec plugin inside Maven's JVM, ends that JVM with the recorded code when it is not 0.
 * A caller of {@code mvn ... -Prun} thus sees 2 where the command exited 2, and only the command's own line.
 */
public final class ExitCode {

    private ExitCode() {
    }

    /** {@code args[0]}: the file the command recorded its exit code in; it is read and deleted. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        if (!Files.exists(file)) {
            return;
        }
        int code = Integer.parseInt(Files.readString(file).strip());
        Files.delete(file);
        if (code != 0) {
            System.exit(code); // in Maven's JVM (exec:java does not block it): the caller's exit code
        }
    }
}
