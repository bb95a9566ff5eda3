package resnetkit.selftest;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grader on the newest JDK at hand (JDK 24 removed the Security Manager; a course may run 17, 21 or 25):
 * the solutions get every automatic point and the stubs 0 on a fast subset of exercises. The JDK is
 * {@code -Dkit.otherJdk=DIR} or {@code KIT_OTHER_JDK}, else the newest {@code /usr/lib/jvm/*} of release 21 or
 * later; without one the test is skipped, saying so.
 */
class OtherJdkGradingTest {

    /** Seconds-long exercises that still run DL4J networks: blocks, the family, the skip gradient. */
    private static final String EXERCISES = "20.2.2,20.3.1,S3.1";

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // about 40 s for both runs on 2 cores
    void the_solutions_score_every_automatic_point_and_the_stubs_zero() throws Exception {
        Optional<Path> jdk = otherJdk();
        Assumptions.assumeTrue(jdk.isPresent(), "no JDK 21 or later found besides this one: set -Dkit.otherJdk=DIR");
        GradingRun solutions = GradingRun.withJdk(jdk.get(), GradingRun.Target.SOLUTIONS, EXERCISES);
        assertThat(solutions.exitCode).as("exit code on %s; output:\n%s", jdk.get(), solutions.console).isZero();
        int[] score = solutions.score();
        assertThat(score[0]).as("the solutions' score on %s; output:\n%s", jdk.get(), solutions.console)
                .isEqualTo(score[1] - score[2]).isPositive();
        GradingRun stubs = GradingRun.withJdk(jdk.get(), GradingRun.Target.EXERCISES, EXERCISES);
        assertThat(stubs.exitCode).as("exit code of the stubs' run on %s; output:\n%s", jdk.get(), stubs.console)
                .isZero();
        assertThat(stubs.score()[0]).as("the stubs' score on %s", jdk.get()).isZero();
        assertThat(stubs.score()[1]).as("the same total").isEqualTo(score[1]);
    }

    static Optional<Path> otherJdk() throws IOException {
        String set = System.getProperty("kit.otherJdk", System.getenv().getOrDefault("KIT_OTHER_JDK", ""));
        if (!set.isBlank()) {
            return Optional.of(Path.of(set));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(jvms)) {
            return dirs.filter(d -> Files.isExecutable(d.resolve("bin/java")) && release(d) >= 21)
                    .max(Comparator.comparingInt(OtherJdkGradingTest::release));
        }
    }

    /** The feature release in the JDK's {@code release} file, or 0. */
    static int release(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
