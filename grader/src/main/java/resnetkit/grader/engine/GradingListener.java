package resnetkit.grader.engine;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a JUnit run of the graded tests into a score: registered through
 * {@code META-INF/services}, so it listens under Maven Surefire and under {@link GradeMain} alike.
 *
 * <p>Every test method carrying {@link Points} in a class carrying {@link Exercise} is graded. Tests that
 * never report (a crash, a whole-run timeout) count as failed, so the denominator is always complete.
 * At the end it prints the score table and writes the reports of {@link ScoreReport#writeAll}.
 */
public class GradingListener implements TestExecutionListener {

    /** System property naming the folder for reports; default {@code target/grading}. */
    public static final String REPORTS = "grader.reports";

    private final Map<String, TestOutcome> outcomes = new LinkedHashMap<>();
    private final Map<String, List<String>> reportEntries = new HashMap<>();
    private long startNanos;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        startNanos = System.nanoTime();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                graded(id).ifPresent(m -> outcomes.put(id.getUniqueId(),
                        outcome(m, id, false, "did not finish: the run ended before this test reported")));
            }
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        reportEntries.computeIfAbsent(id.getUniqueId(), k -> new ArrayList<>())
                .addAll(entry.getKeyValuePairs().values());
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        graded(id).ifPresent(m -> outcomes.put(id.getUniqueId(), outcome(m, id, false, "skipped: " + reason)));
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        graded(id).ifPresent(m -> {
            boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
            String feedback = passed ? "" : Feedback.of(result.getThrowable().orElse(null),
                    reportEntries.getOrDefault(id.getUniqueId(), List.of()));
            outcomes.put(id.getUniqueId(), outcome(m, id, passed, feedback));
        });
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (outcomes.isEmpty()) {
            return; // not a grading run (e.g. the kit's own unit tests)
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        ScoreReport report = new ScoreReport(new ArrayList<>(outcomes.values()), seconds,
                System.getProperty("grader.target", "exercises"));
        System.out.println();
        System.out.println(report.table());
        Path dir = Path.of(System.getProperty(REPORTS, "target/grading"));
        report.writeAll(dir);
        System.out.println("Reports: " + dir.toAbsolutePath());
    }

    private static Optional<Method> graded(TestIdentifier id) {
        if (!id.isTest()) {
            return Optional.empty();
        }
        Optional<TestSource> source = id.getSource();
        if (source.isEmpty() || !(source.get() instanceof MethodSource ms)) {
            return Optional.empty();
        }
        try {
            Method m = ms.getJavaMethod();
            return m.isAnnotationPresent(Points.class) && m.getDeclaringClass().isAnnotationPresent(Exercise.class)
                    ? Optional.of(m) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static TestOutcome outcome(Method m, TestIdentifier id, boolean passed, String feedback) {
        Exercise ex = m.getDeclaringClass().getAnnotation(Exercise.class);
        String name = id.getDisplayName().replace('_', ' ');
        if (name.endsWith("()")) {
            name = name.substring(0, name.length() - 2);
        }
        boolean byHand = m.isAnnotationPresent(ByHand.class);
        if (byHand) {
            feedback = passed ? "answered: to be graded by hand" : "not answered yet: " + feedback;
        }
        return new TestOutcome(ex.id(), ex.title(), name, m.getAnnotation(Points.class).value(), passed, feedback,
                byHand);
    }
}
