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
 * Turns a JUnit run of the graded tests into a score; {@link GradeMain} registers it.
 *
 * <p>Every test method carrying {@link Points} in a class carrying {@link Exercise} is graded. Tests that
 * never report (a crash, a whole-run timeout) count as failed, so the denominator is always complete.
 * With a {@link Journal}, it records each test as it is planned, starts and finishes, and the supervising
 * JVM writes the reports; without one, it prints the score table and writes the reports of
 * {@link ScoreReport#writeAll} itself at the end. With an {@link OutputCapture}, each test's output (capped)
 * goes into its outcome, and what the running test printed reaches the journal even when student code ends
 * the JVM.
 */
public class GradingListener implements TestExecutionListener {

    /** System property naming the folder for reports; default {@code target/grading}. */
    public static final String REPORTS = "grader.reports";

    /** The feedback of a planned test until it reports. */
    static final String NOT_FINISHED = "did not finish: the run ended before this test reported";

    private final Map<String, TestOutcome> outcomes = new LinkedHashMap<>();
    private final Map<String, List<String>> reportEntries = new HashMap<>();
    private final Journal journal;
    private final OutputCapture capture;
    /** The graded test running now, for the shutdown hook; null between tests. */
    private volatile String running;
    private long startNanos;
    private ScoreReport last;

    /** A listener that writes the reports itself at the end of the run. */
    public GradingListener() {
        this(null);
    }

    /** A listener that records every test in {@code journal} (null: none) for a supervising JVM. */
    GradingListener(Journal journal) {
        this(journal, null);
    }

    /**
     * A listener that records every test in {@code journal} with what it printed, captured by {@code capture}
     * (null: output not captured).
     */
    GradingListener(Journal journal, OutputCapture capture) {
        this.journal = journal;
        this.capture = capture;
        if (journal != null && capture != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                String id = running;
                if (id != null) { // a System.exit during a test: keep what it printed up to there
                    try {
                        journal.output(id, capture.sofar());
                    } catch (RuntimeException e) {
                        // the journal is closed: the run had ended
                    }
                }
            }, "grading-journal-output"));
        }
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
        startNanos = System.nanoTime();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                graded(id).ifPresent(m -> put(id.getUniqueId(),
                        outcome(m, id, false, NOT_FINISHED), true));
            }
        }
        // the student release lists its hidden tests, which it does not hold: they count, as not run here
        for (AbsentHiddenTests.Entry e : AbsentHiddenTests.absent(classLoader(),
                GradeMain.listed(GradeMain.EXCLUDE_TAGS), GradeMain.listed(GradeMain.EXERCISES))) {
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
                    TestOutcome o = e.getValue();
                    if (e.getKey().startsWith(id.getUniqueId()) && unfinished(o)) {
                        put(e.getKey(), new TestOutcome(o.exerciseId(), o.exerciseTitle(), o.test(), o.points(), false,
                                why, o.byHand(), o.hidden()), false);
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
            put(id.getUniqueId(), outcome(m, id, passed, feedback).withOutput(output), false);
        });
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (journal == null) {
            report("");
        }
    }

    /**
     * Prints the table and writes the reports of what has finished so far; {@code note} (e.g. a whole-run
     * timeout) goes into the header. Called at the end of the run, or by {@link GradeMain}'s watchdog.
     */
    public synchronized ScoreReport report(String note) {
        if (outcomes.isEmpty()) {
            return null;
        }
        last = report(new ArrayList<>(outcomes.values()), (System.nanoTime() - startNanos) / 1e9, note);
        return last;
    }

    /** Prints the score table of {@code outcomes} and writes the reports; {@code note} goes into the header. */
    static ScoreReport report(List<TestOutcome> outcomes, double seconds, String note) {
        String target = System.getProperty("grader.target", "exercises");
        String excluded = System.getProperty(GradeMain.EXCLUDE_TAGS, "").trim();
        String header = (excluded.isEmpty() ? target : target + ", tests tagged " + excluded + " left out")
                + (note.isEmpty() ? "" : ", " + note);
        ScoreReport report = new ScoreReport(outcomes, seconds, header, GraderDigest.sha256());
        System.out.println();
        System.out.println(report.table());
        if ("true".equals(System.getenv("GITHUB_ACTIONS"))) {
            System.out.print(report.githubAnnotations()); // each failing test annotated in the workflow run
        }
        Path dir = Path.of(System.getProperty(REPORTS, "target/grading"));
        report.writeAll(dir);
        System.out.println("Reports: " + dir.toAbsolutePath());
        return report;
    }

    /** The report written last, or null before any. */
    public synchronized ScoreReport lastReport() {
        return last;
    }

    /** Marks every graded test that has not reported yet as failed with {@code why}, e.g. a rule violation. */
    public synchronized void failUnfinished(String why) {
        fail(o -> true, why);
    }

    /** Marks every graded test of {@code exercise} that has not reported yet as failed with {@code why}. */
    public synchronized void failExercise(String exercise, String why) {
        fail(o -> o.exerciseId().equals(exercise), why);
    }

    private void fail(java.util.function.Predicate<TestOutcome> which, String why) {
        for (Map.Entry<String, TestOutcome> e : new ArrayList<>(outcomes.entrySet())) {
            TestOutcome o = e.getValue();
            if (unfinished(o) && which.test(o)) {
                put(e.getKey(), new TestOutcome(o.exerciseId(), o.exerciseTitle(), o.test(), o.points(), false, why,
                        o.byHand(), o.hidden()), false);
            }
        }
    }

    /** Whether {@code o} is still the planned outcome of a test that has not reported. */
    static boolean unfinished(TestOutcome o) {
        return o.feedback().endsWith(NOT_FINISHED);
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
