package resnetkit.selftest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import resnetkit.toolkit.Commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An experiment command on the untouched stubs (README, "Experiments"): one line naming the exercise to write, exit
 * code 2, no stack trace, and the code recorded where the kit's {@code run} profile reads it, for Maven's exit code
 * ({@code resnetkit.experiments.ExitCode}). One JVM on the stubs' classpath, as the run profile starts it: a few
 * seconds. The Maven side (the profile's {@code successCodes} and {@code ExitCode}: no error wall, and 2 as
 * {@code mvn}'s exit code) is not run here, as a Maven build costs several times this test.
 */
class ExperimentOnStubTest {

    private static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void an_experiment_on_a_stub_prints_one_line_naming_the_exercise_and_exits_with_2(@TempDir Path tmp)
            throws Exception {
        Path exitCode = tmp.resolve("run-exit-code");
        Path stderr = tmp.resolve("stderr");
        Path stdout = tmp.resolve("stdout");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx512m", "-Dorg.eclipse.deeplearning4j.helpers.disable=false",
                "-D" + Commands.EXIT_CODE_FILE + "=" + exitCode, "-Dresnetkit.data=" + ROOT.resolve("datasets/data"),
                "-classpath",
                GradingRun.classpathFor(GradingRun.Target.EXERCISES),
                "resnetkit.experiments.GradientFlowExperiment", "--out", tmp.resolve("out").toString()))
                .directory(tmp.toFile()).redirectError(stderr.toFile()).redirectOutput(stdout.toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the experiment ended").isTrue();
        String err = Files.readString(stderr);
        String out = Files.readString(stdout);
        assertThat(p.exitValue()).as("exit code of the experiment on the stubs; stderr:%n%s%nstdout:%n%s", err, out)
                .isEqualTo(2);
        assertThat(err.lines().toList()).as("stderr: one line, the exercise to write").containsExactly(
                "GradientFlowExperiment needs Exercise 20.2.4 ResNets.cifar (about 10 lines): not written yet (fill in"
                        + " the YOUR CODE block)");
        assertThat(out).as("stdout: no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(exitCode).as("the exit code, recorded for Maven's").content().isEqualToIgnoringWhitespace("2");
    }
}
