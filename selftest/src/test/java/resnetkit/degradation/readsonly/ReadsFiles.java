package resnetkit.degradation.readsonly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Exercise code may read files and look at folders: the rules must let this class pass. */
public final class ReadsFiles {

    private ReadsFiles() {
    }

    static boolean reads(Path p) throws IOException {
        return Files.exists(p) && Files.isDirectory(p) && !Files.readString(p.resolve("x")).isEmpty()
                && Files.list(p).findAny().isPresent();
    }
}
