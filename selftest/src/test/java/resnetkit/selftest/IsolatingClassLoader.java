package resnetkit.selftest;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;

/**
 * Loads the grader, its graded tests, the classes under grade and the given types in their packages for one
 * grading run, child-first, while everything else (DL4J, ND4J with its native library, JUnit, jqwik, the
 * kit's toolkit and datasets) comes once from this JVM's class loader. So a JVM can grade one mutant after another without starting ND4J again,
 * and each run sees only its own student classes and a grader linked against them.
 */
final class IsolatingClassLoader extends URLClassLoader {

    IsolatingClassLoader(String name, URL[] urls, ClassLoader parent) {
        super(name, urls, parent);
    }

    /**
     * Classes of the grader, the graded tests and the student packages: loaded here, never by the parent. The
     * runtime guard is not: there is one per JVM, its agent's.
     */
    static boolean isolated(String className) {
        return className.startsWith("resnetkit.") && !className.startsWith("resnetkit.toolkit.")
                && !className.startsWith("resnetkit.datasets.") && !className.startsWith("resnetkit.selftest.")
                && !className.startsWith("resnetkit.grader.guard.");
    }

    /** Resources of those packages, the written answers and the graded tests' JUnit configuration. */
    static boolean isolatedResource(String path) {
        return path.startsWith("resnetkit/") ? isolated(path.replace('/', '.'))
                : path.startsWith("answers/") || path.equals("junit-platform.properties");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!isolated(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = findClass(name); // not in this run's classes: ClassNotFoundException, never the parent's copy
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        return isolatedResource(name) ? findResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        // JUnit finds the graded test classes by listing the roots of their package: only this run's roots
        return isolatedResource(name) ? findResources(name) : super.getResources(name);
    }
}
