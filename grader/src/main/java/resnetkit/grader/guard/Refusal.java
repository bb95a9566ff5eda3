package resnetkit.grader.guard;

/**
 * One call the guard refused: recorded before the exception is thrown, so that the grader fails the test
 * even when exercise code catches the exception.
 *
 * @param action       what the call would have done
 * @param message      the refusal as the student reads it: action, JDK call, resource, library, student frame
 * @param studentClass the exercise class whose code was on the stack
 */
public record Refusal(Action action, String message, String studentClass) {
}
