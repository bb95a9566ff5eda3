package resnetkit.selftest;

import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import resnetkit.grader.supervisor.batch.BatchGrade;
import resnetkit.grader.supervisor.batch.Gradebook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch grading of three submissions (the reference with lying versions of the kit's given files beside it, the
 * untouched stubs in a clone of the kit, the reference with a compile error), two at a time, the training check and
 * the seconds-long tiny trainings (tags training and slow) left out; a second run grades none of them again.
 * (The lies were once a fourth submission, graded to the reference's row; on the reference, which scores every
 * automatic point, "exactly the reference's score" and "every automatic point" are the same check.)
 */
class BatchGradeTest {

    private static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void each_submission_is_graded_on_its_own_and_a_second_run_grades_none_again(@TempDir Path tmp)
            throws Exception {
        Path submissions = tmp.resolve("submissions");
        FileUtils.copyDirectory(ROOT.resolve("solutions/src/main").toFile(),
                submissions.resolve("alice/src/main").toFile(), false);
        FileUtils.copyDirectory(ROOT.resolve("exercises/src/main").toFile(),
                submissions.resolve("bob/exercises/src/main").toFile(), false);
        FileUtils.copyDirectory(ROOT.resolve("solutions/src/main").toFile(),
                submissions.resolve("carol/src/main").toFile(), false);
        Path broken = submissions.resolve("carol/src/main/java/resnetkit/family/ResNets.java");
        Files.writeString(broken, Files.readString(broken).replaceFirst("return out;", "return out"));
        // the kit's given files, lying (a submission's copies of them are never taken)
        HostileFiles.writeInto(submissions.resolve("alice/src/main"));

        List<Gradebook.Row> first = BatchGrade.run(submissions, tmp.resolve("out1"), 2, 20, "training,slow");
        assertThat(first).extracting(Gradebook.Row::student).containsExactly("alice", "bob", "carol");
        Gradebook.Row alice = first.get(0);
        Gradebook.Row bob = first.get(1);
        Gradebook.Row carol = first.get(2);
        assertThat(alice.status()).isEqualTo("graded");
        assertThat(alice.earned()).as("the reference's score, lying given files beside it; its report:\n%s",
                Files.readString(tmp.resolve("out1/alice/report.md"))).isEqualTo(alice.possible() - alice.byHand());
        assertThat(bob.earned()).as("the stubs' score").isZero();
        assertThat(bob.possible()).isEqualTo(alice.possible());
        assertThat(carol.earned()).as("a submission with a compile error in ResNets: the tests that reach it fail,"
                + " the others pass").isPositive().isLessThan(alice.earned());
        assertThat(carol.status()).as("a submission with a compile error")
                .startsWith("graded; compile errors: resnetkit/family/ResNets.java line");
        assertThat(tmp.resolve("out1/carol/compile-errors.txt")).content().contains("Syntax error");
        assertThat(tmp.resolve("out1/carol/report.md")).content().contains("does not compile");
        assertThat(tmp.resolve("out1/alice/results.json")).exists();
        assertThat(tmp.resolve("out1/gradebook.csv")).content().startsWith("student,earned,possible,by_hand,percent")
                .contains("alice," + alice.earned() + "," + alice.possible());

        // a second run over the same submissions grades none of them again, and gives the same gradebook
        // (that grading again gives the same rows, in other processes too, ShardedGradingTest shows)
        String gradebook = Files.readString(tmp.resolve("out1/gradebook.csv"));
        BatchGrade.Outcome again = BatchGrade.run(BatchGrade.Plan.of(submissions, tmp.resolve("out1"), 2, 20,
                "training,slow"));
        assertThat(again.graded()).as("graded again").isEmpty();
        assertThat(again.rows()).isEqualTo(first);
        assertThat(tmp.resolve("out1/gradebook.csv")).hasContent(gradebook);
        // batch grading compiled in this JVM: the jars the compiler opened are closed again, so the tests that
        // follow in this JVM still find the graded tests (ContractMatrixTest, BugMatrixTest found none before)
        assertThat(GradedTests.methods()).as("graded tests JUnit finds in this JVM after batch grading").hasSizeGreaterThan(50);
    }
}
