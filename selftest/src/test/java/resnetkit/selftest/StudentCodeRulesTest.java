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
 * The grader's structural rules reject what they are for, and only that. (What slips past them, the runtime guard
 * refuses: HostileCodeTest; a crash costs only the tests it stopped: StudentOutputTest.)
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
}
