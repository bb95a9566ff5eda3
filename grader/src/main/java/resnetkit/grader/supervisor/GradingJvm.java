package resnetkit.grader.supervisor;

import org.apache.commons.io.FileUtils;
import resnetkit.grader.api.GradingOptions;
import resnetkit.grader.guard.GuardJar;
import resnetkit.grader.journal.JournalKey;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts and waits for the grading JVM ({@code worker.GradingWorker}): the same Java, class path and options as
 * this JVM, plus the guard's agent ({@link GuardJar}, written into the run's own folder), attaching turned off,
 * and a temporary folder of its own as {@code java.io.tmpdir}, the only place exercise code may write. The
 * journal goes to a folder beside it that exercise code may not read. The journal's key goes to the grading
 * JVM's standard input, then standard input is closed; its output goes straight to this JVM's console.
 *
 * <p>With {@code -Dgrader.runAs=USER} and this JVM running as root (Gradescope's container), the grading JVM
 * runs as USER through {@code runuser}: the run's folder is given to USER, the reports folder is not, so code in
 * the grading JVM cannot write the results whatever it does.
 */
final class GradingJvm {

    /** The grading JVM's main class: named, not referenced, so this JVM never loads the worker. */
    static final String WORKER = "resnetkit.grader.worker.GradingWorker";

    /**
     * How a grading JVM ended.
     *
     * @param journal  the journal it wrote
     * @param runDir   the run's folder (agent jar, journal, temporary folder), deleted by {@link #keepJournal}
     * @param exitCode its exit code (-1 when it was stopped at the whole-run limit)
     * @param timedOut whether it ran past the whole-run limit
     * @param minutes  the whole-run limit
     * @param seconds  how long it ran
     */
    record Result(Path journal, Path runDir, int exitCode, boolean timedOut, long minutes, double seconds) {

        /**
         * Copies the journal into the reports folder (journal.tsv; journal-2.tsv, ... for the grading JVMs that
         * went on after a crash), for an instructor who wants to look, and removes the run's folder.
         */
        void keepJournal(Path reports, int attempt) throws IOException {
            if (Files.exists(journal)) {
                Files.copy(journal, reports.resolve(attempt == 1 ? "journal.tsv" : "journal-" + attempt + ".tsv"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            FileUtils.deleteQuietly(runDir.toFile());
        }
    }

    private GradingJvm() {
    }

    /** The whole-run limit in minutes: {@code -Dgrader.runTimeoutMinutes} times the time scale. */
    static long runMinutes() {
        return (long) Math.ceil(Long.getLong(GradingOptions.RUN_TIMEOUT, 40) * GradingOptions.timeScale());
    }

    /**
     * Runs a grading JVM to its end or the whole run's {@code deadline} ({@link System#nanoTime()}), with {@code key}
     * for its journal, grading the exercises {@code only} (empty: as the options say).
     */
    static Result run(JournalKey key, Set<String> only, long deadline) throws IOException, InterruptedException {
        Started grading = start(key, only, false);
        grading.closeInput();
        return grading.waitFor(deadline);
    }

    /**
     * A grading JVM that was started and given its journal's key; a spare one (the watch mode's) waits, warm, for
     * {@link #go} before it loads a graded test.
     */
    static final class Started {
        private final Process process;
        private final OutputStream input;
        private final Path runDir;
        private final Path journal;
        private long start = System.nanoTime();

        private Started(Process process, Path runDir, Path journal) {
            this.process = process;
            this.input = process.getOutputStream();
            this.runDir = runDir;
            this.journal = journal;
        }

        /** The journal it writes. */
        Path journal() {
            return journal;
        }

        /** Whether it is still running (a spare one that broke while it waited is not). */
        boolean alive() {
            return process.isAlive();
        }

        /** Sets a spare grading JVM going on {@code exercises}; the run's time counts from here. */
        void go(Set<String> exercises) throws IOException {
            start = System.nanoTime();
            input.write((GradingOptions.GO + String.join(",", exercises) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            closeInput();
        }

        /** Closes its standard input: a grading JVM has read all it needs; a spare one ends without grading. */
        void closeInput() throws IOException {
            input.close();
        }

        /** Waits for it to end, at most until {@code deadline} ({@link System#nanoTime()}), and says how it ended. */
        Result waitFor(long deadline) throws InterruptedException {
            return waitFor(deadline, () -> { });
        }

        /** As {@link #waitFor(long)}, running {@code tick} about ten times a second meanwhile and once at the end. */
        Result waitFor(long deadline, Runnable tick) throws InterruptedException {
            long minutes = runMinutes();
            boolean timedOut = true;
            while (System.nanoTime() < deadline) {
                long step = Math.min(TimeUnit.MILLISECONDS.toNanos(100), Math.max(0, deadline - System.nanoTime()));
                if (process.waitFor(step, TimeUnit.NANOSECONDS)) {
                    timedOut = false;
                    break;
                }
                tick.run();
            }
            if (timedOut) {
                kill();
            }
            return new Result(journal, runDir, timedOut ? -1 : process.exitValue(), timedOut, minutes,
                    (System.nanoTime() - start) / 1e9);
        }

        /** Stops it and every process it started, and removes its folder. */
        void stop() throws InterruptedException {
            kill();
            FileUtils.deleteQuietly(runDir.toFile());
        }

        private void kill() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /**
     * Starts a grading JVM and gives it {@code key}, its journal's key; {@code spare}: it waits for {@link
     * Started#go} (the watch mode), otherwise it grades the exercises {@code only} (empty: as the options say).
     */
    static Started start(JournalKey key, Set<String> only, boolean spare) throws IOException {
        Path runDir = Files.createTempDirectory("resnetkit-grading-");
        Path journalDir = Files.createDirectories(runDir.resolve("journal"));
        Path tmp = Files.createDirectories(runDir.resolve("tmp"));
        Path journal = journalDir.resolve("journal.tsv");
        Path agent = GuardJar.write(runDir);
        List<String> command = new ArrayList<>();
        String user = System.getProperty(GradingOptions.RUN_AS, "").trim();
        if (!user.isEmpty() && "root".equals(System.getProperty("user.name"))) {
            giveTo(user, runDir);
            command.addAll(List.of("runuser", "-u", user, "--"));
            System.out.println("the grading JVM runs as " + user + ", which cannot write the reports");
        }
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) { // heap, -D options
            if (!arg.startsWith("-Djava.io.tmpdir=") && !arg.startsWith("-javaagent:")) {
                command.add(arg);
            }
        }
        if (!only.isEmpty()) {
            command.add("-D" + GradingOptions.EXERCISES + "=" + String.join(",", only)); // after the options: it wins
        }
        if (spare) {
            command.add("-D" + GradingOptions.WAIT_FOR_GO + "=true");
        }
        if (Runtime.version().feature() >= 24) {
            // JDK 24+ warns on every run that JavaCPP loads ND4J's native code and reads memory through
            // sun.misc.Unsafe: ND4J's own ways, not the student's, and the guard's hooks still refuse native code to
            // exercise code; without these the warnings read like a fault in the student's code
            command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
        }
        command.addAll(List.of("-javaagent:" + agent, "-XX:+DisableAttachMechanism", "-Djava.io.tmpdir=" + tmp,
                // jqwik's database of failed samples beside the journal: exercise code can neither read nor plant one
                "-Djqwik.database=" + journalDir.resolve("jqwik-database"),
                // a crash's log in the run's folder, not in the kit's
                "-XX:ErrorFile=" + runDir.resolve("hs_err_pid%p.log"),
                "-cp", System.getProperty("java.class.path"), WORKER, journal.toString()));
        Process grading = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Started started = new Started(grading, runDir, journal);
        started.input.write((key.hex() + "\n").getBytes(StandardCharsets.US_ASCII));
        started.input.flush();
        return started;
    }

    /** Makes {@code user} the owner of {@code dir} and everything in it. */
    private static void giveTo(String user, Path dir) throws IOException {
        UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setOwner(p, owner);
            }
        }
    }
}
