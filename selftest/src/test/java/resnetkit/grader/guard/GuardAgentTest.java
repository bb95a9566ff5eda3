package resnetkit.grader.guard;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard runs in this JVM (selftest's pom starts its agent) with every row of its table in place: no JDK
 * method it guards was renamed or left out in this JDK (the grading JVM checks the same on every JDK it runs on,
 * and refuses to grade otherwise), and every action has a row.
 */
class GuardAgentTest {

    @Test
    void every_hook_is_in_place_in_this_jdk() {
        assertThat(GuardAgent.problems()).as("problems while installing the guard").isEmpty();
        assertThat(GuardAgent.missing()).as("rows of the table whose JDK class has none of their methods").isEmpty();
        assertThat(GuardAgent.installed()).isTrue();
        assertThat(Guard.installed()).isTrue();
    }

    @Test
    void every_action_has_a_hook() {
        Set<Action> hooked = EnumSet.noneOf(Action.class);
        Hooks.ALL.forEach(h -> hooked.add(h.action()));
        // the reflection rows judge JavaCPP's and JNA's classes as REACH_NATIVE, the grader's as REACH_GRADER
        hooked.add(Action.REACH_NATIVE);
        assertThat(hooked).containsExactlyInAnyOrder(Action.values());
    }
}
