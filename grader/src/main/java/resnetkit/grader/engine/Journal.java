package resnetkit.grader.engine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The grading JVM's record of every graded test, one line as each is planned, starts and finishes, flushed
 * line by line to a file that the supervising JVM ({@link GradeMain}) reads once the grading JVM has ended,
 * however it ended: normally, by a {@code System.exit} that slipped past the rules, a crash, running out of
 * memory, or being stopped at the whole-run limit. So the report always lists what finished.
 *
 * <p>A line is tab-separated: kind, JUnit unique id, then for {@code planned} and {@code finished} the
 * fields of a {@link TestOutcome} (its output last); {@code output} gives what the test running when the JVM
 * began to end had printed. Tabs, newlines and backslashes in a field are escaped, lone surrogates replaced, so
 * whatever student code prints is one line of valid UTF-8.
 */
final class Journal implements AutoCloseable {

    private final BufferedWriter out;

    private Journal(BufferedWriter out) {
        this.out = out;
    }

    /** A new, empty journal at {@code file}. */
    static Journal create(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return new Journal(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the grading journal " + file, e);
        }
    }

    void planned(String id, TestOutcome o) {
        write("planned", id, fields(o));
    }

    void started(String id) {
        write("started", id, List.of());
    }

    void finished(String id, TestOutcome o) {
        write("finished", id, fields(o));
    }

    /** What test {@code id}, still running, has printed: written while the JVM ends (a shutdown hook). */
    void output(String id, String text) {
        write("output", id, List.of(text));
    }

    /** A note for the report's header, e.g. that the rules were broken and nothing ran. */
    void note(String text) {
        write("note", "", List.of(text));
    }

    /** The grading JVM reached the end of the run. */
    void end() {
        write("end", "", List.of());
    }

    private synchronized void write(String kind, String id, List<String> fields) {
        StringBuilder line = new StringBuilder(kind).append('\t').append(escape(id));
        // a lone surrogate would make the UTF-8 writer throw, and lose the line
        fields.forEach(f -> line.append('\t').append(escape(ScoreReport.wellFormed(f))));
        try {
            out.write(line.append('\n').toString());
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

    /**
     * What a journal says.
     *
     * @param outcomes  every planned test's latest outcome, in plan order
     * @param running   tests that started and never finished
     * @param note      the grading JVM's note for the header, or empty
     * @param ended     whether the grading JVM reached the end of its run
     */
    record Replay(Map<String, TestOutcome> outcomes, Set<String> running, String note, boolean ended) {
    }

    /** Reads {@code file}; a missing file reads as an empty journal. */
    static Replay read(Path file) {
        Map<String, TestOutcome> outcomes = new LinkedHashMap<>();
        Set<String> running = new LinkedHashSet<>();
        String note = "";
        boolean ended = false;
        Map<String, String> outputs = new LinkedHashMap<>();
        List<String> lines;
        try {
            // decoded leniently: a line cut short by the JVM's end may end inside a UTF-8 sequence
            lines = Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the grading journal " + file, e);
        }
        for (String line : lines) {
            List<String> f = split(line);
            if (f.size() < 2) {
                continue; // a line cut short by the JVM's end
            }
            String id = f.get(1);
            switch (f.get(0)) {
                case "planned", "finished" -> {
                    if (f.size() == 10 || f.size() == 11) { // 10: a journal from before outputs were kept
                        outcomes.put(id, outcome(f));
                        if (f.get(0).equals("finished")) {
                            running.remove(id);
                        }
                    }
                }
                case "started" -> running.add(id);
                case "output" -> outputs.put(id, f.size() > 2 ? f.get(2) : "");
                case "note" -> note = f.size() > 2 ? f.get(2) : "";
                case "end" -> ended = true;
                default -> {
                    // unknown kinds are ignored
                }
            }
        }
        outputs.forEach((id, text) -> outcomes.computeIfPresent(id,
                (k, o) -> o.output().isEmpty() ? o.withOutput(text) : o));
        return new Replay(outcomes, running, note, ended);
    }

    private static List<String> fields(TestOutcome o) {
        return List.of(o.exerciseId(), o.exerciseTitle(), o.test(), String.valueOf(o.points()),
                String.valueOf(o.passed()), o.feedback(), String.valueOf(o.byHand()), String.valueOf(o.hidden()),
                o.output());
    }

    private static TestOutcome outcome(List<String> f) {
        return new TestOutcome(f.get(2), f.get(3), f.get(4), Integer.parseInt(f.get(5)), Boolean.parseBoolean(f.get(6)),
                f.get(7), Boolean.parseBoolean(f.get(8)), Boolean.parseBoolean(f.get(9)),
                f.size() > 10 ? f.get(10) : "");
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    /** Splits a line at its unescaped tabs and unescapes each field. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char n = line.charAt(++i);
                field.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else if (c == '\t') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
