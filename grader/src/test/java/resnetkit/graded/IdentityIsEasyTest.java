package resnetkit.graded;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import resnetkit.grader.api.ByHand;
import resnetkit.grader.api.Exercise;
import resnetkit.grader.api.Points;
import resnetkit.grader.support.Grading;
import resnetkit.grader.support.Student;
import resnetkit.highway.IdentityIsEasy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static resnetkit.grader.support.KitAssertions.assertThat;


/** Exercise 20.3.1: a plain block cannot be the identity for every x; a residual block is, with F = 0. */
@Exercise(id = "20.3.1", title = "Identity is easy (a, b) and why (c)")
class IdentityIsEasyTest {

    /** A plain block: w (d x d), b (d), d from 1 to 8, entries in [-5, 5]. */
    record Block(double[][] w, double[] b) {
        @Override
        public String toString() {
            return "w=" + Arrays.deepToString(w) + ", b=" + Arrays.toString(b);
        }
    }

    @Provide
    Arbitrary<Block> blocks() {
        return Arbitraries.integers().between(1, 8).flatMap(d -> Combinators.combine(
                Arbitraries.doubles().between(-5, 5).array(double[].class).ofSize(d).array(double[][].class).ofSize(d),
                Arbitraries.doubles().between(-5, 5).array(double[].class).ofSize(d)).as(Block::new));
    }

    static double[] relu(double[][] w, double[] b, double[] x) {
        double[] y = new double[b.length];
        for (int i = 0; i < y.length; i++) {
            double z = b[i];
            for (int j = 0; j < x.length; j++) {
                z += w[i][j] * x[j];
            }
            y[i] = Math.max(0, z);
        }
        return y;
    }

    @Property(seed = Grading.SEED, tries = 200)
    @Points(2)
    void a_plain_block_is_not_the_identity_for_the_returned_input(@ForAll("blocks") Block block) {
        double[] x = Student.call("IdentityIsEasy.notTheIdentity",
                () -> IdentityIsEasy.notTheIdentity(block.w(), block.b()));
        assertThat(x).as("x must have the dimension of b").hasSize(block.b().length);
        assertThat(Arrays.stream(x).allMatch(Double::isFinite)).as("x must be finite: %s", Arrays.toString(x)).isTrue();
        double[] y = relu(block.w(), block.b(), x);
        double gap = 0;
        for (int i = 0; i < x.length; i++) {
            gap = Math.max(gap, Math.abs(y[i] - x[i]));
        }
        assertThat(gap).as("ReLU(w x + b) must differ from x = %s, but it equals %s (a ReLU never outputs a"
                + " negative number)", Arrays.toString(x), Arrays.toString(y)).isGreaterThan(1e-9);
    }

    @Test
    @Timeout(10)
    @Points(1)
    void even_w_identity_and_b_zero_are_beaten_by_the_returned_input() {
        for (int d = 1; d <= 4; d++) {
            double[][] identity = new double[d][d];
            for (int i = 0; i < d; i++) {
                identity[i][i] = 1;
            }
            double[] b = new double[d];
            double[] x = Student.call("IdentityIsEasy.notTheIdentity", () -> IdentityIsEasy.notTheIdentity(identity, b));
            assertThat(relu(identity, b, x)).as("with w = I and b = 0, ReLU(x) = x for every x >= 0: the returned"
                    + " x = %s must have a negative component", Arrays.toString(x)).isNotEqualTo(x);
        }
    }

    @Property(seed = Grading.SEED, tries = 200)
    @Points(1)
    void a_residual_block_with_zero_weights_is_exactly_the_identity(
            @ForAll("inputs") double[] x) {
        int d = x.length;
        double[] y = Student.call("IdentityIsEasy.residualBlock",
                () -> IdentityIsEasy.residualBlock(new double[d][d], new double[d], x.clone()));
        assertThat(y).as("F(x) + x with w = 0 and b = 0, for x = %s (negative components too)", Arrays.toString(x))
                .containsExactly(x);
    }

    @Provide
    Arbitrary<double[]> inputs() {
        return Arbitraries.doubles().between(-10, 10).array(double[].class).ofMinSize(1).ofMaxSize(8);
    }

    @Property(seed = Grading.SEED, tries = 100)
    @Points(1)
    void a_residual_block_adds_its_input_to_relu_of_w_x_plus_b(@ForAll("blocks") Block block) {
        double[] x = new double[block.b().length];
        Arrays.setAll(x, i -> Math.sin(3 * i + 1) * 4);
        double[] y = Student.call("IdentityIsEasy.residualBlock",
                () -> IdentityIsEasy.residualBlock(block.w(), block.b(), x.clone()));
        double[] f = relu(block.w(), block.b(), x);
        double[] expected = new double[x.length];
        Arrays.setAll(expected, i -> f[i] + x[i]);
        assertThat(y).as("ReLU(w x + b) + x for x = %s", Arrays.toString(x))
                .containsExactly(expected, org.assertj.core.data.Offset.offset(1e-9));
    }

    /** The written answer lives in the student's module; only its presence is checked here. */
    static final String ANSWER = "answers/20.3.1c.md";
    static final String MARKER = "<!-- Write your answer below this line. -->";
    /** The fewest words below the marker line that count as an answer (one or two sentences are about 25). */
    static final int ANSWER_WORDS = 8;

    @Test
    @Timeout(10)
    @Points(2)
    @ByHand
    void c_the_written_answer_explains_why_the_identity_is_easy() throws IOException {
        String text;
        try (InputStream in = IdentityIsEasy.class.getClassLoader().getResourceAsStream(ANSWER)) {
            text = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        answered(text, ANSWER, "one or two sentences", ANSWER_WORDS);
    }

    /**
     * Fails, in plain words that agree with the answer file, unless {@code text} (the file {@code answer}, null when
     * missing) holds at least {@code fewestWords} words below the marker line. Only that an answer is there is
     * checked; the instructor grades what it says.
     */
    static void answered(String text, String answer, String asked, int fewestWords) {
        String file = "exercises/src/main/resources/" + answer;
        if (text == null) {
            throw new AssertionError("the answer file " + file + " is missing: restore it from the kit and write "
                    + asked + " below its line " + MARKER);
        }
        int at = text.indexOf(MARKER);
        String written = at < 0 ? text : text.substring(at + MARKER.length());
        long words = Arrays.stream(written.trim().split("\\s+")).filter(w -> !w.isBlank()).count();
        if (words < fewestWords) {
            throw new AssertionError(file + " asks for " + asked + " below the line " + MARKER + "; there "
                    + (words == 0 ? "is nothing yet" : words == 1 ? "is 1 word" : "are " + words + " words")
                    + " (an answer counts from " + fewestWords + " words on; your instructor grades what it says)");
        }
    }
}
