package resnetkit.datasets;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Labelled JPEG and PNG images on disk, for ImageNet-style evaluation. Two layouts:
 * <ul>
 *   <li>{@link #ofClassFolders}: one subfolder per class, named by its id (e.g. the WordNet id
 *       {@code n01440764}), images inside;</li>
 *   <li>{@link #ofLabelFile}: a flat folder of images plus a label file. Label file format, UTF-8, one
 *       image per line: {@code <file name><TAB or spaces><label>}, where the file name is relative to the
 *       image folder (it may contain spaces: the label is the last field) and the label is a class id
 *       ({@code n01440764}) or a 0-based class index ({@code 0}). Blank lines and lines starting with
 *       {@code #} are skipped.</li>
 * </ul>
 * The class list fixes the label indices. Pass the model's own list (e.g. the 1,000 ImageNet WordNet ids in
 * the order of its outputs) so that a folder holding only some classes is still labelled correctly; pass
 * null to use the sorted class ids found (as torchvision's {@code ImageFolder} does) or, for a label file
 * with integer labels only, the indices as they are.
 *
 * <p>Files are listed once, sorted, when the folder is opened; images are read and preprocessed when
 * loaded. Files whose names do not end in .jpg, .jpeg or .png (any case) and hidden files are ignored.
 */
public final class ImageFolder {

    private final Path root;
    private final List<Path> files;
    private final int[] labels;
    private final List<String> classIds;

    private ImageFolder(Path root, List<Path> files, int[] labels, List<String> classIds) {
        this.root = root;
        this.files = List.copyOf(files);
        this.labels = labels;
        this.classIds = List.copyOf(classIds);
    }

    /**
     * A folder of class subfolders.
     *
     * @param classIds the class ids in label order, or null for the sorted subfolder names
     * @throws DatasetException when the folder is missing, holds no images, or has a subfolder not in {@code classIds}
     */
    public static ImageFolder ofClassFolders(Path root, List<String> classIds) {
        requireFolder(root);
        List<Path> classFolders = list(root).stream().filter(Files::isDirectory).toList();
        List<String> classes = classIds != null ? classIds
                : classFolders.stream().map(p -> p.getFileName().toString()).sorted().toList();
        Map<String, Integer> index = indexOf(classes);
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path folder : classFolders) {
            String id = folder.getFileName().toString();
            Integer label = index.get(id);
            if (label == null) {
                throw new DatasetException(folder + ": subfolder \"" + id + "\" is not one of the " + classes.size()
                        + " class ids given (" + preview(classes) + "): expected one subfolder per class, named by"
                        + " its id. Remove or rename it, or pass the matching class list.");
            }
            for (Path file : list(folder)) {
                if (isImage(file)) {
                    files.add(file);
                    labels.add(label);
                }
            }
        }
        if (files.isEmpty()) {
            throw new DatasetException(root + ": no .jpg/.jpeg/.png images in class subfolders: expected"
                    + " root/<class id>/<image>. For a flat folder with a label file use ofLabelFile.");
        }
        return new ImageFolder(root, files, labels.stream().mapToInt(Integer::intValue).toArray(), classes);
    }

    /**
     * A flat folder of images with a label file (format in the class comment).
     *
     * @param classIds the class ids in label order, or null (see the class comment)
     * @throws DatasetException when the folder, the label file or a listed image is missing, or a line or
     *                          label is malformed
     */
    public static ImageFolder ofLabelFile(Path imageDir, Path labelFile, List<String> classIds) {
        requireFolder(imageDir);
        List<String> lines;
        try {
            lines = Files.readAllLines(labelFile);
        } catch (IOException e) {
            throw new DatasetException(labelFile + ": label file missing or unreadable (" + e + "): expected lines"
                    + " `<file name><TAB or spaces><class id or index>`.", e);
        }
        List<Path> files = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int split = lastWhitespace(line);
            if (split < 0) {
                throw new DatasetException(labelFile + ":" + (n + 1) + ": \"" + line + "\" has no label: expected"
                        + " `<file name><TAB or spaces><class id or index>`.");
            }
            Path file = imageDir.resolve(line.substring(0, split).strip());
            if (!Files.isRegularFile(file)) {
                throw new DatasetException(labelFile + ":" + (n + 1) + ": image " + file + " does not exist: expected"
                        + " file names relative to " + imageDir + ". Fix the line or the folder.");
            }
            files.add(file);
            tokens.add(line.substring(split + 1));
        }
        if (files.isEmpty()) {
            throw new DatasetException(labelFile + " lists no images: expected lines"
                    + " `<file name><TAB or spaces><class id or index>`.");
        }
        List<String> classes = classIds;
        if (classes == null) {
            boolean allIndices = tokens.stream().allMatch(t -> t.matches("\\d{1,9}"));
            if (allIndices) {
                int max = tokens.stream().mapToInt(Integer::parseInt).max().orElse(0);
                classes = Stream.iterate(0, i -> i + 1).limit(max + 1L).map(String::valueOf).toList();
            } else {
                classes = List.copyOf(new TreeSet<>(tokens));
            }
        }
        Map<String, Integer> index = indexOf(classes);
        int[] labels = new int[tokens.size()];
        for (int i = 0; i < labels.length; i++) {
            String token = tokens.get(i);
            Integer label = index.get(token);
            if (label == null && token.matches("\\d{1,9}") && Integer.parseInt(token) < classes.size()) {
                label = Integer.parseInt(token);
            }
            if (label == null) {
                throw new DatasetException(labelFile + ": label \"" + token + "\" of " + files.get(i).getFileName()
                        + " is neither one of the " + classes.size() + " class ids (" + preview(classes)
                        + ") nor an index below " + classes.size() + ". Fix the label file or the class list.");
            }
            labels[i] = label;
        }
        return new ImageFolder(imageDir, files, labels, classes);
    }

    /**
     * A flat folder of images without labels (for top-1 agreement with a reference model): every image gets
     * label 0 of the single class id {@value #UNLABELLED}.
     *
     * @throws DatasetException when the folder is missing or holds no images
     */
    public static ImageFolder ofImages(Path root) {
        requireFolder(root);
        List<Path> files = list(root).stream().filter(ImageFolder::isImage).toList();
        if (files.isEmpty()) {
            throw new DatasetException(root + ": no .jpg/.jpeg/.png images in the folder: expected images directly"
                    + " inside it (or class subfolders, for ofClassFolders).");
        }
        return new ImageFolder(root, files, new int[files.size()], List.of(UNLABELLED));
    }

    /** The one class id of {@link #ofImages}. */
    public static final String UNLABELLED = "unlabelled";

    /**
     * A seeded sample of {@code n} images spread over the classes: every class present gives one image before
     * any gives a second (classes in a seeded order, images of a class in a seeded order), so the first images
     * of a sorted folder are not favoured. Kept in loading order; the same (folder, n, seed) always gives the
     * same images. {@code n} at or above {@link #size()} gives this folder.
     */
    public ImageFolder sample(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("sample size must be at least 1, got " + n);
        }
        if (n >= size()) {
            return this;
        }
        Map<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byClass.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        List<List<Integer>> groups = new ArrayList<>(byClass.values());
        Collections.shuffle(groups, random);
        for (List<Integer> g : groups) {
            Collections.shuffle(g, random);
        }
        List<Integer> chosen = new ArrayList<>();
        for (int round = 0; chosen.size() < n; round++) {
            for (List<Integer> g : groups) {
                if (round < g.size() && chosen.size() < n) {
                    chosen.add(g.get(round));
                }
            }
        }
        Collections.sort(chosen);
        List<Path> f = new ArrayList<>();
        int[] l = new int[chosen.size()];
        for (int i = 0; i < l.length; i++) {
            f.add(files.get(chosen.get(i)));
            l[i] = labels[chosen.get(i)];
        }
        return new ImageFolder(root, f, l, classIds);
    }

    /** Number of distinct labels among the images. */
    public int classesPresent() {
        return (int) java.util.Arrays.stream(labels).distinct().count();
    }

    /** The folder the images were listed from. */
    public Path root() {
        return root;
    }

    /** Number of images. */
    public int size() {
        return files.size();
    }

    /** The image files, in loading order. */
    public List<Path> files() {
        return files;
    }

    /** The label index of each image, in loading order. */
    public int[] labels() {
        return labels.clone();
    }

    /** The class ids, by label index. */
    public List<String> classIds() {
        return classIds;
    }

    /** All images as features {@code [N, 3, 224, 224]} and one-hot labels {@code [N, classes]}. */
    public DataSet load(ImagePreprocessing preprocessing) {
        return load(preprocessing, 0, size());
    }

    /**
     * Images {@code from} (inclusive) to {@code to} (exclusive) in loading order.
     *
     * @throws DatasetException when an image cannot be read; nothing is returned then
     */
    public DataSet load(ImagePreprocessing preprocessing, int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IndexOutOfBoundsException("images " + from + " to " + to + " of " + size());
        }
        int[] indices = new int[to - from];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = from + i;
        }
        return rows(preprocessing, indices);
    }

    /** Batches read from disk as they are asked for, in loading order (an ImageNet eval set does not fit in memory). */
    public BatchIterator iterator(ImagePreprocessing preprocessing, int batchSize) {
        return new BatchIterator(new BatchIterator.Source() {
            @Override
            public int size() {
                return files.size();
            }

            @Override
            public DataSet rows(int[] indices) {
                return ImageFolder.this.rows(preprocessing, indices);
            }

            @Override
            public List<String> labelNames() {
                return classIds;
            }

            @Override
            public int inputColumns() {
                return 3 * ImagePreprocessing.CROP * ImagePreprocessing.CROP;
            }

            @Override
            public int totalOutcomes() {
                return classIds.size();
            }
        }, batchSize, null);
    }

    private DataSet rows(ImagePreprocessing preprocessing, int[] indices) {
        int side = ImagePreprocessing.CROP;
        float[] image = new float[3 * side * side];
        INDArray features = Tensors.zeros(indices.length, 3, side, side);
        FloatBuffer out = Tensors.floats(features);
        int[] chosen = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            preprocessing.write(readImage(files.get(indices[i])), image, 0);
            out.put(image);
            chosen[i] = labels[indices[i]];
        }
        DataSet data = new DataSet(features, Tensors.oneHot(chosen, classIds.size()));
        data.setLabelNames(classIds);
        return data;
    }

    /**
     * Reads one JPEG or PNG. A decoder warning (e.g. a JPEG that ends early, which ImageIO would otherwise
     * fill with gray) counts as an error.
     *
     * @throws DatasetException when the file is missing, not a JPEG or PNG, or damaged
     */
    public static BufferedImage readImage(Path file) {
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DatasetException(file + ": not a readable JPEG or PNG image (no decoder recognises it):"
                        + " expected a .jpg or .png file. Remove it from the folder or replace it.");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                // collect rather than throw: the JPEG decoder reports warnings from inside native code
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new DatasetException(file + ": damaged image (" + String.join("; ", warnings) + "):"
                            + " expected a complete JPEG or PNG. Replace the file or remove it from the folder.");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DatasetException d) {
                throw d;
            }
            throw new DatasetException(file + ": could not read the image (" + e + "): expected a complete JPEG or"
                    + " PNG file. Replace the file or remove it from the folder.", e);
        }
    }

    private static void requireFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir + ": image folder does not exist or is not a folder. Point at the folder"
                    + " that holds the class subfolders (or the images, with a label file).");
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException(dir + ": could not list the folder (" + e + "): check its permissions.", e);
        }
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png"));
    }

    private static int lastWhitespace(String line) {
        for (int i = line.length() - 1; i >= 0; i--) {
            if (Character.isWhitespace(line.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, Integer> indexOf(List<String> classes) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
        return index;
    }

    private static String preview(List<String> classes) {
        return classes.size() <= 5 ? String.join(", ", classes) : String.join(", ", classes.subList(0, 5)) + ", ...";
    }

    @Override
    public String toString() {
        return "ImageFolder[" + root + ", " + files.size() + " images, " + classIds.size() + " classes]";
    }
}
