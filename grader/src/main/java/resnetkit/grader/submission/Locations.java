package resnetkit.grader.submission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where classes are on a class path, found from their class files' resources without loading a class: the roots
 * (folders or jars) of the submission's classes, and of the grader's engine and tests. The grading JVM tells the
 * guard which code is the student's by these; the supervisor, which never loads a student class, digests the
 * grader from them.
 */
public final class Locations {

    private Locations() {
    }

    /** The roots holding the exercise classes ({@link StudentFiles#EXERCISE_CLASSES}) as {@code loader} sees them. */
    public static Set<Path> studentCode(ClassLoader loader) {
        Set<Path> roots = new LinkedHashSet<>();
        for (String c : StudentFiles.EXERCISE_CLASSES.keySet()) {
            String file = c.replace('.', '/') + ".class";
            URL url = loader.getResource(file);
            if (url != null) {
                roots.add(root(url, file));
            }
        }
        return roots;
    }

    /** Every root that holds something of the package {@code path} ("resnetkit/graded"), as {@code loader} sees it. */
    public static Set<Path> rootsOf(ClassLoader loader, String path) {
        Set<Path> roots = new LinkedHashSet<>();
        try {
            for (URL url : Collections.list(loader.getResources(path))) {
                roots.add(root(url, path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the class path's " + path, e);
        }
        return roots;
    }

    /** The folder or jar of a resource {@code url} for the resource {@code name}. */
    static Path root(URL url, String name) {
        try {
            if (url.getProtocol().equals("jar")) {
                return Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
            }
            Path file = Path.of(url.toURI());
            Path root = file;
            for (int i = 0; i < name.split("/").length; i++) {
                root = root.getParent();
            }
            return root;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot tell where " + url + " comes from", e);
        }
    }
}
