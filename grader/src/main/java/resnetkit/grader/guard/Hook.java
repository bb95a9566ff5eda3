package resnetkit.grader.guard;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One row of the guard's table ({@link Hooks}): the JDK methods it guards and how to read a call of them.
 *
 * @param action   what the methods do (a file open reads or writes: {@link #describe} decides)
 * @param type     the JDK class that declares them, e.g. "java.lang.Runtime"
 * @param methods  which of its methods and constructors
 * @param describe reads a call's arguments into a {@link Request}; null when the call concerns nothing the
 *                 guard keeps (setAccessible(false), loading a class outside the grader)
 */
record Hook(Action action, String type, ElementMatcher<? super MethodDescription> methods, Describe describe) {

    /** Reads a call of a guarded method. Must be cheap and must not call guarded methods itself. */
    @FunctionalInterface
    interface Describe {
        Request describe(Action action, Object self, Object[] args);
    }

    /** The hook's request for a call, or null when it concerns nothing the guard keeps. */
    Request request(Object self, Object[] args) {
        return describe.describe(action, self, args);
    }
}
