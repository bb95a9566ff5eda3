package resnetkit.selftest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every laptop a student has gets ND4J's native build for it without a flag: the root pom's profiles native-*
 * choose it from the operating system and architecture Maven runs on, and {@code -Dnd4j.classifier} on the command
 * line still wins. Asked of the kit's own Maven ({@code ./mvnw}, 3.9, which reads os.name and os.arch for profile
 * activation from its system properties, so {@code -Dos.name=...} stands in for each machine) with
 * {@code help:evaluate}; each value is what os.name and os.arch are on that platform's JDK. The build itself on a
 * build without oneDNN: toolkit's OneDnnHelperTest, run with {@code -Dnd4j.classifier=linux-x86_64}.
 */
class NativeBuildTest {

    private static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();

    /** os.name, os.arch as each platform's JDK reports them, and the native build the kit must choose. */
    static final Map<String, String> PLATFORMS = new LinkedHashMap<>();

    static {
        PLATFORMS.put("Linux|amd64", "linux-x86_64-onednn");
        PLATFORMS.put("Linux|aarch64", "linux-arm64");
        PLATFORMS.put("Mac OS X|x86_64", "macosx-x86_64");
        PLATFORMS.put("Mac OS X|aarch64", "macosx-arm64");
        PLATFORMS.put("Windows 11|amd64", "windows-x86_64-onednn");
    }

    /** The classifier Maven chooses for these extra arguments. */
    private static String classifier(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("./mvnw", "-B", "-q", "-N", "help:evaluate",
                "-Dexpression=nd4j.classifier", "-DforceStdout"));
        command.addAll(List.of(args));
        // the wrapper's Maven, unpacked once per build (ReleaseTest unpacks it from nothing)
        Command c = Command.run(ROOT, Map.of("MAVEN_USER_HOME", ROOT.resolve("selftest/target/maven-user-home")
                .toString()), command.toArray(String[]::new));
        assertThat(c.exitCode).as("%s: %s", String.join(" ", command), c.output).isZero();
        return c.output.strip();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void each_platform_gets_its_native_build_and_the_command_line_wins() throws Exception {
        classifier(); // unpacks the wrapper's Maven before the runs below start at once
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Map<String, Future<String>> chosen = new LinkedHashMap<>();
            PLATFORMS.keySet().forEach(p -> chosen.put(p, pool.submit(() -> classifier(
                    "-Dos.name=" + p.split("\\|")[0], "-Dos.arch=" + p.split("\\|")[1]))));
            Future<String> override = pool.submit(() -> classifier("-Dos.name=Mac OS X", "-Dos.arch=aarch64",
                    "-Dnd4j.classifier=macosx-x86_64"));
            Map<String, String> got = new LinkedHashMap<>();
            for (Map.Entry<String, Future<String>> e : chosen.entrySet()) {
                got.put(e.getKey(), e.getValue().get());
            }
            assertThat(got).as("native build per os.name|os.arch").isEqualTo(PLATFORMS);
            assertThat(override.get()).as("-Dnd4j.classifier on the command line, on an arm64 Mac")
                    .isEqualTo("macosx-x86_64");
        } finally {
            pool.shutdownNow();
        }
    }
}
