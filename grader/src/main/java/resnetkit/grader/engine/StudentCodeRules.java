package resnetkit.grader.engine;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Structural rules over the classes under grade, checked before any of them runs (ArchUnit reads their
 * bytecode): no {@code System.exit} and no {@code Runtime}, no threads, no reflection and no use of the
 * grader, no file writes (experiments write through the kit's toolkit, into {@code target/}), no network.
 */
public final class StudentCodeRules {

    /** The packages students edit. */
    static final String[] STUDENT_PACKAGES = {"resnetkit.blocks..", "resnetkit.family..", "resnetkit.highway..",
            "resnetkit.degradation..", "resnetkit.dropblock.."};

    /** Methods of {@link java.nio.file.Files} that write, move or delete; reading (exists, list, read...) is fine. */
    static final DescribedPredicate<JavaMethodCall> WRITES_FILES = new DescribedPredicate<>(
            "a method of java.nio.file.Files that writes, copies, moves or deletes") {
        @Override
        public boolean test(JavaMethodCall call) {
            return call.getTargetOwner().isEquivalentTo(java.nio.file.Files.class)
                    && call.getName().matches("write.*|newOutputStream|newBufferedWriter|copy|move|delete.*|createFile"
                    + "|createTemp.*");
        }
    };

    private StudentCodeRules() {
    }

    /** The rules, each with the message a student sees. */
    static List<ArchRule> rules() {
        return List.of(
                noClasses().should().callMethod(System.class, "exit", int.class)
                        .because("exercise code must not end the JVM (System.exit): return or throw instead"),
                noClasses().should().accessClassesThat().belongToAnyOf(Runtime.class, ProcessBuilder.class)
                        .because("exercise code must not use Runtime or start processes"),
                noClasses().should().dependOnClassesThat().areAssignableTo(Thread.class)
                        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
                        .because("exercise code must not start threads"),
                noClasses().should().dependOnClassesThat().resideInAnyPackage("java.lang.reflect..",
                                "resnetkit.grader..", "resnetkit.graded..")
                        .because("exercise code must not use reflection or the grader"),
                noClasses().should().callMethodWhere(WRITES_FILES)
                        .orShould().dependOnClassesThat().belongToAnyOf(java.io.FileOutputStream.class,
                                java.io.FileWriter.class, java.io.RandomAccessFile.class)
                        .because("exercise code must not write files (experiments write through the kit's"
                                + " toolkit, into target/)"),
                noClasses().should().dependOnClassesThat().resideInAnyPackage("java.net..", "javax.net..")
                        .because("exercise code must not use the network"));
    }

    /**
     * Checks the classes under grade, found where {@code resnetkit/blocks/BasicBlock.class} is on the classpath.
     *
     * @return one message per broken rule; empty when all hold or no classes under grade are found
     */
    public static List<String> check() {
        URL anchor = StudentCodeRules.class.getClassLoader().getResource("resnetkit/blocks/BasicBlock.class");
        if (anchor == null) {
            return List.of();
        }
        String url = anchor.toString();
        String root = url.substring(0, url.length() - "resnetkit/blocks/BasicBlock.class".length());
        try {
            JavaClasses classes = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importUrl(new URL(root))
                    .that(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(STUDENT_PACKAGES));
            return check(classes);
        } catch (java.net.MalformedURLException e) {
            return List.of();
        }
    }

    /** The broken rules' messages for {@code classes}. */
    public static List<String> check(JavaClasses classes) {
        List<String> messages = new ArrayList<>();
        for (ArchRule rule : rules()) {
            EvaluationResult result = rule.allowEmptyShould(true).evaluate(classes);
            if (result.hasViolation()) {
                List<String> details = result.getFailureReport().getDetails();
                String first = details.isEmpty() ? "" : details.get(0);
                messages.add(rule.getDescription().replaceFirst("^.*, because ", "") + " (" + first
                        + (details.size() > 1 ? ", and " + (details.size() - 1) + " more" : "") + ")");
            }
        }
        return messages;
    }
}
