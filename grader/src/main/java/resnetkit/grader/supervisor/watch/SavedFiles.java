package resnetkit.grader.supervisor.watch;

import resnetkit.grader.submission.StudentFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The student's files ({@link StudentFiles#paths()}) under a module's {@code src/main}, and which of them changed
 * since they were last graded. A file counts as changed when its bytes differ, so an editor that saves without a
 * change, or touches a file, starts no grading. Polled, not watched: the JDK's file watching polls every few
 * seconds on macOS, and thirteen files cost nothing to look at ten times a second.
 */
public final class SavedFiles {

    private final Path main;
    private final Map<String, byte[]> graded = new HashMap<>();
    private final Map<String, Long> seen = new HashMap<>();

    /** The student's files under {@code main} (a module's {@code src/main}), as they are now taken as graded. */
    public SavedFiles(Path main) {
        this.main = main;
        for (String file : StudentFiles.paths()) {
            graded.put(file, read(file));
            seen.put(file, stamp(file));
        }
    }

    /** The module's {@code src/main}. */
    public Path main() {
        return main;
    }

    /** Whether any file's modification time or size moved since the last look: cheap, polled often. */
    public boolean touched() {
        boolean touched = false;
        for (String file : StudentFiles.paths()) {
            long stamp = stamp(file);
            if (seen.put(file, stamp) != stamp) {
                touched = true;
            }
        }
        return touched;
    }

    /**
     * The files whose bytes changed since they were last taken as graded, relative to {@code main}
     * ({@code java/resnetkit/blocks/BasicBlock.java}, {@code resources/answers/20.3.3.md}); each is taken as graded
     * now.
     */
    public List<String> changed() {
        List<String> changed = new java.util.ArrayList<>();
        for (String file : StudentFiles.paths()) {
            byte[] now = read(file);
            if (!Arrays.equals(now, graded.get(file))) {
                graded.put(file, now);
                changed.add(file);
            }
        }
        return changed;
    }

    /** The file that was saved last, or null when none is there. */
    public String newest() {
        return StudentFiles.paths().stream().filter(f -> Files.isRegularFile(main.resolve(f)))
                .max((a, b) -> Long.compare(modified(a), modified(b))).orElse(null);
    }

    /** The exercises whose code or written answer {@code files} hold, in id order. */
    public static Set<String> exercises(List<String> files) {
        Set<String> ids = new TreeSet<>();
        Map<String, String> byFile = new LinkedHashMap<>();
        StudentFiles.EXERCISE_CLASSES.forEach((c, id) -> byFile.put("java/" + c.replace('.', '/') + ".java", id));
        for (String file : files) {
            String id = byFile.get(file);
            if (id == null && file.startsWith("resources/answers/")) {
                // answers/20.3.1c.md answers part c of 20.3.1
                id = file.substring("resources/answers/".length()).replaceAll("[a-z]?\\.md$", "");
            }
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    private byte[] read(String file) {
        try {
            Path p = main.resolve(file);
            return Files.isRegularFile(p) ? Files.readAllBytes(p) : new byte[0];
        } catch (IOException e) {
            return new byte[0]; // being written: read again on the next look
        }
    }

    private long stamp(String file) {
        Path p = main.resolve(file);
        try {
            return Files.isRegularFile(p) ? Files.getLastModifiedTime(p).toMillis() * 31 + Files.size(p) : -1;
        } catch (IOException e) {
            return -2;
        }
    }

    private long modified(String file) {
        try {
            return Files.getLastModifiedTime(main.resolve(file)).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
