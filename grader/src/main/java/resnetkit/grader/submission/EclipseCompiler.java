package resnetkit.grader.submission;

import org.eclipse.jdt.core.compiler.batch.BatchCompiler;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Eclipse compiler as the grade command runs it (the profile {@code grade}'s {@code -proceedOnError}): code
 * with errors still becomes classes whose broken methods throw "Unresolved compilation problem", so the rest is
 * graded. Batch grading compiles each submission with it, the watch mode each saved exercise file.
 */
public final class EclipseCompiler {

    private static final Pattern ERROR = Pattern.compile("ERROR in (\\S+) \\(at line (\\d+)\\)\\R(?:.*\\R){2}(.*)");

    private EclipseCompiler() {
    }

    /**
     * Compiles {@code files} (under {@code sources}) into {@code classes} against {@code classpath}. Returns the
     * compiler's error messages (file names relative to {@code sources}), or null when there are none. One
     * compilation at a time: each closes the file systems the compiler leaves open, which another compilation
     * running beside it may still be reading (a second or less each, beside the grading that follows).
     */
    public static synchronized String compile(List<Path> files, Path sources, Path classes, String classpath)
            throws IOException {
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-nowarn", "-encoding", "UTF-8",
                "-proceedOnError", "-d", classes.toString(), "-cp", classpath));
        files.forEach(f -> args.add(f.toString()));
        StringWriter messages = new StringWriter();
        boolean clean;
        try {
            clean = BatchCompiler.compile(args.toArray(String[]::new), new PrintWriter(messages),
                    new PrintWriter(messages), null);
        } finally {
            closeJarFileSystems(classpath);
        }
        // file names relative to the sources: the same messages whichever folder the run assembled them in
        return clean ? null : messages.toString().replace(sources.toAbsolutePath() + File.separator, "")
                .replace(sources + File.separator, "");
    }

    /** The first error of the Eclipse compiler's messages, on one line: "File.java line N: message". */
    public static String firstError(String messages) {
        Matcher m = ERROR.matcher(messages);
        return m.find() ? m.group(1) + " line " + m.group(2) + ": " + m.group(3).strip()
                : messages.lines().findFirst().orElse("").strip();
    }

    /**
     * Closes the zip file systems the Eclipse compiler opened on the class path's jars and left open: while one is
     * open, nothing else in this JVM can open that jar as a file system (JUnit's class path scanning then finds no
     * test in it, as the kit's tests found after batch grading in their JVM).
     */
    private static void closeJarFileSystems(String classpath) {
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.endsWith(".jar")) {
                continue;
            }
            try {
                FileSystems.getFileSystem(URI.create("jar:" + Path.of(entry).toUri())).close();
            } catch (FileSystemNotFoundException | IllegalArgumentException | IOException e) {
                // not opened as a file system: nothing to close
            }
        }
    }
}
