package resnetkit.grader.guard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the guard's lines run for files: the temporary folder is writable and readable, the libraries readable
 * only, the grader's files neither, even inside a readable folder, even through a link, even when they do not
 * exist yet.
 */
class GuardScopeTest {

    @Test
    void files_are_judged_by_where_they_really_are(@TempDir Path dir) throws IOException {
        Path libraries = Files.createDirectories(dir.resolve("libraries"));
        Path grader = Files.createDirectories(libraries.resolve("grader"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path journal = Files.writeString(grader.resolve("journal.tsv"), "x");
        GuardScope scope = new GuardScope(Set.of(), List.of(libraries), List.of(grader), List.of(tmp), List.of());

        assertThat(scope.mayRead(libraries.resolve("a.jar"))).isTrue();
        assertThat(scope.mayWrite(libraries.resolve("a.jar"))).isFalse();
        assertThat(scope.mayRead(journal)).as("the grader's file inside a readable folder").isFalse();
        assertThat(scope.mayWrite(tmp.resolve("model.zip"))).isTrue();
        assertThat(scope.mayRead(tmp.resolve("model.zip"))).isTrue();
        assertThat(scope.mayWrite(tmp.resolve("../libraries/grader/journal.tsv"))).as("climbing out").isFalse();
        assertThat(scope.mayRead(dir.resolve("elsewhere.txt"))).as("outside every readable folder").isFalse();

        Path link = Files.createSymbolicLink(tmp.resolve("link.tsv"), journal);
        assertThat(scope.mayRead(link)).as("a link in the temporary folder to the journal is the journal").isFalse();
        assertThat(scope.mayWrite(link)).isFalse();
        Path linkedFolder = Files.createSymbolicLink(tmp.resolve("folder"), grader);
        assertThat(scope.mayWrite(linkedFolder.resolve("new.tsv"))).as("a file not there yet, through a linked folder")
                .isFalse();
    }
}
