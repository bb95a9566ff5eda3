package resnetkit.grader.supervisor;

import org.junit.jupiter.api.Test;
import resnetkit.grader.journal.JournalReader;
import resnetkit.grader.scoring.TestOutcome;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the supervisor makes of a journal: a break a crash explains (the last line cut, the JVM dead) is a
 * crash; any other break, and a journal without its end from a JVM that exited normally, is tampering, which
 * scores nothing after the break and says so.
 */
class VerdictsTest {

    private static final TestOutcome PASSED = new TestOutcome("20.3.1", "Identity", "a", 1, true, "", false, false);
    private static final TestOutcome PLANNED = new TestOutcome("20.3.1", "Identity", "b", 1, false,
            TestOutcome.NOT_FINISHED, false, false);

    private static JournalReader.Replay replay(JournalReader.Break broken, boolean ended) {
        Map<String, TestOutcome> outcomes = new LinkedHashMap<>();
        outcomes.put("a", PASSED);
        outcomes.put("b", PLANNED);
        return new JournalReader.Replay(outcomes, Set.of(), "", ended, broken);
    }

    private static GradingJvm.Result exited(int code) {
        return new GradingJvm.Result(Path.of("journal.tsv"), Path.of("run"), code, false, 40, 1);
    }

    @Test
    void a_forged_line_is_tampering_and_the_tests_after_it_score_nothing() {
        Verdicts v = Verdicts.of(replay(new JournalReader.Break(6, "a", "the line does not carry the grader's MAC",
                false), false), exited(0));
        assertThat(v.tampered()).isTrue();
        assertThat(v.note()).contains("tampered with from line 6 on (after \"a\")");
        assertThat(v.outcomes().get(0).passed()).as("a verified test before the break keeps its result").isTrue();
        assertThat(v.outcomes().get(1).feedback()).startsWith("not scored: the grading journal was tampered with");
    }

    @Test
    void a_journal_cut_short_by_a_jvm_that_exited_normally_is_tampering() {
        assertThat(Verdicts.of(replay(null, false), exited(0)).tampered()).isTrue();
    }

    @Test
    void a_last_line_cut_by_a_dying_jvm_is_a_crash_not_tampering() {
        Verdicts v = Verdicts.of(replay(new JournalReader.Break(5, "a", "no MAC", true), false), exited(137));
        assertThat(v.tampered()).isFalse();
        assertThat(v.note()).contains("stopped early (exit code 137)");
        assertThat(v.outcomes().get(1).feedback()).startsWith(Verdicts.DID_NOT_RUN);
        assertThat(v.crashed()).as("no test was running: nothing to blame").isNull();
    }

    @Test
    void a_cut_line_from_a_jvm_that_exited_normally_is_tampering() {
        assertThat(Verdicts.of(replay(new JournalReader.Break(5, "a", "no MAC", true), false), exited(0)).tampered())
                .isTrue();
    }

    @Test
    void an_honest_journal_is_scored_as_it_is() {
        Map<String, TestOutcome> outcomes = new LinkedHashMap<>();
        outcomes.put("a", PASSED);
        Verdicts v = Verdicts.of(new JournalReader.Replay(outcomes, Set.of(), "", true, null), exited(0));
        assertThat(v.tampered()).isFalse();
        assertThat(v.outcomes()).containsExactly(PASSED);
    }
}
