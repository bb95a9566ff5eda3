package resnetkit.toolkit;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;

/**
 * A network built once and kept as a DL4J model file, safe against interrupted runs and against two jobs
 * sharing the cache: the file is written to a temporary file in the same folder and moved into place, with
 * its SHA-256 beside it ({@code <file>.sha256}); a file whose checksum does not match (truncated, damaged,
 * half-written by an older kit) is reported and built again.
 */
public final class ModelCache {

    private ModelCache() {
    }

    /** The network in {@code file}, or, when it is missing or damaged, {@code build}'s, written there first. */
    public static ComputationGraph load(Path file, String what, Supplier<ComputationGraph> build) {
        return load(file, what, build, System.err);
    }

    static ComputationGraph load(Path file, String what, Supplier<ComputationGraph> build, PrintStream log) {
        Path sum = sumFile(file);
        if (Files.exists(file)) {
            String problem = null;
            try {
                String actual = NpmPackage.sha256(file);
                if (Files.exists(sum)) {
                    String expected = Files.readString(sum).strip();
                    if (!expected.equals(actual)) {
                        problem = "its SHA-256 is " + actual + ", " + sum.getFileName() + " says " + expected;
                    }
                }
                if (problem == null) {
                    ComputationGraph net = ModelSerializer.restoreComputationGraph(file.toFile(), false);
                    if (!Files.exists(sum)) {
                        writeAtomically(sum, tmp -> Files.writeString(tmp, actual + "\n"));
                    }
                    return net;
                }
            } catch (IOException | RuntimeException e) {
                problem = "it cannot be read (" + e + ")";
            }
            log.println("resnet-kit: the cached " + what + " " + file + " is damaged or incomplete (" + problem
                    + "); building it again");
        }
        ComputationGraph net = build.get();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            writeAtomically(file, tmp -> ModelSerializer.writeModel(net, tmp.toFile(), false));
            String actual = NpmPackage.sha256(file);
            writeAtomically(sum, tmp -> Files.writeString(tmp, actual + "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the " + what + " to " + file
                    + " (check the folder's space and permissions; -Dresnetkit.cache=DIR moves the cache)", e);
        }
        return net;
    }

    /** The checksum file of {@code file}. */
    public static Path sumFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".sha256");
    }

    private interface Writer {
        void write(Path tmp) throws IOException;
    }

    private static void writeAtomically(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, target.getFileName() + ".", ".part");
        try {
            writer.write(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
