package resnetkit.grader.journal;

import resnetkit.grader.scoring.TestOutcome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The supervisor's side of the journal: reads it line by line, verifying each line's MAC against the chain
 * ({@link MacChain}), and stops at the first line that does not verify, or at any line after the {@code end}
 * record. What it returns holds only verified lines, and says where and why the chain broke.
 */
public final class JournalReader {

    private JournalReader() {
    }

    /**
     * What a journal says, up to where its chain holds.
     *
     * @param outcomes every planned test's latest verified outcome, in plan order
     * @param running  tests that started and never finished
     * @param note     the grading JVM's note for the header, or empty
     * @param ended    whether the journal holds the grader's end record
     * @param broken   where the chain broke; null when every line verified
     */
    public record Replay(Map<String, TestOutcome> outcomes, Set<String> running, String note, boolean ended,
                         Break broken) {
    }

    /**
     * Where the chain broke.
     *
     * @param line      the first line (from 1) not taken
     * @param afterTest the last test whose verified {@code finished} line came before it, or empty
     * @param reason    why the line was not taken
     * @param lastLine  whether it is the file's last line and has no line end: what a JVM that stops mid-write
     *                  leaves, and only then not tampering
     */
    public record Break(int line, String afterTest, String reason, boolean lastLine) {
    }

    /** Reads and verifies {@code file} with {@code key}; a missing file reads as an empty journal. */
    public static Replay read(Path file, JournalKey key) {
        String text;
        try {
            // decoded leniently: a line cut short by the JVM's end may end inside a UTF-8 sequence
            text = Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the grading journal " + file, e);
        }
        boolean endsWithLineEnd = text.isEmpty() || text.endsWith("\n");
        String[] lines = text.split("\n", -1);
        int count = endsWithLineEnd ? lines.length - 1 : lines.length;

        MacChain chain = new MacChain(key);
        Map<String, TestOutcome> outcomes = new LinkedHashMap<>();
        Set<String> running = new LinkedHashSet<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        String note = "";
        String lastFinished = "";
        boolean ended = false;
        Break broken = null;
        for (int i = 0; i < count; i++) {
            String raw = lines[i];
            int tab = raw.lastIndexOf('\t');
            boolean last = i == count - 1 && !endsWithLineEnd;
            if (ended) {
                broken = new Break(i + 1, lastFinished, "a line after the grader's end record", last);
                break;
            }
            if (tab < 0 || !chain.verify(raw.substring(0, tab), raw.substring(tab + 1))) {
                broken = new Break(i + 1, lastFinished, "the line does not carry the grader's MAC (it was written,"
                        + " changed or moved by something other than the grader)", last);
                break;
            }
            List<String> f = JournalCodec.split(raw.substring(0, tab));
            String id = f.size() > 1 ? f.get(1) : "";
            switch (f.get(0)) {
                case "planned", "finished" -> {
                    TestOutcome o = JournalCodec.outcome(f);
                    outcomes.put(id, o);
                    if (f.get(0).equals("finished")) {
                        running.remove(id);
                        lastFinished = o.test();
                    }
                }
                case "started" -> running.add(id);
                case "output" -> outputs.put(id, f.get(2));
                case "note" -> note = f.get(2);
                case "end" -> ended = true;
                default -> {
                    broken = new Break(i + 1, lastFinished, "an unknown record " + f.get(0), last);
                }
            }
            if (broken != null) {
                break;
            }
        }
        outputs.forEach((id, out) -> outcomes.computeIfPresent(id,
                (k, o) -> o.output().isEmpty() ? o.withOutput(out) : o));
        return new Replay(outcomes, running, note, ended, broken);
    }
}
