package resnetkit.selftest;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import resnetkit.grader.rules.StudentCodeRules;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grader's structural rules reject what they are for, and only that; an exit that slips past them costs only
 * the tests it stopped.
 */
class StudentCodeRulesTest {

    private static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();

    @Test
    void a_class_that_breaks_every_rule_gets_one_message_per_rule() {
        List<String> messages = StudentCodeRules.check(new ClassFileImporter()
                .importPackages("resnetkit.highway.rulefixtures"));
        assertThat(messages).hasSize(6);
        assertThat(String.join("\n", messages))
                .contains("must not end the JVM (System.exit)")
                .contains("must not use Runtime")
                .contains("must not start threads")
                .contains("must not use reflection or the grader")
                .contains("must not write files")
                .contains("must not use the network")
                .contains("BreaksEveryRule");
    }

    @Test
    void a_broken_rule_in_a_class_no_exercise_owns_counts_for_every_exercise() {
        assertThat(StudentCodeRules.checkByExercise(new ClassFileImporter()
                .importPackages("resnetkit.highway.rulefixtures")))
                .containsOnlyKeys(StudentCodeRules.EVERY_EXERCISE);
    }

    /** System.exit in IdentityIsEasy costs exercise 20.3.1 its points, and no other exercise any. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void a_forbidden_call_fails_only_the_exercise_whose_code_holds_it() throws Exception {
        Mutant exit = BugMatrix.MUTANTS.stream().filter(m -> m.name().equals("exit-in-identity-is-easy")).findFirst()
                .orElseThrow();
        Path classes = BugMatrixTest.compile(exit);
        assertThat(StudentCodeRules.checkByExercise(new ClassFileImporter().importPath(classes)))
                .as("broken rules by exercise").containsOnlyKeys("20.3.1");
        List<GradingRun.Test> tests = GradingRun.of("rules-by-exercise", classes, "training", "20.3.1,S3.1").tests();
        assertThat(tests).filteredOn(t -> t.name().startsWith("S3.1 ")).as("tests of S3.1, whose code is right")
                .isNotEmpty().allSatisfy(t -> assertThat(t.passed()).as(t.name()).isTrue());
        assertThat(tests).filteredOn(t -> t.name().startsWith("20.3.1 ") && !t.output().contains("by hand"))
                .as("tests of 20.3.1, whose code calls System.exit").isNotEmpty()
                .allSatisfy(t -> assertThat(t.passed()).as(t.name()).isFalse());
    }

    @Test
    void reading_files_is_allowed() {
        assertThat(StudentCodeRules.check(new ClassFileImporter().importPackages("resnetkit.degradation.readsonly")))
                .as("rule violations of a class that only reads files").isEmpty();
    }

    @Test
    void the_solutions_and_the_stubs_follow_the_rules() {
        for (String module : List.of("solutions", "exercises")) {
            Path classes = ROOT.resolve(module).resolve("target/classes");
            assertThat(StudentCodeRules.check(new ClassFileImporter().importPath(classes)
                    .that(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage(
                            "resnetkit.highway.rulefixtures"))))
                    .as("rule violations in %s", module).isEmpty();
        }
    }

    /**
     * A JVM exit the rules do not see (a method reference to {@code System.exit}, which ArchUnit's call rule
     * misses) still leaves a report: the tests that finished keep their results, the test that was running
     * and those after it get 0 with a message, and the grade command exits 0.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // about 20 s on 2 cores
    void a_jvm_exit_that_slips_past_the_rules_costs_only_the_tests_it_stopped() throws Exception {
        Mutant exits = new Mutant("exits-through-a-method-reference", "System.exit through a method reference",
                BugMatrix.IDENTITY, List.of(Mutant.edit("double[] f = plainBlock(w, b, x);",
                "((java.util.function.IntConsumer) System::exit).accept(3); double[] f = plainBlock(w, b, x);")),
                List.of(), "");
        GradingRun run = GradingRun.of("exits", BugMatrixTest.compile(exits), "training,slow", "20.2.2,20.3.1");
        assertThat(run.exitCode).as("exit code of the grade command; its output:\n%s", run.console).isZero();
        List<GradingRun.Test> tests = run.tests();
        assertThat(tests).as("graded tests in the report").isNotEmpty();
        assertThat(tests).filteredOn(t -> t.output().startsWith("the grading JVM stopped during this test"))
                .as("the test that was running when the JVM ended").hasSize(1)
                .allSatisfy(t -> assertThat(t.name()).startsWith("20.3.1"));
        assertThat(tests).as("every other test finished or is reported as not run")
                .allSatisfy(t -> assertThat(t.passed() || t.output().startsWith("the grading JVM stopped during")
                        || t.output().startsWith("did not run: the grading JVM stopped")).isTrue());
        assertThat(tests).filteredOn(GradingRun.Test::passed).as("tests that finished before the exit keep"
                + " their points").isNotEmpty();
    }
}
