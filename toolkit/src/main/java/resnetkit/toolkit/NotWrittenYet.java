package resnetkit.toolkit;

/**
 * What an exercise stub throws until its YOUR CODE block is written: the grader fails that exercise's tests with
 * this message (and no other's), and the experiment commands name the exercise they need.
 */
public final class NotWrittenYet extends UnsupportedOperationException {

    /** @param what the exercise and method, e.g. "Exercise 20.2.1 BasicBlock.build (about 14 lines)" */
    public NotWrittenYet(String what) {
        super(what + ": not written yet (fill in the YOUR CODE block)");
    }

    /** Whether {@code t}, or what caused it, is an unwritten stub. */
    public static boolean isStub(Throwable t) {
        return in(t) != null;
    }

    /** The unwritten stub that {@code t} is or that caused it (the first in its cause chain), or null if none. */
    public static NotWrittenYet in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof NotWrittenYet stub) {
                return stub;
            }
        }
        return null;
    }
}
