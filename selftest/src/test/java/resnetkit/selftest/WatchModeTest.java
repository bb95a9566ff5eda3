package resnetkit.selftest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watch mode grades what a student saves as the grade command grades it: the same tests, points and guard,
 * a verdict per save, and no grading JVM left behind when it stops. One watch session, on a copy of the stubs,
 * grades the stub saved last at start, then saves the reference's 20.3.1, a hostile and a broken version of it. The long checks are left out
 * (they are the grade command's; here only the save-and-grade loop is under test).
 */
class WatchModeTest {

    private static final String FILE = "java/resnetkit/highway/IdentityIsEasy.java";

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES) // about 40 s on a quiet 2-core machine
    void each_save_is_graded_as_the_grade_command_grades_it(@TempDir Path work) throws Exception {
        Path kit = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();
        String reference = Files.readString(kit.resolve("solutions/src/main").resolve(FILE));
        try (WatchSession watch = WatchSession.start(kit, work, WatchSession.classpathWithoutModules(),
                List.of("-Dgrader.excludeTags=training,slow"), FILE)) {
            // at start, the exercise of the file saved last: the stub of 20.3.1 here, whose tests fail at once
            assertThat(String.join("\n", watch.until(line -> line.startsWith("Watching; save"), 240)))
                    .contains("The file you saved last: " + FILE)
                    .contains("  FAIL  [20.3.1] a residual block with zero weights is exactly the identity (1 pt): "
                            + "Exercise 20.3.1b IdentityIsEasy.residualBlock");

            watch.save(FILE, reference);
            String right = verdict(watch);
            assertThat(right).contains("  ok    [20.3.1] a residual block with zero weights is exactly the identity")
                    .containsPattern("20\\.3\\.1 .* 5 / 7 ") // the grade command's points for the reference
                    .doesNotContain("FAIL");
            assertThat(Files.readString(work.resolve("reports/score.csv"))).contains("5,7");

            watch.save(FILE, reference.replace("java.util.Arrays.fill(x, -1.0);",
                    "java.util.Arrays.fill(x, -1.0); System.exit(3);"));
            assertThat(verdict(watch)).as("the grade command's rules, in the same grading JVM")
                    .contains("breaks the kit's rules").contains("System.exit");

            watch.save(FILE, reference.replace("return y;", "return y"));
            assertThat(verdict(watch)).contains("Your code does not compile")
                    .contains("  ok    [20.3.1] a plain block is not the identity for the returned input")
                    .containsPattern("FAIL  \\[20\\.3\\.1\\] a residual block .*does not compile");

            List<ProcessHandle> grading = watch.gradingJvms();
            assertThat(grading).as("a spare grading JVM waits for the next save").isNotEmpty();
            watch.close();
            for (ProcessHandle jvm : grading) {
                jvm.onExit().get(30, TimeUnit.SECONDS);
            }
            assertThat(grading).as("stopping the watch mode stops its grading JVMs").noneMatch(ProcessHandle::isAlive);
        }
    }

    /** The lines of the verdict of the last save, up to its closing line. */
    private static String verdict(WatchSession watch) throws InterruptedException {
        return String.join("\n", watch.until(line -> line.startsWith(WatchSession.VERDICT), 120));
    }
}
