package resnetkit.grader.worker;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Array;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A jqwik hook on every graded property (registered in {@code META-INF/services}): when a property fails, it
 * publishes the smallest failing parameters jqwik found, by name ({@code fails for in=1, planes=2, stride=2}),
 * as a report entry that {@link Feedback} appends to the test's feedback.
 */
public final class FailingSample implements AroundPropertyHook {

    /** The start of the entry's value. */
    static final String PREFIX = "fails for ";

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public boolean appliesTo(Optional<AnnotatedElement> element) {
        return true;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        PropertyExecutionResult result = property.execute();
        result.falsifiedParameters().ifPresent(values -> context.reporter().publishValue("failing sample",
                describe(context.targetMethod().getParameters(), values)));
        return result;
    }

    /** "fails for name=value, ..." of a property's parameters (compiled with their names) and its values. */
    static String describe(Parameter[] parameters, List<Object> values) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String name = i < parameters.length ? parameters[i].getName() : "arg" + i;
            args.add(name + "=" + format(values.get(i)));
        }
        return PREFIX + String.join(", ", args);
    }

    private static String format(Object value) {
        if (value != null && value.getClass().isArray()) {
            Object[] boxed = new Object[Array.getLength(value)];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = Array.get(value, i);
            }
            return Arrays.deepToString(boxed);
        }
        return String.valueOf(value);
    }
}
