package resnetkit.selftest;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** exercises/ is exactly what StubGenerator makes of solutions/: one source for Javadoc and signatures. */
class StubsAreGeneratedTest {

    private static final Path ROOT = Path.of(System.getProperty("kit.root", ".."));

    @Test
    void exercises_match_the_generated_stubs() throws Exception {
        assertThat(StubGenerator.differences(ROOT.resolve("solutions"), ROOT.resolve("exercises")))
                .as("exercises/ differs from solutions/ with its YOUR CODE regions stubbed; regenerate with"
                        + " java selftest/src/main/java/resnetkit/selftest/StubGenerator.java")
                .isEmpty();
    }

    @Test
    void a_region_becomes_a_throw_that_names_the_exercise() {
        String solution = """
                class A {
                    int f() {
                        // >>> YOUR CODE: Exercise 9.9.9 A.f (1 line)
                        return 42;
                        // <<< YOUR CODE
                    }
                }""";
        String stub = StubGenerator.stub(solution, "A.java");
        assertThat(stub).doesNotContain("return 42")
                .contains("        // >>> YOUR CODE: Exercise 9.9.9 A.f (1 line)\n        throw new"
                        + " resnetkit.toolkit.NotWrittenYet(\n                \"Exercise 9.9.9 A.f (1 line)\");")
                .contains("// <<< YOUR CODE\n    }\n}");
    }

    @Test
    void an_unclosed_region_is_an_error() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StubGenerator.stub("// >>> YOUR CODE: x\n", "B.java"))
                .hasMessageContaining("B.java").hasMessageContaining("never closed");
    }
}
