package resnetkit.selftest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the student stubs of {@code exercises/} from the reference code of {@code solutions/}: one source
 * of truth for Javadoc, signatures and vertex-name contracts.
 *
 * <p>Every region between {@code // >>> YOUR CODE: <what>} and {@code // <<< YOUR CODE} loses its body and
 * gets a {@code throw new resnetkit.toolkit.NotWrittenYet("<what>")} instead, so an untouched stub fails
 * its own tests with a clear message and never the build. A written answer ({@code src/main/resources/answers/})
 * keeps its question and loses everything after {@value #ANSWER_LINE}. Files without markers are copied as they
 * are.
 *
 * <p>Run from the repository root: {@code java selftest/src/main/java/resnetkit/selftest/StubGenerator.java}
 * (add {@code --check} to only report differences).
 */
public final class StubGenerator {

    static final Pattern BEGIN = Pattern.compile("^(\\s*)// >>> YOUR CODE: (.+)$");
    static final Pattern END = Pattern.compile("^\\s*// <<< YOUR CODE\\s*$");
    static final String SOURCES = "src/main";
    /** The line of a written-answer file after which the reference answer stands. */
    static final String ANSWER_LINE = "<!-- Write your answer below this line. -->";

    private StubGenerator() {
    }

    /** The stub text for one solution file: a source with its regions stubbed, or a question without answer. */
    public static String stub(String solution, String fileName) {
        if (fileName.replace('\\', '/').contains("/answers/") && fileName.endsWith(".md")) {
            int at = solution.indexOf(ANSWER_LINE);
            if (at < 0) {
                throw new IllegalStateException(fileName + ": no line " + ANSWER_LINE);
            }
            return solution.substring(0, at + ANSWER_LINE.length()) + "\n";
        }
        StringBuilder out = new StringBuilder();
        boolean inRegion = false;
        int lineNo = 0;
        for (String line : solution.split("\n", -1)) {
            lineNo++;
            Matcher begin = BEGIN.matcher(line);
            if (begin.matches()) {
                if (inRegion) {
                    throw new IllegalStateException(fileName + ":" + lineNo + ": YOUR CODE region opened twice");
                }
                inRegion = true;
                out.append(line).append('\n');
                out.append(begin.group(1)).append("throw new resnetkit.toolkit.NotWrittenYet(\n")
                        .append(begin.group(1)).append("        \"").append(begin.group(2).replace("\"", "'"))
                        .append("\");\n");
            } else if (END.matcher(line).matches()) {
                if (!inRegion) {
                    throw new IllegalStateException(fileName + ":" + lineNo + ": YOUR CODE region closed twice");
                }
                inRegion = false;
                out.append(line).append('\n');
            } else if (!inRegion) {
                out.append(line).append('\n');
            }
        }
        if (inRegion) {
            throw new IllegalStateException(fileName + ": YOUR CODE region never closed");
        }
        return out.substring(0, out.length() - 1);
    }

    /** Relative path to expected stub text, for every source file under {@code solutionsDir}. */
    public static Map<Path, String> expected(Path solutionsDir) {
        Path root = solutionsDir.resolve(SOURCES);
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p), stub(Files.readString(p), p.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Files of {@code exercisesDir} that differ from, lack or add to the generated stubs. */
    public static List<String> differences(Path solutionsDir, Path exercisesDir) throws IOException {
        Map<Path, String> want = expected(solutionsDir);
        Path root = exercisesDir.resolve(SOURCES);
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<Path, String> e : want.entrySet()) {
            Path actual = root.resolve(e.getKey());
            if (!Files.exists(actual)) {
                diffs.add("missing: exercises/" + SOURCES + "/" + e.getKey());
            } else if (!Files.readString(actual).equals(e.getValue())) {
                diffs.add("differs: exercises/" + SOURCES + "/" + e.getKey());
            }
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                if (!want.containsKey(root.relativize(p))) {
                    diffs.add("extra: exercises/" + SOURCES + "/" + root.relativize(p));
                }
            }
        }
        return diffs;
    }

    /** Regenerates (or with --check, only compares) exercises/ from solutions/ in the current directory. */
    public static void main(String[] args) throws IOException {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("usage: java selftest/src/main/java/resnetkit/selftest/StubGenerator.java [--check]");
            System.out.println("  Regenerates exercises/src/main (sources and written answers) from solutions/src/main"
                    + " (run in the repo root).");
            System.out.println("  --check  only list the files that differ; exit 1 if any do");
            return;
        }
        Path solutions = Path.of("solutions");
        Path exercises = Path.of("exercises");
        if (args.length > 0 && args[0].equals("--check")) {
            List<String> diffs = differences(solutions, exercises);
            diffs.forEach(System.out::println);
            System.out.println(diffs.isEmpty() ? "exercises/ is up to date" : diffs.size() + " file(s) differ");
            System.exit(diffs.isEmpty() ? 0 : 1);
        }
        Path root = exercises.resolve(SOURCES);
        if (Files.exists(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<Path, String> e : expected(solutions).entrySet()) {
            Path target = root.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, e.getValue());
        }
        System.out.println("wrote " + expected(solutions).size() + " files under " + root);
    }
}
