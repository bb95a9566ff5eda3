package resnetkit.grader.engine;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Runs every graded test on the classpath (package {@code resnetkit.graded}) in this JVM, outside Maven.
 * The kit's self-test starts one such JVM per module under grade, so the exercises and the solutions are
 * never on one classpath. The {@link GradingListener} prints the table and writes the reports
 * ({@code -Dgrader.reports=DIR}).
 */
public final class GradeMain {

    /** The package holding the graded tests. */
    public static final String GRADED_PACKAGE = "resnetkit.graded";

    private GradeMain() {
    }

    /** Exit code 0 when grading ran (whatever the score); non-zero only if the launcher itself broke. */
    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("usage: java -cp <grader, its tests, the module under grade, deps> "
                    + GradeMain.class.getName() + "\n  -Dgrader.reports=DIR   where to write report.md, results.json,"
                    + " score.csv\n  -Dgrader.target=NAME   the module's name in the reports");
            return;
        }
        // jqwik reports through java.util.logging at INFO (edge cases, replays); the score table is the output
        java.util.logging.Logger.getLogger("net.jqwik").setLevel(java.util.logging.Level.WARNING);
        LauncherDiscoveryRequest request = request().selectors(selectPackage(GRADED_PACKAGE)).build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request);
        System.exit(0); // student code may have left non-daemon threads behind
    }
}
