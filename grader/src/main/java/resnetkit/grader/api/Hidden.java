package resnetkit.grader.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a graded test class as hidden: it runs in every grading run and counts in every total, but
 * student-facing reports show only its name, points and pass/fail, never its feedback or inputs, and
 * the student release leaves its source out (it lives in the package {@code resnetkit.graded.hidden}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Hidden {
}
