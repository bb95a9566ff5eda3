package resnetkit.selftest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

/**
 * The hostile-code suite of the bug matrix ({@link HostileCode}): each hostile exercise file is graded with the
 * reference for the other exercises, in this JVM under the runtime guard (selftest's pom starts its agent), and
 * must lose only its own exercise's points, with the guard's refusal as the feedback; the witness exercise
 * (S3.1) keeps every point; nothing it tried to write exists afterwards. A grader without its guard fails this
 * test (an exit ends this JVM, a forgery or a spinning thread passes unnoticed); its two-JVM counterparts are
 * {@link StudentOutputTest} (escape codes on the console and in report.md, a crash) and {@link ReleaseTest} (the
 * issue's forgery in a stub of the release).
 */
class HostileCodeTest {

    /** The exercise the hostile files belong to, and the witness graded beside it. */
    private static final String HOST = "20.3.1";
    private static final String WITNESS = "S3.1";

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // about 1.5 min on 2 cores (docs/instructors.md)
    void each_hostile_file_loses_only_its_own_exercises_points_and_the_guard_says_why() throws Exception {
        List<Executable> checks = new ArrayList<>();
        StringBuilder table = new StringBuilder("\nHostile files: tests passed per exercise, and what the guard said\n");
        List<Run> runs = new ArrayList<>();
        for (HostileCode.Hostile h : HostileCode.CASES) {
            runs.add(grade(h.mutant(), h.refusal()));
        }
        runs.add(grade(HostileCode.IN_GRADER_PACKAGE, HostileCode.IN_GRADER_PACKAGE.feedback()));
        for (Run run : runs) {
            List<GradingRun.Test> host = run.tests.stream().filter(t -> t.name().startsWith(HOST + " ")).toList();
            List<GradingRun.Test> witness = run.tests.stream().filter(t -> t.name().startsWith(WITNESS + " ")).toList();
            List<GradingRun.Test> failed = host.stream().filter(t -> !t.passed() && !t.output().contains("by hand"))
                    .toList();
            table.append(String.format(Locale.ROOT, "%-42s %s %2d/%-2d  %s %d/%d  %s%n", run.name, HOST,
                    host.size() - failed.size(), host.size(), WITNESS,
                    witness.stream().filter(GradingRun.Test::passed).count(), witness.size(),
                    failed.isEmpty() ? "-" : failed.get(0).output().lines().findFirst().orElse("")));
            checks.add(() -> assertThat(witness).as("%s: the witness exercise %s keeps every point", run.name,
                    WITNESS).isNotEmpty().allSatisfy(t -> assertThat(t.passed()).as(t.name() + ": " + t.output())
                    .isTrue()));
            if (run.refusal != null) {
                checks.add(() -> assertThat(failed).as("%s: %s loses points, and the feedback is the refusal",
                        run.name, HOST).isNotEmpty().allSatisfy(t -> assertThat(t.output()).contains(run.refusal)));
            } else {
                checks.add(() -> assertThat(run.console).as("%s: the run goes on", run.name).doesNotContain(
                        "grader itself failed"));
            }
            checks.add(() -> assertThat(run.console).as("%s: no hidden test's class file (base64 of CAFEBABE)",
                    run.name).doesNotContain("yv66vg"));
        }
        for (String planted : HostileCode.PLANTED) {
            checks.add(() -> assertThat(Path.of(planted)).as("a file an attack tried to plant").doesNotExist());
        }
        checks.add(() -> assertThat(Files.exists(Path.of(System.getProperty("kit.root", ".."))
                .resolve("datasets/data/fashion-mnist/SHA256SUMS"))).as("the kit's data, which an attack tried to"
                + " delete").isTrue());
        System.out.println(table);
        assertAll(checks);
    }

    private record Run(String name, List<GradingRun.Test> tests, String console, String refusal) {
    }

    /** The mutant graded with the witness, the long checks left out, in this JVM under the guard. */
    private static Run grade(Mutant mutant, String refusal) throws Exception {
        Path classes = BugMatrixTest.compile(mutant);
        GradingRun run = GradingRun.inThisJvm(mutant.name(), classes, "training,slow", HOST + "," + WITNESS);
        return new Run(mutant.name(), run.instructorTests(), run.console, refusal);
    }
}
