package resnetkit.datasets;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the data folders at run time. The data is never packaged into a jar, so every module (and every
 * working directory a test or a command runs in) has to find the same folder on disk.
 *
 * <p>Fashion-MNIST, first match wins:
 * <ol>
 *   <li>system property {@value #DATA_PROPERTY}: the folder holding {@code fashion-mnist/}
 *       (i.e. {@code datasets/data}), or the {@code fashion-mnist} folder itself;</li>
 *   <li>environment variable {@value #DATA_ENV}, read the same way;</li>
 *   <li>the first {@code datasets/data/fashion-mnist} found walking up from the current directory.</li>
 * </ol>
 * A property or variable that is set but points nowhere is an error, not a reason to keep looking:
 * whoever set it expects that folder to be used.
 *
 * <p>CIFAR-10 (binary version, which the kit does not ship): the folder given as a method argument,
 * else system property {@value #CIFAR_PROPERTY}, else environment variable {@value #CIFAR_ENV}.
 */
public final class DataLocator {

    /** System property naming the data folder ({@code datasets/data}) or the Fashion-MNIST folder. */
    public static final String DATA_PROPERTY = "resnetkit.data";
    /** Environment variable read like {@link #DATA_PROPERTY} when the property is not set. */
    public static final String DATA_ENV = "RESNETKIT_DATA";
    /** System property naming the folder of the trained models ({@code datasets/models}). */
    public static final String MODELS_PROPERTY = "resnetkit.models";
    /** System property naming the folder with CIFAR-10's {@code data_batch_1.bin} ... {@code test_batch.bin}. */
    public static final String CIFAR_PROPERTY = "resnetkit.cifar10";
    /** Environment variable read like {@link #CIFAR_PROPERTY} when the property is not set. */
    public static final String CIFAR_ENV = "CIFAR10_DIR";

    static final String FASHION_FOLDER = "fashion-mnist";
    static final String SHIPPED_PATH = "datasets/data/" + FASHION_FOLDER;
    static final String PHOTOS_PATH = "datasets/photos";
    static final String MODELS_PATH = "datasets/models";

    private DataLocator() {
    }

    /** The folder holding the Fashion-MNIST IDX files and their SHA256SUMS. */
    public static Path fashionMnist() {
        return fashionMnist(System.getProperty(DATA_PROPERTY), System.getenv(DATA_ENV),
                Path.of(System.getProperty("user.dir")));
    }

    /** The same search with its three inputs passed in, so tests need not change the environment. */
    static Path fashionMnist(String property, String env, Path startDir) {
        if (isSet(property)) {
            return fashionFolderIn(Path.of(property), "system property -D" + DATA_PROPERTY);
        }
        if (isSet(env)) {
            return fashionFolderIn(Path.of(env), "environment variable " + DATA_ENV);
        }
        Path shipped = upward(startDir, SHIPPED_PATH);
        if (shipped != null) {
            return shipped;
        }
        throw new DatasetException("Fashion-MNIST data not found: no " + SHIPPED_PATH + " in "
                + startDir.toAbsolutePath().normalize() + " or any folder above it, and neither -D"
                + DATA_PROPERTY + " nor " + DATA_ENV + " is set. Run from inside the kit's checkout, or set -D"
                + DATA_PROPERTY + "=/path/to/resnet-kit/datasets/data.");
    }

    /** The shipped photos ({@code datasets/photos}, licenses in LICENSES.md beside them), found like the data. */
    public static Path photos() {
        return shippedFolder(PHOTOS_PATH, null, Path.of(System.getProperty("user.dir")));
    }

    /**
     * The trained models of Exercise 20.3.3 ({@code datasets/models}): {@value #MODELS_PROPERTY} if set, else
     * found like the data.
     */
    public static Path models() {
        return shippedFolder(MODELS_PATH, System.getProperty(MODELS_PROPERTY), Path.of(System.getProperty("user.dir")));
    }

    /**
     * A folder of the kit, {@code relative} to its root (e.g. {@code "exercises/src/main"}): in the working
     * directory or the nearest folder above it that has it.
     */
    public static Path kitFolder(String relative) {
        return shippedFolder(relative, null, Path.of(System.getProperty("user.dir")));
    }

    /** {@code property} when set, else {@code relative} in {@code start} or the nearest folder above it. */
    static Path shippedFolder(String relative, String property, Path start) {
        if (isSet(property)) {
            return Path.of(property);
        }
        Path found = upward(start, relative);
        if (found == null) {
            throw new DatasetException("the kit's " + relative + " not found in " + start.toAbsolutePath().normalize()
                    + " or any folder above it. Run from inside the kit's checkout"
                    + (relative.equals(MODELS_PATH) ? ", or set -D" + MODELS_PROPERTY + "=DIR." : "."));
        }
        return found;
    }

    /** {@code relative} in {@code start} or the nearest folder above it that has it, else null. */
    private static Path upward(Path start, String relative) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Path fashionFolderIn(Path given, String origin) {
        Path nested = given.resolve(FASHION_FOLDER);
        if (Files.isDirectory(nested)) {
            return nested;
        }
        if (Files.isRegularFile(given.resolve(Sha256Sums.FILE_NAME))) {
            return given;
        }
        throw new DatasetException(origin + " = " + given + ": expected a folder holding " + FASHION_FOLDER
                + "/ (the kit's datasets/data) or the " + FASHION_FOLDER + " folder itself (with "
                + Sha256Sums.FILE_NAME + "), but " + (Files.isDirectory(given) ? "it has neither" : "it does not exist")
                + ". Fix the path or unset it to use the kit's own copy.");
    }

    /**
     * The CIFAR-10 folder: {@code option} if not null, else {@value #CIFAR_PROPERTY}, else {@value #CIFAR_ENV}.
     *
     * @throws DatasetException when none is given or the folder does not exist
     */
    public static Path cifar10(Path option) {
        return cifar10(option, System.getProperty(CIFAR_PROPERTY), System.getenv(CIFAR_ENV));
    }

    static Path cifar10(Path option, String property, String env) {
        Path dir;
        String origin;
        if (option != null) {
            dir = option;
            origin = "the folder passed in";
        } else if (isSet(property)) {
            dir = Path.of(property);
            origin = "system property -D" + CIFAR_PROPERTY;
        } else if (isSet(env)) {
            dir = Path.of(env);
            origin = "environment variable " + CIFAR_ENV;
        } else {
            throw new DatasetException("CIFAR-10 folder not given: the kit does not ship CIFAR-10. Download the "
                    + "\"binary version\" yourself, unpack it, and pass its folder (the one holding data_batch_1.bin"
                    + " ... test_batch.bin), or set -D" + CIFAR_PROPERTY + "=DIR or " + CIFAR_ENV + "=DIR.");
        }
        if (!Files.isDirectory(dir)) {
            throw new DatasetException("CIFAR-10 folder " + dir + " (from " + origin + ") does not exist or is not a"
                    + " folder: expected the unpacked binary version with data_batch_1.bin ... test_batch.bin.");
        }
        return dir;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
