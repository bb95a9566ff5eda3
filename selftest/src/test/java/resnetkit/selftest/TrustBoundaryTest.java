package resnetkit.selftest;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import resnetkit.grader.submission.StudentFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trust boundary (docs/instructors.md, "What a submission is"): the student's module holds the exercise classes and a
 * few given types only, {@link StudentFiles} names exactly those, and the graded tests reach the student's
 * module only through the exercise classes and those given types: everything they compute an expectation
 * with is the kit's (given, toolkit, datasets, the grader).
 */
class TrustBoundaryTest {

    private static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();

    @Test
    void the_student_files_are_the_sources_with_your_code_regions_and_the_written_answers() throws IOException {
        Path main = ROOT.resolve("solutions/src/main");
        Set<String> withRegions = new TreeSet<>();
        Set<String> others = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(main.resolve("java"))) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = main.resolve("java").relativize(p).toString().replace('\\', '/')
                        .replace(".java", "").replace('/', '.');
                (Files.readString(p).contains("// >>> YOUR CODE:") ? withRegions : others).add(name);
            }
        }
        assertThat(withRegions).as("the solutions' sources with YOUR CODE regions")
                .containsExactlyInAnyOrderElementsOf(StudentFiles.EXERCISE_CLASSES.keySet());
        assertThat(others).as("the other sources of the student's module: given types the exercises take")
                .containsExactlyInAnyOrderElementsOf(StudentFiles.GIVEN_IN_MODULE);
        try (Stream<Path> answers = Files.list(main.resolve("resources/answers"))) {
            assertThat(answers.map(p -> "answers/" + p.getFileName()).sorted().toList())
                    .as("the written answers").containsExactlyInAnyOrderElementsOf(StudentFiles.ANSWERS);
        }
    }

    @Test
    void graded_tests_reach_the_students_module_only_through_exercise_classes_and_its_given_types() {
        Set<String> module = new ClassFileImporter().importPath(ROOT.resolve("solutions/target/classes")).stream()
                .map(JavaClass::getName).collect(Collectors.toSet());
        assertThat(module).as("classes of solutions/ (build the kit first)").isNotEmpty();
        DescribedPredicate<JavaClass> untrusted = new DescribedPredicate<>(
                "classes of the student's module other than the exercise classes and its given types") {
            @Override
            public boolean test(JavaClass c) {
                String outer = c.getName().contains("$") ? c.getName().substring(0, c.getName().indexOf('$'))
                        : c.getName();
                return module.contains(c.getName()) && !StudentFiles.EXERCISE_CLASSES.containsKey(outer)
                        && !StudentFiles.GIVEN_IN_MODULE.contains(outer);
            }
        };
        JavaClasses graded = new ClassFileImporter().importPath(ROOT.resolve("grader/target/test-classes"));
        assertThat(graded.stream().filter(c -> c.getPackageName().startsWith("resnetkit.graded")).count())
                .as("graded test classes").isGreaterThan(10);
        EvaluationResult result = noClasses().that().resideInAPackage("resnetkit.graded..")
                .should().dependOnClassesThat(untrusted).evaluate(graded);
        assertThat(result.getFailureReport().getDetails()).as("graded tests that use a class of the student's"
                + " module other than an exercise class or a given type").isEmpty();

        // and of an exercise class, only its exercise methods (each with a YOUR CODE region) and constants
        Set<String> exerciseMethods = new TreeSet<>();
        for (String c : StudentFiles.EXERCISE_CLASSES.keySet()) {
            Path source = ROOT.resolve("solutions/src/main/java").resolve(c.replace('.', '/') + ".java");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("// >>> YOUR CODE: Exercise \\S+ (\\w+\\.\\w+)")
                    .matcher(readString(source));
            while (m.find()) {
                exerciseMethods.add(m.group(1));
            }
        }
        Set<String> givenMethodsCalled = new TreeSet<>();
        for (JavaClass c : graded) {
            c.getMethodCallsFromSelf().forEach(call -> {
                String owner = call.getTargetOwner().getName();
                String method = call.getTargetOwner().getSimpleName() + "." + call.getName();
                if (StudentFiles.EXERCISE_CLASSES.containsKey(owner) && !exerciseMethods.contains(method)) {
                    givenMethodsCalled.add(method + " (from " + c.getSimpleName() + ")");
                }
            });
        }
        assertThat(givenMethodsCalled).as("given methods of exercise classes called by graded tests (exercise"
                + " methods: %s)", exerciseMethods).isEmpty();
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
