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

    /**
     * As {@link #call(String, Code)}, with a limit of its own for code that trains a network; every limit is
     * multiplied by {@link Grading#timeScale()}.
     */
    public static <T> T call(String what, int timeoutSeconds, Code<T> code) {
        int limit = Grading.scaled(timeoutSeconds);
        FutureTask<T> task = new FutureTask<>(code);
        Thread thread = new Thread(task, "student-" + what);
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(limit, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new AssertionError(what + " ran for " + limit + " s without finishing, its limit (the reference"
                    + " needs a small fraction of it). Slow code and a loop that never ends look alike from here:"
                    + " look for a loop whose condition never changes, or for work repeated inside a loop; on a"
                    + " slow machine, rerun with -D" + Grading.TIME_SCALE + "=2.");
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
