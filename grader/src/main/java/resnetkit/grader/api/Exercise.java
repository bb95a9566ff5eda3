package resnetkit.grader.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a test class as the graded tests of one exercise; the score table groups by it. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Exercise {

    /** The chapter's number, e.g. "20.2.1". */
    String id();

    /** What the student builds, e.g. "BasicBlock and its shortcut". */
    String title();
}
