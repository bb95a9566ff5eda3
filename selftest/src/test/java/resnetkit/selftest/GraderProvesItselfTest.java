package resnetkit.selftest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Artemis' rule: the reference solution scores 100 % and the untouched template 0 %, each graded in a JVM
 * of its own exactly as a student's grade command grades it.
 */
class GraderProvesItselfTest {

    private static GradingRun solutions;
    private static GradingRun stubs;

    /** The solutions' grading run, made once for both tests. */
    static synchronized GradingRun solutions() throws Exception {
        if (solutions == null) {
            solutions = GradingRun.of(GradingRun.Target.SOLUTIONS);
        }
        return solutions;
    }

    /** The untouched stubs' grading run, made once for this class and ReleaseTest (which compares its totals). */
    static synchronized GradingRun stubs() throws Exception {
        if (stubs == null) {
            stubs = GradingRun.of(GradingRun.Target.EXERCISES);
        }
        return stubs;
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES) // the whole grading run takes about 3 minutes on 2 cores
    void solutions_score_full_marks() throws Exception {
        GradingRun run = solutions();
        assertThat(run.exitCode).as("exit code of the grading JVM; its output:\n%s", run.console).isZero();
        int[] score = run.score();
        assertThat(score[1]).as("points possible").isGreaterThanOrEqualTo(40);
        assertThat(score[2]).as("points of written answers, graded by hand").isPositive();
        assertThat(score[0]).as("solutions' score: every automatic point; the grading output:\n%s", run.console)
                .isEqualTo(score[1] - score[2]);
        assertThat(run.console).contains("resnet-kit score (solutions)").contains("to be graded by hand");
        for (GradingRun.Test t : run.tests()) {
            assertThat(t.passed()).as("%s on the solutions: %s", t.name(), t.output()).isTrue();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES) // the whole grading run takes about 3 minutes on 2 cores
    void untouched_stubs_score_zero_and_every_failure_names_its_exercise() throws Exception {
        GradingRun run = stubs();
        assertThat(run.exitCode).as("the grading run completes on stubs; its output:\n%s", run.console).isZero();
        int[] score = run.score();
        assertThat(score[0]).as("stubs' score").isZero();
        assertThat(score[1]).as("stubs and solutions are graded out of the same total")
                .isEqualTo(solutions().score()[1]);
        int failures = 0;
        for (GradingRun.Test t : run.tests()) {
            failures++;
            String feedback = t.output().replace("not answered yet: ", "");
            // the written answer's template says what to write instead; hidden tests say only "failed"
            if (!feedback.contains("answers/") && !feedback.equals("hidden test: failed")) {
                assertThat(feedback).as("feedback of a stub's failing test").startsWith("Exercise ")
                        .contains("not written yet");
            }
        }
        assertThat(failures).as("every graded test reports feedback").isPositive();
        // a written answer's feedback asks for what its answer file asks for, and says what it counts
        Pattern asked = Pattern.compile("Answer in ([a-z ]+ sentences)");
        int answers = 0;
        for (GradingRun.Test t : run.tests()) {
            Matcher file = Pattern.compile("exercises/src/main/resources/(answers/[^ ]+\\.md)").matcher(t.output());
            if (t.output().startsWith("not answered yet: ") && file.find()) {
                answers++;
                String text = Files.readString(ROOT.resolve("exercises/src/main/resources").resolve(file.group(1)))
                        .replaceAll("\\s+", " ");
                Matcher m = asked.matcher(text);
                assertThat(m.find()).as("%s says how long an answer is (\"Answer in ... sentences\")", file.group(1))
                        .isTrue();
                assertThat(t.output()).as("feedback of %s", t.name()).contains("asks for " + m.group(1))
                        .containsPattern("an answer counts from \\d+ words on").doesNotContain("Expecting");
            }
        }
        assertThat(answers).as("written answers in the stubs' grading").isEqualTo(2);
    }

    private static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();
}
