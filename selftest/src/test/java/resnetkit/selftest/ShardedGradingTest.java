package resnetkit.selftest;

import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import resnetkit.grader.supervisor.batch.BatchGrade;
import resnetkit.grader.supervisor.batch.Gradebook;
import resnetkit.grader.supervisor.batch.Gradebook.Row;
import resnetkit.toolkit.Commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grading a course beyond one machine gives the gradebook that grading on one machine gives. Two submissions
 * (alice: the reference, in shard 1 of 3; bob: the stubs, in shard 0; shard 2 is empty), graded on 20.3.1 and S3.1
 * only (seconds each; the rest of grading is the same code for every exercise):
 * <ol>
 *   <li>unsharded, in this JVM;</li>
 *   <li>as 3 shards, each in a process of its own, then merged: through a real single-node Slurm (Debian's
 *       slurm-wlm and munge, started by {@code slurm/single-node.sh}), where {@code release/slurm/grade-course.sh}
 *       submits {@code sbatch --array=0-2} and the dependent merge job. Where Slurm cannot start, the test says why
 *       in one line and runs the task script {@code release/slurm/shard.sbatch} with {@code SLURM_ARRAY_TASK_ID} set
 *       by hand for each shard, side by side, then the merge script;</li>
 *   <li>the same again: no submission is graded twice.</li>
 * </ol>
 * Both gradebooks are byte for byte the unsharded one. (That a changed submission alone is graded again, and what a
 * merge refuses, GradebookTest shows without grading JVMs.)
 */
@DisabledOnOs(OS.WINDOWS)
class ShardedGradingTest {

    private static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();
    private static final String OPTIONS = "--exercises 20.3.1,S3.1 --exclude-tags training,slow";

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void sharded_and_slurm_grading_give_the_unsharded_gradebook_and_grade_nothing_twice(@TempDir Path tmp)
            throws Exception {
        Path subs = tmp.resolve("submissions");
        FileUtils.copyDirectory(ROOT.resolve("solutions/src/main").toFile(), subs.resolve("alice/src/main").toFile(), false);
        FileUtils.copyDirectory(ROOT.resolve("exercises/src/main").toFile(), subs.resolve("bob/src/main").toFile(), false);

        // 1. unsharded, in this JVM
        Path whole = tmp.resolve("whole");
        BatchGrade.Plan plan = new BatchGrade.Plan(subs, whole, 2, 30, "training,slow", "20.3.1,S3.1", null, false);
        List<Row> rows = BatchGrade.run(plan).rows();
        assertThat(rows).extracting(Row::student).containsExactly("alice", "bob");
        Row alice = rows.get(0);
        assertThat(alice.earned()).as("the reference on 20.3.1 and S3.1, its report:\n%s",
                Files.readString(whole.resolve("alice/report.md"))).isEqualTo(alice.possible() - alice.byHand())
                .isPositive();
        assertThat(rows.get(1).earned()).as("the stubs").isZero();
        String gradebook = Files.readString(whole.resolve(Gradebook.FILE));

        // 2. three shards, each in a process of its own, then the merge: on a real Slurm where one starts
        Path args = tmp.resolve("batch-grade.args");
        assertThat(Commands.of(new BatchGrade()).execute("--java-args-file", args.toString())).isZero();
        Path slurm = tmp.resolve("slurm");
        Path cluster = tmp.resolve("cluster");
        Command started = Command.run(ROOT, Map.of(), "bash",
                ROOT.resolve("selftest/src/test/resources/slurm/single-node.sh").toString(), "start", cluster.toString());
        boolean real = started.exitCode == 0;
        try {
            if (real) {
                Command submitted = gradeCourse(subs, slurm, args, cluster);
                assertThat(submitted.exitCode).as("grade-course.sh on Slurm:\n%s", submitted.output).isZero();
                assertThat(submitted.output).contains("submitted job array").contains("submitted merge job");
            } else {
                System.out.println("Slurm not started here (" + started.output.strip() + "): the task and merge scripts"
                        + " run by hand instead");
                runShardsByHand(subs, slurm, args);
            }
            assertThat(slurm.resolve(Gradebook.FILE)).as("3 shards in separate processes, merged (%s)",
                    real ? "Slurm" : "by hand").hasContent(gradebook);
            assertThat(slurm.resolve("gradebook-part-2-of-3.csv")).as("the empty shard's part").content()
                    .startsWith("# resnet-kit gradebook part 2/3; grader sha256 " + alice.grader().sha256());

            // 3. the same submissions again: none graded twice
            if (real) {
                assertThat(gradeCourse(subs, slurm, args, cluster).exitCode).isZero();
            } else {
                runShardsByHand(subs, slurm, args);
            }
            for (int k = 0; k < 3; k++) {
                int n = k == 2 ? 0 : 1; // bob, alice, nobody
                assertThat(slurm.resolve("slurm-logs/shard-" + k + ".txt")).as("shard %d's second run", k).content()
                        .contains("grading 0 of " + n + " submissions (shard " + k + "/3), " + n + " unchanged");
            }
            assertThat(slurm.resolve(Gradebook.FILE)).hasContent(gradebook);
        } finally {
            if (real) {
                Command.run(ROOT, Map.of(), "bash", ROOT.resolve("selftest/src/test/resources/slurm/single-node.sh")
                        .toString(), "stop", cluster.toString());
            }
        }
    }

    /** release/slurm/grade-course.sh with the class path of this JVM, one CPU per task, waiting for the merge. */
    private static Command gradeCourse(Path subs, Path out, Path args, Path cluster) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("SLURM_CONF", cluster.resolve("slurm.conf").toString(),
                "BATCH_ARGS_FILE", args.toString(), "WAIT", "1", "SHARD_CPUS", "1", "SHARD_MEM", "2G",
                "GRADE_OPTIONS", OPTIONS, "JAVA_HOME", System.getProperty("java.home")));
        env.put("PATH", System.getenv("PATH") + ":/usr/sbin");
        return Command.run(ROOT, env, "bash", "release/slurm/grade-course.sh", subs.toString(), out.toString(), "3");
    }

    /** Each shard's task script in a process of its own, side by side, then the merge script. */
    private static void runShardsByHand(Path subs, Path out, Path args) throws Exception {
        Files.createDirectories(out.resolve("slurm-logs"));
        List<Process> tasks = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            ProcessBuilder pb = new ProcessBuilder("bash", "release/slurm/shard.sbatch").directory(ROOT.toFile())
                    .redirectErrorStream(true).redirectOutput(out.resolve("slurm-logs/shard-" + k + ".txt").toFile());
            pb.environment().putAll(Map.of("SLURM_ARRAY_TASK_ID", String.valueOf(k), "SLURM_CPUS_PER_TASK", "1",
                    "KIT", ROOT.toString(), "SUBMISSIONS", subs.toString(), "OUT", out.toString(), "SHARDS", "3",
                    "ARGS_FILE", args.toString(), "GRADE_OPTIONS", OPTIONS, "JAVA_HOME", System.getProperty("java.home")));
            tasks.add(pb.start());
        }
        for (int k = 0; k < 3; k++) {
            assertThat(tasks.get(k).waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(tasks.get(k).exitValue()).as("shard %d/3's task:\n%s", k,
                    Files.readString(out.resolve("slurm-logs/shard-" + k + ".txt"))).isZero();
        }
        Command merged = Command.run(ROOT, Map.of("KIT", ROOT.toString(), "OUT", out.toString(), "SHARDS", "3",
                "ARGS_FILE", args.toString(), "JAVA_HOME", System.getProperty("java.home")), "bash",
                "release/slurm/merge.sbatch");
        assertThat(merged.exitCode).as("the merge script:\n%s", merged.output).isZero();
    }
}
