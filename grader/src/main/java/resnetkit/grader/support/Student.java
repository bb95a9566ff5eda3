package resnetkit.grader.support;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls into student code so that whatever it does fails only the calling test, with a message a student
 * can act on: a stub's "Exercise ..." message, the exception it threw, or "timed out" for an endless loop.
 */
public final class Student {

    private Student() {
    }

    /** A piece of student code that returns a value. */
    @FunctionalInterface
    public interface Code<T> extends Callable<T> {
    }

    /**
     * Runs {@code code} on its own daemon thread for at most {@link Grading#STUDENT_TIMEOUT_SECONDS} seconds.
     *
     * @param what names the student method in messages, e.g. "BasicBlock.build"
     * @throws AssertionError describing the failure in the chapter's terms
     */
    public static <T> T call(String what, Code<T> code) {
        return call(what, Grading.STUDENT_TIMEOUT_SECONDS, code);
    }

    /** As {@link #call(String, Code)}, with a limit of its own for code that trains a network. */
    public static <T> T call(String what, int timeoutSeconds, Code<T> code) {
        FutureTask<T> task = new FutureTask<>(code);
        Thread thread = new Thread(task, "student-" + what);
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new AssertionError(what + " timed out after " + timeoutSeconds
                    + " s: is there a loop that never ends?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + " was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnsupportedOperationException && cause.getMessage() != null
                    && cause.getMessage().startsWith("Exercise")) {
                throw new AssertionError(cause.getMessage());
            }
            if (cause instanceof AssertionError ae) {
                throw ae;
            }
            throw new AssertionError(what + " threw " + cause.getClass().getSimpleName() + ": "
                    + cause.getMessage(), cause);
        }
    }
}
