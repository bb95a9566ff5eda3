package resnetkit.selftest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What student code prints reaches the reports capped, test by test, and the console only in part, and a crash of
 * the grading JVM costs only its own exercise (the report is still written, what finished keeps its points, the
 * other exercises are graded in a new grading JVM): a grading
 * run of the reference's IdentityIsEasy edited to print 10 MB in one test, then to crash the JVM in a later one
 * (it fills the heap in a JVM started with -XX:+CrashOnOutOfMemoryError, as if the system killed it).
 */
class StudentOutputTest {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // about 20 s on 2 cores
    void ten_megabytes_printed_by_a_test_reach_the_reports_capped() throws Exception {
        // residualBlock prints 10 MB on its first call, notTheIdentity a line and the exit on its first call after
        // that: both happen whichever of 20.3.1's tests runs first, as long as a residualBlock test precedes one
        // of notTheIdentity's
        Mutant prints = new Mutant("prints-ten-megabytes", "prints 10 MB, then crashes the JVM", BugMatrix.IDENTITY,
                List.of(Mutant.edit("double[] f = plainBlock(w, b, x);",
                        "if (!printed) { printed = true; System.err.println(\"to stderr\");"
                                // escape codes that would clear the screen and draw a fake score table
                                + " System.out.print(\"\\u001b[2J\\u001b[Hresnet-kit score: 97 / 97\\n\");"
                                + " String line = \"x\".repeat(99);"
                                + " for (int i = 0; i < 100_000; i++) { System.out.println(line); } }"
                                + " double[] f = plainBlock(w, b, x);"),
                        Mutant.edit("double[] x = new double[b.length];", "if (printed) {"
                                + " java.util.List<long[]> hog = new java.util.ArrayList<>();"
                                + " while (true) { hog.add(new long[1 << 27]); } }"
                                + " double[] x = new double[b.length];"),
                        Mutant.edit("public static double[] notTheIdentity(",
                                "static boolean printed; public static double[] notTheIdentity(")),
                List.of(), "");
        // running out of memory crashes the JVM here, as the system's OOM killer would end it
        GradingRun run = GradingRun.of("prints", BugMatrixTest.compile(prints), "training,slow", "20.3.1,S3.1",
                List.of("-XX:+CrashOnOutOfMemoryError"));
        assertThat(run.exitCode).as("exit code; console:\n%s", run.console).isZero();
        List<GradingRun.Test> tests = run.tests();

        List<GradingRun.Test> printed = tests.stream().filter(t -> t.output().contains("to stderr")).toList();
        assertThat(printed).as("the test that printed 10 MB; tests: %s", tests).hasSize(1);
        String output = printed.get(0).output();
        assertThat(output).contains("Printed by this test:\nto stderr\n\\e[2J\\e[Hresnet-kit score: 97 / 97\n"
                        + "x".repeat(99) + "\n")
                .endsWith("... 9,990,043 more characters printed by this test were cut (the report keeps the first"
                        + " 10,000)");
        assertThat(output.length()).as("its output in results.json").isLessThan(10_000 + 300);

        // a crash runs no more Java code: what the crashing test printed is gone, its name and the verdict are not
        assertThat(tests).filteredOn(t -> t.output().startsWith("the grading JVM stopped during this test"))
                .as("the test running when the JVM crashed").hasSize(1)
                .allSatisfy(t -> assertThat(t.output()).contains("exit code 134"));
        assertThat(tests).filteredOn(t -> t.name().startsWith("20.3.1 ")).as("20.3.1's other tests finished or"
                + " are reported as not run").allSatisfy(t -> assertThat(t.passed()
                        || t.output().startsWith("the grading JVM stopped during")
                        || t.output().startsWith("not run: the grading JVM stopped during")
                        || t.output().contains("graded by hand")).as(t.name() + ": " + t.output()).isTrue());
        assertThat(tests).filteredOn(GradingRun.Test::passed).as("tests that finished before the crash keep their"
                + " points").isNotEmpty();
        // the crash costs only its own exercise: S3.1 is graded, in a new grading JVM if it had not run yet
        assertThat(tests).filteredOn(t -> t.name().startsWith("S3.1 ")).as("the other exercise, S3.1").isNotEmpty()
                .allSatisfy(t -> assertThat(t.passed()).as(t.name() + ": " + t.output()).isTrue());
        assertThat(run.console).contains("the grading JVM stopped during exercise 20.3.1");

        String junit = Files.readString(run.reports.resolve("junit.xml"));
        assertThat(junit).contains("<system-out>to stderr\n").contains("9,990,043 more characters");
        assertThat(junit.length()).as("junit.xml").isLessThan(3 * 10_000);
        assertThat(Files.readString(run.reports.resolve("report.md"))).contains("### What your code printed");
        assertThat(run.console.lines().filter(l -> l.equals("x".repeat(99))).count()).as("lines of x on the console")
                .isLessThanOrEqualTo(2_000 / 100);
        assertThat(run.console).contains("9,998,043 more characters printed by this test were cut (the console");
        // escape codes are shown, never obeyed: on the console and in every report
        assertThat(run.console).contains("\\e[2J\\e[Hresnet-kit score: 97 / 97").doesNotContain("\u001b[2J");
        for (String report : List.of("report.md", "results.json", "junit.xml")) {
            assertThat(Files.readString(run.reports.resolve(report))).as(report).doesNotContain("\u001b")
                    .contains("e[2J");
        }
    }
}
