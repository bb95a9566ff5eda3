package resnetkit.grader.guard;

import resnetkit.grader.guard.bridge.GuardBridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes the guard's agent jar: a manifest whose {@code Premain-Class} is {@link GuardAgent} (loaded from the
 * class path, where the grader is) and whose {@code Boot-Class-Path} is the jar itself, which holds only the
 * {@link GuardBridge}. The grader writes it next to each grading run and starts the grading JVM with
 * {@code -javaagent:} it; the kit's build writes one for its in-process grading ({@code main}).
 */
public final class GuardJar {

    /** The jar's file name. */
    public static final String FILE = "guard-agent.jar";

    private static final List<Class<?>> BRIDGE = List.of(GuardBridge.class, GuardBridge.Checker.class);

    private GuardJar() {
    }

    /** Writes {@code dir/guard-agent.jar}, replacing one there, and returns its path. */
    public static Path write(Path dir) {
        Path jar = dir.resolve(FILE);
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Premain-Class", GuardAgent.class.getName());
        main.putValue("Boot-Class-Path", FILE);
        main.putValue("Can-Retransform-Classes", "true");
        main.putValue("Can-Redefine-Classes", "true");
        try {
            Files.createDirectories(dir);
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (Class<?> c : BRIDGE) {
                    String entry = c.getName().replace('.', '/') + ".class";
                    try (InputStream in = GuardJar.class.getClassLoader().getResourceAsStream(entry)) {
                        if (in == null) {
                            throw new IOException("no class file " + entry + " on the class path");
                        }
                        out.putNextEntry(new JarEntry(entry));
                        in.transferTo(out);
                        out.closeEntry();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the guard's agent jar " + jar, e);
        }
        return jar;
    }

    /** Writes the agent jar into the folder {@code args[0]}: the kit's build, for its in-process grading. */
    public static void main(String[] args) {
        System.out.println("wrote " + write(Path.of(args[0])));
    }
}
