package resnetkit.grader.guard.bridge;

/**
 * The one class the guarded JDK methods call: the hooks that {@code GuardAgent} writes into them call
 * {@link #check} on entry. It sits on the boot class path (the agent jar's {@code Boot-Class-Path}), the only
 * place classes of {@code java.base} can see, and holds nothing but the checker, set once when the guard starts.
 * Kept tiny on purpose: everything that decides lives in the guard, on the class path.
 */
public final class GuardBridge {

    /** Decides one call of a guarded JDK method; throws {@link SecurityException} to refuse it. */
    public interface Checker {

        /**
         * @param hook the hook's number in the guard's table
         * @param self the object the method was called on; null for a constructor or a static method
         * @param args the call's arguments
         */
        void check(int hook, Object self, Object[] args);
    }

    private static volatile Checker checker;

    private GuardBridge() {
    }

    /** Sets the checker; only once, so no code that runs later can replace it. */
    public static void install(Checker c) {
        if (c == null) {
            throw new IllegalArgumentException("the guard's checker must not be null");
        }
        synchronized (GuardBridge.class) {
            if (checker != null) {
                throw new IllegalStateException("the guard's checker is already installed");
            }
            checker = c;
        }
    }

    /** Whether a checker is installed. */
    public static boolean installed() {
        return checker != null;
    }

    /** Called on entry of every guarded JDK method; does nothing before the guard starts. */
    public static void check(int hook, Object self, Object[] args) {
        Checker c = checker;
        if (c != null) {
            c.check(hook, self, args);
        }
    }
}
