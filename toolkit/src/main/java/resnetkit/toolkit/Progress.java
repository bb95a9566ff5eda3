package resnetkit.toolkit;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar with an ETA for long runs, drawn on stderr when a person watches a terminal;
 * quiet (no bar, only the lines the caller prints) in CI, in pipes, or with {@code -Dresnetkit.quiet=true}.
 *
 * <pre>
 *   ResNet-56 epoch 3/6 [==========>          ]  21/40 batches  0:41 left
 * </pre>
 */
public final class Progress {

    private static final int BAR = 24;
    private static final long REDRAW_NANOS = 250_000_000L;
    /** Without a terminal, a line at most this often (and when a task ends). */
    static final long LINE_NANOS = 20_000_000_000L;

    private final PrintStream out;
    private final boolean visible;
    private final boolean lines;
    private String label = "";
    private int total;
    private int done;
    private long start;
    private long lastDraw;

    private Progress(PrintStream out, boolean visible) {
        this(out, visible, false);
    }

    private Progress(PrintStream out, boolean visible, boolean lines) {
        this.out = out;
        this.visible = visible;
        this.lines = lines;
    }

    /** A bar on stderr, visible only in an interactive terminal outside CI. */
    public static Progress forConsole() {
        boolean quiet = Boolean.getBoolean("resnetkit.quiet") || System.getenv("CI") != null
                || System.console() == null;
        return new Progress(System.err, !quiet);
    }

    /**
     * For experiments that run for minutes to hours, also through Maven (which gives the JVM no terminal): the
     * bar on a terminal; without one, a plain line on stderr at most every 20 s and when a task ends
     * ({@code layer1.1 dropped: 96/300 images, 0:41 elapsed, 1:27 left}); nothing in CI ({@code CI} set) or
     * with {@code -Dresnetkit.quiet=true}.
     */
    public static Progress forExperiment() {
        return forExperiment(System.err);
    }

    /** As {@link #forExperiment()}, drawn on {@code out} (the grader's console, which student output never reaches). */
    public static Progress forExperiment(PrintStream out) {
        if (Boolean.getBoolean("resnetkit.quiet") || System.getenv("CI") != null) {
            return new Progress(out, false);
        }
        return System.console() != null ? new Progress(out, true) : new Progress(out, false, true);
    }

    /**
     * Plain progress lines on {@code out} (see {@link #forExperiment}): one line when a task ends, and at most one
     * every 20 s before; for tests (a graded test reads that each epoch's task started and finished).
     */
    public static Progress lines(PrintStream out) {
        return new Progress(out, false, true);
    }

    /** A bar that never draws: for tests. */
    public static Progress silent() {
        return new Progress(System.err, false);
    }

    /** Starts a new task of {@code total} steps. */
    public void start(String label, int total) {
        this.label = label;
        this.total = total;
        this.done = 0;
        this.start = System.nanoTime();
        this.lastDraw = 0;
        draw(true);
    }

    /** One step done. */
    public void step() {
        step(1);
    }

    /** {@code steps} steps done. */
    public void step(int steps) {
        done += steps;
        draw(done >= total);
    }

    /** A line for the person watching (a partial result), on its own line; nothing when quiet. */
    public void note(String line) {
        if (visible || lines) {
            clear();
            out.println(line);
            out.flush();
        }
    }

    /** Clears the bar so the caller can print a result line in its place. */
    public void clear() {
        if (visible) {
            out.print("\r" + " ".repeat(100) + "\r");
            out.flush();
        }
    }

    /** Seconds left at the current pace, or -1 before the first step. */
    public double secondsLeft() {
        if (done == 0) {
            return -1;
        }
        double perStep = (System.nanoTime() - start) / 1e9 / done;
        return perStep * (total - done);
    }

    private void draw(boolean force) {
        long now = System.nanoTime();
        if (lines) {
            // the start line is left out: a line says how far a task got
            if (done > 0 && (force || now - lastDraw >= LINE_NANOS)) {
                lastDraw = now;
                double elapsed = (now - start) / 1e9;
                double left = secondsLeft();
                out.printf(Locale.ROOT, "%s: %d/%d, %s elapsed%s%n", label, done, total, clock(elapsed),
                        done >= total ? "" : ", " + clock(left) + " left");
                out.flush();
            } else if (done == 0) {
                lastDraw = now;
            }
            return;
        }
        if (!visible || (!force && now - lastDraw < REDRAW_NANOS)) {
            return;
        }
        lastDraw = now;
        int filled = total == 0 ? BAR : BAR * done / total;
        String bar = "=".repeat(filled) + (filled < BAR ? ">" + " ".repeat(BAR - filled - 1) : "");
        double left = secondsLeft();
        String eta = left < 0 ? "" : String.format(Locale.ROOT, "  %d:%02d left", (int) left / 60, (int) left % 60);
        out.printf(Locale.ROOT, "\r%s [%s] %d/%d%s   ", label, bar, done, total, eta);
        out.flush();
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour. */
    static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
