package resnetkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import resnetkit.toolkit.Commands;

class LoadBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void helpPrintsUsageAndLoadsNothing(String help) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            LoadBenchmark.main(new String[] {help});
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString()).startsWith("Usage: LoadBenchmark").contains("--split").contains("VmHWM")
                .doesNotContain("features [");
        for (OptionSpec o : Commands.of(LoadBenchmark.class).getCommandSpec().options()) {
            assertThat(out.toString()).contains(o.longestName());
        }
    }

    @Test
    void optionsKeepTheirNamesAndDefaults() {
        assertThat(parsed()).isEqualTo(Map.of("--split", Split.TRAIN, "--pad", 0, "--downsample", 1,
                "--standardise", false, "--repeat", 0));
        assertThat(parsed("--split", "test", "--pad", "32", "--downsample", "2", "--standardise", "--repeat", "3"))
                .containsEntry("--split", Split.TEST).containsEntry("--pad", 32).containsEntry("--downsample", 2)
                .containsEntry("--standardise", true).containsEntry("--repeat", 3);
    }

    @Test
    void anUnknownOptionOrABadValueIsAUsageErrorWithExitCode2() {
        assertThat(usageError("--no-such-option")).startsWith("Unknown option: '--no-such-option'")
                .contains("Usage: LoadBenchmark");
        assertThat(usageError("--split", "validation")).contains("--split").contains("validation")
                .contains("Usage: LoadBenchmark");
        // checked by FashionMnist.Options before anything loads
        assertThat(usageError("--pad", "-1")).startsWith("downsample >= 1, padTo >= 0")
                .contains("Usage: LoadBenchmark");
    }

    private static String usageError(String... args) {
        CommandLine cl = Commands.of(LoadBenchmark.class);
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute(args)).isEqualTo(2);
        return err.toString();
    }

    private static Map<String, Object> parsed(String... args) {
        CommandLine cl = Commands.of(LoadBenchmark.class);
        cl.parseArgs(args);
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionSpec o : cl.getCommandSpec().options()) {
            if (!o.usageHelp() && !o.versionHelp()) {
                values.put(o.longestName(), o.getValue());
            }
        }
        return values;
    }
}
