package resnetkit.grader.guard;

import java.nio.file.Path;
import java.util.List;

/**
 * What one call of a guarded JDK method asks for, read from its arguments by the {@link Hook} that caught it.
 *
 * @param action   what the call would do
 * @param resource the file, class, host, status or stream it concerns, as a student reads it; may be empty
 * @param paths    the files it reads or writes (a move: both); empty when it is not about files
 * @param target   the class whose members it reaches or loads; null when none
 */
record Request(Action action, String resource, List<Path> paths, String target) {

    /** A request without a file or a class. */
    static Request of(Action action, String resource) {
        return new Request(action, resource, List.of(), null);
    }

    /** A request about the files {@code paths} (nulls: paths that name no file of the default file system). */
    static Request files(Action action, Path... paths) {
        List<Path> kept = java.util.Arrays.stream(paths).filter(java.util.Objects::nonNull).toList();
        return new Request(action, String.join(", ", kept.stream().map(Path::toString).toList()), kept, null);
    }

    /** A request about the class {@code target}: its members, or loading it. */
    static Request onClass(Action action, String resource, String target) {
        return new Request(action, resource, List.of(), target);
    }
}
