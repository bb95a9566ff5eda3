package resnetkit.grader.guard;

import resnetkit.grader.guard.StackFacts.Caller;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What exercise code may do, as data: for each {@link Action}, the code that may do it while exercise code is
 * on the stack ({@link #TRUSTED_CALLERS}), and for files and the grader's classes, which ones. Anything not
 * allowed here is refused. The rules, in short:
 * <ul>
 *   <li>files: written only below the grader's temporary folder; read only below the JDK, the libraries, the
 *       kit's data and that folder, never the grader's own files (its classes, tests, reports, journal);
 *       the JDK's class loaders read class files for the classes exercise code uses;</li>
 *   <li>never: ending the JVM, processes, the network, heap dumps and attaching, the standard streams;</li>
 *   <li>threads and thread pools: only DL4J's, ND4J's and JavaCPP's own (a data-loading thread), never a thread
 *       or task the exercise's code starts, nor one a general library starts on its behalf;</li>
 *   <li>native libraries: only the JDK's and the native libraries' own, from where they were installed (never a
 *       file in the temporary folder); JavaCPP's and JNA's classes (pointers that read and write any native
 *       memory) are reached only by DL4J, ND4J and the kit;</li>
 *   <li>class loaders: only the JDK's own and the libraries' (DL4J, ND4J, JavaCPP), never one exercise code
 *       makes, which could load any class file, the reference solution's too;</li>
 *   <li>deep reflection: never into the grader; elsewhere only by DL4J, ND4J, JavaCPP and the kit (Jackson
 *       inside ND4J reads network configurations that way), never by exercise code or a general library
 *       (Commons Lang's FieldUtils) on its behalf;</li>
 *   <li>the grader's classes and resources, and the test libraries it runs on (JUnit, jqwik, AssertJ): reached only
 *       by the grader itself.</li>
 * </ul>
 * What the JDK or a library does to set itself up while exercise code happens to be on the stack (a class of
 * theirs initializing: AWT loading its native library, which sets properties and starts its threads; ND4J reading
 * its native environment) is theirs and allowed: nothing of the student's is in it, a class whose initialization
 * fails stays broken for every later test, and refusing inside the JVM's own set-up can crash it.
 */
final class Policy {

    /** The callers that may do an action while exercise code is on the stack; none when not listed. */
    static final Map<Action, Set<Caller>> TRUSTED_CALLERS = new EnumMap<>(Map.of(
            Action.START_THREADS, EnumSet.of(Caller.INFRASTRUCTURE),
            Action.LOAD_NATIVE_CODE, EnumSet.of(Caller.INFRASTRUCTURE),
            Action.DEEP_REFLECTION, EnumSet.of(Caller.INFRASTRUCTURE, Caller.KIT, Caller.GRADER),
            Action.REACH_GRADER, EnumSet.of(Caller.GRADER),
            Action.REACH_NATIVE, EnumSet.of(Caller.INFRASTRUCTURE, Caller.KIT, Caller.GRADER),
            Action.CREATE_CLASS_LOADERS, EnumSet.of(Caller.INFRASTRUCTURE, Caller.GRADER),
            Action.CHANGE_PROPERTIES, EnumSet.of(Caller.INFRASTRUCTURE, Caller.GRADER)));

    private Policy() {
    }

    /** Whether {@code className} (or a resource path in dotted form) belongs to the grader: engine, guard, tests. */
    static boolean isGrader(String className) {
        return className != null && (className.startsWith("resnetkit.grader.") || className.startsWith("resnetkit.graded."));
    }

    /**
     * Whether {@code className} belongs to JavaCPP or JNA, whose pointers read and write any native memory and whose
     * loaders load any library: DL4J and ND4J use them; exercise code uses ND4J's arrays.
     */
    static boolean isNative(String className) {
        return className != null && (className.startsWith("org.bytedeco.") || className.startsWith("com.sun.jna."));
    }

    /**
     * Whether {@code className} belongs to the libraries the graded tests run on (JUnit, jqwik, AssertJ,
     * opentest4j): part of the grader for exercise code, which must not configure or drive them.
     */
    static boolean isTestLibrary(String className) {
        return className != null && (className.startsWith("org.junit.") || className.startsWith("net.jqwik.")
                || className.startsWith("org.assertj.") || className.startsWith("org.opentest4j."));
    }

    /** Whether {@code className} belongs to the guard itself. */
    static boolean isGuard(String className) {
        return className != null && className.startsWith("resnetkit.grader.guard.");
    }

    /**
     * Whether the call described by {@code request}, made with exercise code on the stack as {@code facts} say,
     * is allowed in {@code scope}.
     */
    static boolean allows(Request request, StackFacts facts, GuardScope scope) {
        Action action = request.action();
        boolean trustedCaller = facts.caller() != null
                && TRUSTED_CALLERS.getOrDefault(action, Set.of()).contains(facts.caller());
        if (facts.initializing() && action != Action.END_JVM) {
            return true; // the JDK or a library initializing a class of its own, with nothing of the student's in it
        }
        return switch (action) {
            case READ_FILES -> facts.classLoading() || request.paths().stream().allMatch(scope::mayRead);
            case WRITE_FILES -> request.paths().stream().allMatch(p -> scope.mayWrite(p)
                    || facts.caller() == Caller.INFRASTRUCTURE && scope.libraryMayWrite(p));
            // the JDK's own (a lambda's constructor made accessible) is the JDK's business; into the grader only the
            // grader itself; elsewhere the caller decides
            case DEEP_REFLECTION -> facts.jdkAsks() || (isGrader(request.target()) ? facts.caller() == Caller.GRADER
                    : trustedCaller);
            case REACH_GRADER -> !isGrader(request.target()) && !isTestLibrary(request.target()) || trustedCaller;
            // the JDK makes class loaders of its own (for reflection after 15 calls of a method): its business
            case CREATE_CLASS_LOADERS -> facts.jdkAsks() || trustedCaller;
            // the JDK's own libraries (AWT's, when an image class first loads) and the native libraries' own, from
            // where they were installed: never a file exercise code could have written
            case LOAD_NATIVE_CODE -> (facts.jdkAsks() || trustedCaller)
                    && request.paths().stream().allMatch(scope::mayLoadNative);
            default -> trustedCaller;
        };
    }

    /** The message a student reads: "exercise code may not write files: FileChannel.open(...), in ...". */
    static String refusal(Request request, StackFacts facts) {
        String call = facts.entry() + "(" + shortened(request.resource()) + ")";
        String through = facts.caller() == Caller.STUDENT ? "" : ", called through " + facts.callerName();
        return "exercise code may not " + request.action().phrase() + ": " + call + through + ", in "
                + facts.student();
    }

    /** Long resources (a command line, a path) kept readable: at most 200 characters. */
    private static String shortened(String resource) {
        return resource.length() <= 200 ? resource : resource.substring(0, 97) + "..." + resource.substring(
                resource.length() - 100);
    }
}
