package resnetkit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The same networks in PyTorch on the CPU ({@code torch_bench.py}, a resource beside this class), one Python
 * process per (model, batch) like the Java side. Debian's {@code python3-torch} is what the kit's figures were
 * measured with; {@code --install-pytorch} installs it with apt-get when {@code import torch} fails.
 */
final class PyTorchBaseline {

    private final String python;
    private final String version;
    private final Path script;

    private PyTorchBaseline(String python, String version, Path script) {
        this.python = python;
        this.version = version;
        this.script = script;
    }

    /** The Python at {@code python} with torch, installing Debian's package first when asked. */
    static PyTorchBaseline find(String python, boolean install) throws IOException, InterruptedException {
        String version = torchVersion(python);
        if (version == null && install) {
            System.out.println("installing Debian's python3-torch (apt-get install -y python3-torch) ...");
            Process p = new ProcessBuilder("apt-get", "install", "-y", "--no-install-recommends", "python3-torch")
                    .inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("apt-get install python3-torch failed: run it as root (sudo apt-get"
                        + " install python3-torch), then run the benchmark again with --pytorch");
            }
            version = torchVersion(python);
        }
        if (version == null) {
            throw new IllegalStateException(python + " cannot import torch: add --install-pytorch (Debian/Ubuntu:"
                    + " installs python3-torch with apt-get), or point --python at a Python that has torch");
        }
        Path script = Files.createTempFile("torch_bench", ".py");
        script.toFile().deleteOnExit();
        try (InputStream in = PyTorchBaseline.class.getResourceAsStream("torch_bench.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return new PyTorchBaseline(python, version, script);
    }

    private static String torchVersion(String python) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(python, "-c", "import torch; print(torch.__version__)")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null; // no such Python
        }
    }

    String version() {
        return version;
    }

    List<Measurement> run(BenchCase model, int batch, int warmup, int reps, int threads)
            throws IOException, InterruptedException {
        return Results.collect(new ProcessBuilder(python, script.toString(), model.id, String.valueOf(batch),
                String.valueOf(warmup), String.valueOf(reps), String.valueOf(threads)),
                "PyTorch " + model.id + " batch " + batch);
    }
}
