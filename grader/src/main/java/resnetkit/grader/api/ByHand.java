package resnetkit.grader.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link Points} test as a written answer an instructor grades by hand. The test only checks that
 * an answer is there; its points are never scored automatically, yet always count in the total's
 * denominator, and the report shows them as "to be graded by hand".
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ByHand {
}
