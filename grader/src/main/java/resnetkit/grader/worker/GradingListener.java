package resnetkit.grader.worker;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import resnetkit.grader.api.ByHand;
import resnetkit.grader.api.Exercise;
import resnetkit.grader.api.Figures;
import resnetkit.grader.api.GradingOptions;
import resnetkit.grader.api.Hidden;
import resnetkit.grader.api.Points;
import resnetkit.grader.guard.Guard;
import resnetkit.grader.guard.Refusal;
import resnetkit.grader.journal.JournalWriter;
import resnetkit.grader.scoring.TestOutcome;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a JUnit run of the graded tests into outcomes; {@link GradingWorker} registers it.
 *
 * <p>Every test method carrying {@link Points} in a class carrying {@link Exercise} is graded. Tests that
 * never report (a crash, a whole-run timeout) count as failed, so the denominator is always complete. A test
 * during which the guard refused something exercise code tried fails with the refusal, even when the code
 * caught the exception and the test's own checks passed. With a {@link JournalWriter}, each test is recorded as
 * it is planned, starts and finishes, for the supervisor; with an {@link OutputCapture}, each test's output
 * (capped) goes into its outcome, and what the running test printed reaches the journal even when the JVM ends.
 */
public class GradingListener implements TestExecutionListener {

    private final Map<String, TestOutcome> outcomes = new LinkedHashMap<>();
    private final Map<String, List<String>> reportEntries = new HashMap<>();
    private final JournalWriter journal;
    private final OutputCapture capture;
    /** Refusals recorded between tests (a test class's set-up): they count for the next test that finishes. */
    private final List<Refusal> pendingRefusals = new ArrayList<>();
    /** The graded test running now, for the shutdown hook; null between tests. */
    private volatile String running;

    /** A listener that keeps the outcomes in memory only (the kit's in-process grading). */
    GradingListener() {
        this(null, null);
    }

    /**
     * A listener that records every test in {@code journal} (null: none) with what it printed, captured by
     * {@code capture} (null: output not captured).
     */
    GradingListener(JournalWriter journal, OutputCapture capture) {
        this.journal = journal;
        this.capture = capture;
        if (journal != null && capture != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                String id = running;
                if (id != null) { // the JVM ends during a test (a crash, memory): keep what it printed up to there
                    try {
                        journal.output(id, capture.sofar());
                    } catch (RuntimeException e) {
                        // the journal is closed: the run had ended
                    }
                }
            }, "grading-journal-output"));
        }
    }

    /** Every graded test's outcome so far, in plan order. */
    synchronized List<TestOutcome> outcomes() {
        return new ArrayList<>(outcomes.values());
    }

    /** Records {@code o} as the outcome of test {@code id}, in the journal too. */
    private synchronized void put(String id, TestOutcome o, boolean planned) {
        outcomes.put(id, o);
        if (journal != null) {
            if (planned) {
                journal.planned(id, o);
            } else {
                journal.finished(id, o);
            }
        }
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                graded(id).ifPresent(m -> put(id.getUniqueId(), outcome(m, id, false, TestOutcome.NOT_FINISHED), true));
            }
        }
        // the student release lists its hidden tests, which it does not hold: they count, as not run here
        for (AbsentHiddenTests.Entry e : AbsentHiddenTests.absent(classLoader(),
                GradingOptions.listed(GradingOptions.EXCLUDE_TAGS), GradingOptions.listed(GradingOptions.EXERCISES))) {
            put(e.id(), e.outcome(), true);
            put(e.id(), e.outcome(), false);
        }
    }

    /** The loader the graded tests come from: the thread's context loader (JUnit discovers through it). */
    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : GradingListener.class.getClassLoader();
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        reportEntries.computeIfAbsent(id.getUniqueId(), k -> new ArrayList<>())
                .addAll(entry.getKeyValuePairs().values());
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        Optional<Method> m = graded(id);
        if (m.isEmpty()) {
            return;
        }
        synchronized (this) {
            pendingRefusals.addAll(Guard.takeRefusals());
        }
        Nd4jDefaults.ND4J.restore();
        Figures.take(); // none left over from a test class's set-up
        if (journal != null) {
            journal.started(id.getUniqueId());
        }
        if (capture != null) {
            capture.begin(!m.get().getDeclaringClass().isAnnotationPresent(Hidden.class));
            running = id.getUniqueId();
        }
    }

    /** What test {@code id} printed, if it is the one whose output is being captured; else empty. */
    private String output(TestIdentifier id) {
        if (capture == null || !id.getUniqueId().equals(running)) {
            return "";
        }
        running = null;
        return capture.end();
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        graded(id).ifPresent(m -> put(id.getUniqueId(), outcome(m, id, false, "skipped: " + reason), false));
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            // a class whose set-up failed: its tests never start, so give them the set-up's failure
            String why = Feedback.of(result.getThrowable().orElse(null), List.of());
            synchronized (this) {
                for (Map.Entry<String, TestOutcome> e : new ArrayList<>(outcomes.entrySet())) {
                    if (e.getKey().startsWith(id.getUniqueId()) && e.getValue().unfinished()) {
                        put(e.getKey(), e.getValue().failed(why), false);
                    }
                }
            }
            return;
        }
        graded(id).ifPresent(m -> {
            String output = output(id);
            boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
            String feedback = passed ? "" : Feedback.of(result.getThrowable().orElse(null),
                    reportEntries.getOrDefault(id.getUniqueId(), List.of()));
            TestOutcome o = outcome(m, id, passed, feedback).withOutput(output).withFigures(Figures.take());
            List<Refusal> refusals;
            synchronized (this) {
                refusals = new ArrayList<>(pendingRefusals);
                pendingRefusals.clear();
            }
            refusals.addAll(Guard.takeRefusals());
            if (!refusals.isEmpty()) {
                // caught by exercise code or not, what the guard refused fails the test
                o = o.failed(refused(refusals));
            }
            put(id.getUniqueId(), o, false);
        });
    }

    /** "refused: exercise code may not ... (and 2 more refusals)". */
    static String refused(List<Refusal> refusals) {
        int more = refusals.size() - 1;
        return "refused: " + refusals.get(0).message() + (more > 0 ? " (and " + more + " more refusal"
                + (more == 1 ? "" : "s") + ")" : "");
    }

    /** Marks every graded test that has not reported yet as failed with {@code why}, e.g. a rule violation. */
    synchronized void failUnfinished(String why) {
        fail(o -> true, why);
    }

    /** Marks every graded test of {@code exercise} that has not reported yet as failed with {@code why}. */
    synchronized void failExercise(String exercise, String why) {
        fail(o -> o.exerciseId().equals(exercise), why);
    }

    private void fail(java.util.function.Predicate<TestOutcome> which, String why) {
        for (Map.Entry<String, TestOutcome> e : new ArrayList<>(outcomes.entrySet())) {
            TestOutcome o = e.getValue();
            if (o.unfinished() && which.test(o)) {
                put(e.getKey(), o.failed(why), false);
            }
        }
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
