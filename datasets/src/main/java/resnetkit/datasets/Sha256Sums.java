package resnetkit.datasets;

import org.apache.commons.codec.digest.DigestUtils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks files against a {@code SHA256SUMS} file in the format {@code sha256sum} writes and
 * {@code sha256sum -c} reads: one {@code <64 hex digits><space><space or *><file name>} line per file.
 */
public final class Sha256Sums {

    /** The name of the sums file inside a data folder. */
    public static final String FILE_NAME = "SHA256SUMS";

    private Sha256Sums() {
    }

    /**
     * Checks {@code dir/fileName} against its line in {@code dir/SHA256SUMS}.
     *
     * @throws DatasetException when the sums file or the file is missing, the sums file has no line for it,
     *                          or the sums differ
     */
    public static void verify(Path dir, String fileName) {
        Map<String, String> sums = read(dir.resolve(FILE_NAME));
        String expected = sums.get(fileName);
        Path file = dir.resolve(fileName);
        if (expected == null) {
            throw new DatasetException(dir.resolve(FILE_NAME) + " has no line for " + fileName + ": expected one of "
                    + sums.keySet() + ". Add its sum (sha256sum " + fileName + " >> " + FILE_NAME + ") or restore "
                    + FILE_NAME + " with git checkout.");
        }
        String actual = sha256(file);
        if (!expected.equals(actual)) {
            throw new DatasetException(file + ": SHA-256 mismatch: expected " + expected + " (from " + FILE_NAME
                    + "), actual " + actual + ". The file is damaged or was replaced: restore it with"
                    + " `git checkout -- " + file.getFileName() + "` in " + dir + " or re-clone the kit.");
        }
    }

    /** The lower-case hex SHA-256 of a file, read in a stream (the files are tens of MB). */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return DigestUtils.sha256Hex(in);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + " is missing: expected the data file listed in " + FILE_NAME
                    + ". Restore it with `git checkout -- " + file.getFileName() + "` in " + file.getParent()
                    + " or re-clone the kit.", e);
        } catch (IOException e) {
            throw new DatasetException(file + " could not be read (" + e + "): check its permissions, or restore it"
                    + " with git checkout.", e);
        }
    }

    private static Map<String, String> read(Path sumsFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(sumsFile);
        } catch (NoSuchFileException e) {
            throw new DatasetException(sumsFile + " is missing: every data folder needs one (one"
                    + " `<sha256>  <file>` line per file, as sha256sum writes it). Restore it with git checkout,"
                    + " or create it with `sha256sum *.gz > " + FILE_NAME + "` in " + sumsFile.getParent() + ".", e);
        } catch (IOException e) {
            throw new DatasetException(sumsFile + " could not be read (" + e + "): check its permissions.", e);
        }
        Map<String, String> sums = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            // "<64 hex>  name" (text mode) or "<64 hex> *name" (binary mode)
            if (line.length() < 67 || !line.substring(0, 64).matches("[0-9a-fA-F]{64}") || line.charAt(64) != ' '
                    || (line.charAt(65) != ' ' && line.charAt(65) != '*')) {
                throw new DatasetException(sumsFile + ": malformed line \"" + line + "\": expected"
                        + " `<64 hex digits>  <file name>` as sha256sum writes it. Restore the file with git checkout.");
            }
            sums.put(line.substring(66), line.substring(0, 64).toLowerCase());
        }
        return sums;
    }
}
