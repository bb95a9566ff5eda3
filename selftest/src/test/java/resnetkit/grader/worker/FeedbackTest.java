package resnetkit.grader.worker;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Feedback keeps what a student needs to act on: the expected value, and the chapter's terms. */
class FeedbackTest {

    @Test
    void an_assertj_close_to_message_keeps_its_expected_value() {
        Throwable t = catchThrowable(() -> org.assertj.core.api.Assertions.assertThat(0.25)
                .as("train-mode error: the mean over the epoch's minibatches")
                .isCloseTo(0.125, org.assertj.core.data.Offset.offset(1e-9)));
        String feedback = Feedback.of(t, List.of());
        assertThat(feedback).contains("to be close to:").contains("0.125").contains("0.25");
    }

    @Test
    void a_long_actual_value_does_not_push_out_the_expected_one() {
        List<Integer> actual = java.util.stream.IntStream.range(0, 2000).boxed().toList();
        Throwable t = catchThrowable(() -> org.assertj.core.api.Assertions.assertThat(actual)
                .as("the nets, in order").containsExactly(-7, -8));
        String feedback = Feedback.of(t, List.of());
        assertThat(feedback).contains("to contain exactly (and in same order):").contains("-7, -8")
                .hasSizeLessThanOrEqualTo(Feedback.MAX_CHARS);
    }

    @Test
    void dl4j_s_allow_disconnected_hint_becomes_what_is_wrong() {
        AssertionError e = new AssertionError("BasicBlock.build (identity) (building the graph) threw"
                + " IllegalStateException: Invalid configuration: disconnected vertices found - [layer2.0.bn2]."
                + " Disconnected vertices are those that do not connect to either another vertex, and are also not a"
                + " network output. To disable this error use GraphBuilder.allowDisconnected(true)");
        String feedback = Feedback.of(e, List.of());
        assertThat(feedback).doesNotContain("allowDisconnected")
                .contains("no vertex reads the output of [layer2.0.bn2]").contains("the Add must read layer2.0.bn2");
    }

    @Test
    void a_null_pointer_in_the_grader_s_own_code_is_not_shown_raw() {
        NullPointerException npe = new NullPointerException("Cannot invoke \"INDArray.shape()\" because \"a\" is null");
        npe.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("resnetkit.grader.oracle.Tensor", "of", "Tensor.java", 30)});
        String feedback = Feedback.of(new RuntimeException(npe), List.of());
        assertThat(feedback).doesNotContain("NullPointerException").contains("check the names");
    }
}
