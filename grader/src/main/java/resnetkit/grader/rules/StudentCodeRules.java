package resnetkit.grader.rules;

import resnetkit.grader.submission.StudentFiles;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Structural rules over the classes under grade, checked before any of them runs (ArchUnit reads their
 * bytecode): no {@code System.exit} and no {@code Runtime}, no threads, no reflection and no use of the
 * grader, no file writes (experiments write through the kit's toolkit, into {@code target/}), no network, no
 * native memory or libraries of one's own (JavaCPP, JNA, Unsafe).
 */
public final class StudentCodeRules {

    /** The packages students edit. */
    static final String[] STUDENT_PACKAGES = {"resnetkit.blocks..", "resnetkit.family..", "resnetkit.highway..",
            "resnetkit.degradation..", "resnetkit.dropblock.."};

    /** The exercise each exercise class belongs to ({@link StudentFiles#EXERCISE_CLASSES}). */
    static final Map<String, String> OWNER = StudentFiles.EXERCISE_CLASSES;

    /** The key of {@link #checkByExercise} for broken rules in a class that no single exercise owns. */
    public static final String EVERY_EXERCISE = "*";

    /** Methods of {@link java.nio.file.Files} that write, move or delete; reading (exists, list, read...) is fine. */
    static final DescribedPredicate<JavaMethodCall> WRITES_FILES = new DescribedPredicate<>(
            "a method of java.nio.file.Files that writes, copies, moves or deletes") {
        @Override
        public boolean test(JavaMethodCall call) {
            return call.getTargetOwner().isEquivalentTo(java.nio.file.Files.class)
                    && call.getName().matches("write.*|newOutputStream|newBufferedWriter|copy|move|delete.*|createFile"
                    + "|createTemp.*");
        }
    };

    private StudentCodeRules() {
    }

    /** The rules, each with the message a student sees. */
    static List<ArchRule> rules() {
        return List.of(
                noClasses().should().callMethod(System.class, "exit", int.class)
                        .because("exercise code must not end the JVM (System.exit): return or throw instead"),
                noClasses().should().accessClassesThat().belongToAnyOf(Runtime.class, ProcessBuilder.class)
                        .because("exercise code must not use Runtime or start processes"),
                noClasses().should().dependOnClassesThat().areAssignableTo(Thread.class)
                        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
                        .because("exercise code must not start threads"),
                noClasses().should().dependOnClassesThat().resideInAnyPackage("java.lang.reflect..",
                                "resnetkit.grader..", "resnetkit.graded..", "org.junit..", "net.jqwik..",
                                "org.assertj..", "org.opentest4j..")
                        .because("exercise code must not use reflection or the grader (its tests and test"
                                + " libraries)"),
                noClasses().should().callMethodWhere(WRITES_FILES)
                        .orShould().dependOnClassesThat().belongToAnyOf(java.io.FileOutputStream.class,
                                java.io.FileWriter.class, java.io.RandomAccessFile.class)
                        .because("exercise code must not write files (experiments write through the kit's"
                                + " toolkit, into target/)"),
                noClasses().should().dependOnClassesThat().resideInAnyPackage("java.net..", "javax.net..")
                        .because("exercise code must not use the network"),
                noClasses().should().dependOnClassesThat().resideInAnyPackage("org.bytedeco..", "com.sun.jna..",
                                "sun.misc..", "jdk.internal..")
                        .because("exercise code must not reach native memory or libraries directly (JavaCPP, JNA,"
                                + " Unsafe): ND4J's arrays do that for you"));
    }

    /**
     * Checks the classes under grade, found where {@code resnetkit/blocks/BasicBlock.class} is on the classpath.
     *
     * @return one message per broken rule; empty when all hold or no classes under grade are found
     */
    public static List<String> check() {
        return checkByExercise().values().stream().flatMap(List::stream).toList();
    }

    /**
     * As {@link #check()}, each broken rule attributed to the exercise whose class breaks it
     * ({@link #EVERY_EXERCISE} for a class no single exercise owns).
     *
     * @return exercise id to its broken rules' messages; empty when all hold or no classes under grade are found
     */
    public static Map<String, List<String>> checkByExercise() {
        JavaClasses classes = classesUnderGrade();
        return classes == null ? Map.of() : checkByExercise(classes);
    }

    /** The broken rules' messages for {@code classes}, by the exercise that owns the breaking class. */
    public static Map<String, List<String>> checkByExercise(JavaClasses classes) {
        Map<String, List<String>> byExercise = new TreeMap<>();
        for (String exercise : new java.util.TreeSet<>(OWNER.values())) {
            List<String> messages = check(classes.that(ownedBy(exercise)));
            if (!messages.isEmpty()) {
                byExercise.put(exercise, messages);
            }
        }
        List<String> unowned = new ArrayList<>(check(classes.that(ownedBy(null))));
        for (com.tngtech.archunit.core.domain.JavaClass c : classes) {
            String outer = c.getName().contains("$") ? c.getName().substring(0, c.getName().indexOf('$')) : c.getName();
            if (!OWNER.containsKey(outer) && !StudentFiles.GIVEN_IN_MODULE.contains(outer) && c.getName().equals(outer)) {
                String file = c.getSource().flatMap(src -> src.getFileName()).orElse("?");
                String owner = ownerOfFile(file);
                byExercise.computeIfAbsent(owner == null ? EVERY_EXERCISE : owner, k -> new ArrayList<>())
                        .add("only the exercise classes are graded, and " + outer + " (in " + file + ") is not one"
                                + " of them: put helpers inside your exercise class, as private methods or nested"
                                + " classes, and keep the package the file came with (a submission is the exercise"
                                + " files alone; the kit supplies the rest)");
            }
        }
        if (!unowned.isEmpty()) {
            byExercise.computeIfAbsent(EVERY_EXERCISE, k -> new ArrayList<>()).addAll(unowned);
        }
        return byExercise;
    }

    /**
     * The exercise of an exercise class's source file, whatever package the file declares: IdentityIsEasy.java is
     * 20.3.1's even when it declares a class in another package. Null for another file.
     */
    static String ownerOfFile(String file) {
        String simple = file.replaceFirst("\\.java$", "");
        for (Map.Entry<String, String> e : OWNER.entrySet()) {
            if (e.getKey().substring(e.getKey().lastIndexOf('.') + 1).equals(simple)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Classes owned by {@code exercise} (by their outermost class, else their source file); null: owned by none. */
    private static DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass> ownedBy(String exercise) {
        return new DescribedPredicate<>("owned by " + exercise) {
            @Override
            public boolean test(com.tngtech.archunit.core.domain.JavaClass c) {
                return java.util.Objects.equals(owner(c), exercise);
            }
        };
    }

    /** The exercise whose file holds {@code c}, or null. */
    private static String owner(com.tngtech.archunit.core.domain.JavaClass c) {
        String name = c.getName();
        int nested = name.indexOf('$');
        String owner = OWNER.get(nested < 0 ? name : name.substring(0, nested));
        return owner != null ? owner : ownerOfFile(c.getSource().flatMap(src -> src.getFileName()).orElse("?"));
    }

    private static JavaClasses classesUnderGrade() {
        URL anchor = StudentCodeRules.class.getClassLoader().getResource("resnetkit/blocks/BasicBlock.class");
        if (anchor == null) {
            return null;
        }
        String url = anchor.toString();
        String root = url.substring(0, url.length() - "resnetkit/blocks/BasicBlock.class".length());
        try {
            // every class there, whatever its package: a class a submission declares in the grader's packages too
            return new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importUrl(new URL(root));
        } catch (java.net.MalformedURLException e) {
            return null;
        }
    }

    /** The broken rules' messages for {@code classes}. */
    public static List<String> check(JavaClasses classes) {
        List<String> messages = new ArrayList<>();
        for (ArchRule rule : rules()) {
            EvaluationResult result = rule.allowEmptyShould(true).evaluate(classes);
            if (result.hasViolation()) {
                List<String> details = result.getFailureReport().getDetails();
                String first = details.isEmpty() ? "" : details.get(0);
                messages.add(rule.getDescription().replaceFirst("^.*, because ", "") + " (" + first
                        + (details.size() > 1 ? ", and " + (details.size() - 1) + " more" : "") + ")");
            }
        }
        return messages;
    }
}
