package resnetkit.selftest;

import org.junit.jupiter.api.Test;
import resnetkit.grader.api.Exercise;
import resnetkit.toolkit.Csv;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract-coverage matrix (selftest/src/test/resources/contract-matrix.csv; docs/instructors.md, "The
 * contract-coverage matrix"): every clause that an exercise's Javadoc or the README states, the graded tests that
 * fail when that clause alone is broken, and the wrong implementations of {@link BugMatrix} that prove it. The
 * kit's tests fail when a clause has no test (unless it is a stated equivalence, which is not graded), a graded
 * test belongs to no clause, or a clause's wrong implementation is not meant to fail one of the clause's tests;
 * {@link BugMatrixTest} fails when a wrong implementation passes the tests meant to catch it.
 */
class ContractMatrixTest {

    private static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();
    static final Path MATRIX = ROOT.resolve("selftest/src/test/resources/contract-matrix.csv");
    /** The grader's feedback for exercise code that breaks the kit's rules (README, "What your code may do"). */
    private static final String RULES = "breaks the kit's rules";

    /** One clause of an exercise's contract. */
    record Clause(String exercise, String id, String text, List<String> tests, List<String> mutants, String note) {

        boolean equivalence() {
            return note.startsWith("equivalence:");
        }
    }

    static List<Clause> clauses() throws IOException {
        List<Clause> clauses = new ArrayList<>();
        for (Map<String, String> row : Csv.read(MATRIX)) {
            clauses.add(new Clause(row.get("exercise"), row.get("clause"), row.get("text"), split(row.get("tests")),
                    split(row.get("mutants")), row.get("note")));
        }
        return clauses;
    }

    private static List<String> split(String cell) {
        return cell == null || cell.isBlank() ? List.of() : List.of(cell.split(";"));
    }

    @Test
    void every_clause_has_a_test_and_every_graded_test_a_clause() throws IOException {
        List<Clause> clauses = clauses();
        Set<String> graded = GradedTests.qualifiedNames();
        Set<String> exercises = GradedTests.methods().stream()
                .map(m -> m.getDeclaringClass().getAnnotation(Exercise.class).id()).collect(Collectors.toSet());
        assertThat(clauses.stream().map(c -> c.exercise() + " " + c.id())).as("clause ids, per exercise")
                .doesNotHaveDuplicates();
        assertThat(clauses).as("clauses with no graded test (an equivalence, stated in the contract, needs none)")
                .filteredOn(c -> c.tests().isEmpty() && !c.equivalence()).extracting(c -> c.exercise() + " " + c.id())
                .isEmpty();
        assertThat(clauses.stream().flatMap(c -> c.tests().stream())).as("tests the matrix names, each a graded test")
                .allSatisfy(t -> assertThat(graded).contains(t));
        Set<String> covered = clauses.stream().flatMap(c -> c.tests().stream()).collect(Collectors.toSet());
        assertThat(new TreeSet<>(graded)).as("graded tests that hold no clause of the contract")
                .allSatisfy(t -> assertThat(covered).contains(t));
        assertThat(clauses.stream().map(Clause::exercise).collect(Collectors.toSet())).as("exercises with clauses")
                .isEqualTo(exercises);
    }

    @Test
    void every_wrong_implementation_in_the_matrix_is_meant_to_fail_one_of_its_clauses_tests() throws IOException {
        List<Clause> clauses = clauses();
        Map<String, Mutant> mutants = BugMatrix.MUTANTS.stream().collect(Collectors.toMap(Mutant::name, m -> m));
        Map<String, Method> methods = GradedTests.methods().stream().collect(Collectors.toMap(
                m -> m.getDeclaringClass().getSimpleName() + "#" + m.getName(), m -> m));
        Set<String> used = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Clause c : clauses) {
            for (String name : c.mutants()) {
                Mutant m = mutants.get(name);
                if (m == null) {
                    problems.add(c.exercise() + " " + c.id() + ": no wrong implementation named " + name);
                    continue;
                }
                used.add(name);
                boolean meant = m.mustFail().stream().anyMatch(failing -> c.tests().stream()
                        .anyMatch(t -> GradedTests.names(methods.get(t), failing)));
                if (!meant) {
                    problems.add(c.exercise() + " " + c.id() + ": " + name + " is meant to fail " + m.mustFail()
                            + ", none of the clause's tests " + c.tests());
                }
            }
        }
        assertThat(problems).as("wrong implementations of the matrix and the tests meant to catch them").isEmpty();
        // a mutant that breaks the kit's rules (System.exit, ...) proves the rules, not an exercise's clause
        assertThat(mutants.values().stream().filter(m -> !m.feedback().contains(RULES)).map(Mutant::name))
                .as("wrong implementations of the bug matrix that prove no clause")
                .allSatisfy(name -> assertThat(used).contains(name));
    }
}
