package resnetkit.grader.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import resnetkit.grader.scoring.TestOutcome;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal carries any text, and only the grader can write it: every way of changing it without the key
 * (forging a line, changing, moving, appending, cutting, writing far past its end) breaks the chain at the
 * first line that was not the grader's, and nothing from there on is taken.
 */
class JournalTest {

    private static final TestOutcome PLANNED = new TestOutcome("20.3.1", "Identity", "a", 1, false,
            TestOutcome.NOT_FINISHED, false, false);
    private final JournalKey key = JournalKey.fresh();

    /** A journal of two tests, the first passed, the second failed, and the end record. */
    private Path journal(Path dir) {
        Path file = dir.resolve("journal.tsv");
        try (JournalWriter journal = JournalWriter.create(file, key)) {
            journal.planned("a", PLANNED);
            journal.planned("b", PLANNED);
            journal.started("a");
            journal.finished("a", new TestOutcome("20.3.1", "Identity", "a", 1, true, "", false, false));
            journal.started("b");
            journal.finished("b", new TestOutcome("20.3.1", "Identity", "b", 1, false, "wrong", false, false));
            journal.end();
        }
        return file;
    }

    @Test
    void the_journal_carries_any_output_and_the_output_of_a_test_the_jvm_ended_in(@TempDir Path dir) {
        String nasty = "tab\tnewline\nCR\rbackslash\\n NUL \u0000 ESC \u001b[31m lone \ud800 end";
        Path file = dir.resolve("journal.tsv");
        try (JournalWriter journal = JournalWriter.create(file, key)) {
            journal.planned("a", PLANNED);
            journal.planned("b", PLANNED.withOutput(""));
            journal.started("a");
            journal.finished("a", new TestOutcome("20.3.1", "Identity", "a", 1, true, "", false, false, nasty));
            journal.started("b");
            journal.output("b", "printed before the exit\n");
        }
        JournalReader.Replay replay = JournalReader.read(file, key);
        assertThat(replay.broken()).as("an honest journal verifies").isNull();
        assertThat(replay.outcomes().get("a").output()).isEqualTo(nasty.replace('\ud800', '\ufffd'));
        assertThat(replay.running()).containsExactly("b");
        assertThat(replay.outcomes().get("b").output()).isEqualTo("printed before the exit\n");
        assertThat(replay.outcomes().get("b").failed("the grading JVM stopped during this test").output())
                .as("the supervisor's verdict keeps the output").isEqualTo("printed before the exit\n");
    }

    @Test
    void an_honest_journal_verifies_with_its_key_only(@TempDir Path dir) {
        Path file = journal(dir);
        JournalReader.Replay replay = JournalReader.read(file, key);
        assertThat(replay.broken()).isNull();
        assertThat(replay.ended()).isTrue();
        assertThat(replay.outcomes().get("a").passed()).isTrue();
        JournalReader.Replay other = JournalReader.read(file, JournalKey.fresh());
        assertThat(other.broken()).as("another run's key").isNotNull();
        assertThat(other.broken().line()).isEqualTo(1);
        assertThat(other.outcomes()).isEmpty();
    }

    @Test
    void a_forged_line_breaks_the_chain_and_nothing_after_it_is_taken(@TempDir Path dir) throws IOException {
        Path file = journal(dir);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        // the attack of the issue: the failing test's finished line rewritten as passing, its MAC kept
        lines.set(5, lines.get(5).replace("\tfalse\twrong\t", "\ttrue\t\t"));
        Files.write(file, lines);
        JournalReader.Replay replay = JournalReader.read(file, key);
        assertThat(replay.broken().line()).isEqualTo(6);
        assertThat(replay.broken().afterTest()).isEqualTo("a");
        assertThat(replay.outcomes().get("b").passed()).as("the forged outcome is not taken").isFalse();
        assertThat(replay.outcomes().get("b").unfinished()).isTrue();
        assertThat(replay.ended()).isFalse();
    }

    @Test
    void moved_lines_break_the_chain(@TempDir Path dir) throws IOException {
        Path file = journal(dir);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.add(3, lines.remove(5)); // b's finished line before a's
        Files.write(file, lines);
        assertThat(JournalReader.read(file, key).broken().line()).isEqualTo(4);
    }

    @Test
    void a_line_left_out_breaks_the_chain(@TempDir Path dir) throws IOException {
        Path file = journal(dir);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(4); // b never started
        Files.write(file, lines);
        assertThat(JournalReader.read(file, key).broken().line()).isEqualTo(5);
    }

    @Test
    void a_line_after_the_end_is_not_taken(@TempDir Path dir) throws IOException {
        Path file = journal(dir);
        List<String> lines = Files.readAllLines(file);
        Files.writeString(file, lines.get(3) + "\n", StandardOpenOption.APPEND); // a's own signed line, replayed
        JournalReader.Replay replay = JournalReader.read(file, key);
        assertThat(replay.broken().line()).isEqualTo(lines.size() + 1);
        assertThat(replay.broken().reason()).contains("after the grader's end record");
        assertThat(replay.broken().lastLine()).isFalse();
    }

    @Test
    void a_journal_cut_short_has_no_end_and_no_break(@TempDir Path dir) throws IOException {
        Path file = journal(dir);
        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.subList(0, 4));
        JournalReader.Replay replay = JournalReader.read(file, key);
        assertThat(replay.broken()).isNull();
        assertThat(replay.ended()).as("the supervisor decides: tampering unless the grading JVM died").isFalse();
        assertThat(replay.outcomes().get("b").unfinished()).isTrue();
    }

    @Test
    void a_line_cut_mid_write_is_the_last_line_without_its_end(@TempDir Path dir) throws IOException {
        Path file = journal(dir);
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() - 30));
        JournalReader.Break b = JournalReader.read(file, key).broken();
        assertThat(b.lastLine()).as("what a JVM that dies mid-write leaves").isTrue();
    }

    /** The forgery the issue found: forged lines written far past the end, the grader's later lines before them. */
    @Test
    void forged_lines_written_far_past_the_end_break_the_chain(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("journal.tsv");
        try (JournalWriter journal = JournalWriter.create(file, key)) {
            journal.planned("a", PLANNED);
            try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
                sparse.seek(1 << 20);
                sparse.write(("finished\ta\t20.3.1\tIdentity\ta\t1\ttrue\t\tfalse\tfalse\t\t" + "0".repeat(64) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            journal.started("a");
            journal.finished("a", new TestOutcome("20.3.1", "Identity", "a", 1, false, "wrong", false, false));
            journal.end();
        }
        JournalReader.Replay replay = JournalReader.read(file, key);
        assertThat(replay.broken()).as("the hole and the forged line after the grader's").isNotNull();
        assertThat(replay.broken().line()).isEqualTo(5);
        assertThat(replay.outcomes().get("a").passed()).isFalse();
    }
}
