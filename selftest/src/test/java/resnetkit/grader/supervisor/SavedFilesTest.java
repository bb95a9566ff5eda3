package resnetkit.grader.supervisor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import resnetkit.grader.submission.StudentFiles;
import resnetkit.grader.supervisor.watch.SavedFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** What the watch mode takes for a save, and which exercise a saved file grades. */
class SavedFilesTest {

    @Test
    void every_student_file_grades_its_own_exercise() {
        assertThat(SavedFiles.exercises(List.of("java/resnetkit/blocks/Shortcut.java"))).containsExactly("20.2.1");
        assertThat(SavedFiles.exercises(List.of("java/resnetkit/family/ResNets.java"))).containsExactly("20.2.4");
        assertThat(SavedFiles.exercises(List.of("resources/answers/20.3.1c.md"))).containsExactly("20.3.1");
        assertThat(SavedFiles.exercises(List.of("resources/answers/20.3.3.md"))).containsExactly("20.3.3");
        assertThat(SavedFiles.exercises(List.of("java/resnetkit/highway/ZeroInit.java",
                "java/resnetkit/highway/SkipGradient.java"))).containsExactly("S3.1", "S3.2");
        Set<String> all = new TreeSet<>(StudentFiles.EXERCISE_CLASSES.values());
        assertThat(SavedFiles.exercises(StudentFiles.paths())).as("every exercise has a file").isEqualTo(all);
    }

    @Test
    void only_changed_bytes_count_as_a_save(@TempDir Path main) throws Exception {
        for (String file : StudentFiles.paths()) {
            Files.createDirectories(main.resolve(file).getParent());
            Files.writeString(main.resolve(file), "stub of " + file);
        }
        SavedFiles files = new SavedFiles(main);
        assertThat(files.touched()).isFalse();
        assertThat(files.changed()).isEmpty();

        Path basic = main.resolve("java/resnetkit/blocks/BasicBlock.java");
        Files.setLastModifiedTime(basic, FileTime.fromMillis(Files.getLastModifiedTime(basic).toMillis() + 5_000));
        assertThat(files.touched()).as("a new modification time is looked at").isTrue();
        assertThat(files.changed()).as("but the same bytes are not a save").isEmpty();

        Files.writeString(basic, "written");
        Files.writeString(main.resolve("resources/answers/20.3.3.md"), "an answer");
        assertThat(files.changed()).containsExactlyInAnyOrder("java/resnetkit/blocks/BasicBlock.java",
                "resources/answers/20.3.3.md");
        assertThat(files.changed()).as("graded once").isEmpty();
        Files.setLastModifiedTime(basic, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(files.newest()).isEqualTo("java/resnetkit/blocks/BasicBlock.java");
    }
}
