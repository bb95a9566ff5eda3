package resnetkit.graded;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import resnetkit.blocks.ShortcutTryThis;
import resnetkit.grader.api.Exercise;
import resnetkit.grader.api.Points;
import resnetkit.grader.support.BlockShapes;
import resnetkit.grader.support.Grading;
import resnetkit.grader.support.Student;

import static org.junit.jupiter.api.Assertions.assertAll;
import static resnetkit.grader.support.KitAssertions.assertThat;

/** Exercise 20.2.2, "Try This": the shortcut appears only when the shape changes. */
@Exercise(id = "20.2.2", title = "Try This: the shortcut appears and vanishes")
class ShortcutTryThisTest {

    static int layers(int in, int out, int stride, int side) {
        return Student.call("ShortcutTryThis.parameterisedShortcutLayers",
                () -> ShortcutTryThis.parameterisedShortcutLayers(in, out, stride, side));
    }

    static long[] shape(int in, int out, int stride, int side) {
        return Student.call("ShortcutTryThis.outputShape", () -> ShortcutTryThis.outputShape(in, out, stride, side));
    }

    @Test
    @Timeout(120)
    @Points(2)
    void the_chapter_counts_zero_two_and_two_shortcut_layers() {
        assertAll(
                () -> assertThat(layers(64, 64, 1, 8)).as("(in 64, out 64, stride 1): identity shortcut, no layer")
                        .isZero(),
                () -> assertThat(layers(64, 64, 2, 8)).as("(in 64, out 64, stride 2): 1x1 conv + BN").isEqualTo(2),
                () -> assertThat(layers(64, 128, 1, 8)).as("(in 64, out 128, stride 1): 1x1 conv + BN").isEqualTo(2));
    }

    @Test
    @Timeout(120)
    @Points(2)
    void the_chapter_shapes_on_a_56_by_56_input() {
        assertAll(
                () -> assertThat(shape(64, 64, 1, 56)).as("(64, 64, stride 1) on [1, 64, 56, 56]")
                        .containsExactly(1, 64, 56, 56),
                () -> assertThat(shape(64, 64, 2, 56)).as("(64, 64, stride 2) on [1, 64, 56, 56]")
                        .containsExactly(1, 64, 28, 28),
                () -> assertThat(shape(64, 128, 1, 56)).as("(64, 128, stride 1) on [1, 64, 56, 56]")
                        .containsExactly(1, 128, 56, 56));
    }

    @Property(seed = Grading.SEED, tries = 15)
    @Points(1)
    void counts_and_shapes_follow_the_rule_for_any_block(@ForAll @IntRange(min = 1, max = 8) int in,
                                                         @ForAll @IntRange(min = 1, max = 8) int out,
                                                         @ForAll(supplier = BlockShapes.Strides.class) int stride,
                                                         @ForAll @IntRange(min = 1, max = 9) int side) {
        boolean changes = stride != 1 || in != out;
        int outSide = (side + stride - 1) / stride;
        assertThat(layers(in, out, stride, side))
                .as("shortcut layers for (in %d, out %d, stride %d)", in, out, stride).isEqualTo(changes ? 2 : 0);
        assertThat(shape(in, out, stride, side))
                .as("output shape for (in %d, out %d, stride %d) on side %d", in, out, stride, side)
                .containsExactly(1, out, outSide, outSide);
    }
}
