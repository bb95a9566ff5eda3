package resnetkit.grader.worker;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.platform.engine.discovery.ClassNameFilter;
import resnetkit.grader.api.Exercise;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The graded test classes of each exercise, read from their class files (ArchUnit's import) without loading a
 * class. The watch mode's spare grading JVM reads it while it waits, so that after a save JUnit loads and scans
 * the test classes of the saved exercise only; which tests run is still decided by the run's filters alone
 * ({@link ExerciseFilter}): the index only spares the others' loading.
 */
final class GradedIndex {

    private final Map<String, Set<String>> classesByExercise;

    private GradedIndex(Map<String, Set<String>> classesByExercise) {
        this.classesByExercise = classesByExercise;
    }

    /** The index of the graded tests in {@code pkg} (and the packages below it) on this JVM's class path. */
    static GradedIndex read(String pkg) {
        Map<String, Set<String>> index = new HashMap<>();
        for (JavaClass c : new ClassFileImporter().importPackages(pkg)) {
            if (c.isAnnotatedWith(Exercise.class)) {
                Object id = c.getAnnotationOfType(Exercise.class.getName()).get("id").orElse("");
                index.computeIfAbsent(id.toString(), k -> new TreeSet<>()).add(c.getName());
            }
        }
        return new GradedIndex(index);
    }

    /** A filter that leaves every class but the test classes of {@code exercises} (and their nested classes) unloaded. */
    ClassNameFilter only(Set<String> exercises) {
        List<String> patterns = exercises.stream().flatMap(id -> classesByExercise.getOrDefault(id, Set.of()).stream())
                .map(name -> Pattern.quote(name) + "(\\$.*)?").toList();
        // no class of those exercises: a pattern nothing matches, so the run plans no test, as without the index
        return ClassNameFilter.includeClassNamePatterns(patterns.isEmpty() ? List.of("$^").toArray(String[]::new)
                : patterns.toArray(String[]::new));
    }
}
