package resnetkit.toolkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Writes a small table as CSV: a header row, then one row per record; values with commas are quoted. */
public final class Csv {

    private Csv() {
    }

    /** Writes {@code header} and {@code rows} to {@code file} (parent folders are created). */
    public static void write(Path file, List<String> header, List<List<?>> rows) {
        StringBuilder s = new StringBuilder(line(header));
        for (List<?> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " values, header " + header.size());
            }
            s.append(line(row));
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, s);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static String line(List<?> values) {
        return values.stream().map(v -> {
            String t = String.valueOf(v);
            return t.contains(",") || t.contains("\"") ? "\"" + t.replace("\"", "\"\"") + "\"" : t;
        }).collect(Collectors.joining(",")) + "\n";
    }
}
