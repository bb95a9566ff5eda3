package resnetkit.grader.guard;

import resnetkit.grader.guard.bridge.GuardBridge;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Java agent that installs the guard: it writes a call to the {@link GuardBridge} at the start of every JDK
 * method of {@link Hooks} (classes loaded already are retransformed, later ones transformed as they load), lets
 * the JDK's modules read the bridge, and hands the bridge the {@link Guard}. It only installs hooks: what is
 * allowed is the {@link Policy}'s, and when it applies is the grader's ({@link Guard#activate}).
 *
 * <p>Started by {@code -javaagent:<guard-agent.jar>} ({@link GuardJar} writes that jar: a manifest naming this
 * class, and the bridge for the boot class path), before any class of the grader or the submission loads.
 */
public final class GuardAgent {

    private static volatile boolean installed;
    private static volatile HookTransformer transformer;
    private static final List<String> PROBLEMS = new CopyOnWriteArrayList<>();

    private GuardAgent() {
    }

    /** The JVM's entry point for {@code -javaagent}. */
    public static void premain(String args, Instrumentation instrumentation) {
        try {
            install(instrumentation);
        } catch (Throwable t) {
            java.io.StringWriter trace = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(trace));
            PROBLEMS.add("the guard could not start: " + trace);
        }
    }

    private static void install(Instrumentation instrumentation) throws UnmodifiableClassException {
        Class<?> bridge;
        try {
            bridge = Class.forName(GuardBridge.class.getName(), true, null);
        } catch (ClassNotFoundException e) {
            PROBLEMS.add("the guard's bridge is not on the boot class path (the agent jar's Boot-Class-Path)");
            return;
        }
        Module bridgeModule = bridge.getModule();
        // the JDK's modules do not read the boot loader's unnamed module, where the bridge is: give them the edge
        for (String module : modules()) {
            ModuleLayer.boot().findModule(module).ifPresent(m -> instrumentation.redefineModule(m,
                    Set.of(bridgeModule), Map.of(), Map.of(), Set.of(), Map.of()));
        }
        HookTransformer t = new HookTransformer(Hooks.ALL, PROBLEMS);
        t.warmUp(); // loads the transformer's own classes before any of them could be a class it transforms
        instrumentation.addTransformer(t, true);
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (t.targets(c) && instrumentation.isModifiableClass(c)) {
                loaded.add(c);
            }
        }
        if (!loaded.isEmpty()) {
            instrumentation.retransformClasses(loaded.toArray(Class<?>[]::new));
        }
        transformer = t;
        // every guarded class that this JDK has, loaded now: each is transformed, and missing() is complete
        for (Hook h : Hooks.ALL) {
            try {
                Class.forName(h.type(), false, ClassLoader.getPlatformClassLoader());
            } catch (ClassNotFoundException | LinkageError notInThisRelease) {
                // VirtualThread before 21, java.lang.foreign before 22, Windows classes elsewhere
            }
        }
        Guard.warmUp();
        GuardBridge.install(Guard.INSTANCE);
        installed = PROBLEMS.isEmpty();
    }

    /** The modules that declare the guarded classes. */
    private static Set<String> modules() {
        Set<String> packages = new HashSet<>();
        for (Hook h : Hooks.ALL) {
            packages.add(h.type().substring(0, h.type().lastIndexOf('.')));
        }
        Set<String> modules = new HashSet<>();
        for (Module m : ModuleLayer.boot().modules()) {
            for (String p : packages) {
                if (m.getPackages().contains(p)) {
                    modules.add(m.getName());
                }
            }
        }
        return modules;
    }

    /** Whether every hook was installed, each matched a method, and the bridge holds the guard. */
    public static boolean installed() {
        return installed && PROBLEMS.isEmpty() && missing().isEmpty();
    }

    /** What went wrong while installing or transforming a class; empty when nothing did. */
    public static List<String> problems() {
        return List.copyOf(PROBLEMS);
    }

    /**
     * The rows of {@link Hooks#ALL} whose JDK class was transformed but had no method the row names: a JDK
     * release that renamed a guarded method. Rows whose class has not loaded (or does not exist in this
     * release) are not listed.
     */
    public static List<String> missing() {
        HookTransformer t = transformer;
        return t == null ? List.of("the guard is not installed") : t.missing();
    }
}
