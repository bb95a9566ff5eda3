package resnetkit.grader.worker;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import resnetkit.grader.api.GradingOptions;
import resnetkit.grader.guard.Guard;
import resnetkit.grader.journal.JournalKey;
import resnetkit.grader.journal.JournalWriter;
import resnetkit.grader.rules.StudentCodeRules;
import resnetkit.grader.scoring.TestOutcome;
import resnetkit.grader.support.Grading;
import resnetkit.toolkit.Backend;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * The grading JVM: the only JVM where student code runs. Started by the supervisor ({@code supervisor.GradeMain})
 * with the guard's agent, it reads the journal's key from its standard input before anything else, starts the
 * guard for the submission's classes ({@link Boundary}), checks the static rules ({@link StudentCodeRules}), runs
 * the graded tests and records each in the authenticated journal. It writes no report: the supervisor does, from
 * the journal alone.
 *
 * <p>Order: the structural rules over the student's classes; the tests of an exercise whose class breaks one do
 * not run and fail with the rule's message (every test, when the class belongs to no single exercise). Then the
 * other tests run.
 */
public final class GradingWorker {

    /** The package holding the graded tests. */
    public static final String GRADED_PACKAGE = "resnetkit.graded";
    /** The tags of the graded tests that take tens of seconds: they run after the quick ones of every exercise. */
    public static final List<String> LONG_TAGS = List.of("training", "slow");
    /** Held here: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final java.util.logging.Logger JQWIK_LOG = java.util.logging.Logger.getLogger("net.jqwik");

    private GradingWorker() {
    }

    /** {@code GradingWorker JOURNAL}: grades, recording into the file JOURNAL; the key comes on standard input. */
    public static void main(String[] args) {
        int code;
        try {
            code = args.length == 1 ? grade(Path.of(args[0])) : usage();
        } catch (Throwable t) {
            System.err.println("the grader itself failed in the grading JVM: " + t);
            t.printStackTrace();
            code = 2;
        }
        System.exit(code); // student code may have left non-daemon threads behind
    }

    private static int usage() {
        System.err.println("usage: java -javaagent:guard-agent.jar -cp ... " + GradingWorker.class.getName()
                + " JOURNAL (the journal's key on standard input); the grade command starts it for you");
        return 2;
    }

    private static int grade(Path journalFile) throws IOException {
        BufferedReader supervisor = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        JournalKey key = readKey(supervisor); // first: no student class has loaded yet
        if (!Guard.installed()) {
            System.err.println("the grading JVM runs without its guard, so it grades nothing: "
                    + String.join("; ", resnetkit.grader.guard.GuardAgent.problems()) + " "
                    + String.join(", ", resnetkit.grader.guard.GuardAgent.missing()));
            return 2;
        }
        Backend.init(); // ND4J starts (and unpacks its native libraries) before any exercise code runs
        Launcher launcher = LauncherFactory.create(); // JUnit's and jqwik's engines: no graded class yet
        GradedIndex index = null;
        if (Boolean.getBoolean(GradingOptions.WAIT_FOR_GO)) {
            // the watch mode's spare grading JVM: warm, it waits for the student's next save; only then are the
            // graded tests and the student's classes (compiled meanwhile) loaded
            WarmUp.run(launcher);
            index = GradedIndex.read(GRADED_PACKAGE);
            String go = supervisor.readLine();
            if (go == null || !go.startsWith(GradingOptions.GO)) {
                return 0; // the watch mode ended first
            }
            System.setProperty(GradingOptions.EXERCISES, go.substring(GradingOptions.GO.length()).trim());
        }
        System.setIn(new ByteArrayInputStream(new byte[0]));
        Path studentTmp = Path.of(System.getProperty("java.io.tmpdir"));
        Guard.activate(Boundary.of(GradingWorker.class.getClassLoader(), studentTmp,
                List.of(journalFile.toAbsolutePath().getParent())));
        try (JournalWriter journal = JournalWriter.create(journalFile, key);
             OutputCapture capture = OutputCapture.install()) {
            // each test's output capped, into the journal
            run(launcher, index, new GradingListener(journal, capture), journal);
            journal.end();
        }
        return 0;
    }

    /**
     * The key, the first line on standard input, in hex. Standard input is emptied for everything after once the
     * run knows what it grades (a watch mode's spare grading JVM reads its {@link GradingOptions#GO} line first).
     */
    private static JournalKey readKey(BufferedReader supervisor) throws IOException {
        String line = supervisor.readLine();
        if (line == null || line.isBlank()) {
            throw new IllegalStateException("no journal key on standard input: the grading JVM is started by the"
                    + " grade command's supervisor, which gives it one");
        }
        return JournalKey.ofHex(line);
    }

    /**
     * Grades in this JVM, under the guard, and returns every outcome, without a journal or a report: for a caller
     * that loads the grader and the code under grade in a class loader of its own and grades many submissions in
     * one JVM (the kit's bug matrix). The same system properties choose what is graded.
     */
    public static List<TestOutcome> gradeInThisJvm() throws IOException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Path studentTmp = Files.createTempDirectory("resnetkit-exercise-tmp-");
        Guard.activate(Boundary.of(loader, studentTmp, List.of()));
        try {
            GradingListener listener = new GradingListener();
            run(LauncherFactory.create(), null, listener, null);
            return listener.outcomes();
        } finally {
            Guard.deactivate();
            Nd4jDefaults.ND4J.restore(); // this JVM grades on, or tests other things
        }
    }

    /**
     * Discovers the graded tests, checks the rules and runs the tests with {@code listener}: every test is planned
     * (so it counts) before any runs; the visible tests run first, the hidden ones last, so that nothing a hidden
     * test hands to exercise code (a reference network, its inputs) can be kept and printed by a visible one.
     */
    private static void run(Launcher launcher, GradedIndex index, GradingListener listener, JournalWriter journal) {
        // jqwik reports through java.util.logging at INFO (edge cases, replays); the score table is the output
        JQWIK_LOG.setLevel(java.util.logging.Level.WARNING);
        // the rules read the student's class files while JUnit discovers the tests: a second core's work
        FutureTask<Map<String, List<String>>> rules = new FutureTask<>(StudentCodeRules::checkByExercise);
        new Thread(rules, "student-code-rules").start();
        List<LauncherDiscoveryRequestBuilder> parts = List.of(part(false, false, index), part(false, true, index),
                part(true, false, index));
        List<TestPlan> plans = new ArrayList<>();
        for (LauncherDiscoveryRequestBuilder part : parts) {
            plans.add(launcher.discover(part.build()));
            listener.testPlanExecutionStarted(plans.get(plans.size() - 1));
        }
        Map<String, List<String>> violations = outcomeOf(rules);
        if (violations.containsKey(StudentCodeRules.EVERY_EXERCISE)) {
            // a class no single exercise owns breaks a rule: run none
            listener.failUnfinished("not run: the submission breaks the kit's rules: "
                    + String.join("; ", violations.get(StudentCodeRules.EVERY_EXERCISE)));
            if (journal != null) {
                journal.note("rules broken, nothing ran");
            }
            return;
        }
        // only the exercises whose code breaks a rule fail, with the rule's message; the others run
        violations.forEach((exercise, messages) -> listener.failExercise(exercise, "not run: the code of exercise "
                + exercise + " breaks the kit's rules: " + String.join("; ", messages)));
        for (int i = 0; i < parts.size(); i++) {
            if (violations.isEmpty()) {
                launcher.execute(plans.get(i), listener);
            } else {
                launcher.execute(parts.get(i).filters(ExerciseFilter.excluding(violations.keySet())).build(), listener);
            }
        }
    }

    /** What the rules found, or the rules' own failure, thrown as it was. */
    private static Map<String, List<String>> outcomeOf(FutureTask<Map<String, List<String>>> rules) {
        try {
            return rules.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the rules", e);
        }
    }

    /**
     * The request for one part of the run, with the run's tag and exercise filters: the visible tests that take
     * milliseconds to seconds, the visible ones tagged as long ({@link #LONG_TAGS}: trainings, sweeps), or the
     * hidden ones. In this order a student's first verdicts come first, whatever the exercise.
     */
    private static LauncherDiscoveryRequestBuilder part(boolean hidden, boolean longOnes, GradedIndex index) {
        LauncherDiscoveryRequestBuilder builder = request().selectors(selectPackage(GRADED_PACKAGE))
                .filters(ExerciseFilter.hidden(hidden));
        if (!hidden) {
            builder.filters(longOnes ? TagFilter.includeTags(LONG_TAGS) : TagFilter.excludeTags(LONG_TAGS));
        }
        Set<String> excluded = GradingOptions.listed(GradingOptions.EXCLUDE_TAGS);
        if (!excluded.isEmpty()) {
            builder.filters(TagFilter.excludeTags(List.copyOf(excluded)));
        }
        Set<String> exercises = GradingOptions.listed(GradingOptions.EXERCISES);
        if (!exercises.isEmpty()) {
            builder.filters(new ExerciseFilter(exercises));
            if (index != null) {
                builder.filters(index.only(exercises));
            }
        }
        Set<String> tests = GradingOptions.listed(GradingOptions.TESTS);
        if (!tests.isEmpty()) {
            builder.filters(ExerciseFilter.methods(tests));
        }
        if (Grading.timeScale() > 1) {
            // JUnit cannot scale the tests' @Timeout backstops; the scaled per-call and whole-run limits hold
            builder.configurationParameter("junit.jupiter.execution.timeout.mode", "disabled");
        }
        return builder;
    }
}
