package resnetkit.datasets;

/**
 * The one exception every loader in this module throws for bad input: a missing folder or file, a
 * checksum that does not match, a truncated or corrupt file, a wrong magic number, counts that disagree,
 * an unreadable image.
 *
 * <p>The message always names the file (or folder), says what was expected and what was found, and what
 * to do about it. A loader that throws returns no partial data.
 */
public class DatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message the file, what was expected, what was found, and what to do */
    public DatasetException(String message) {
        super(message);
    }

    /**
     * @param message the file, what was expected, what was found, and what to do
     * @param cause   the low-level error (an {@code EOFException}, a {@code ZipException}, ...)
     */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
