package resnetkit.grader.supervisor.batch;

import resnetkit.toolkit.Csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The gradebook of a batch run: {@code gradebook.csv}, one row per submission, and the parts that shards write
 * ({@code gradebook-part-K-of-N.csv}: a first line naming the shard, the grader's SHA-256 and the grading options,
 * then the same columns), which {@link #merge} joins. Each row carries the SHA-256 of the submission's files, the
 * grader's and the options it was graded with, so a later run can tell whether grading it again would change
 * anything.
 */
public final class Gradebook {

    /** The merged gradebook's file name. */
    public static final String FILE = "gradebook.csv";
    /** Its columns. */
    public static final List<String> HEADER = List.of("student", "earned", "possible", "by_hand", "percent", "status",
            "submission_sha256", "grader_sha256", "options");

    private static final String PARTIAL = ".partial.csv";
    private static final Pattern PART_LINE = Pattern.compile(
            "# resnet-kit gradebook part (\\d+)/(\\d+); grader sha256 (\\S+); options (.*)");
    private static final Pattern PART_NAME = Pattern.compile(Pattern.quote(Shard.PART_PREFIX) + "(\\d+)-of-(\\d+)\\.csv");

    private Gradebook() {
    }

    /** What a grading depends on besides the submission: the grader's SHA-256 and the grading options. */
    public record Grader(String sha256, String options) {
    }

    /**
     * One submission's result. {@code status} starts with {@code graded}, {@code tampered} or {@code no sources}
     * when grading came to its end, {@code killed} or {@code no report} when it did not.
     */
    public record Row(String student, int earned, int possible, int byHand, String status, String submissionSha256,
            Grader grader) {

        /** Whether grading came to an end that a rerun would repeat (a kill or a crash might not recur). */
        public boolean finished() {
            return !status.startsWith(BatchGrade.KILLED) && !status.startsWith(BatchGrade.NO_REPORT);
        }

        /** The row's values in {@link #HEADER}'s order. */
        List<Object> values() {
            double percent = possible == 0 ? 0.0 : 100.0 * earned / possible;
            return List.of(student, earned, possible, byHand, String.format(Locale.ROOT, "%.1f", percent), status,
                    submissionSha256, grader.sha256(), grader.options());
        }

        static Row of(Map<String, String> v) {
            return new Row(v.get("student"), Integer.parseInt(v.get("earned")), Integer.parseInt(v.get("possible")),
                    Integer.parseInt(v.get("by_hand")), v.get("status"), v.get("submission_sha256"),
                    new Grader(v.get("grader_sha256"), v.get("options")));
        }
    }

    /** A shard's part: which shard, graded by which grader, and its rows. */
    public record Part(Path file, Shard shard, Grader grader, List<Row> rows) {
    }

    /** Writes {@code rows}, sorted by student, as the gradebook {@code file}. */
    public static void write(Path file, List<Row> rows) {
        Csv.write(file, HEADER, sorted(rows).stream().<List<?>>map(Row::values).toList());
    }

    /** Writes a shard's part into {@code out}; a shard with no submissions writes a part without rows. */
    public static Path writePart(Path out, Shard shard, Grader grader, List<Row> rows) throws IOException {
        Path file = shard.partIn(out);
        Path csv = Files.createTempFile(out, ".part", ".csv");
        write(csv, rows);
        String first = "# resnet-kit gradebook part " + shard + "; grader sha256 " + grader.sha256() + "; options "
                + grader.options() + "\n";
        Files.writeString(csv, first + Files.readString(csv));
        // moved into place whole: a merge never reads half a part
        Files.move(csv, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** Where a run keeps the rows it has so far of {@code file} (a gradebook or a part): {@code NAME.partial.csv}. */
    public static Path partialOf(Path file) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - ".csv".length()) + PARTIAL);
    }

    /** The rows of a gradebook or a part. */
    public static List<Row> read(Path file) throws IOException {
        String text = Files.readString(file);
        if (text.startsWith("#")) {
            text = text.substring(text.indexOf('\n') + 1);
        }
        return Csv.parse(text).stream().map(Row::of).toList();
    }

    /** Reads a part, checking that its first line and its name agree. */
    public static Part readPart(Path file) throws IOException {
        String first = Files.readAllLines(file).stream().findFirst().orElse("");
        Matcher m = PART_LINE.matcher(first);
        Matcher name = PART_NAME.matcher(file.getFileName().toString());
        if (!m.matches() || !name.matches() || !m.group(1).equals(name.group(1)) || !m.group(2).equals(name.group(2))) {
            throw new IOException(file + " is not a gradebook part written by batch grading: its first line is '"
                    + first + "'");
        }
        return new Part(file, new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))),
                new Grader(m.group(3), m.group(4)), read(file));
    }

    /**
     * Every row that earlier runs left in {@code out} (its gradebook, every part in it and what runs that did not
     * finish kept, {@link #partialOf}), by student; a student may have several (a part and the merged gradebook, or
     * parts of different shard counts).
     */
    public static Map<String, List<Row>> earlier(Path out) throws IOException {
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        if (!Files.isDirectory(out)) {
            return rows;
        }
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(out.resolve(FILE))) {
            files.add(out.resolve(FILE));
        }
        files.addAll(parts(out));
        try (Stream<Path> list = Files.list(out)) {
            files.addAll(list.filter(f -> f.getFileName().toString().endsWith(PARTIAL)).sorted().toList());
        }
        for (Path f : files) {
            try {
                for (Row r : read(f)) {
                    rows.computeIfAbsent(r.student(), s -> new ArrayList<>()).add(r);
                }
            } catch (IOException | RuntimeException e) {
                // a gradebook from an older kit (other columns) or a broken file: its submissions are graded again
            }
        }
        return rows;
    }

    /**
     * Joins the parts of {@code count} shards in {@code out} into one gradebook there and returns its rows. Refuses
     * (an {@link IllegalStateException} that says what to do) a missing part, parts graded by different graders or
     * with different options, a student in two parts and a row in a part that is not its shard's.
     */
    public static List<Row> merge(Path out, int count) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<Integer, Part> byIndex = new LinkedHashMap<>();
        for (Path f : parts(out)) {
            Matcher name = PART_NAME.matcher(f.getFileName().toString());
            if (name.matches() && Integer.parseInt(name.group(2)) == count) {
                Part p = readPart(f);
                byIndex.put(p.shard().index(), p);
            }
        }
        for (int k = 0; k < count; k++) {
            if (!byIndex.containsKey(k)) {
                Path part = new Shard(k, count).partIn(out);
                problems.add("shard " + k + "/" + count + " has no part (" + part.getFileName() + "): its job "
                        + (Files.exists(partialOf(part)) ? "ended before it finished (what it graded is in "
                        + partialOf(part).getFileName() + ")" : "failed or has not run") + "; grade it again with"
                        + " --shard " + k + "/" + count + " (what is already graded is not graded again)");
            }
        }
        List<Part> parts = byIndex.values().stream().sorted(Comparator.comparingInt(p -> p.shard().index())).toList();
        List<Grader> graders = parts.stream().map(Part::grader).distinct().toList();
        if (graders.size() > 1) {
            StringBuilder which = new StringBuilder();
            for (Part p : parts) {
                which.append("\n  part ").append(p.shard()).append(": grader ").append(p.grader().sha256())
                        .append(", options ").append(p.grader().options());
            }
            problems.add("the parts were graded by different graders or with different options (regrade the odd"
                    + " ones with the same build of the kit and the same options):" + which);
        }
        Map<String, Part> seen = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        for (Part p : parts) {
            for (Row r : p.rows()) {
                Part before = seen.put(r.student(), p);
                if (before != null) {
                    problems.add(r.student() + " is in part " + before.shard() + " and in part " + p.shard());
                } else if (!p.shard().holds(r.student())) {
                    problems.add(r.student() + " is in part " + p.shard() + " but belongs to shard "
                            + Shard.of(r.student(), count) + "/" + count);
                } else if (!r.grader().equals(p.grader())) {
                    problems.add(r.student() + " in part " + p.shard() + " was graded by another grader than its part");
                }
                rows.add(r);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("cannot merge the " + count + " parts in " + out + ":\n- "
                    + String.join("\n- ", problems));
        }
        write(out.resolve(FILE), rows);
        return sorted(rows);
    }

    private static List<Path> parts(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(out)) {
            return list.filter(f -> PART_NAME.matcher(f.getFileName().toString()).matches()).sorted().toList();
        }
    }

    private static List<Row> sorted(List<Row> rows) {
        return rows.stream().sorted(Comparator.comparing(Row::student)).toList();
    }
}
