package resnetkit.selftest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lying versions of the kit's given files, as a submission could bring them: each compiles and, were it used,
 * would change what the grader measures. Grading takes only the student's files from a submission, so a
 * submission with these scores exactly what it scores without them.
 */
final class HostileFiles {

    private static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();

    /** A given file, the text to replace in it and the lie put in its place. */
    private record Lie(String module, String file, String from, String to) {
    }

    private static final List<Lie> LIES = List.of(
            // an evaluation that finds no error: every accuracy the grader measures would be 100 %
            new Lie("toolkit", "resnetkit/toolkit/Evaluation.java", "return (double) wrong / n;", "return 0.0;"),
            // a preset of one epoch: the settings the grader's training checks pass in
            new Lie("given", "resnetkit/degradation/Settings.java", "    /** Image channels:",
                    "    public int epochs() {\n        return 1;\n    }\n\n    /** Image channels:"),
            // shipped models that lie: the ResNet-20 file answers with the plain net
            new Lie("given", "resnetkit/dropblock/ReferenceModels.java",
                    "return ModelSerializer.restoreComputationGraph(path.toFile(), false);",
                    "return ModelSerializer.restoreComputationGraph(DataLocator.models().resolve(PLAIN20).toFile(),"
                            + " false);"),
            // no residual blocks at all: nothing to drop
            new Lie("given", "resnetkit/dropblock/ResidualBlocks.java", "        return blocks;",
                    "        return new ArrayList<>();"),
            // a variant table that lies about ResNet-50
            new Lie("solutions", "resnetkit/family/Variant.java", "RESNET50(BlockType.BOTTLENECK, 3, 4, 6, 3)",
                    "RESNET50(BlockType.BASIC, 2, 2, 2, 2)"));

    private HostileFiles() {
    }

    /** Writes every lie into {@code submissionMain} ({@code src/main} of a submission). */
    static void writeInto(Path submissionMain) throws IOException {
        for (Lie lie : LIES) {
            String text = Files.readString(ROOT.resolve(lie.module()).resolve("src/main/java").resolve(lie.file()));
            assertThat(text).as("the text the lie replaces in %s", lie.file()).contains(lie.from());
            Path target = submissionMain.resolve("java").resolve(lie.file());
            Files.createDirectories(target.getParent());
            Files.writeString(target, text.replace(lie.from(), lie.to()));
        }
    }
}
