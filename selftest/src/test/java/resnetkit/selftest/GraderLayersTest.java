package resnetkit.selftest;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import resnetkit.grader.guard.GuardJar;

import java.nio.file.Path;
import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertAll;

/**
 * The grader's packages keep the trust boundary's directions (docs/instructors.md, "The grader's layout"): the
 * supervisor never reaches what loads or runs student code, the grading JVM's worker never reaches the supervisor
 * or a report, the guard stands alone, and the shared model (scoring, journal) depends on nothing that runs.
 */
class GraderLayersTest {

    private static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();
    private static final String[] STUDENT = {"resnetkit.blocks..", "resnetkit.family..", "resnetkit.highway..",
        "resnetkit.degradation..", "resnetkit.dropblock.."};

    @Test
    void dependencies_point_one_way() {
        JavaClasses grader = new ClassFileImporter().importPath(ROOT.resolve("grader/target/classes"));
        List<ArchRule> rules = List.of(
                noClasses().that().resideInAPackage("..grader.supervisor..").should().dependOnClassesThat(
                        resideInAnyPackage("..grader.worker..", "..grader.rules..", "..grader.support..",
                                "..grader.oracle..", "resnetkit.graded..").or(resideInAnyPackage(STUDENT))
                                .or(resideInAPackage("..grader.guard..").and(not(type(GuardJar.class)))))
                        .because("the supervisor never loads student code, nor what runs it"),
                noClasses().that().resideInAPackage("..grader.worker..").should().dependOnClassesThat()
                        .resideInAnyPackage("..grader.supervisor..", "..grader.report..")
                        .because("the grading JVM writes the journal only; the supervisor writes every report"),
                noClasses().that().resideInAPackage("..grader.guard..").should().dependOnClassesThat()
                        .resideInAnyPackage("resnetkit.grader.api..", "resnetkit.grader.journal..",
                                "resnetkit.grader.report..", "resnetkit.grader.rules..", "resnetkit.grader.scoring..",
                                "resnetkit.grader.submission..", "resnetkit.grader.supervisor..",
                                "resnetkit.grader.worker..", "resnetkit.grader.support..", "resnetkit.grader.oracle..")
                        .because("the guard stands alone: an agent, a bridge and its policy"),
                noClasses().that().resideInAPackage("..grader.journal..").should().dependOnClassesThat()
                        .resideInAnyPackage("..grader.supervisor..", "..grader.worker..", "..grader.report..",
                                "..grader.guard..").because("both JVMs share the journal"),
                noClasses().that().resideInAnyPackage("..grader.scoring..", "..grader.api..").should()
                        .dependOnClassesThat().resideInAnyPackage("..grader.supervisor..", "..grader.worker..",
                                "..grader.report..", "..grader.guard..", "..grader.journal..")
                        .because("the outcome model and the options depend on nothing that runs"),
                noClasses().that().resideInAPackage("..grader.report..").should().dependOnClassesThat()
                        .resideInAnyPackage("..grader.supervisor..", "..grader.worker..", "..grader.guard..")
                        .because("a report is made from a score alone"));
        assertAll(rules.stream().map(r -> () -> r.check(grader)));
    }
}
