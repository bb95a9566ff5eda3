package resnetkit.selftest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The student's commands without Maven: {@code ./kit} maps each job to the Maven command the README's long forms
 * spell out (run here against a stand-in {@code mvnw} that prints its arguments), {@code kit.cmd} names the same
 * commands, the wrapper stops with a clear message when its Maven zip is missing or damaged, and the IDE run
 * configurations and tasks run exactly the launcher's commands. The real thing, {@code ./kit grade} through
 * {@code ./mvnw} from nothing, runs in {@link ReleaseTest}.
 */
class LauncherTest {

    private static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();

    /** Each experiment's name in the launcher and its main class in resnetkit.experiments. */
    static final Map<String, String> EXPERIMENTS = Map.of("gradient-flow", "GradientFlowExperiment",
            "degradation", "DegradationExperiment", "block-drop", "BlockDropSweep", "fine-tune", "FineTune");

    /** A copy of the launcher whose mvnw prints the arguments it was given, one per line. */
    private static Path launcherWithEchoingMaven(Path dir) throws Exception {
        Files.createDirectories(dir.resolve(".mvn"));
        Files.copy(ROOT.resolve("kit"), dir.resolve("kit"));
        Files.copy(ROOT.resolve(".mvn/kit-help.txt"), dir.resolve(".mvn/kit-help.txt"));
        Files.writeString(dir.resolve("mvnw"), "#!/bin/sh\nfor a; do echo \"$a\"; done\n");
        dir.resolve("mvnw").toFile().setExecutable(true);
        return dir;
    }

    /** The Maven arguments {@code ./kit ARGS} runs. */
    private static List<String> mavenArgs(Path kit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("./kit"));
        command.addAll(List.of(args));
        Command c = Command.run(kit, Map.of(), command.toArray(String[]::new));
        assertThat(c.exitCode).as("./kit %s: %s", String.join(" ", args), c.output).isZero();
        return c.output.lines().toList();
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void the_launcher_runs_the_readmes_maven_commands(@TempDir Path tmp) throws Exception {
        Path kit = launcherWithEchoingMaven(tmp.resolve("kit"));
        assertThat(mavenArgs(kit, "grade")).containsExactly("-q", "-Pgrade", "-pl", "grader", "-am", "verify");
        assertThat(mavenArgs(kit, "grade", "20.2.1", "S3.1", "-Dgrader.excludeTags=training,slow")).containsExactly(
                "-q", "-Pgrade", "-pl", "grader", "-am", "verify", "-Dgrader.excludeTags=training,slow",
                "-Dgrader.exercises=20.2.1,S3.1");
        // a file: the exercises of its YOUR CODE regions (20.3.1a and b are parts of 20.3.1), or of a graded test
        assertThat(mavenArgs(kit, "grade", ROOT.resolve("exercises/src/main/java/resnetkit/highway/IdentityIsEasy.java")
                .toString(), ROOT.resolve("grader/src/test/java/resnetkit/graded/BottleneckTest.java").toString()))
                .endsWith("-Dgrader.exercises=20.3.1,20.2.3");
        assertThat(mavenArgs(kit, "watch")).containsExactly("-q", "-Pgrade", "-pl", "grader", "-am", "test",
                "-Dgrader.watch=true");
        assertThat(mavenArgs(kit, "test", "-o")).containsExactly("-B", "verify", "-o");
        EXPERIMENTS.forEach((name, main) -> {
            try {
                assertThat(mavenArgs(kit, "experiment", name, "--resnet50", "/a folder/val", "-Drun.heap=2g"))
                        .containsExactly("-q", "-pl", "experiments", "-am", "verify", "-DskipTests", "-Prun",
                                "-Dmain=resnetkit.experiments." + main, "-Dargs= \"--resnet50\" \"/a folder/val\"",
                                "-Drun.heap=2g");
                Class.forName("resnetkit.experiments." + main);
            } catch (Exception e) {
                throw new AssertionError(name, e);
            }
        });
        // the Windows twin names the same experiments and Maven commands (it cannot run here)
        String cmd = Files.readString(ROOT.resolve("kit.cmd"));
        EXPERIMENTS.forEach((name, main) -> assertThat(cmd).contains("if \"%NAME%\"==\"" + name + "\" set \"MAIN=" + main
                + "\""));
        assertThat(cmd).contains("-q -Pgrade -pl grader -am verify", "-q -Pgrade -pl grader -am test -Dgrader.watch=true",
                "-q -pl experiments -am verify -DskipTests -Prun -Dmain=resnetkit.experiments.%MAIN% \"-Dargs=%ARGS%\"",
                "-B verify", "\"-Dgrader.exercises=%IDS:~1%\"", "call mvnw.cmd").contains("\r\n");
        assertThat(Files.readString(ROOT.resolve("mvnw.cmd"))).contains("\r\n").contains("UnpackMaven.java");
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void help_lists_every_command_and_an_unknown_one_exits_2(@TempDir Path tmp) throws Exception {
        Path kit = launcherWithEchoingMaven(tmp.resolve("kit"));
        Command help = Command.run(kit, Map.of(), "./kit", "--help");
        assertThat(help.exitCode).isZero();
        assertThat(help.output).contains("grade [EXERCISE|FILE ...]", "watch", "Ctrl-C", "experiment NAME", "test")
                .contains(EXPERIMENTS.keySet());
        for (String[] wrong : new String[][] {{"frobnicate"}, {}, {"experiment", "resnet"}}) {
            Command c = Command.run(kit, Map.of(), Stream.concat(Stream.of("./kit"), Stream.of(wrong))
                    .toArray(String[]::new));
            assertThat(c.exitCode).as("./kit %s", String.join(" ", wrong)).isEqualTo(2);
            assertThat(c.output).startsWith("kit: ").contains("usage: ./kit COMMAND");
        }
        Command file = Command.run(kit, Map.of(), "./kit", "grade", ROOT.resolve("README.md").toString());
        assertThat(file.exitCode).isEqualTo(2);
        assertThat(file.output).contains("no exercise in");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void the_wrapper_refuses_a_missing_or_damaged_maven_zip(@TempDir Path tmp) throws Exception {
        assertThat(Files.getPosixFilePermissions(ROOT.resolve("mvnw"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(ROOT.resolve("kit"))).contains(PosixFilePermission.OWNER_EXECUTE);
        Path kit = tmp.resolve("kit");
        Files.createDirectories(kit.resolve(".mvn/wrapper"));
        Files.copy(ROOT.resolve("mvnw"), kit.resolve("mvnw"));
        for (String f : new String[] {"kit-maven.properties", "UnpackMaven.java"}) {
            Files.copy(ROOT.resolve(".mvn/wrapper").resolve(f), kit.resolve(".mvn/wrapper").resolve(f));
        }
        Map<String, String> env = Map.of("MAVEN_USER_HOME", tmp.resolve("home").toString());
        Command missing = Command.run(kit, env, "./mvnw", "-v");
        assertThat(missing.exitCode).isEqualTo(1);
        assertThat(missing.output).contains("mvnw: ").contains("apache-maven-3.9.9-bin.zip is missing")
                .contains("git checkout -- .mvn/wrapper");
        Files.write(kit.resolve(".mvn/wrapper/apache-maven-3.9.9-bin.zip"), new byte[] {'P', 'K', 3, 4});
        Command damaged = Command.run(kit, env, "./mvnw", "-v");
        assertThat(damaged.exitCode).isEqualTo(1);
        assertThat(damaged.output).contains("is damaged or not the kit's: its SHA-256 is")
                .contains(Files.readString(ROOT.resolve(".mvn/wrapper/kit-maven.properties"))
                        .replaceAll("(?s).*distributionSha256Sum=(\\w+).*", "$1"));
        if (Files.exists(tmp.resolve("home"))) {
            try (Stream<Path> left = Files.walk(tmp.resolve("home"))) {
                assertThat(left.filter(Files::isRegularFile)).as("files left in the wrapper's cache").isEmpty();
            }
        }
    }

    @Test
    void the_ide_run_configurations_and_tasks_run_the_launchers_commands(@TempDir Path tmp) throws Exception {
        Path kit = launcherWithEchoingMaven(tmp.resolve("kit"));
        // IntelliJ: Maven run configurations, each the Maven command of a launcher command
        Map<String, List<String>> launcher = new LinkedHashMap<>();
        launcher.put("Grade", mavenArgs(kit, "grade"));
        launcher.put("Watch (until stopped)", mavenArgs(kit, "watch"));
        EXPERIMENTS.keySet().forEach(name -> {
            try {
                List<String> args = new ArrayList<>(mavenArgs(kit, "experiment", name));
                args.remove("-Dargs=");
                launcher.put("Experiment " + name, args);
            } catch (Exception e) {
                throw new AssertionError(name, e);
            }
        });
        Map<String, List<String>> idea = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(ROOT.resolve(".run"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".run.xml")).sorted().toList()) {
                Element conf = (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile())
                        .getElementsByTagName("configuration").item(0);
                assertThat(conf.getAttribute("type")).as(f.toString()).isEqualTo("MavenRunConfiguration");
                List<String> goals = new ArrayList<>();
                NodeList options = conf.getElementsByTagName("option");
                for (int i = 0; i < options.getLength(); i++) {
                    Element o = (Element) options.item(i);
                    if (o.getAttribute("name").isEmpty() && o.getParentNode().getNodeName().equals("list")) {
                        goals.add(o.getAttribute("value"));
                    }
                }
                idea.put(conf.getAttribute("name"), goals);
            }
        }
        assertThat(idea).as("IntelliJ's run configurations (.run/)").isEqualTo(launcher);
        // VS Code: tasks that run ./kit (kit.cmd on Windows) with a launcher command
        com.fasterxml.jackson.databind.JsonNode tasks = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(ROOT.resolve(".vscode/tasks.json").toFile()).get("tasks");
        List<String> commands = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode t : tasks) {
            assertThat(t.get("command").asText()).isEqualTo("./kit");
            assertThat(t.get("windows").get("command").asText()).isEqualTo(".\\kit.cmd");
            List<String> args = new ArrayList<>();
            t.get("args").forEach(a -> args.add(a.asText().replace("${file}",
                    ROOT.resolve("exercises/src/main/java/resnetkit/blocks/BasicBlock.java").toString())));
            mavenArgs(kit, args.toArray(String[]::new)); // exits 0: a command the launcher has
            commands.add(args.get(0));
        }
        assertThat(commands).contains("grade", "watch", "experiment");
        assertThat(tasks.findValuesAsText("label")).hasSize(tasks.size()).doesNotHaveDuplicates();
    }
}
