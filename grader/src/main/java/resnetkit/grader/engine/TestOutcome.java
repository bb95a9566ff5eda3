package resnetkit.grader.engine;

/**
 * The result of one graded test.
 *
 * @param exerciseId    e.g. "20.2.1"
 * @param exerciseTitle e.g. "BasicBlock and its shortcut"
 * @param test          the test's readable name
 * @param points        points it is worth
 * @param passed        whether it passed
 * @param feedback      for a failure, what went wrong in the chapter's terms; empty when passed
 */
public record TestOutcome(String exerciseId, String exerciseTitle, String test, int points, boolean passed,
                          String feedback) {

    /** Points earned: all or nothing. */
    public int earned() {
        return passed ? points : 0;
    }
}
