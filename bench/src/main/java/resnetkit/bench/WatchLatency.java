package resnetkit.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import resnetkit.grader.submission.StudentFiles;
import resnetkit.selftest.WatchSession;
import resnetkit.toolkit.Commands;
import resnetkit.toolkit.Csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Save to verdict in the watch mode, exercise by exercise: starts the watch mode on a copy of the stubs, then saves
 * the reference's files of each exercise in the chapter's order, as a student who gets each right at the first try,
 * and times the first test line after the save and the whole verdict (every test and the score table). Prints a
 * table and writes {@code target/bench/watch-latency.csv}.
 *
 * <pre>mvn -q -pl bench -am verify -DskipTests -Pbench -Dbench.main=resnetkit.bench.WatchLatency -Dbench.args=</pre>
 */
@Command(name = "WatchLatency", mixinStandardHelpOptions = true, usageHelpWidth = 120,
        version = "resnet-kit 1.0.0-SNAPSHOT",
        description = "Times the watch mode's verdicts: saves the reference's files of each exercise into a copy of"
                + " the stubs and measures save to first test line and save to score table.")
public final class WatchLatency implements Callable<Void> {

    /** The chapter's order: each exercise's reference is saved after those it builds on. */
    private static final List<String> ORDER = List.of("20.2.1", "20.2.2", "20.2.3", "20.2.4", "20.3.1", "S3.1",
            "S3.2", "S3.3", "20.3.2", "20.3.3");
    private static final Pattern ROW = Pattern.compile("^(\\S+)\\s+.*?(\\d+) / (\\d+)\\s+\\d+ %$");

    @Option(names = "--exercises", split = ",", paramLabel = "ID", description = "only these (default: all, in the"
            + " chapter's order)")
    private List<String> exercises = ORDER;
    @Option(names = "--exclude-tags", paramLabel = "TAGS", description = "-Dgrader.excludeTags for the watch mode,"
            + " e.g. training,slow (default: none, the long checks included)")
    private String excludeTags = "";
    @Option(names = "--pause", paramLabel = "SECONDS", description = "seconds between a verdict and the next save, as a"
            + " student reads the verdict and writes the next exercise; the spare grading JVM warms up meanwhile"
            + " (default: ${DEFAULT-VALUE})")
    private double pause = 15;
    @Option(names = "--out", paramLabel = "FILE", description = "the CSV file (default: ${DEFAULT-VALUE})")
    private Path out = Path.of("target/bench/watch-latency.csv");

    /** The command; {@code --help} lists its options. */
    public static void main(String[] args) {
        int code = Commands.of(new WatchLatency()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Void call() throws Exception {
        Path root = GradingWaits.kitRoot();
        Path work = Files.createTempDirectory("resnetkit-watch-latency-");
        List<List<?>> rows = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-8s %14s %14s %10s %10s  %s%n", "exercise", "first line s", "verdict s",
                "compile s", "grading s", "score");
        try (WatchSession watch = WatchSession.start(root, work, WatchSession.classpathWithoutModules(),
                List.of("-Dgrader.excludeTags=" + excludeTags), files(exercises.get(0)).get(0))) {
            watch.until(line -> line.startsWith("Watching; save"), 600);
            for (String id : exercises) {
                Thread.sleep((long) (pause * 1000));
                long saved = System.nanoTime();
                for (String file : files(id)) {
                    watch.save(file, Files.readString(root.resolve("solutions/src/main").resolve(file)));
                }
                List<String> lines = watch.until(line -> line.startsWith(WatchSession.VERDICT), 1200);
                double total = (System.nanoTime() - saved) / 1e9;
                double first = firstLineSeconds(lines, watch.arrivals(), saved);
                Matcher m = Pattern.compile("compiling ([0-9.]+) s, grading ([0-9.]+) s")
                        .matcher(lines.get(lines.size() - 1));
                String compile = m.find() ? m.group(1) : "";
                String grading = m.group(2);
                String score = lines.stream().map(String::strip).map(ROW::matcher).filter(Matcher::matches)
                        .filter(r -> r.group(1).equals(id)).map(r -> r.group(2) + "/" + r.group(3))
                        .findFirst().orElse("?");
                System.out.printf(Locale.ROOT, "%-8s %14.1f %14.1f %10s %10s  %s%n", id, first, total, compile,
                        grading, score);
                rows.add(List.of(id, String.format(Locale.ROOT, "%.1f", first),
                        String.format(Locale.ROOT, "%.1f", total), compile, grading, score));
            }
            Path console = out.resolveSibling("watch-console.txt");
            Files.writeString(console, watch.console());
            System.out.println("the watch mode's console: " + console.toAbsolutePath());
        }
        Csv.write(out, List.of("exercise", "first_line_s", "verdict_s", "compile_s", "grading_s", "score"), rows);
        System.out.println("wrote " + out.toAbsolutePath());
        return null;
    }

    /** The student files of exercise {@code id}, relative to {@code src/main}: its classes and written answers. */
    static List<String> files(String id) {
        List<String> files = new ArrayList<>();
        StudentFiles.EXERCISE_CLASSES.forEach((c, ex) -> {
            if (ex.equals(id)) {
                files.add("java/" + c.replace('.', '/') + ".java");
            }
        });
        StudentFiles.ANSWERS.stream().filter(a -> a.startsWith("answers/" + id))
                .forEach(a -> files.add("resources/" + a));
        return files;
    }

    /** Seconds from the save to the first test line among {@code lines}, which arrived at {@code arrivals}. */
    private static double firstLineSeconds(List<String> lines, List<Long> arrivals, long saved) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("^  (ok|FAIL|hand|later) .*")) {
                return (arrivals.get(i) - saved) / 1e9;
            }
        }
        return Double.NaN;
    }
}
