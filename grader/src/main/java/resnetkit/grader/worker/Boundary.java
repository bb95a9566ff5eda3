package resnetkit.grader.worker;

import resnetkit.datasets.DataLocator;
import resnetkit.grader.api.GradingOptions;
import resnetkit.grader.guard.GuardScope;
import resnetkit.grader.submission.Locations;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where the trust boundary runs in one grading run, for the guard ({@link GuardScope}): the submission's classes
 * are the student's code; exercise code may read the JDK, the libraries and the kit's data, write only its
 * temporary folder, and never read the grader (its classes, its tests, its reports, its journal).
 */
final class Boundary {

    private Boundary() {
    }

    /**
     * The scope of a run whose classes come from {@code loader}.
     *
     * @param loader     the loader of the graded tests and the classes under grade
     * @param studentTmp the folder exercise code may write (and the JVM's java.io.tmpdir, in a grading JVM)
     * @param secret     folders exercise code may never read, besides the grader's classes and reports: the journal's
     */
    static GuardScope of(ClassLoader loader, Path studentTmp, List<Path> secret) {
        Set<Path> studentCode = Locations.studentCode(loader);
        List<Path> grader = new ArrayList<>();
        grader.addAll(Locations.rootsOf(loader, "resnetkit/grader"));
        grader.addAll(Locations.rootsOf(loader, "resnetkit/graded"));
        grader.removeAll(studentCode);

        List<Path> unreadable = new ArrayList<>(grader);
        unreadable.add(GradingOptions.reports());
        unreadable.addAll(secret);
        List<Path> readable = new ArrayList<>();
        for (Path entry : classPath(loader)) {
            if (!grader.contains(entry) && !isOtherStudentModule(entry)) {
                readable.add(entry);
            }
        }
        readable.add(Path.of(System.getProperty("java.home")));
        readable.addAll(studentCode);
        for (Supplier<Path> data : List.<Supplier<Path>>of(DataLocator::fashionMnist, DataLocator::models,
                DataLocator::photos)) {
            try {
                readable.add(data.get());
            } catch (RuntimeException notThere) {
                // a copy of the kit without that data: nothing there to read
            }
        }
        Path javacpp = Path.of(System.getProperty("user.home"), ".javacpp");
        readable.add(javacpp);
        // what the JDK and ND4J read about the machine: processor counts, memory, time zones, random numbers
        for (String system : List.of("/proc", "/sys", "/dev/urandom", "/dev/random", "/dev/null", "/etc",
                "/usr/share/zoneinfo")) {
            readable.add(Path.of(system));
        }
        return new GuardScope(studentCode, readable, unreadable, List.of(studentTmp), List.of(javacpp));
    }

    /**
     * Whether a class-path entry is a copy of the student's module other than the one under grade: the kit's
     * solutions or stubs, or the self-test (whose bug matrix holds edits of the solutions), which the kit's own
     * in-process grading has on its class path.
     */
    private static boolean isOtherStudentModule(Path entry) {
        for (Path part : entry) {
            String name = part.toString();
            if (name.equals("solutions") || name.equals("exercises") || name.equals("selftest")) {
                return true;
            }
        }
        return false;
    }

    /** Every class-path entry {@code loader} and its parents see: folders and jars. */
    private static Set<Path> classPath(ClassLoader loader) {
        Set<Path> entries = new LinkedHashSet<>();
        // surefire's JVM runs from a manifest-only jar; the real class path is in its property
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path", ""));
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(Path.of(e).toAbsolutePath());
            }
        }
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    try {
                        entries.add(Path.of(url.toURI()));
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        // not a file: nothing to read on disk
                    }
                }
            }
        }
        return entries;
    }
}
