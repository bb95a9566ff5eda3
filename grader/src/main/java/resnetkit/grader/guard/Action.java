package resnetkit.grader.guard;

/**
 * What a guarded JDK method would do, in the words of the refusal a student reads: "exercise code may not
 * {@link #phrase}: ...". {@link Policy} says, per action, when exercise code may do it anyway.
 */
public enum Action {

    WRITE_FILES("write, create, delete or move files (only inside the temporary folder the grader gives, "
            + "java.io.tmpdir)"),
    READ_FILES("read files other than the kit's data, its libraries and the grader's temporary folder"),
    END_JVM("end or halt the JVM (return or throw instead)"),
    START_PROCESSES("start processes"),
    START_THREADS("start threads, register shutdown hooks or submit tasks to thread pools"),
    DEEP_REFLECTION("use deep reflection (setAccessible, privateLookupIn, Unsafe)"),
    REACH_GRADER("reach the grader's classes or resources"),
    CREATE_CLASS_LOADERS("create class loaders"),
    USE_NETWORK("use the network"),
    LOAD_NATIVE_CODE("load native code"),
    REACH_NATIVE("reach native memory or libraries directly (JavaCPP, JNA): ND4J's arrays do that for you"),
    INSPECT_JVM("dump, record, reconfigure or attach to the JVM"),
    USE_CONSOLE("replace or bypass System.out, System.err and System.in"),
    CHANGE_PROPERTIES("change system properties or the JVM's defaults (Locale, TimeZone)");

    private final String phrase;

    Action(String phrase) {
        this.phrase = phrase;
    }

    /** What exercise code may not do, e.g. "start processes". */
    public String phrase() {
        return phrase;
    }
}
