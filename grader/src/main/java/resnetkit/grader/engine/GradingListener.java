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
 * {@link GradeMain} registers it.
 */
public class GradingListener implements TestExecutionListener {

    /** System property naming the folder for reports; default {@code target/grading}. */
    public static final String REPORTS = "grader.reports";

    private final Map<String, TestOutcome> outcomes = new LinkedHashMap<>();
    private final Map<String, List<String>> reportEntries = new HashMap<>();
    private long startNanos;
    private ScoreReport last;

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
        if (!id.isTest() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            // a class whose set-up failed: its tests never start, so give them the set-up's failure
            String why = Feedback.of(result.getThrowable().orElse(null), List.of());
            synchronized (this) {
                outcomes.replaceAll((key, o) -> key.startsWith(id.getUniqueId())
                        && o.feedback().startsWith("did not finish") ? new TestOutcome(o.exerciseId(),
                        o.exerciseTitle(), o.test(), o.points(), false, why, o.byHand(), o.hidden()) : o);
            }
            return;
        }
        graded(id).ifPresent(m -> {
            boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
            String feedback = passed ? "" : Feedback.of(result.getThrowable().orElse(null),
                    reportEntries.getOrDefault(id.getUniqueId(), List.of()));
            outcomes.put(id.getUniqueId(), outcome(m, id, passed, feedback));
        });
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        report("");
    }

    /**
     * Prints the table and writes the reports of what has finished so far; {@code note} (e.g. a whole-run
     * timeout) goes into the header. Called at the end of the run, or by {@link GradeMain}'s watchdog.
     */
    public synchronized ScoreReport report(String note) {
        if (outcomes.isEmpty()) {
            return null;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String target = System.getProperty("grader.target", "exercises");
        String excluded = System.getProperty(GradeMain.EXCLUDE_TAGS, "").trim();
        String header = (excluded.isEmpty() ? target : target + ", tests tagged " + excluded + " left out")
                + (note.isEmpty() ? "" : ", " + note);
        ScoreReport report = new ScoreReport(new ArrayList<>(outcomes.values()), seconds, header,
                GraderDigest.sha256());
        System.out.println();
        System.out.println(report.table());
        Path dir = Path.of(System.getProperty(REPORTS, "target/grading"));
        report.writeAll(dir);
        System.out.println("Reports: " + dir.toAbsolutePath());
        last = report;
        return report;
    }

    /** The report written last, or null before any. */
    public synchronized ScoreReport lastReport() {
        return last;
    }

    /** Marks every graded test that has not reported yet as failed with {@code why}, e.g. a rule violation. */
    public synchronized void failUnfinished(String why) {
        outcomes.replaceAll((id, o) -> o.feedback().startsWith("did not finish")
                ? new TestOutcome(o.exerciseId(), o.exerciseTitle(), o.test(), o.points(), false, why, o.byHand(),
                o.hidden()) : o);
    }

    /** Marks every graded test of {@code exercise} that has not reported yet as failed with {@code why}. */
    public synchronized void failExercise(String exercise, String why) {
        outcomes.replaceAll((id, o) -> o.exerciseId().equals(exercise) && o.feedback().startsWith("did not finish")
                ? new TestOutcome(o.exerciseId(), o.exerciseTitle(), o.test(), o.points(), false, why, o.byHand(),
                o.hidden()) : o);
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
        boolean hidden = m.getDeclaringClass().isAnnotationPresent(Hidden.class);
        return new TestOutcome(ex.id(), ex.title(), (hidden ? "hidden: " : "") + name,
                m.getAnnotation(Points.class).value(), passed, feedback, byHand, hidden);
    }
}
