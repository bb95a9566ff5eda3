package resnetkit.selftest;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Grades every hostile file of {@link HostileCode} with the reference for the other exercises, in this JVM under
 * its runtime guard, and judges the result: each must lose only its own exercise's points (20.3.1), with the
 * guard's refusal as the feedback, while the witness exercise (S3.1) keeps every point. {@link HostileCodeTest}
 * runs it in the kit's test JVM, and through {@link #main} in a JVM of the other JDK.
 */
final class HostileMatrix {

    /** The exercise the hostile files belong to, and the witness graded beside it. */
    static final String HOST = "20.3.1";
    static final String WITNESS = "S3.1";
    /** The line {@link #main} prints before the matrix's JSON. */
    static final String MARKER = "hostile matrix:";

    private HostileMatrix() {
    }

    /** One hostile file's grading: its tests (instructor feedback) and the refusal expected, if any. */
    record Run(String name, List<GradingRun.Test> tests, String console, String refusal) {

        List<GradingRun.Test> host() {
            return tests.stream().filter(t -> t.name().startsWith(HOST + " ")).toList();
        }

        List<GradingRun.Test> witness() {
            return tests.stream().filter(t -> t.name().startsWith(WITNESS + " ")).toList();
        }

        /** The host's automatically graded tests that failed. */
        List<GradingRun.Test> failed() {
            return host().stream().filter(t -> !t.passed() && !t.output().contains("by hand")).toList();
        }

        /** What is wrong with this run; empty when it went as it must. */
        List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (witness().isEmpty() || !witness().stream().allMatch(GradingRun.Test::passed)) {
                problems.add(name + ": the witness " + WITNESS + " lost points: " + witness());
            }
            if (refusal != null && (failed().isEmpty() || !failed().stream().allMatch(t -> t.output().contains(refusal)))) {
                problems.add(name + ": " + HOST + " must lose points with feedback containing \"" + refusal + "\": "
                        + host());
            }
            if (refusal == null && console.contains("grader itself failed")) {
                problems.add(name + ": the run broke: " + console);
            }
            if (console.contains("yv66vg")) {
                problems.add(name + ": a class file (base64 of CAFEBABE) was printed");
            }
            return problems;
        }

        /** One row of the printed matrix. */
        String row() {
            return String.format(Locale.ROOT, "%-42s %s %2d/%-2d  %s %d/%d  %s", name, HOST,
                    host().size() - failed().size(), host().size(), WITNESS,
                    witness().stream().filter(GradingRun.Test::passed).count(), witness().size(),
                    failed().isEmpty() ? "-" : failed().get(0).output().lines().findFirst().orElse(""));
        }
    }

    /** Grades every hostile file; the mutants are compiled once (into selftest/target/mutants) and reused. */
    static List<Run> gradeAll() throws Exception {
        List<Run> runs = new ArrayList<>();
        for (HostileCode.Hostile h : HostileCode.CASES) {
            runs.add(grade(h.mutant(), h.refusal()));
        }
        runs.add(grade(HostileCode.IN_GRADER_PACKAGE, HostileCode.IN_GRADER_PACKAGE.feedback()));
        return runs;
    }

    private static Run grade(Mutant mutant, String refusal) throws Exception {
        Path classes = BugMatrixTest.mutantClasses(mutant);
        GradingRun run = GradingRun.inThisJvm(mutant.name(), classes, "training,slow", HOST + "," + WITNESS);
        return new Run(mutant.name(), run.instructorTests(), run.console, refusal);
    }

    /** Grades the matrix in this JVM (another JDK's, started by the test) and prints it as JSON after {@link #MARKER}. */
    public static void main(String[] args) throws Exception {
        List<Run> runs = gradeAll();
        System.out.println(MARKER + new ObjectMapper().writeValueAsString(runs));
        System.exit(0); // DL4J's threads
    }
}
