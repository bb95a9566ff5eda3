package resnetkit.grader.guard;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the guard's check into the JDK classes of {@link Hooks}: a call of {@link EntryAdvice} at the start of
 * each matching method or constructor, nothing else (no new fields or methods, so loaded classes can be
 * retransformed). Only classes of the boot and platform loaders are touched: a class of the class path with a
 * JDK class's name is not the JDK's.
 */
final class HookTransformer implements ClassFileTransformer {

    private final Map<String, List<Integer>> hooksByType = new HashMap<>();
    private final List<Hook> hooks;
    private final List<String> problems;
    private final Set<Integer> applied = ConcurrentHashMap.newKeySet();
    private final Set<String> transformed = ConcurrentHashMap.newKeySet();

    HookTransformer(List<Hook> hooks, List<String> problems) {
        this.hooks = hooks;
        this.problems = problems;
        for (int i = 0; i < hooks.size(); i++) {
            hooksByType.computeIfAbsent(hooks.get(i).type().replace('.', '/'), k -> new ArrayList<>()).add(i);
        }
    }

    /** Whether {@code c} is a JDK class with hooks. */
    boolean targets(Class<?> c) {
        return hooksByType.containsKey(c.getName().replace('.', '/')) && isJdkLoader(c.getClassLoader());
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) {
        List<Integer> ids = internalName == null ? null : hooksByType.get(internalName);
        if (ids == null || !isJdkLoader(loader)) {
            return null;
        }
        try {
            return Guard.unchecked(() -> instrument(loader, internalName.replace('/', '.'), bytes, ids));
        } catch (Throwable t) {
            problems.add("could not guard " + internalName + ": " + t);
            return null;
        }
    }

    private byte[] instrument(ClassLoader loader, String name, byte[] bytes, List<Integer> ids) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, bytes),
                loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader));
        TypeDescription type = TypePool.Default.of(locator).describe(name).resolve();
        DynamicType.Builder<?> builder = new ByteBuddy().with(TypeValidation.DISABLED)
                .with(Implementation.Context.Disabled.Factory.INSTANCE).redefine(type, locator);
        for (int id : ids) {
            Hook hook = hooks.get(id);
            if (type.getDeclaredMethods().filter(hook.methods()).isEmpty()) {
                continue;
            }
            applied.add(id);
            Advice advice = Advice.withCustomMapping().bind(HookId.class, id)
                    .to(matchesConstructors(type, hook) ? EntryAdvice.ForConstructor.class : EntryAdvice.class);
            builder = builder.visit(advice.on(hook.methods()));
        }
        transformed.add(name);
        return builder.make().getBytes();
    }

    /** A row matches either constructors only or methods only; constructors take the advice without {@code this}. */
    private static boolean matchesConstructors(TypeDescription type, Hook hook) {
        return type.getDeclaredMethods().filter(hook.methods()).stream().allMatch(MethodDescription::isConstructor);
    }

    private static boolean isJdkLoader(ClassLoader loader) {
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    /** Runs the transformer once on a class it leaves alone, so its own classes are loaded before it is needed. */
    void warmUp() {
        new ByteBuddy();
        ClassFileLocator.ForClassLoader.ofBootLoader(); // creates a class loader: not while exercise code runs
        TypePool.Default.ofSystemLoader();
        Advice.withCustomMapping().bind(HookId.class, 0).to(EntryAdvice.class);
    }

    /** Rows whose class was transformed but that matched none of its methods. */
    List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < hooks.size(); i++) {
            if (transformed.contains(hooks.get(i).type()) && !applied.contains(i)) {
                missing.add(hooks.get(i).type() + " " + hooks.get(i).methods());
            }
        }
        return missing;
    }
}
