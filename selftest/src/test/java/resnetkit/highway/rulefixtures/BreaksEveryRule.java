package resnetkit.highway.rulefixtures;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/** A class that breaks each of the grader's structural rules once (never run; only its bytecode is read). */
public final class BreaksEveryRule {

    private BreaksEveryRule() {
    }

    static void exits() {
        System.exit(1);
    }

    static void runtime() {
        Runtime.getRuntime().gc();
    }

    static void thread() {
        new Thread(() -> { }).start();
    }

    static Object reflection() throws Exception {
        return Class.forName("resnetkit.graded.BasicBlockTest").getDeclaredMethods()[0].invoke(null);
    }

    static void writes() throws IOException {
        Files.writeString(Path.of("/tmp/answer.txt"), "42");
    }

    static Object network() throws Exception {
        return new URL("http://localhost/").openStream();
    }
}
