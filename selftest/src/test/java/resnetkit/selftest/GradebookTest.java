package resnetkit.selftest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import resnetkit.grader.supervisor.batch.BatchGrade;
import resnetkit.grader.supervisor.batch.Gradebook;
import resnetkit.grader.supervisor.batch.Gradebook.Grader;
import resnetkit.grader.supervisor.batch.Gradebook.Row;
import resnetkit.grader.supervisor.batch.Shard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Batch grading's bookkeeping, without grading JVMs: which shard a submission is in (and that the course
 * workflow's shell script agrees), merging the parts and what a merge refuses, and that a submission already
 * graded with the same files, grader and options is not graded again (submissions without sources grade at once).
 */
class GradebookTest {

    private static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();
    private static final Grader GRADER = new Grader("a".repeat(64), "exclude-tags= exercises=all timeout-minutes=30");

    @Test
    void a_submission_keeps_its_shard_however_many_others_there_are() {
        List<String> names = IntStream.range(0, 200).mapToObj(i -> "student-" + i).toList();
        for (int n : new int[] {1, 3, 7}) {
            int[] sizes = new int[n];
            for (String name : names) {
                int k = Shard.of(name, n);
                assertThat(k).isBetween(0, n - 1);
                sizes[k]++;
                assertThat(new Shard(k, n).holds(name)).isTrue();
                assertThat(new Shard((k + 1) % n, n).holds(name)).isEqualTo(n == 1);
            }
            for (int size : sizes) {
                assertThat(size).as("shard sizes of 200 names in %d shards", n).isBetween(200 / n / 2, 200 / n * 2);
            }
        }
        // the hash of the name alone: known values, so that it never changes between versions of the kit
        assertThat(List.of(Shard.of("alice", 3), Shard.of("bob", 3), Shard.of("carol", 3))).containsExactly(1, 0, 2);
        assertThat(Shard.parse(" 2/3 ")).isEqualTo(new Shard(2, 3));
        assertThatThrownBy(() -> Shard.parse("3/3")).hasMessageContaining("0 <= K < N");
        assertThatThrownBy(() -> Shard.parse("three")).hasMessageContaining("e.g. 0/3");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void the_course_workflow_clones_the_shards_that_batch_grading_grades(@TempDir Path tmp) throws Exception {
        List<String> repos = IntStream.range(0, 40).mapToObj(i -> "course-org/assignment-student" + i).toList();
        Path roster = tmp.resolve("roster.txt");
        Files.writeString(roster, "# the assignment's repositories\n\n" + String.join("\n", repos) + "\n");
        for (int k = 0; k < 3; k++) {
            int shard = k;
            Command listed = Command.run(ROOT, Map.of(), "bash", "release/actions/clone-shard.sh", "--list",
                    roster.toString(), String.valueOf(k), "3");
            assertThat(listed.exitCode).as(listed.output).isZero();
            assertThat(listed.output.lines().toList()).as("shard %d/3 in the shell", k).isEqualTo(repos.stream()
                    .map(r -> r.substring(r.indexOf('/') + 1)).filter(name -> Shard.of(name, 3) == shard).toList());
        }
    }

    @Test
    void merging_joins_the_parts_and_refuses_what_does_not_belong_together(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        // alice is in shard 1 of 3, bob and dave in 0, carol in 2
        Gradebook.writePart(out, new Shard(0, 3), GRADER, List.of(row("bob", 0, GRADER)));
        Gradebook.writePart(out, new Shard(1, 3), GRADER, List.of(row("alice", 95, GRADER)));
        assertThatThrownBy(() -> Gradebook.merge(out, 3)).hasMessageContaining("shard 2/3 has no part")
                .hasMessageContaining("--shard 2/3");
        Gradebook.writePart(out, new Shard(2, 3), GRADER, List.of());
        List<Row> merged = Gradebook.merge(out, 3);
        assertThat(merged).extracting(Row::student).containsExactly("alice", "bob");
        assertThat(Gradebook.read(out.resolve(Gradebook.FILE))).isEqualTo(merged);
        assertThat(out.resolve(Gradebook.FILE)).content().startsWith(String.join(",", Gradebook.HEADER) + "\n");

        Grader other = new Grader("b".repeat(64), GRADER.options());
        Gradebook.writePart(out, new Shard(2, 3), other, List.of(row("carol", 50, other)));
        assertThatThrownBy(() -> Gradebook.merge(out, 3)).hasMessageContaining("different graders")
                .hasMessageContaining("part 2/3: grader " + "b".repeat(64));
        Gradebook.writePart(out, new Shard(2, 3), GRADER, List.of(row("alice", 95, GRADER)));
        assertThatThrownBy(() -> Gradebook.merge(out, 3)).hasMessageContaining("alice is in part 1/3 and in part 2/3");
        Gradebook.writePart(out, new Shard(2, 3), GRADER, List.of(row("dave", 0, GRADER)));
        assertThatThrownBy(() -> Gradebook.merge(out, 3))
                .hasMessageContaining("dave is in part 2/3 but belongs to shard 0/3");
        Files.writeString(new Shard(2, 3).partIn(out), "student,earned\ncarol,5\n");
        assertThatThrownBy(() -> Gradebook.merge(out, 3)).hasMessageContaining("is not a gradebook part");
    }

    @Test
    void a_submission_graded_before_with_the_same_files_grader_and_options_is_not_graded_again(@TempDir Path tmp)
            throws Exception {
        // submissions without sources: graded at once ("no sources"), and still fingerprinted by their student files
        Path subs = tmp.resolve("subs");
        for (String s : List.of("alice", "bob", "carol")) {
            Files.createDirectories(subs.resolve(s + "/src/main/resources/answers"));
        }
        Path out = tmp.resolve("out");
        BatchGrade.Plan plan = BatchGrade.Plan.of(subs, out, 1, 30, "");
        BatchGrade.Outcome first = BatchGrade.run(plan);
        assertThat(first.graded()).containsExactly("alice", "bob", "carol");
        assertThat(first.rows()).extracting(Row::status).allMatch(s -> s.startsWith("no sources"));
        assertThat(BatchGrade.run(plan).graded()).as("a second run").isEmpty();

        Files.writeString(subs.resolve("bob/src/main/resources/answers/20.3.3.md"), "a late answer");
        BatchGrade.Outcome late = BatchGrade.run(plan);
        assertThat(late.graded()).as("after bob changed a student file").containsExactly("bob");
        assertThat(late.unchanged()).containsExactly("alice", "carol");
        Files.writeString(subs.resolve("carol/notes.txt"), "not a student file");
        assertThat(BatchGrade.run(plan).graded()).as("after a file that is not graded changed").isEmpty();

        BatchGrade.Plan otherOptions = BatchGrade.Plan.of(subs, out, 1, 30, "training");
        assertThat(BatchGrade.run(otherOptions).graded()).as("other options").containsExactly("alice", "bob", "carol");
        BatchGrade.Plan forced = new BatchGrade.Plan(subs, out, 1, 30, "training", "", null, true);
        assertThat(BatchGrade.run(forced).graded()).as("--force").containsExactly("alice", "bob", "carol");

        // a row whose grading did not finish (a kill, a crash) is graded again
        List<Row> rows = new ArrayList<>(Gradebook.read(out.resolve(Gradebook.FILE)));
        Row alice = rows.get(0);
        rows.set(0, new Row("alice", 0, 0, 0, BatchGrade.KILLED + " after 32 min", alice.submissionSha256(),
                alice.grader()));
        Gradebook.write(out.resolve(Gradebook.FILE), rows);
        assertThat(BatchGrade.run(otherOptions).graded()).as("after alice's grading was killed").containsExactly("alice");

        // shards in the same folder: each part's rows count as graded, for the merged gradebook too
        for (int k = 0; k < 3; k++) {
            assertThat(BatchGrade.run(otherOptions.shard(new Shard(k, 3))).graded()).as("shard %d/3", k).isEmpty();
        }
        assertThat(Gradebook.merge(out, 3)).isEqualTo(Gradebook.read(out.resolve(Gradebook.FILE)));
    }

    private static Row row(String student, int earned, Grader grader) {
        return new Row(student, earned, 99, 4, "graded", "c".repeat(64), grader);
    }
}
