package resnetkit.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The 1,000 ImageNet (ILSVRC-2012) classes in the output order of the kit's Keras ResNet-50: WordNet ids
 * ({@code n01440764} ... {@code n15075141}, sorted, as Keras' {@code imagenet_class_index.json}) and short
 * names. Shipped as resources; origin, licence and checksums in {@code resnetkit/datasets/imagenet/README.md}.
 * Pass {@link #wnids()} to {@link ImageFolder#ofClassFolders} so that a folder with any subset of the classes
 * is labelled by WordNet id, not by its position among the folders present.
 */
public final class ImageNetClasses {

    /** Number of classes. */
    public static final int COUNT = 1000;

    private static final List<String> WNIDS = read("wnids.txt");
    private static final List<String> NAMES = read("names.txt");

    private ImageNetClasses() {
    }

    /** The 1,000 WordNet ids, by output index. */
    public static List<String> wnids() {
        return WNIDS;
    }

    /** The 1,000 short class names ("tench", "goldfish", ...), by output index. */
    public static List<String> names() {
        return NAMES;
    }

    private static List<String> read(String file) {
        try (InputStream in = ImageNetClasses.class.getResourceAsStream("imagenet/" + file)) {
            if (in == null) {
                throw new IllegalStateException("resource resnetkit/datasets/imagenet/" + file + " is missing from"
                        + " the datasets jar: rebuild the kit");
            }
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            if (lines.size() != COUNT) {
                throw new IllegalStateException("resnetkit/datasets/imagenet/" + file + " has " + lines.size()
                        + " lines, expected " + COUNT + ": restore it with git checkout");
            }
            return List.copyOf(lines);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read resnetkit/datasets/imagenet/" + file, e);
        }
    }
}
