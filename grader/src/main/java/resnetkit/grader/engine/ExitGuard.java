package resnetkit.grader.engine;

import java.security.Permission;

/**
 * Turns {@code System.exit} and {@code Runtime.halt} in student code into a {@link SecurityException}, so
 * the call fails only its own test and the run still writes its report. Needs the JVM flag
 * {@code -Djava.security.manager=allow} (Java 17 deprecates the security manager; the kit uses it only
 * for this). Without the flag the guard is off and the structural rules are the only protection.
 */
@SuppressWarnings("removal")
public final class ExitGuard extends SecurityManager {

    private static volatile boolean exitAllowed;

    private ExitGuard() {
    }

    /** Installs the guard if the JVM allows it. */
    public static void install() {
        try {
            System.setSecurityManager(new ExitGuard());
        } catch (UnsupportedOperationException e) {
            System.err.println("note: run with -Djava.security.manager=allow to guard against System.exit");
        }
    }

    /** Lets the grader itself exit. */
    public static void allowExit() {
        exitAllowed = true;
    }

    @Override
    public void checkExit(int status) {
        if (!exitAllowed) {
            throw new SecurityException("System.exit(" + status + ") / Runtime.halt is not allowed in exercise code:"
                    + " return or throw instead");
        }
    }

    @Override
    public void checkPermission(Permission perm) {
        // everything else is allowed
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
        // everything else is allowed
    }
}
