package resnetkit.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import resnetkit.toolkit.Commands;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench commands parse their options with picocli: {@code --help} through main lists every option (and
 * SpeedProbe's variants) and runs nothing, an unknown option is a usage error, the defaults are the old parsers'.
 */
class BenchCommandsTest {

    @ParameterizedTest
    @ValueSource(classes = {Benchmark.class, SpeedProbe.class, GradingWaits.class})
    void help_lists_every_option_and_runs_nothing(Class<?> command) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            command.getMethod("main", String[].class).invoke(null, (Object) new String[] {"--help"});
        } finally {
            System.setOut(original);
        }
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).startsWith("Usage: " + command.getSimpleName());
        for (OptionSpec o : new CommandLine(command).getCommandSpec().options()) {
            assertThat(help).contains(o.longestName());
        }
        if (command == SpeedProbe.class) {
            assertThat(help).contains("VARIANT").contains("kit-no-cache").contains("samediff").contains("BATCH");
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {Benchmark.class, SpeedProbe.class, GradingWaits.class})
    void an_unknown_option_is_a_usage_error(Class<?> command) {
        StringWriter err = new StringWriter();
        CommandLine cl = Commands.of(command);
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("--no-such-option")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).startsWith("Unknown option: '--no-such-option'")
                .contains("Usage: " + command.getSimpleName());
    }

    @Test
    void benchmark_defaults_are_the_full_suite() {
        CommandLine cl = new CommandLine(Benchmark.class);
        cl.parseArgs();
        Benchmark b = cl.getCommand();
        assertThat(b.models()).containsExactly(BenchCase.values());
        assertThat(value(cl, "--batches")).isEqualTo(List.of(32, 128));
        assertThat(value(cl, "--warmup")).isEqualTo(2);
        assertThat(value(cl, "--reps")).isEqualTo(5);
        assertThat(value(cl, "--heap")).isEqualTo("2g");
        assertThat(value(cl, "--python")).isEqualTo("/usr/bin/python3");
        assertThat(value(cl, "--sweep")).isEqualTo(0);
        assertThat(value(cl, "--out")).isEqualTo(Path.of("target/bench"));
        assertThat(value(cl, "--pytorch")).isEqualTo(false);
    }

    @Test
    void benchmark_options_replace_the_defaults() {
        CommandLine cl = new CommandLine(Benchmark.class);
        cl.parseArgs("--models", "resnet20,plain56", "--batches", "64", "--reps", "3", "--pytorch", "--sweep", "100");
        Benchmark b = cl.getCommand();
        assertThat(b.models()).containsExactly(BenchCase.of("resnet20"), BenchCase.of("plain56"));
        assertThat(value(cl, "--batches")).isEqualTo(List.of(64));
        assertThat(value(cl, "--reps")).isEqualTo(3);
        assertThat(value(cl, "--pytorch")).isEqualTo(true);
        assertThat(value(cl, "--sweep")).isEqualTo(100);
        CommandLine all = new CommandLine(Benchmark.class);
        all.parseArgs("--all");
        assertThat(all.<Benchmark>getCommand().models()).containsExactly(BenchCase.values());
    }

    @Test
    void an_unknown_model_is_a_usage_error_naming_the_models() {
        StringWriter err = new StringWriter();
        CommandLine cl = Commands.of(Benchmark.class);
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("--models", "resnet18")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("unknown model resnet18").contains("resnet56");
    }

    @Test
    void speed_probe_defaults_to_the_kit_net_at_batch_128() {
        CommandLine cl = new CommandLine(SpeedProbe.class);
        cl.parseArgs();
        assertThat(cl.getCommandSpec().positionalParameters()).extracting(p -> (Object) p.getValue())
                .containsExactly("kit", 128);
        cl = new CommandLine(SpeedProbe.class);
        cl.parseArgs("nhwc", "32");
        assertThat(cl.getCommandSpec().positionalParameters()).extracting(p -> (Object) p.getValue())
                .containsExactly("nhwc", 32);
    }

    @Test
    void grading_waits_defaults() {
        CommandLine cl = new CommandLine(GradingWaits.class);
        cl.parseArgs();
        assertThat(value(cl, "--whole-only")).isEqualTo(false);
        assertThat(value(cl, "--out")).isEqualTo(Path.of("target/bench/grading-waits.csv"));
    }

    private static Object value(CommandLine cl, String option) {
        return cl.getCommandSpec().findOption(option).getValue();
    }
}
