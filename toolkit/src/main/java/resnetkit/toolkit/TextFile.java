package resnetkit.toolkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a text report. Exercise code writes files only through the toolkit (the grader's structural rules
 * forbid direct file writes in student packages), and experiments write under {@code target/}.
 */
public final class TextFile {

    private TextFile() {
    }

    /** Writes {@code text} to {@code file}, creating parent folders. */
    public static void write(Path file, String text) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
