package resnetkit.grader.journal;

import resnetkit.grader.scoring.TestOutcome;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The grading JVM's side of the journal: one line as each graded test is planned, starts and finishes, flushed
 * line by line, so the supervisor reads what finished however the grading JVM ended. Every line ends with its
 * MAC ({@link MacChain}) under the run's {@link JournalKey}, which only the grader holds: a line that exercise
 * code forged, changed, moved, cut or added breaks the chain, and the supervisor scores nothing from there on.
 *
 * <p>A line: kind, JUnit unique id, then for {@code planned} and {@code finished} the fields of a
 * {@link TestOutcome} (its output last), then the MAC. {@code output} gives what the test running when the JVM
 * began to end had printed; {@code note} a note for the report's header; {@code end} that the run reached its end.
 */
public final class JournalWriter implements AutoCloseable {

    private final BufferedWriter out;
    private final MacChain chain;

    private JournalWriter(BufferedWriter out, JournalKey key) {
        this.out = out;
        this.chain = new MacChain(key);
    }

    /** A new, empty journal at {@code file}, authenticated with {@code key}. */
    public static JournalWriter create(Path file, JournalKey key) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return new JournalWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), key);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the grading journal " + file, e);
        }
    }

    public void planned(String id, TestOutcome o) {
        write("planned", id, JournalCodec.fields(o));
    }

    public void started(String id) {
        write("started", id, List.of());
    }

    public void finished(String id, TestOutcome o) {
        write("finished", id, JournalCodec.fields(o));
    }

    /** What test {@code id}, still running, has printed: written while the JVM ends (a shutdown hook). */
    public void output(String id, String text) {
        write("output", id, List.of(text));
    }

    /** A note for the report's header, e.g. that the rules were broken and nothing ran. */
    public void note(String text) {
        write("note", "", List.of(text));
    }

    /** The grading JVM reached the end of the run. */
    public void end() {
        write("end", "", List.of());
    }

    private synchronized void write(String kind, String id, List<String> fields) {
        String text = JournalCodec.line(kind, id, fields);
        try {
            out.write(text + "\t" + chain.next(text) + "\n");
            out.flush(); // each line reaches the file before the next test can end the JVM
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the grading journal", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the grading journal", e);
        }
    }
}
