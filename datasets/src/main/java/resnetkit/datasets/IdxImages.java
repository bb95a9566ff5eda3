package resnetkit.datasets;

/**
 * Images as stored in an IDX file: {@code count} images of {@code rows x cols} unsigned bytes, image after
 * image, each row-major. Use {@link #pixel(int, int, int)} to read one as 0..255.
 *
 * @param count  number of images
 * @param rows   image height
 * @param cols   image width
 * @param pixels {@code count * rows * cols} unsigned bytes
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {

    /** The pixel of image {@code image} at ({@code row}, {@code col}), 0..255. */
    public int pixel(int image, int row, int col) {
        return pixels[(image * rows + row) * cols + col] & 0xFF;
    }
}
