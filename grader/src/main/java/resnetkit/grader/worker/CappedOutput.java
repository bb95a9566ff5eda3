package resnetkit.grader.worker;

import resnetkit.grader.scoring.StudentText;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What one graded test printed, bounded: the first {@code keep} characters are kept for the reports and the
 * first {@code echo} are passed on to the console as they arrive; everything after is only counted, so a test
 * that prints 50 MB in a loop costs a counter, not memory. Safe for several threads at once (a test's own
 * thread, the threads it starts, an abandoned call still printing).
 *
 * <p>Characters are Java {@code char}s (UTF-16 units), as {@link String#length()} counts them.
 */
final class CappedOutput {

    private final String who;
    private final int keep;
    private final int echo;
    private final PrintStream consoleOut;
    private final PrintStream consoleErr;
    private final StringBuilder kept = new StringBuilder();
    private long total;
    private long echoed;
    private boolean echoEndsLine = true;

    /**
     * @param who        whose output it is, for the line that says how much was cut: "this test"
     * @param keep       characters kept for the reports
     * @param echo       characters passed on to the console (0: none, e.g. for a hidden test)
     * @param consoleOut where standard output is echoed: the real console, captured before the swap
     * @param consoleErr where standard error is echoed
     */
    CappedOutput(String who, int keep, int echo, PrintStream consoleOut, PrintStream consoleErr) {
        this.who = who;
        this.keep = keep;
        this.echo = echo;
        this.consoleOut = consoleOut;
        this.consoleErr = consoleErr;
    }

    /** Appends {@code s}, printed on standard error when {@code err}, else on standard output. */
    synchronized void append(String s, boolean err) {
        total += s.length();
        if (kept.length() < keep) {
            kept.append(s, 0, Math.min(s.length(), keep - kept.length()));
        }
        if (echoed < echo) {
            String part = s.substring(0, (int) Math.min(s.length(), echo - echoed));
            PrintStream console = err ? consoleErr : consoleOut;
            console.print(StudentText.shown(part)); // an escape code shows as text, it does not act on the console
            console.flush();
            echoed += part.length();
            if (!part.isEmpty()) {
                echoEndsLine = part.charAt(part.length() - 1) == '\n';
            }
        }
    }

    /** Characters received so far, kept or not. */
    synchronized long total() {
        return total;
    }

    /**
     * The kept characters, then, when more arrived, one line saying how many were cut; empty when nothing
     * was printed.
     */
    synchronized String text() {
        if (total <= kept.length()) {
            return kept.toString();
        }
        return kept + (kept.length() == 0 || kept.charAt(kept.length() - 1) == '\n' ? "" : "\n")
                + cutLine(total - kept.length(), "the report keeps the first " + number(keep));
    }

    /** Tells the console how much of this output it did not see; nothing when it saw all of it. */
    synchronized void endEcho() {
        if (echo > 0 && total > echoed) {
            consoleOut.print((echoEndsLine ? "" : "\n") + cutLine(total - echoed, "the console shows the first "
                    + number(echo) + (keep > 0 ? "; results.json and junit.xml keep " + number(keep) : "")) + "\n");
            consoleOut.flush();
        }
    }

    private String cutLine(long cut, String why) {
        return "... " + number(cut) + " more characters printed by " + who + " were cut (" + why + ")";
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
