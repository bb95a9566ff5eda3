package resnetkit.selftest;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** exercises/ and solutions/ expose the same public API, so the graded tests compile and run against both. */
class SameApiTest {

    @Test
    void exercises_and_solutions_have_the_same_public_classes_methods_and_fields() throws Exception {
        Path root = Path.of(System.getProperty("kit.root", ".."));
        List<String> solutions = api(root.resolve("solutions/target/classes"));
        assertThat(solutions).as("public API of solutions/").hasSizeGreaterThan(20);
        assertThat(api(root.resolve("exercises/target/classes")))
                .as("public API of exercises/ (left) against solutions/ (right)")
                .containsExactlyElementsOf(solutions);
    }

    /** One line per public class, constructor, method and field, sorted. */
    static List<String> api(Path classes) throws IOException, ClassNotFoundException {
        assertThat(classes).as("compiled classes (run the build first)").isDirectory();
        TreeSet<String> lines = new TreeSet<>();
        ClassLoader parent = SameApiTest.class.getClassLoader();
        List<String> names;
        try (Stream<Path> walk = Files.walk(classes)) {
            names = walk.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p).toString().replace(File.separatorChar, '.')
                            .replaceAll("\\.class$", ""))
                    .toList();
        }
        // a loader of its own, so each module's classes shadow whatever the test classpath holds
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, parent) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                synchronized (getClassLoadingLock(name)) {
                    if (name.startsWith("resnetkit.blocks") || name.startsWith("resnetkit.family")) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : findClass(name);
                    }
                    return super.loadClass(name, resolve);
                }
            }
        }) {
            for (String name : names) {
                Class<?> c = Class.forName(name, false, loader);
                if (!Modifier.isPublic(c.getModifiers())) {
                    continue;
                }
                lines.add("class " + c.getName() + " " + Modifier.toString(c.getModifiers()));
                for (var ctor : c.getConstructors()) {
                    lines.add(c.getName() + "(" + Arrays.toString(ctor.getParameterTypes()) + ")");
                }
                for (Method m : c.getDeclaredMethods()) {
                    if (Modifier.isPublic(m.getModifiers())) {
                        lines.add(c.getName() + "." + m.getName() + Arrays.toString(m.getParameterTypes()) + " -> "
                                + m.getReturnType().getName() + " " + Modifier.toString(m.getModifiers()));
                    }
                }
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isPublic(f.getModifiers())) {
                        lines.add(c.getName() + "#" + f.getName() + " " + f.getType().getName());
                    }
                }
            }
        }
        return new ArrayList<>(lines);
    }
}
