package resnetkit.selftest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.commons.support.ReflectionSupport;
import resnetkit.grader.api.Exercise;
import resnetkit.grader.api.Points;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The graded tests on this JVM's class path (the grader's test jar): their classes and methods, by name. */
final class GradedTests {

    private GradedTests() {
    }

    /** Every graded test method (a method with {@link Points} in a class with {@link Exercise}). */
    static List<Method> methods() {
        List<Method> methods = new ArrayList<>();
        for (Class<?> c : ReflectionSupport.findAllClassesInPackage("resnetkit.graded",
                k -> k.isAnnotationPresent(Exercise.class), name -> true)) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Points.class)) {
                    methods.add(m);
                }
            }
        }
        return methods;
    }

    /** The graded test methods' names. */
    static Set<String> methodNames() {
        Set<String> names = new TreeSet<>();
        methods().forEach(m -> names.add(m.getName()));
        return names;
    }

    /**
     * Whether {@code name}, a graded test's name as reports show it ("20.2.1 the relu comes after the addition",
     * "20.2.4 RESNET18 has 11689512 trainable parameters", "S3.2 hidden: ..."), or the start of such a name, is a
     * run of {@code m}.
     */
    static boolean names(Method m, String name) {
        String exercise = m.getDeclaringClass().getAnnotation(Exercise.class).id();
        if (!name.startsWith(exercise + " ")) {
            return false;
        }
        String rest = name.substring(exercise.length() + 1).replaceFirst("^hidden: ", "");
        if (m.getName().replace('_', ' ').startsWith(rest)) {
            return true;
        }
        ParameterizedTest p = m.getAnnotation(ParameterizedTest.class);
        if (p == null) {
            return false;
        }
        // the name may stop anywhere in the pattern (the bug matrix names a test by the start of its name)
        String[] literals = p.name().replace('_', ' ').split("\\{\\d+}", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < literals.length; i++) {
            for (int cut = 0; cut <= literals[i].length(); cut++) {
                if (rest.matches(regex + Pattern.quote(literals[i].substring(0, cut)))) {
                    return true;
                }
            }
            regex.append(Pattern.quote(literals[i])).append(i + 1 < literals.length ? ".+" : "");
        }
        return false;
    }

    /** "BasicBlockTest#the_relu_comes_after_the_addition" of each graded test method. */
    static Set<String> qualifiedNames() {
        Set<String> names = new TreeSet<>();
        methods().forEach(m -> names.add(m.getDeclaringClass().getSimpleName() + "#" + m.getName()));
        return names;
    }
}
