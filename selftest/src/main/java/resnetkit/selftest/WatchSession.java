package resnetkit.selftest;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The grader's watch mode ({@code -Dgrader.watch=true}) driven as a student drives it, for the kit's test and the
 * save-to-verdict benchmark: the exercise files are a copy of the stubs' {@code src/main}, their classes a copy of
 * the compiled stubs (the watch mode compiles into it), and each "save" copies a file into the copy.
 */
public final class WatchSession implements AutoCloseable {

    /** The line the watch mode ends each verdict of a save with. */
    public static final String VERDICT = "From save to verdict: ";

    private final Process process;
    private final Path main;
    private final List<String> console = new ArrayList<>();
    private final LinkedBlockingQueue<Timed> lines = new LinkedBlockingQueue<>();
    private final List<Long> arrivals = new ArrayList<>();

    /** A console line and when it arrived ({@link System#nanoTime()}). */
    private record Timed(String text, long nanos) {
    }

    private WatchSession(Process process, Path main) {
        this.process = process;
        this.main = main;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(new Timed(line, System.nanoTime()));
                }
            } catch (IOException e) {
                lines.add(new Timed("(console closed: " + e + ")", System.nanoTime()));
            }
        }, "watch-console");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the watch mode over a copy of {@code kit}'s stubs in {@code work}, with {@code classpath} (the grader,
     * its tests and dependencies, without a module under grade) and the JVM options {@code options}; the student
     * file {@code last} (relative to {@code src/main}) is the one saved last, which the watch mode grades at start.
     */
    public static WatchSession start(Path kit, Path work, String classpath, List<String> options, String last)
            throws IOException {
        Path main = work.resolve("src/main");
        Path classes = work.resolve("classes");
        copy(kit.resolve("exercises/src/main"), main);
        copy(kit.resolve("exercises/target/classes"), classes);
        Files.setLastModifiedTime(main.resolve(last), FileTime.fromMillis(System.currentTimeMillis()));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx3g",
                "-Dgrader.watch=true", "-Dgrader.watch.sources=" + main, "-Dgrader.reports=" + work.resolve("reports"),
                "-Dgrader.target=watch"));
        command.addAll(options);
        command.addAll(List.of("-cp", classes + File.pathSeparator + classpath,
                "resnetkit.grader.supervisor.GradeMain"));
        // run from the kit, as ./kit watch does: the graded tests find the kit's data there
        Process p = new ProcessBuilder(command).directory(kit.toFile()).redirectErrorStream(true).start();
        return new WatchSession(p, main);
    }

    /**
     * This JVM's class path without a module under grade (the exercises, the solutions): the grader, its tests and
     * the dependencies, to which a session adds its own copy of the stubs' classes.
     */
    public static String classpathWithoutModules() {
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String e = entry.replace('\\', '/');
            if (!e.contains("/exercises/target/") && !e.contains("/solutions/target/")
                    && !e.contains("/resnetkit/solutions/") && !e.contains("/resnetkit/exercises/")) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Waits up to {@code seconds} for a console line that {@code wanted} accepts; returns the lines up to it. */
    public List<String> until(Predicate<String> wanted, long seconds) throws InterruptedException {
        List<String> read = new ArrayList<>();
        arrivals.clear();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            Timed timed = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (timed == null) {
                throw new AssertionError("the watch mode printed no awaited line in " + seconds + " s; its console:\n"
                        + String.join("\n", console) + "\n" + String.join("\n", read));
            }
            String line = timed.text();
            read.add(line);
            arrivals.add(timed.nanos());
            console.add(line);
            if (wanted.test(line)) {
                return read;
            }
        }
    }

    /** When each line the last {@link #until} returned arrived, in {@link System#nanoTime()}. */
    public List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Writes {@code text} into the student file {@code file} (relative to {@code src/main}), as an editor saves. */
    public void save(String file, String text) throws IOException {
        Path to = main.resolve(file);
        Path tmp = to.resolveSibling(to.getFileName() + ".saving");
        Files.writeString(tmp, text);
        Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Everything it printed so far. */
    public String console() {
        return String.join("\n", console);
    }

    /** The grading JVMs it has started and not yet ended. */
    public List<ProcessHandle> gradingJvms() {
        return process.descendants().filter(ProcessHandle::isAlive).toList();
    }

    /** Stops it as Ctrl-C does (its shutdown hook stops the grading JVMs). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
