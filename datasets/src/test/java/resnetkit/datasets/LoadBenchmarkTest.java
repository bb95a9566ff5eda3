package resnetkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class LoadBenchmarkTest {

    @Test
    void helpPrintsUsageAndLoadsNothing() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            LoadBenchmark.main(new String[] {"--help"});
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString()).startsWith("Usage: LoadBenchmark").contains("--split").contains("VmHWM")
                .doesNotContain("features [");
    }
}
