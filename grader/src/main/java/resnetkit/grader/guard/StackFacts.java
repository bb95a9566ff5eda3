package resnetkit.grader.guard;

import java.util.Set;

/**
 * What the stack of one guarded call says: whether exercise code is on it, who called the JDK, and through
 * which JDK method. Read from the top (the guarded method) down to the first frame of exercise code.
 *
 * @param student      the topmost frame of exercise code ("Class.method (File.java:12)"), or null: the call is
 *                     not the student's, nothing to check
 * @param studentClass the class of that frame, or null
 * @param caller       the kind of code that called into the JDK (the first frame outside it)
 * @param callerName   that code's class, e.g. "org.apache.commons.io.FileUtils"
 * @param entry        the JDK method that code called, e.g. "FileChannel.open" or "new FileOutputStream"
 * @param classLoading whether a JDK class loader is between the guarded call and that code: the JDK loading a
 *                     class from the class path, not code reading a file
 * @param jdkAsks      whether the guarded method was called by the JDK's own code (not through reflection or a
 *                     method handle): the lambda factory making a lambda's constructor accessible, say
 * @param initializing whether a class that is not the student's is initializing between the guarded call and
 *                     the student's frame: the JDK or a library setting itself up (AWT loading its native library,
 *                     ND4J reading its native environment), with nothing of the student's in it; refused, the class
 *                     would stay broken for every later test, and refusing inside the JVM's own set-up can crash it
 */
record StackFacts(String student, String studentClass, Caller caller, String callerName, String entry,
                  boolean classLoading, boolean jdkAsks, boolean initializing) {

    /** Who called into the JDK. */
    enum Caller {
        /** the submission's code */
        STUDENT,
        /** the grader: its engine and its tests, e.g. a check a test handed to exercise code */
        GRADER,
        /** the rest of the kit: toolkit, datasets, given */
        KIT,
        /** DL4J, ND4J and JavaCPP, whose own threads, reflection and native libraries the exercises need */
        INFRASTRUCTURE,
        /** any other library on the class path (Commons IO, Commons Lang, Jackson, ...) */
        LIBRARY;

        private static final Set<String> INFRASTRUCTURE_PACKAGES = Set.of("org.nd4j.", "org.deeplearning4j.",
                "org.bytedeco.");

        /** The kind of a non-JDK class that is not the student's. */
        static Caller of(String className) {
            if (Policy.isGrader(className)) {
                return GRADER;
            }
            if (className.startsWith("resnetkit.")) {
                return KIT;
            }
            for (String p : INFRASTRUCTURE_PACKAGES) {
                if (className.startsWith(p)) {
                    return INFRASTRUCTURE;
                }
            }
            return LIBRARY;
        }
    }
}
