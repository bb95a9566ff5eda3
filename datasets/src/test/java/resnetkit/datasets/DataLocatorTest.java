package resnetkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {

    @TempDir
    Path tmp;

    private Path kit() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("kit/datasets/data/fashion-mnist"));
        Files.writeString(data.resolve(Sha256Sums.FILE_NAME), "");
        return tmp.resolve("kit");
    }

    @Test
    void walksUpFromAModuleFolder() throws IOException {
        Path kit = kit();
        Path deep = Files.createDirectories(kit.resolve("grader/src/test"));
        assertThat(DataLocator.fashionMnist(null, null, deep)).isEqualTo(kit.resolve("datasets/data/fashion-mnist"));
        assertThat(DataLocator.fashionMnist(null, null, kit.resolve("datasets")))
                .isEqualTo(kit.resolve("datasets/data/fashion-mnist"));
    }

    @Test
    void propertyBeatsEnvironmentBeatsWalkingUp() throws IOException {
        Path kit = kit();
        Path other = Files.createDirectories(tmp.resolve("elsewhere/fashion-mnist"));
        Path third = Files.createDirectories(tmp.resolve("third/fashion-mnist"));
        assertThat(DataLocator.fashionMnist(tmp.resolve("elsewhere").toString(), third.getParent().toString(), kit))
                .isEqualTo(other);
        assertThat(DataLocator.fashionMnist(null, third.getParent().toString(), kit)).isEqualTo(third);
        assertThat(DataLocator.fashionMnist("  ", null, kit)).isEqualTo(kit.resolve("datasets/data/fashion-mnist"));
    }

    @Test
    void propertyMayNameTheFashionFolderItself() throws IOException {
        Path folder = kit().resolve("datasets/data/fashion-mnist");
        assertThat(DataLocator.fashionMnist(folder.toString(), null, tmp)).isEqualTo(folder);
    }

    @Test
    void aPropertyPointingNowhereIsAnErrorNotAFallback() throws IOException {
        Path kit = kit();
        assertThatThrownBy(() -> DataLocator.fashionMnist(tmp.resolve("typo").toString(), null, kit))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("-Dresnetkit.data")
                .hasMessageContaining("typo")
                .hasMessageContaining("does not exist");
    }

    @Test
    void nothingFoundSaysHowToPointAtTheData() {
        assertThatThrownBy(() -> DataLocator.fashionMnist(null, null, tmp))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("datasets/data/fashion-mnist")
                .hasMessageContaining("resnetkit.data")
                .hasMessageContaining("RESNETKIT_DATA");
    }

    @Test
    void shippedFoldersAreFoundWalkingUpOrNamedWhenMissing() throws IOException {
        Path kit = kit();
        Path photos = Files.createDirectories(kit.resolve("datasets/photos"));
        Path bench = Files.createDirectories(kit.resolve("bench"));
        assertThat(DataLocator.shippedFolder(DataLocator.PHOTOS_PATH, null, bench)).isEqualTo(photos);
        assertThatThrownBy(() -> DataLocator.shippedFolder(DataLocator.PHOTOS_PATH, null, tmp.resolve("elsewhere")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("datasets/photos");
        assertThatThrownBy(() -> DataLocator.shippedFolder(DataLocator.MODELS_PATH, null, bench))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("datasets/models")
                .hasMessageContaining("-Dresnetkit.models");
        assertThat(DataLocator.shippedFolder(DataLocator.MODELS_PATH, tmp.resolve("mine").toString(), bench))
                .as("the property wins").isEqualTo(tmp.resolve("mine"));
    }

    @Test
    void cifarFolderComesFromOptionThenPropertyThenEnvironment() throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Path c = Files.createDirectories(tmp.resolve("c"));
        assertThat(DataLocator.cifar10(a, b.toString(), c.toString())).isEqualTo(a);
        assertThat(DataLocator.cifar10(null, b.toString(), c.toString())).isEqualTo(b);
        assertThat(DataLocator.cifar10(null, null, c.toString())).isEqualTo(c);
        assertThatThrownBy(() -> DataLocator.cifar10(null, null, null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("resnetkit.cifar10").hasMessageContaining("CIFAR10_DIR");
        assertThatThrownBy(() -> DataLocator.cifar10(null, null, tmp.resolve("gone").toString()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("gone").hasMessageContaining("CIFAR10_DIR");
    }
}
