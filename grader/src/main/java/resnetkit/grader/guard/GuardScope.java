package resnetkit.grader.guard;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the guard draws its lines during one grading run: which code is the student's, and which files exercise
 * code may read and write. The grading JVM makes one before any student class loads ({@code worker.Boundary}).
 *
 * @param studentCode  the class-path roots (folders or jars) the submission's classes come from: a class is the
 *                     student's when its code source is one of them, whatever its package
 * @param readable     roots exercise code may read below: the JDK, the libraries, the kit's data
 * @param unreadable   roots it may never read, even below a readable one: the grader, its reports and journal
 * @param writable     roots it may write below (and read): the temporary folder the grader gives it
 * @param libraryCache roots that only the native libraries' own code may write: JavaCPP's cache
 */
public record GuardScope(Set<Path> studentCode, List<Path> readable, List<Path> unreadable, List<Path> writable,
                         List<Path> libraryCache) {

    public GuardScope {
        studentCode = Set.copyOf(real(studentCode));
        readable = real(readable);
        unreadable = real(unreadable);
        writable = real(writable);
        libraryCache = real(libraryCache);
    }

    /** Whether classes loaded from {@code location} are the student's. */
    boolean isStudentCode(Path location) {
        return location != null && studentCode.contains(location);
    }

    /** Whether exercise code may read {@code file}. */
    boolean mayRead(Path file) {
        Path p = real(file);
        return !below(p, unreadable) && (below(p, readable) || below(p, writable));
    }

    /** Whether exercise code may write {@code file}. */
    boolean mayWrite(Path file) {
        Path p = real(file);
        return !below(p, unreadable) && below(p, writable);
    }

    /**
     * Whether a native library may be loaded from {@code file}: installed with the JDK, the libraries or JavaCPP's
     * cache, never in a folder exercise code may write.
     */
    boolean mayLoadNative(Path file) {
        Path p = real(file);
        return !below(p, unreadable) && !below(p, writable) && (below(p, readable) || below(p, libraryCache));
    }

    /** Whether the native libraries' own code may write {@code file}. */
    boolean libraryMayWrite(Path file) {
        Path p = real(file);
        return !below(p, unreadable) && below(p, libraryCache);
    }

    private static boolean below(Path p, Collection<Path> roots) {
        for (Path root : roots) {
            if (p.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> real(Collection<Path> paths) {
        return paths.stream().filter(Objects::nonNull).map(GuardScope::real).distinct().collect(Collectors.toList());
    }

    /**
     * {@code p} absolute, with every link resolved as far as it exists: a link in the temporary folder that points
     * at the journal is the journal. A part that does not exist yet keeps its name.
     */
    static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException | RuntimeException notThere) {
            Path parent = abs.getParent();
            return parent == null ? abs : real(parent).resolve(abs.getFileName());
        }
    }
}
