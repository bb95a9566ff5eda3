package resnetkit.grader.submission;

import resnetkit.datasets.DataLocator;

import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.io.FileUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a submission is: the files a student writes, and nothing else. Every way of grading a submission
 * (batch grading, the Gradescope bundle, the student release's workflow) takes these files from it and
 * everything else (build files, tests, the given types and helpers, data) from the kit.
 *
 * <p>The files are the exercise classes (each holds YOUR CODE regions) and the written answers. The student's
 * module also holds a few given types the exercise methods take ({@link #GIVEN_IN_MODULE}); grading uses the
 * kit's copy of those too.
 */
public final class StudentFiles {

    /**
     * The exercise whose code each exercise class holds (README's table of exercises). A broken rule in one of
     * them fails that exercise only.
     */
    public static final Map<String, String> EXERCISE_CLASSES = Map.ofEntries(
            Map.entry("resnetkit.blocks.Shortcut", "20.2.1"),
            Map.entry("resnetkit.blocks.BasicBlock", "20.2.1"),
            Map.entry("resnetkit.blocks.ShortcutTryThis", "20.2.2"),
            Map.entry("resnetkit.blocks.Bottleneck", "20.2.3"),
            Map.entry("resnetkit.family.ResNets", "20.2.4"),
            Map.entry("resnetkit.highway.IdentityIsEasy", "20.3.1"),
            Map.entry("resnetkit.degradation.Degradation", "20.3.2"),
            Map.entry("resnetkit.dropblock.DropBlock", "20.3.3"),
            Map.entry("resnetkit.highway.SkipGradient", "S3.1"),
            Map.entry("resnetkit.highway.ZeroInit", "S3.2"),
            Map.entry("resnetkit.highway.GradientFlow", "S3.3"));

    /** The written answers, under the module's {@code src/main/resources}. */
    public static final List<String> ANSWERS = List.of("answers/20.3.1c.md", "answers/20.3.3.md");

    /** Given types that sit in the student's module because the exercise methods take them; never graded. */
    public static final Set<String> GIVEN_IN_MODULE = Set.of("resnetkit.blocks.BlockOptions",
            "resnetkit.blocks.ShortcutOption", "resnetkit.blocks.StridePlacement", "resnetkit.family.BlockType",
            "resnetkit.family.Variant");

    private StudentFiles() {
    }

    /** The student's files, relative to a module's {@code src/main}: {@code java/resnetkit/...java}, answers. */
    public static List<String> paths() {
        List<String> paths = new ArrayList<>();
        EXERCISE_CLASSES.keySet().stream().sorted()
                .forEach(c -> paths.add("java/" + c.replace('.', '/') + ".java"));
        ANSWERS.forEach(a -> paths.add("resources/" + a));
        return paths;
    }

    /**
     * Writes the sources to grade into {@code into}: the kit's student module ({@code kitMain}, its
     * {@code src/main}) with each student file replaced by the submission's copy ({@code submissionMain}) where
     * it has one. A student file missing from the submission keeps the kit's stub (that exercise scores 0);
     * any other file of the submission is ignored.
     *
     * @return the student files the submission had
     */
    public static List<String> assemble(Path kitMain, Path submissionMain, Path into) throws IOException {
        FileUtils.copyDirectory(kitMain.toFile(), into.toFile(), false);
        List<String> taken = new ArrayList<>();
        for (String file : paths()) {
            Path theirs = submissionMain.resolve(file);
            if (Files.isRegularFile(theirs)) {
                Files.createDirectories(into.resolve(file).getParent());
                Files.copy(theirs, into.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                taken.add(file);
            }
        }
        return taken;
    }

    /**
     * The SHA-256 of a submission's student files ({@code submissionMain} is its {@code src/main}): each file's
     * path and bytes, a missing one marked as such, in {@link #paths()}'s order. Any other file of the submission
     * leaves it unchanged, as it leaves the grade unchanged.
     */
    public static String sha256(Path submissionMain) throws IOException {
        MessageDigest md = DigestUtils.getSha256Digest();
        for (String file : paths()) {
            Path theirs = submissionMain.resolve(file);
            md.update((file + "\n").getBytes(StandardCharsets.UTF_8));
            if (Files.isRegularFile(theirs)) {
                byte[] bytes = Files.readAllBytes(theirs);
                md.update((bytes.length + "\n").getBytes(StandardCharsets.UTF_8));
                md.update(bytes);
            } else {
                md.update("absent\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The kit's student module, {@code exercises/src/main}, found like the kit's data ({@link DataLocator}). */
    public static Path kitStudentModule() {
        return DataLocator.kitFolder("exercises/src/main");
    }
}
