package resnetkit.selftest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

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
    }
}
