package resnetkit.grader.worker;

import resnetkit.grader.scoring.TestOutcome;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The grading JVM's {@code System.out} and {@code System.err}, captured test by test. While a graded test
 * runs, whatever any thread prints on them (the test, the threads it starts, DL4J's log lines, which
 * slf4j-simple writes to {@code System.err} as it is at that moment) goes into that test's
 * {@link CappedOutput}: the first {@link #KEPT} characters for the reports, the first {@link #ECHOED} on to the
 * console, the rest only counted. Output between tests (a test class's set-up) reaches the console under the
 * same echo limit and is kept nowhere.
 *
 * <p>Tests run one after another, so "the test running now" is one field, not a per-thread value: a thread a
 * test starts needs nothing inherited to be counted for it, and a thread left running by an earlier test is
 * counted for the test it prints in.
 */
final class OutputCapture implements AutoCloseable {

    /** Characters of each test's output kept for the reports ({@link TestOutcome#OUTPUT_KEPT}). */
    static final int KEPT = TestOutcome.OUTPUT_KEPT;
    /** Characters of each test's output echoed to the console ({@link TestOutcome#OUTPUT_SHOWN}). */
    static final int ECHOED = TestOutcome.OUTPUT_SHOWN;

    private final PrintStream realOut;
    private final PrintStream realErr;
    private volatile CappedOutput current;

    private OutputCapture(PrintStream realOut, PrintStream realErr) {
        this.realOut = realOut;
        this.realErr = realErr;
        this.current = outside();
    }

    /** Swaps {@code System.out} and {@code System.err} for capturing streams; {@link #close} puts them back. */
    static OutputCapture install() {
        OutputCapture capture = new OutputCapture(System.out, System.err);
        resnetkit.grader.support.Grading.useConsole(System.err); // the grader's progress lines stay uncaptured
        System.setOut(capture.stream(false));
        System.setErr(capture.stream(true));
        return capture;
    }

    /**
     * A graded test starts: its output is captured from now on; {@code echo} false keeps it off the console. Each
     * test prints into streams of its own, so a lock an earlier test's code took on {@code System.out} and never
     * gave back (a thread left spinning in {@code synchronized (System.out)}) blocks no later test.
     */
    void begin(boolean echo) {
        current.endEcho();
        current = new CappedOutput("this test", KEPT, echo ? ECHOED : 0, realOut, realErr);
        System.setOut(stream(false));
        System.setErr(stream(true));
    }

    /** What the test running now has printed so far, for a journal written while the JVM ends; empty if none. */
    String sofar() {
        return current.text();
    }

    /** The test that began last has finished: returns what it printed (capped) and stops capturing for it. */
    String end() {
        CappedOutput test = current;
        current = outside();
        test.endEcho();
        return test.text();
    }

    /** Restores the streams captured by {@link #install}. */
    @Override
    public void close() {
        current.endEcho();
        System.out.flush();
        System.err.flush();
        System.setOut(realOut);
        System.setErr(realErr);
    }

    private CappedOutput outside() {
        return new CappedOutput("code outside any test", 0, ECHOED, realOut, realErr);
    }

    private PrintStream stream(boolean err) {
        OutputStream router = new OutputStream() {
            @Override
            public void write(int b) {
                current.append(String.valueOf((char) (b & 0xFF)), err);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                // PrintStream's text methods write whole UTF-8 sequences; a raw write split mid-sequence gives U+FFFD
                current.append(new String(b, off, len, StandardCharsets.UTF_8), err);
            }
        };
        return new PrintStream(router, true, StandardCharsets.UTF_8) {
            @Override
            public void close() {
                flush(); // student code closing System.out must not silence the tests after it
            }
        };
    }
}
