package resnetkit.selftest;

import java.util.List;

import static resnetkit.selftest.Mutant.edit;

/**
 * Exercise files written to change a grade, end the grading run or leak a hidden test, as a student who has read
 * the grader's sources could write them. Each is the reference's IdentityIsEasy (Exercise 20.3.1) with an attack
 * at the start of {@code residualBlock}, run once per grading run; the attack catches whatever it is refused with
 * and goes on to compute the right answer, so without the guard the exercise would keep (or gain) its points.
 * Most ask the runtime guard to refuse something; the rest must leave the run and the reports as they were.
 */
final class HostileCode {

    /**
     * One hostile exercise file.
     *
     * @param name    short id
     * @param attack  what it tries, in words
     * @param payload Java statements run once, at the start of residualBlock
     * @param refusal what the feedback of the 20.3.1 test it ran in must say; null when nothing is refused (the
     *                attack must only leave the run unharmed)
     */
    record Hostile(String name, String attack, String payload, String refusal) {

        /** The reference with the attack in it. */
        Mutant mutant() {
            return new Mutant("hostile-" + name, attack, BugMatrix.IDENTITY, List.of(
                    edit("public static double[] notTheIdentity(",
                            "static boolean attacked; public static double[] notTheIdentity("),
                    edit("double[] f = plainBlock(w, b, x);", "if (!attacked) { attacked = true; " + payload + " }"
                            + " double[] f = plainBlock(w, b, x);")), List.of(), "");
        }
    }

    /** Runs {@code code}, ignoring what it throws: an attack that catches its refusal and carries on. */
    private static String caught(String code) {
        return "try { " + code + " } catch (Throwable ignored) { }";
    }

    /** The grading journal: where the reports are (in-process), else beside the grading JVM's temporary folder. */
    private static final String JOURNAL = "java.nio.file.Path journal = java.nio.file.Path.of(System.getProperty("
            + "\"grader.reports\", \"target/grading\"), \"journal.tsv\"); if (!java.nio.file.Files.exists(journal)) {"
            + " journal = java.nio.file.Path.of(System.getProperty(\"java.io.tmpdir\")).resolveSibling(\"journal\")"
            + ".resolve(\"journal.tsv\"); }";

    /** A forged line: every test passed (its MAC cannot be right, the key is not the student's). */
    private static final String FORGED = "\"finished\\tx\\t20.3.1\\tIdentity\\tall\\t99\\ttrue\\t\\tfalse\\tfalse\\t\\t"
            + "00\\n\"";

    /** A graded test class from this thread's stack: the test that called the exercise. */
    private static final String GRADER_CLASS = "Class<?> grader = StackWalker.getInstance(StackWalker.Option"
            + ".RETAIN_CLASS_REFERENCE).walk(s -> s.map(StackWalker.StackFrame::getDeclaringClass).filter(c -> c"
            + ".getName().startsWith(\"resnetkit.graded.\")).findFirst()).orElseThrow();";

    static final List<Hostile> CASES = List.of(
            new Hostile("forge-journal-filechannel", "the issue's forgery: read the journal, append forged lines with"
                    + " FileChannel far past its end", JOURNAL
                    + caught("java.nio.file.Files.readAllLines(journal);")
                    + caught("try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(journal,"
                    + " java.nio.file.StandardOpenOption.WRITE)) { ch.write(java.nio.ByteBuffer.wrap(" + FORGED
                    + ".getBytes()), 1L << 20); }"),
                    "refused: exercise code may not read files"),
            new Hostile("forge-journal-commons-io", "append forged lines to the journal with Commons IO",
                    JOURNAL + caught("org.apache.commons.io.FileUtils.writeStringToFile(journal.toFile(), " + FORGED
                            + ", java.nio.charset.StandardCharsets.UTF_8, true);"),
                    "exercise code may not write, create, delete or move files"),
            new Hostile("overwrite-report-printstream", "overwrite report.md through new PrintStream(File)",
                    caught("new java.io.PrintStream(new java.io.File(System.getProperty(\"grader.reports\","
                            + " \"target/grading\"), \"report.md\")).println(\"20.3.1 7 / 7\");"),
                    "java.io.tmpdir): new PrintStream("),
            new Hostile("score-randomaccessfile-library", "open score.csv read-write through Commons IO's"
                    + " RandomAccessFileMode", caught("System.out.println(org.apache.commons.io.RandomAccessFileMode"
                    + ".READ_WRITE.create(new java.io.File(System.getProperty(\"grader.reports\", \"target/grading\"),"
                    + " \"score.csv\")));"),
                    "java.io.tmpdir): new RandomAccessFile("),
            new Hostile("exit-method-handle", "System.exit through a method handle",
                    caught("java.lang.invoke.MethodHandles.lookup().findStatic(System.class, \"exit\","
                            + " java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(0);"),
                    "exercise code may not end or halt the JVM (return or throw instead): System.exit(0)"),
            new Hostile("exit-commons-lang", "System.exit through Commons Lang's MethodUtils",
                    caught("org.apache.commons.lang3.reflect.MethodUtils.invokeStaticMethod(System.class, \"exit\","
                            + " 0);"),
                    "System.exit(0), called through org.apache.commons.lang3"),
            new Hostile("halt-signal", "end the JVM by raising SIGTERM at itself (sun.misc.Signal by name)", caught(
                    "Class<?> sig = Class.forName(\"sun.misc.Signal\"); Object term = java.lang.invoke.MethodHandles"
                            + ".publicLookup().findConstructor(sig, java.lang.invoke.MethodType.methodType(void.class,"
                            + " String.class)).invoke(\"TERM\"); java.lang.invoke.MethodHandles.publicLookup()"
                            + ".findStatic(sig, \"raise\", java.lang.invoke.MethodType.methodType(void.class, sig))"
                            + ".invoke(term);"),
                    "exercise code may not end or halt the JVM"),
            new Hostile("grader-field-commons-lang", "read a private field of the calling graded test with Commons"
                    + " Lang's FieldUtils", GRADER_CLASS + caught("System.out.println(org.apache.commons.lang3.reflect"
                    + ".FieldUtils.readDeclaredStaticField(grader, \"MARKER\", true));"),
                    "exercise code may not use deep reflection"),
            new Hostile("grader-class-by-name", "load the grader's timing class by name to change its limits",
                    caught("Class.forName(\"resnetkit.grader.support.Grading\");"),
                    "exercise code may not reach the grader's classes or resources"),
            new Hostile("unsafe", "take sun.misc.Unsafe, to write any memory, through Commons Lang",
                    caught("System.out.println(org.apache.commons.lang3.reflect.FieldUtils.readDeclaredStaticField("
                            + "Class.forName(\"sun.misc.Unsafe\"), \"theUnsafe\", true));"),
                    "exercise code may not use deep reflection"),
            new Hostile("javacpp-pointer-by-name", "a JavaCPP pointer, to read and write any native memory, by name",
                    caught("System.out.println(java.lang.invoke.MethodHandles.publicLookup().findConstructor("
                            + "Class.forName(\"org.bytedeco.javacpp.BytePointer\"), java.lang.invoke.MethodType"
                            + ".methodType(void.class, long.class)).invoke(16L));"),
                    "exercise code may not reach native memory or libraries directly"),
            new Hostile("native-library-from-tmp", "load a native library the code wrote into the temporary folder",
                    caught("System.load(System.getProperty(\"java.io.tmpdir\") + \"/planted.so\");"),
                    "exercise code may not load native code"),
            new Hostile("spinning-completable-future", "a CompletableFuture.runAsync that spins after the call returns",
                    caught("java.util.concurrent.CompletableFuture.runAsync(() -> { while (true) { } });"),
                    "exercise code may not start threads"),
            new Hostile("parallel-stream", "a parallel stream on the common pool", caught(
                    "System.out.println(java.util.stream.IntStream.range(0, 1 << 16).parallel().map(i -> i % 7)"
                            + ".sum());"),
                    "exercise code may not start threads"),
            new Hostile("hidden-class-file", "print a hidden test's class file in base64 inside a visible test",
                    caught("System.out.println(java.util.Base64.getEncoder().encodeToString(IdentityIsEasy.class"
                            + ".getClassLoader().getResourceAsStream(\"resnetkit/graded/hidden/HiddenBasicBlockTest"
                            + ".class\").readAllBytes()));"),
                    "exercise code may not reach the grader's classes or resources"),
            new Hostile("hidden-class-file-from-class-path", "read the graded tests' jar or folder, found on the class"
                    + " path", caught("for (String e : System.getProperty(\"surefire.test.class.path\","
                    + " System.getProperty(\"java.class.path\")).split(java.io.File.pathSeparator)) { if (e.contains("
                    + "\"test-classes\") || e.contains(\"-tests.jar\")) { java.nio.file.Path p = java.nio.file.Path.of(e);"
                    + " java.nio.file.Path file = java.nio.file.Files.isDirectory(p) ? p.resolve(\"resnetkit/graded/"
                    + "hidden/HiddenBasicBlockTest.class\") : p; System.out.println(java.util.Base64.getEncoder()"
                    + ".encodeToString(java.nio.file.Files.readAllBytes(file))); } }"),
                    "exercise code may not read files"),
            new Hostile("reference-by-class-loader", "a class loader of its own, to load the kit's reference"
                    + " solution", caught("new ClassLoader() { }.getParent();"),
                    "exercise code may not create class loaders"),
            new Hostile("process-through-library", "start a shell through a library (oshi's ExecutingCommand)",
                    caught("oshi.util.ExecutingCommand.runNative(\"echo hi\");"),
                    "exercise code may not start processes"),
            new Hostile("network-through-library", "open a socket through Commons Net",
                    caught("new org.apache.commons.net.daytime.DaytimeTCPClient().connect(\"127.0.0.1\", 13);"),
                    "exercise code may not use the network"),
            new Hostile("heap-dump", "dump the heap (the journal's key is in it)", caught(
                    "java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management"
                            + ".HotSpotDiagnosticMXBean.class).dumpHeap(\"heap.hprof\", true);"),
                    "exercise code may not dump, record, reconfigure or attach to the JVM"),
            new Hostile("replace-stdout", "replace System.out to hide or fake what the grader prints", caught(
                    "System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));"),
                    "exercise code may not replace or bypass System.out"),
            new Hostile("stretch-time-limits", "raise the grader's time limits through a system property", caught(
                    "System.setProperty(\"grader.timeScale\", \"1000\");"),
                    "exercise code may not change system properties"),
            new Hostile("temp-folder-outside", "plant a file in the system's temporary folder", caught(
                    "org.apache.commons.io.FileUtils.writeStringToFile(new java.io.File(\"/tmp/resnetkit-planted.txt\"),"
                            + " \"x\", \"UTF-8\");"),
                    "exercise code may not write, create, delete or move files"),
            new Hostile("delete-kit-data", "delete a file of the kit's data", caught(
                    "resnetkit.datasets.DataLocator.fashionMnist().resolve(\"SHA256SUMS\").toFile().delete();"),
                    "java.io.tmpdir): File.delete("),
            new Hostile("imageio-write", "write a PNG into the working folder with ImageIO", caught(
                    "javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(1, 1, 1), \"png\","
                            + " new java.io.File(\"planted.png\"));"),
                    "exercise code may not write, create, delete or move files"),
            new Hostile("nd4j-save-binary", "write an array into the working folder with Nd4j.saveBinary", caught(
                    "org.nd4j.linalg.factory.Nd4j.saveBinary(org.nd4j.linalg.factory.Nd4j.zeros(2),"
                            + " new java.io.File(\"planted.bin\"));"),
                    "exercise code may not write, create, delete or move files"),
            new Hostile("model-serializer-write", "write a network into the working folder with ModelSerializer",
                    caught("org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = new org.deeplearning4j.nn"
                            + ".multilayer.MultiLayerNetwork(new org.deeplearning4j.nn.conf.NeuralNetConfiguration"
                            + ".Builder().list().layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(1)"
                            + ".nOut(1).build()).build()); net.init(); org.deeplearning4j.util.ModelSerializer"
                            + ".writeModel(net, new java.io.File(\"planted.zip\"), true);"),
                    "exercise code may not write, create, delete or move files"),
            new Hostile("locale", "change the JVM's default locale, which the grader's messages and numbers use",
                    caught("java.util.Locale.setDefault(java.util.Locale.GERMANY);"),
                    "exercise code may not change system properties or the JVM's defaults"),
            new Hostile("test-library-by-name", "reach AssertJ's configuration by name, to loosen later checks",
                    caught("System.out.println(Class.forName(\"org.assertj.core.api.Assertions\"));"),
                    "exercise code may not reach the grader's classes or resources"),
            new Hostile("half-precision-defaults", "make ND4J's arrays half precision by default, to break other"
                    + " exercises' checks", "org.nd4j.linalg.factory.Nd4j.setDefaultDataTypes(org.nd4j.linalg.api"
                    + ".buffer.DataType.HALF, org.nd4j.linalg.api.buffer.DataType.HALF);", null),
            new Hostile("huge-off-heap", "allocate 32 GiB outside the Java heap with ND4J", caught(
                    "org.nd4j.linalg.factory.Nd4j.create(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1L << 32);"),
                    null));

    /** Files the attacks try to plant, relative to the grading JVM's working folder or absolute. */
    static final List<String> PLANTED = List.of("planted.png", "planted.bin", "planted.zip", "heap.hprof",
            "/tmp/resnetkit-planted.txt");

    /** A file declared in a grader package: the exercise's own file with its package changed. */
    static final Mutant IN_GRADER_PACKAGE = new Mutant("hostile-in-grader-package", "IdentityIsEasy.java declaring"
            + " its class in the grader's package resnetkit.grader.support", BugMatrix.IDENTITY,
            List.of(edit("package resnetkit.highway;", "package resnetkit.grader.support;")), List.of(),
            "only the exercise classes are graded");

    private HostileCode() {
    }
}
