package resnetkit.selftest;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Artemis' rule: the reference solution scores 100 % and the untouched template 0 %, each graded in a JVM
 * of its own exactly as a student's grade command grades it.
 */
class GraderProvesItselfTest {

    private static GradingRun solutions;

    /** The solutions' grading run, made once for both tests. */
    static synchronized GradingRun solutions() throws Exception {
        if (solutions == null) {
            solutions = GradingRun.of(GradingRun.Target.SOLUTIONS);
        }
        return solutions;
    }

    @Test
    void solutions_score_full_marks() throws Exception {
        GradingRun run = solutions();
        assertThat(run.exitCode).as("exit code of the grading JVM; its output:\n%s", run.console).isZero();
        int[] score = run.score();
        assertThat(score[1]).as("points possible").isGreaterThanOrEqualTo(40);
        assertThat(score[0]).as("solutions' score; the grading output:\n%s", run.console).isEqualTo(score[1]);
        assertThat(run.console).contains("resnet-kit score (solutions)").contains("100 %");
    }

    @Test
    void untouched_stubs_score_zero_and_every_failure_names_its_exercise() throws Exception {
        GradingRun run = GradingRun.of(GradingRun.Target.EXERCISES);
        assertThat(run.exitCode).as("the grading run completes on stubs; its output:\n%s", run.console).isZero();
        int[] score = run.score();
        assertThat(score[0]).as("stubs' score").isZero();
        assertThat(score[1]).as("stubs and solutions are graded out of the same total")
                .isEqualTo(solutions().score()[1]);
        Matcher outputs = Pattern.compile("\"output\": \"([^\"]*)\"").matcher(run.resultsJson());
        int failures = 0;
        while (outputs.find()) {
            failures++;
            assertThat(outputs.group(1)).as("feedback of a stub's failing test").startsWith("Exercise 20.2.")
                    .contains("not written yet");
        }
        assertThat(failures).as("every graded test reports feedback").isPositive();
    }
}
