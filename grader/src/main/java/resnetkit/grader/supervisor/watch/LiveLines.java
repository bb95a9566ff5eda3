package resnetkit.grader.supervisor.watch;

import resnetkit.grader.journal.JournalKey;
import resnetkit.grader.journal.JournalReader;
import resnetkit.grader.scoring.StudentText;
import resnetkit.grader.scoring.TestOutcome;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * One line per graded test as soon as the journal verifiably says it finished: the watch mode's verdicts arrive
 * test by test, the quick checks first, while the long ones still run. Only verified lines are printed (the
 * journal's MAC chain, {@link JournalReader}), so what a student sees live is what the score will say.
 */
public final class LiveLines {

    private final Path journal;
    private final JournalKey key;
    private final PrintStream out;
    private final Set<String> printed = new HashSet<>();
    private long lastSize = -1;

    public LiveLines(Path journal, JournalKey key, PrintStream out) {
        this.journal = journal;
        this.key = key;
        this.out = out;
    }

    /**
     * Prints a line for each test that finished since the last call. The journal is read again only when it grew:
     * during a long training check it does not, and reading it costs nothing then.
     */
    public void printNew() {
        long size;
        try {
            size = Files.exists(journal) ? Files.size(journal) : 0;
        } catch (IOException e) {
            return; // being replaced or removed: the next call reads it
        }
        if (size == lastSize) {
            return;
        }
        lastSize = size;
        JournalReader.read(journal, key).outcomes().forEach((id, o) -> {
            if (!o.unfinished() && printed.add(id)) {
                out.println(line(o));
            }
        });
        out.flush();
    }

    /** "  ok    [20.2.1] the projection ... (2 pt)", or "  FAIL" with the first line of what to fix. */
    static String line(TestOutcome o) {
        String head = "[" + o.exerciseId() + "] " + StudentText.shown(o.test()) + " (" + o.points() + " pt)";
        String why = StudentText.shown(o.studentFeedback()).lines().findFirst().orElse("");
        if (o.byHand()) {
            return "  hand  " + head + ": " + why;
        }
        if (o.hidden() && !o.passed() && TestOutcome.NOT_IN_THIS_COPY.equals(o.feedback())) {
            return "  later " + head + ": hidden, graded by your instructor";
        }
        if (o.passed()) {
            return "  ok    " + head;
        }
        return "  FAIL  " + head + ": " + why;
    }
}
