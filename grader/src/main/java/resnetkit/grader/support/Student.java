package resnetkit.grader.support;

import resnetkit.toolkit.NotWrittenYet;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls into student code so that whatever it does fails only the calling test, with a message a student
 * can act on: a stub's "Exercise ..." message, the exception it threw, or "timed out" for an endless loop.
 */
public final class Student {

    /** How a method that did not compile fails when called (the Eclipse compiler, in the grade command). */
    static final String COMPILE_PROBLEM = "Unresolved compilation problem";

    private Student() {
    }

    /**
     * Student methods (e.g. "BasicBlock.build") whose timed-out call could not be stopped (JDK 20+ has no
     * {@code Thread.stop}): later calls of them fail at once instead of piling up more spinning threads.
     */
    private static final Map<String, Thread> RUNAWAYS = new ConcurrentHashMap<>();

    /**
     * Ends a timed-out student thread so it stops taking CPU from the tests after it: an interrupt first (code
     * that sleeps, waits or checks it ends), then, for a busy loop, {@code Thread.stop} where the JDK still has
     * it (17 to 19; the kit's JDK is 17). A stopped thread releases its locks mid-way; the student code it ran
     * is wrong anyway, and its test has failed.
     *
     * @return whether the thread has ended
     */
    @SuppressWarnings({"deprecation", "removal"})
    static boolean stop(Thread thread) {
        thread.interrupt();
        join(thread, 1000);
        if (thread.isAlive()) {
            try {
                thread.stop();
            } catch (UnsupportedOperationException e) {
                // JDK 20+: a thread cannot be stopped from outside; RUNAWAYS keeps it from being joined by more
            }
            join(thread, 2000);
        }
        return !thread.isAlive();
    }

    private static void join(Thread thread, long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** "BasicBlock.build" of "BasicBlock.build(inChannels=4, ...)" or "Degradation.run (ci preset)". */
    static String method(String what) {
        int end = what.length();
        for (char c : new char[] {'(', ' '}) {
            int at = what.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return what.substring(0, end);
    }

    /** A piece of student code that returns a value. */
    @FunctionalInterface
    public interface Code<T> extends Callable<T> {
    }

    /**
     * Runs {@code code} on its own daemon thread for at most {@link Grading#STUDENT_TIMEOUT_SECONDS} seconds; a
     * call that runs past it is stopped ({@link #stop}), or, where the JDK cannot stop it, later calls of the same
     * method fail at once.
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
        String method = method(what);
        Thread runaway = RUNAWAYS.get(method);
        if (runaway != null && runaway.isAlive()) {
            throw new AssertionError(what + " not run: an earlier call of " + method + " ran past its limit and is"
                    + " still running (slow code and a loop that never ends look alike from here)");
        }
        FutureTask<T> task = new FutureTask<>(code);
        Thread thread = new Thread(task, "student-" + what);
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(limit, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            if (!stop(thread)) {
                RUNAWAYS.put(method, thread);
            }
            throw new AssertionError(what + " ran for " + limit + " s without finishing, its limit (the reference"
                    + " needs a small fraction of it). Slow code and a loop that never ends look alike from here:"
                    + " look for a loop whose condition never changes, or for work repeated inside a loop; on a"
                    + " slow machine, rerun with -D" + Grading.TIME_SCALE + "=2.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + " was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof NotWrittenYet) {
                throw new AssertionError(cause.getMessage(), cause);
            }
            if (cause instanceof AssertionError ae) {
                throw ae;
            }
            if (cause instanceof Error && String.valueOf(cause.getMessage()).startsWith(COMPILE_PROBLEM)) {
                // the grade command compiles code with errors (the Eclipse compiler): a broken method throws this
                throw new AssertionError(what + " does not compile: " + cause.getMessage()
                        .substring(COMPILE_PROBLEM.length()).replaceFirst("^s?:", "").strip().replaceAll("\\s+", " ") + " (the compiler's"
                        + " messages, with line numbers, are at the top of the grade command's output)", cause);
            }
            throw new AssertionError(what + " threw " + cause.getClass().getSimpleName() + ": "
                    + cause.getMessage(), cause);
        }
    }
}
