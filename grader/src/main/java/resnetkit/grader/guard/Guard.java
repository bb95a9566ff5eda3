package resnetkit.grader.guard;

import resnetkit.grader.guard.StackFacts.Caller;
import resnetkit.grader.guard.bridge.GuardBridge;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The runtime guard's decisions: every guarded JDK method calls {@link #check} through the {@link GuardBridge}
 * on entry. While a grading run is active ({@link #activate}), a call with exercise code anywhere on its stack
 * is read by its {@link Hook}, judged by the {@link Policy}, and refused with a {@link SecurityException} whose
 * message says what, how and where; the refusal is also recorded ({@link #takeRefusals}), so the grader fails
 * the test even when exercise code catches the exception.
 *
 * <p>Exercise code is known by where its classes were loaded from (their code source, {@link GuardScope#studentCode}),
 * never by package name: a class a submission declares in the grader's or the JDK's packages is the student's
 * all the same, and so is a lambda it creates. A thread or task exercise code starts runs exercise code, so its
 * frames are on the new thread's stack too; starting one is refused anyway, but for DL4J's, ND4J's and
 * JavaCPP's own ({@link Policy}).
 */
public final class Guard implements GuardBridge.Checker {

    static final Guard INSTANCE = new Guard();

    private static final StackWalker WALKER = StackWalker.getInstance(EnumSet.of(
            StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_HIDDEN_FRAMES,
            StackWalker.Option.SHOW_REFLECT_FRAMES));
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();
    /** Where each class was loaded from: its code source's folder or jar; null for the JDK and generated classes. */
    private static final ClassValue<Optional<Path>> LOCATION = new ClassValue<>() {
        @Override
        protected Optional<Path> computeValue(Class<?> c) {
            return Optional.ofNullable(location(c));
        }
    };
    /** Set while this thread is inside the guard: calls the guard itself makes are not checked. */
    private static final ThreadLocal<boolean[]> BUSY = ThreadLocal.withInitial(() -> new boolean[1]);

    /** System property: print the stack of every refusal (into the test's output), to see why it was refused. */
    public static final String TRACE_PROPERTY = "grader.guardTrace";
    private static final boolean TRACE = Boolean.getBoolean(TRACE_PROPERTY);

    private volatile GuardScope scope;
    private final Queue<Refusal> refusals = new ConcurrentLinkedQueue<>();

    private Guard() {
    }

    /** Whether the guard's agent is running in this JVM: without it, nothing is guarded. */
    public static boolean installed() {
        return GuardAgent.installed() && GuardBridge.installed();
    }

    /**
     * Starts guarding: from now on, exercise code (the classes from {@code scope}'s student code) may do only what
     * the policy allows. Only the grader may call this, never code called by exercise code.
     *
     * @throws IllegalStateException when the guard's agent is not running in this JVM
     */
    public static void activate(GuardScope scope) {
        if (!installed()) {
            throw new IllegalStateException("the runtime guard is not installed in this JVM (start it with"
                    + " -javaagent:<" + GuardJar.FILE + ">): " + String.join("; ", GuardAgent.problems())
                    + (GuardAgent.missing().isEmpty() ? "" : "; guarded methods this JDK does not have: "
                    + String.join(", ", GuardAgent.missing())));
        }
        refuseFromExerciseCode("activate");
        INSTANCE.refusals.clear();
        INSTANCE.scope = scope;
    }

    /** Stops guarding (the end of an in-process grading run); only the grader may call this. */
    public static void deactivate() {
        refuseFromExerciseCode("deactivate");
        INSTANCE.scope = null;
    }

    /**
     * Runs {@code work} with this thread's checks off: the guard's own work (transforming a JDK class that loads
     * while exercise code runs) must not be judged as the exercise's.
     */
    static <T> T unchecked(java.util.function.Supplier<T> work) {
        boolean[] busy = BUSY.get();
        boolean was = busy[0];
        busy[0] = true;
        try {
            return work.get();
        } finally {
            busy[0] = was;
        }
    }

    /** Loads and runs the guard's own code once, before the bridge hands it the first call. */
    static void warmUp() {
        GuardScope none = new GuardScope(java.util.Set.of(), List.of(), List.of(), List.of(), List.of());
        StackFacts facts = inspect(none);
        for (Action action : Action.values()) {
            Policy.allows(Request.files(action, Path.of("").toAbsolutePath()), facts, none);
        }
        Policy.refusal(Request.of(Action.END_JVM, ""), facts);
        new Refusal(Action.END_JVM, "", "").message();
        Hooks.ALL.get(0).request(null, new Object[] {new java.io.File("")});
        unchecked(() -> null);
        LOCATION.get(Guard.class);
    }

    /** The refusals recorded since the last call, oldest first. */
    public static List<Refusal> takeRefusals() {
        List<Refusal> taken = new ArrayList<>();
        for (Refusal r; (r = INSTANCE.refusals.poll()) != null; ) {
            taken.add(r);
        }
        return taken;
    }

    private static void refuseFromExerciseCode(String what) {
        GuardScope s = INSTANCE.scope;
        if (s != null && inspect(s).student() != null) {
            throw new SecurityException("exercise code may not change the grader's guard (" + what + ")");
        }
    }

    @Override
    public void check(int hook, Object self, Object[] args) {
        GuardScope s = scope;
        if (s == null) {
            return;
        }
        boolean[] busy = BUSY.get();
        if (busy[0]) {
            return;
        }
        busy[0] = true;
        Refusal refusal;
        try {
            refusal = judge(Hooks.ALL.get(hook), self, args, s);
        } finally {
            busy[0] = false;
        }
        if (refusal != null) {
            refusals.add(refusal);
            SecurityException refused = new SecurityException(refusal.message());
            if (TRACE) {
                refused.printStackTrace(); // -Dgrader.guardTrace=true: where exactly, for whoever wonders why
            }
            throw refused;
        }
    }

    /** The refusal of this call, or null when it is allowed. */
    private static Refusal judge(Hook hook, Object self, Object[] args, GuardScope scope) {
        Request request = hook.request(self, args);
        if (request == null) {
            return null; // the call concerns nothing the guard keeps (the common case for class loading)
        }
        StackFacts facts = inspect(scope);
        if (facts.student() == null || Policy.allows(request, facts, scope)) {
            return null;
        }
        return new Refusal(request.action(), Policy.refusal(request, facts), facts.studentClass());
    }

    /** Reads the stack from the guarded call down to the first frame of exercise code. */
    static StackFacts inspect(GuardScope scope) {
        return WALKER.walk(frames -> {
            Class<?> guarded = null; // the guarded JDK method's class: the first frame below the guard's own
            Boolean jdkAsks = null;
            String entry = "";
            Caller caller = null;
            String callerName = "";
            boolean classLoading = false;
            boolean initializing = false;
            for (StackWalker.StackFrame f : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                Class<?> c = f.getDeclaringClass();
                if (guarded == null && Policy.isGuard(c.getName())) {
                    continue; // the guard's own frames on top
                }
                if (guarded == null) {
                    guarded = c;
                } else if (jdkAsks == null && !passesOn(guarded, c, f.getMethodName())) {
                    jdkAsks = isJdk(c);
                }
                if (scope.isStudentCode(LOCATION.get(c).orElse(null))) {
                    if (caller == null) {
                        caller = Caller.STUDENT;
                        callerName = c.getName();
                    }
                    return new StackFacts(frame(f), c.getName(), caller, callerName, entry, classLoading,
                            Boolean.TRUE.equals(jdkAsks), initializing);
                }
                // a class of the JDK's or a library's initializing, above the student's frame: its own set-up
                initializing |= f.getMethodName().equals("<clinit>");
                if (caller != null) {
                    continue; // below the caller: only looking for exercise code now
                }
                if (isJdk(c)) {
                    // the guarded method itself, then the lowest public JDK method above the caller: what it called
                    if (entry.isEmpty() || isApi(c) && !isPlumbing(c)) {
                        entry = f.getMethodName().equals("<init>") ? "new " + c.getSimpleName()
                                : c.getSimpleName() + "." + f.getMethodName();
                    }
                    classLoading |= ClassLoader.class.isAssignableFrom(c) && f.getMethodName().matches(
                            "(load|find|define)Class.*");
                } else if (!java.lang.reflect.Proxy.isProxyClass(c)) { // a proxy only passes calls on
                    caller = Caller.of(c.getName());
                    callerName = c.getName();
                    // a class loader of the kit's (the bug matrix's isolating one) loading a class is class loading too
                    classLoading |= ClassLoader.class.isAssignableFrom(c) && f.getMethodName().startsWith("loadClass");
                }
            }
            return new StackFacts(null, null, caller, callerName, entry, classLoading, Boolean.TRUE.equals(jdkAsks),
                    initializing);
        });
    }

    /** "IdentityIsEasy.counterexample (IdentityIsEasy.java:41)". */
    private static String frame(StackWalker.StackFrame f) {
        String cls = f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1);
        String file = f.getFileName() == null ? "" : " (" + f.getFileName()
                + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : "") + ")";
        return cls + "." + f.getMethodName() + file;
    }

    private static boolean isJdk(Class<?> c) {
        ClassLoader loader = c.getClassLoader();
        return loader == null || loader == PLATFORM;
    }

    /** A JDK class a program calls itself: a public class of java.* or javax.*. */
    private static boolean isApi(Class<?> c) {
        String n = c.getName();
        return (n.startsWith("java.") || n.startsWith("javax.")) && !c.isHidden()
                && java.lang.reflect.Modifier.isPublic(c.getModifiers());
    }

    /**
     * A frame below the guarded method that only passes the call on: the guarded class itself, a subclass's
     * constructor (a new URLClassLoader is a new ClassLoader), reflection's and method handles' machinery.
     */
    private static boolean passesOn(Class<?> guarded, Class<?> c, String method) {
        return c == guarded || method.equals("<init>") && guarded.isAssignableFrom(c) || isInvocation(c, method);
    }

    /** A frame that only passes a call on: reflection's and method handles' invocation machinery. */
    private static boolean isInvocation(Class<?> c, String method) {
        String n = c.getName();
        return c.isHidden() || n.startsWith("jdk.internal.reflect.")
                || n.equals("java.lang.reflect.Method") && method.equals("invoke")
                || n.equals("java.lang.reflect.Constructor") && method.equals("newInstance")
                || n.startsWith("java.lang.invoke.DirectMethodHandle") || n.startsWith("java.lang.invoke.LambdaForm")
                || n.startsWith("java.lang.invoke.Invokers") || n.equals("java.lang.invoke.MethodHandle");
    }

    /** Reflection and method handles, through which a call reaches its method: the method says more. */
    private static boolean isPlumbing(Class<?> c) {
        return c.getName().startsWith("java.lang.reflect.") || c.getName().startsWith("java.lang.invoke.");
    }

    /** The folder or jar {@code c} was loaded from; null for the JDK's classes and classes without a code source. */
    private static Path location(Class<?> c) {
        try {
            CodeSource source = c.getProtectionDomain().getCodeSource();
            return source == null || source.getLocation() == null ? null
                    : GuardScope.real(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
