package resnetkit.selftest;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-code suite of the bug matrix ({@link HostileCode}, judged by {@link HostileMatrix}): each hostile
 * exercise file is graded with the reference for the other exercises under the runtime guard, on this JDK and on
 * the newest other one at hand, and must lose only its own exercise's points with the guard's refusal as the
 * feedback, the witness exercise keeping every point. A grader without its guard fails this test (an exit ends
 * the JVM, a forgery or a spinning thread passes unnoticed). Its two-JVM counterparts are {@link StudentOutputTest}
 * (escape codes on the console and in report.md, a crash) and {@link ReleaseTest} (the forgery in a stub of
 * the release).
 */
class HostileCodeTest {

    private static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // about 45 s on 2 cores
    void each_hostile_file_loses_only_its_own_exercises_points_and_the_guard_says_why() throws Exception {
        List<HostileMatrix.Run> runs = HostileMatrix.gradeAll();
        print("this JDK (" + Runtime.version() + ")", runs);
        assertThat(runs.stream().flatMap(r -> r.problems().stream())).as("hostile files that did not go as they"
                + " must").isEmpty();
        for (String planted : HostileCode.PLANTED) {
            assertThat(Path.of(planted)).as("a file an attack tried to plant").doesNotExist();
        }
        assertThat(ROOT.resolve("datasets/data/fashion-mnist/SHA256SUMS")).as("the kit's data, which an attack tried"
                + " to delete").exists();
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // about 1 min on 2 cores
    void the_same_on_the_other_jdk() throws Exception {
        Optional<Path> jdk = OtherJdkGradingTest.otherJdk();
        Assumptions.assumeTrue(jdk.isPresent(), "no JDK 21 or later found besides this one: set -Dkit.otherJdk=DIR");
        for (HostileCode.Hostile h : HostileCode.CASES) {
            BugMatrixTest.mutantClasses(h.mutant()); // compiled here, with this JDK's compiler
        }
        BugMatrixTest.mutantClasses(HostileCode.IN_GRADER_PACKAGE);
        List<String> command = new ArrayList<>(List.of(jdk.get().resolve("bin/java").toString(), "-Xmx3g",
                "-Dorg.eclipse.deeplearning4j.helpers.disable=false",
                "-javaagent:" + ROOT.resolve("selftest/target/guard/guard-agent.jar"), "-XX:+DisableAttachMechanism",
                "-Dkit.root=" + ROOT, "-Dkit.reports=" + ROOT.resolve("selftest/target/grading/other-jdk"),
                "-Dsurefire.test.class.path=" + GradingRun.testClasspath(), "-D" + BugMatrixTest.COMPILED_PROPERTY + "=true",
                "-cp", GradingRun.testClasspath(), HostileMatrix.class.getName()));
        Process p = new ProcessBuilder(command).directory(ROOT.resolve("selftest").toFile()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("the matrix on %s; output:\n%s", jdk.get(), out).isZero();
        String json = out.substring(out.indexOf(HostileMatrix.MARKER) + HostileMatrix.MARKER.length()).lines()
                .findFirst().orElse("[]");
        List<HostileMatrix.Run> runs = Arrays.asList(new ObjectMapper().readValue(json, HostileMatrix.Run[].class));
        print(jdk.get().getFileName().toString(), runs);
        assertThat(runs).as("cases graded on %s", jdk.get()).hasSize(HostileCode.CASES.size() + 1);
        assertThat(runs.stream().flatMap(r -> r.problems().stream())).as("hostile files that did not go as they"
                + " must on %s", jdk.get()).isEmpty();
        assertThat(Files.exists(ROOT.resolve("datasets/data/fashion-mnist/SHA256SUMS"))).isTrue();
    }

    private static void print(String jdk, List<HostileMatrix.Run> runs) {
        StringBuilder table = new StringBuilder("\nHostile files on " + jdk + ": tests passed per exercise, and what"
                + " the guard said\n");
        runs.forEach(r -> table.append(r.row()).append('\n'));
        System.out.println(table);
    }
}
