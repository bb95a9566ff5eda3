package resnetkit.selftest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import resnetkit.degradation.Settings;
import resnetkit.experiments.BlockDropSweep;
import resnetkit.experiments.DegradationExperiment;
import resnetkit.experiments.FineTune;
import resnetkit.experiments.GradientFlowExperiment;
import resnetkit.experiments.TrainReferenceModels;
import resnetkit.grader.supervisor.batch.BatchGrade;
import resnetkit.toolkit.Commands;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The experiment commands and BatchGrade parse their options with picocli: {@code --help} (through main, as the
 * Maven profiles run it) lists every option and runs nothing, an unknown option is a usage error (exit code 2,
 * the error and the usage), and the option names and defaults are those of the hand-written parsers they replaced.
 */
class CommandOptionsTest {

    static Stream<Class<?>> commands() {
        return Stream.of(DegradationExperiment.class, GradientFlowExperiment.class, BlockDropSweep.class,
                FineTune.class, TrainReferenceModels.class, BatchGrade.class);
    }

    /** What {@code main(args)} prints on System.out. */
    static String mainOutput(Class<?> command, String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            command.getMethod("main", String[].class).invoke(null, (Object) args);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Each option's value after parsing {@code args}, by its longest name. */
    static Map<String, Object> parsed(Class<?> command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.parseArgs(args);
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionSpec o : cl.getCommandSpec().options()) {
            if (!o.usageHelp() && !o.versionHelp()) {
                values.put(o.longestName(), o.getValue());
            }
        }
        return values;
    }

    @ParameterizedTest
    @MethodSource("commands")
    void help_lists_every_option_and_runs_nothing(Class<?> command) throws Exception {
        String help = mainOutput(command, "--help");
        assertThat(help).startsWith("Usage: " + command.getSimpleName());
        for (OptionSpec o : new CommandLine(command).getCommandSpec().options()) {
            assertThat(help).as("--help of %s", command.getSimpleName()).contains(o.longestName());
        }
        // a run would print the backend first
        assertThat(help).doesNotContain("backend");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void an_unknown_option_is_a_usage_error(Class<?> command) {
        // as main runs it (Commands.of): the error, then the usage, even where picocli has a suggestion
        CommandLine cl = Commands.of(command);
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        String[] args = command == BatchGrade.class ? new String[] {"--submissions", "subs", "--no-such-option"}
                : new String[] {"--no-such-option"};
        assertThat(cl.execute(args)).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).startsWith("Unknown option: '--no-such-option'")
                .contains("Usage: " + command.getSimpleName());
    }

    @Test
    void degradation_knobs_change_the_preset() {
        Settings ci = Settings.ci();
        assertThat(settings()).isEqualTo(ci);
        assertThat(settings("--preset", "ci", "--epochs", "2", "--depths", "8,14")).isEqualTo(new Settings(
                List.of(8, 14), ci.perClass(), 2, ci.width(), ci.side(), ci.optimizer(), ci.learningRate(),
                ci.momentum(), ci.weightDecay(), ci.lrDrops(), ci.batch(), ci.seed(), ci.dataset()));
        Settings full = Settings.full();
        Settings changed = new Settings(full.depths(), 100, full.epochs(), 8, 16, "adam", 0.05, full.momentum(),
                full.weightDecay(), full.lrDrops(), 64, 3, "cifar10");
        assertThat(settings("--preset", "full", "--per-class", "100", "--width", "8", "--side", "16", "--optimizer",
                "adam", "--lr", "0.05", "--batch", "64", "--seed", "3", "--dataset", "cifar10")).isEqualTo(changed);
        // the preset is the base whatever the order: a knob given before --preset still changes it
        assertThat(settings("--epochs", "6", "--preset", "full").epochs()).isEqualTo(6);
        assertThat(parsed(DegradationExperiment.class)).containsEntry("--out", Path.of("target/experiments/degradation"))
                .containsEntry("--cifar-dir", null);
    }

    private static Settings settings(String... args) {
        CommandLine cl = new CommandLine(DegradationExperiment.class);
        cl.parseArgs(args);
        return cl.<DegradationExperiment>getCommand().settings();
    }

    @Test
    void the_other_commands_keep_their_defaults_and_options() {
        assertThat(parsed(GradientFlowExperiment.class)).containsExactlyEntriesOf(entries(
                "--depths", List.of(20, 56, 110), "--no-1202", false, "--batch", 16, "--width", 16, "--seed", 1L,
                "--out", Path.of("target/experiments/gradient-flow")));
        assertThat(parsed(GradientFlowExperiment.class, "--depths", "20", "--no-1202", "--batch", "4"))
                .containsEntry("--depths", List.of(20)).containsEntry("--no-1202", true).containsEntry("--batch", 4);
        assertThat(parsed(BlockDropSweep.class)).containsExactlyEntriesOf(entries("--images", null, "--resnet50", null,
                "--seed", 1L, "--full-only", false, "--out", Path.of("target/experiments/block-drop")));
        assertThat(parsed(BlockDropSweep.class, "--resnet50", "/data/val", "--images", "90", "--full-only"))
                .containsEntry("--resnet50", Path.of("/data/val")).containsEntry("--images", 90)
                .containsEntry("--full-only", true);
        assertThat(parsed(FineTune.class)).containsExactlyEntriesOf(entries("--train-per-class", 30,
                "--test-per-class", 20, "--epochs", 30, "--lr", 1e-3, "--seed", 1L,
                "--out", Path.of("target/experiments/fine-tune")));
        assertThat(parsed(TrainReferenceModels.class, "--out", "models")).containsEntry("--out", Path.of("models"));
        assertThat(parsed(BatchGrade.class, "--submissions", "subs")).containsExactlyEntriesOf(entries(
                "--submissions", Path.of("subs"), "--out", Path.of("target/gradebook"), "--parallel", 1,
                "--timeout-minutes", 30, "--exclude-tags", "", "--exercises", "", "--shard", null, "--merge", null,
                "--force", false, "--java-args-file", null));
        assertThat(parsed(BatchGrade.class, "--submissions", "subs", "--shard", "2/3", "--force"))
                .containsEntry("--shard", "2/3").containsEntry("--force", true);
    }

    @Test
    void batch_grade_needs_its_submissions_folder() {
        CommandLine cl = Commands.of(BatchGrade.class);
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--submissions");
    }

    @Test
    void block_drop_sweep_rejects_zero_images_before_it_loads_anything() {
        CommandLine cl = Commands.of(BlockDropSweep.class);
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("--images", "0")).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(err.toString()).contains("--images must be at least 1, got 0");
    }

    private static Map<String, Object> entries(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
