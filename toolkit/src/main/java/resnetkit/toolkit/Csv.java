package resnetkit.toolkit;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Small tables as CSV with Commons CSV: a header row, then one row per record, {@code \n} line ends, values
 * with commas or quotes quoted.
 */
public final class Csv {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private Csv() {
    }

    /** Writes {@code header} and {@code rows} to {@code file} (parent folders are created). */
    public static void write(Path file, List<String> header, List<List<?>> rows) {
        for (List<?> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " values, header " + header.size());
            }
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (CSVPrinter out = new CSVPrinter(Files.newBufferedWriter(file), FORMAT)) {
                out.printRecord(header);
                out.printRecords(rows);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** The rows of a CSV file with a header row, each as column name to value, in the file's order. */
    public static List<Map<String, String>> read(Path file) throws IOException {
        try (CSVParser in = FORMAT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(file))) {
            return in.stream().map(CSVRecord::toMap).toList();
        }
    }

    /** The rows of CSV text with a header row, each as column name to value, in the text's order. */
    public static List<Map<String, String>> parse(String text) throws IOException {
        try (CSVParser in = FORMAT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text))) {
            return in.stream().map(CSVRecord::toMap).toList();
        }
    }
}
