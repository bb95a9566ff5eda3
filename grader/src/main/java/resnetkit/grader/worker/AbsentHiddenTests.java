package resnetkit.grader.worker;

import resnetkit.grader.api.Exercise;
import resnetkit.grader.api.Points;
import resnetkit.grader.scoring.TestOutcome;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The hidden tests of a copy of the kit that does not hold them: the student release lists them in the resource
 * {@value #RESOURCE} (written by the release builder from the hidden tests' sources, their {@link Exercise},
 * {@link Points} and JUnit tags), so that a grading run there counts every hidden test with its points and the
 * totals equal the instructor's. A listed test whose class is on the classpath is left to run (the kit itself,
 * Gradescope); one that is not counts as failed, "not run in this copy", and shows as hidden.
 *
 * <p>A line of the resource is tab-separated: test class, method, exercise id, exercise title, points, tags
 * (comma-separated, possibly empty). Lines starting with {@code #} are comments.
 */
final class AbsentHiddenTests {

    /** The resource listing the hidden tests; only the student release has it. */
    public static final String RESOURCE = "resnetkit/grader/worker/hidden-tests.tsv";

    /** One listed hidden test. */
    record Entry(String testClass, String method, String exerciseId, String exerciseTitle, int points,
                 Set<String> tags) {

        /** The JUnit-like unique id its outcome is recorded under. */
        String id() {
            return "[hidden-test-not-in-this-copy:" + testClass + "#" + method + "]";
        }

        /** Its outcome in a copy without it: failed, 0 points of {@link #points}, hidden. */
        TestOutcome outcome() {
            return new TestOutcome(exerciseId, exerciseTitle, "hidden: " + method.replace('_', ' '), points, false,
                    TestOutcome.NOT_IN_THIS_COPY, false, true);
        }
    }

    private AbsentHiddenTests() {
    }

    /**
     * The listed hidden tests whose class {@code loader} cannot load and that the run's filters keep: none of
     * {@code excludedTags}, and their exercise in {@code exercises} unless that is empty.
     */
    static List<Entry> absent(ClassLoader loader, Set<String> excludedTags, Set<String> exercises) {
        List<Entry> absent = new ArrayList<>();
        for (Entry e : listed(loader)) {
            if (e.tags().stream().anyMatch(excludedTags::contains)
                    || !exercises.isEmpty() && !exercises.contains(e.exerciseId())) {
                continue;
            }
            try {
                Class.forName(e.testClass(), false, loader);
            } catch (ClassNotFoundException | LinkageError notHere) {
                absent.add(e);
            }
        }
        return absent;
    }

    /** Every test the resource lists; none without the resource. */
    static List<Entry> listed(ClassLoader loader) {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return entries;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 6) {
                    throw new IllegalStateException(RESOURCE + ": a line must have 6 tab-separated fields: " + line);
                }
                Set<String> tags = f[5].isBlank() ? Set.of() : Set.copyOf(Arrays.asList(f[5].trim().split(",")));
                entries.add(new Entry(f[0], f[1], f[2], f[3], Integer.parseInt(f[4].trim()), tags));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
        return entries;
    }
}
