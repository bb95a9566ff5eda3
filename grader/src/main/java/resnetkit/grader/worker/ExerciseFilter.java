package resnetkit.grader.worker;

import resnetkit.grader.api.Exercise;
import resnetkit.grader.api.Hidden;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

import java.util.Optional;
import java.util.Set;

/**
 * Keeps the graded tests of some exercises only ({@code -Dgrader.exercises=20.2.1,20.2.4}): a test class is
 * kept when its {@link Exercise#id} is one of them. Engines and anything without a class are kept, so only
 * test classes (and their tests) are ever left out.
 */
final class ExerciseFilter implements PostDiscoveryFilter {

    private final Set<String> ids;
    private final boolean keep;

    ExerciseFilter(Set<String> ids) {
        this(ids, true);
    }

    private ExerciseFilter(Set<String> ids, boolean keep) {
        this.ids = Set.copyOf(ids);
        this.keep = keep;
    }

    /**
     * Keeps the hidden test classes ({@code hidden} true) or the visible ones: the worker runs every visible test
     * before any hidden one, so nothing a hidden test hands to exercise code can reach a visible test's output.
     */
    static PostDiscoveryFilter hidden(boolean hidden) {
        return descriptor -> {
            Optional<Class<?>> c = descriptor.getSource().flatMap(ExerciseFilter::testClass);
            if (c.isEmpty() || c.get().isAnnotationPresent(Hidden.class) == hidden) {
                return FilterResult.included(hidden ? "hidden" : "visible");
            }
            return FilterResult.excluded(hidden ? "visible, runs first" : "hidden, runs last");
        };
    }

    /** Keeps only the test methods named {@code methods} (and what holds them). */
    static PostDiscoveryFilter methods(Set<String> methods) {
        return descriptor -> {
            if (descriptor.getSource().orElse(null) instanceof MethodSource m && !methods.contains(m.getMethodName())) {
                return FilterResult.excluded("not in -D" + resnetkit.grader.api.GradingOptions.TESTS);
            }
            return FilterResult.included("selected");
        };
    }

    /** Leaves out the test classes of these exercises, keeps every other. */
    static ExerciseFilter excluding(Set<String> ids) {
        return new ExerciseFilter(ids, false);
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        Optional<String> id = descriptor.getSource().flatMap(ExerciseFilter::testClass)
                .map(c -> c.getAnnotation(Exercise.class)).map(Exercise::id);
        if (id.isEmpty() || ids.contains(id.get()) == keep) {
            return FilterResult.included("exercise selected");
        }
        return FilterResult.excluded(keep ? "exercise " + id.get() + " not in -Dgrader.exercises=" + String.join(",", ids)
                : "exercise " + id.get() + " breaks the kit's rules");
    }

    private static Optional<Class<?>> testClass(TestSource source) {
        if (source instanceof ClassSource c) {
            return Optional.of(c.getJavaClass());
        }
        if (source instanceof MethodSource m) {
            return Optional.of(m.getJavaClass());
        }
        return Optional.empty();
    }
}
