package resnetkit.toolkit;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The model cache: built once, read after; a truncated, damaged or empty file is reported and built again. */
class ModelCacheTest {

    @TempDir
    Path tmp;

    private final AtomicInteger builds = new AtomicInteger();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private ComputationGraph build() {
        builds.incrementAndGet();
        GraphBuilder g = Graphs.builder(builds.get());
        g.addLayer("avgpool", Layers.globalAvgPool(), Graphs.INPUT);
        g.addLayer("fc", Layers.softmaxHead(3, 2), "avgpool");
        return Graphs.init(Graphs.finish(g, 3, 4, 4, "fc"));
    }

    private ComputationGraph load(Path file) {
        return ModelCache.load(file, "test model", this::build, new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @Test
    void buildsOnceThenReads() throws IOException {
        Path file = tmp.resolve("cache/model.zip");
        ComputationGraph first = load(file);
        ComputationGraph second = load(file);
        assertThat(builds).hasValue(1);
        assertThat(second.params()).isEqualTo(first.params());
        assertThat(ModelCache.sumFile(file)).exists();
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("model.zip",
                    "model.zip.sha256");
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void truncatedEmptyOrFlippedFilesAreBuiltAgainWithAMessage() throws IOException {
        Path file = tmp.resolve("model.zip");
        load(file);
        byte[] good = Files.readAllBytes(file);
        byte[][] damaged = {new byte[0], java.util.Arrays.copyOf(good, good.length / 2), good.clone()};
        damaged[2][good.length / 3] ^= 1;
        for (byte[] bytes : damaged) {
            Files.write(file, bytes);
            int before = builds.get();
            log.reset();
            ComputationGraph net = load(file);
            assertThat(builds.get()).as("rebuilt after %d bytes", bytes.length).isEqualTo(before + 1);
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("damaged or incomplete").contains(file.toString());
            assertThat(net.numParams()).isEqualTo(8);
            load(file);
            assertThat(builds.get()).as("the rebuilt file is read").isEqualTo(before + 1);
        }
    }

    @Test
    void aFileWithoutChecksumThatReadsIsKept() throws IOException {
        Path file = tmp.resolve("model.zip");
        load(file);
        Files.delete(ModelCache.sumFile(file));
        load(file);
        assertThat(builds).hasValue(1);
        assertThat(ModelCache.sumFile(file)).exists();
        Files.delete(ModelCache.sumFile(file));
        Files.write(file, new byte[10]);
        load(file);
        assertThat(builds).hasValue(2);
    }
}
