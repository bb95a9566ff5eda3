package resnetkit.toolkit;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A TensorFlow.js "layers" model on disk: {@code model.json} (the Keras functional config and a weights
 * manifest) and its binary shards, float32 little-endian, read in manifest order. Weights keep Keras'
 * names and layouts ({@code res2a_branch2a/kernel} is [h, w, in, out]).
 */
public final class TfjsLayersModel {

    private final JsonNode modelJson;
    private final Map<String, INDArray> weights;

    private TfjsLayersModel(JsonNode modelJson, Map<String, INDArray> weights) {
        this.modelJson = modelJson;
        this.weights = weights;
    }

    /** Reads {@code folder/model.json} and the shards it lists. */
    public static TfjsLayersModel read(Path folder) {
        Path json = folder.resolve("model.json");
        try {
            JsonNode root = new ObjectMapper().readTree(json.toFile());
            Map<String, INDArray> weights = new LinkedHashMap<>();
            for (JsonNode group : root.get("weightsManifest")) {
                ByteBuffer bytes = concatenate(folder, group.get("paths"));
                for (JsonNode w : group.get("weights")) {
                    if (!"float32".equals(w.get("dtype").asText())) {
                        throw new IllegalStateException(json + ": weight " + w.get("name") + " is "
                                + w.get("dtype") + ", only float32 is supported");
                    }
                    long[] shape = new long[w.get("shape").size()];
                    long count = 1;
                    for (int i = 0; i < shape.length; i++) {
                        shape[i] = w.get("shape").get(i).asLong();
                        count *= shape[i];
                    }
                    float[] values = new float[(int) count];
                    bytes.asFloatBuffer().get(values);
                    bytes.position(bytes.position() + 4 * (int) count);
                    weights.put(w.get("name").asText(), Nd4j.create(values, shape, 'c'));
                }
                if (bytes.hasRemaining()) {
                    throw new IllegalStateException(folder + ": " + bytes.remaining() + " bytes of the shards are not"
                            + " in the manifest: the files do not belong together");
                }
            }
            return new TfjsLayersModel(root, weights);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the TF.js model " + json, e);
        }
    }

    private static ByteBuffer concatenate(Path folder, JsonNode paths) throws IOException {
        long total = 0;
        for (JsonNode p : paths) {
            total += Files.size(folder.resolve(p.asText()));
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode p : paths) {
            try (InputStream in = Files.newInputStream(folder.resolve(p.asText()))) {
                buffer.put(in.readAllBytes());
            }
        }
        buffer.flip();
        return buffer;
    }

    /** All weights by Keras name, e.g. {@code "bn_conv1/moving_mean"}. */
    public Map<String, INDArray> weights() {
        return weights;
    }

    /** One weight, float32, Keras layout. */
    public INDArray weight(String name) {
        INDArray w = weights.get(name);
        if (w == null) {
            throw new IllegalArgumentException("the TF.js model has no weight " + name);
        }
        return w;
    }

    /** Number of weight values. */
    public long size() {
        return weights.values().stream().mapToLong(INDArray::length).sum();
    }

    /** The Keras config of layer {@code name} (e.g. a batch norm's epsilon), or null. */
    public JsonNode layerConfig(String name) {
        for (JsonNode layer : modelJson.get("modelTopology").get("model_config").get("config").get("layers")) {
            if (name.equals(layer.get("name").asText())) {
                return layer.get("config");
            }
        }
        return null;
    }

    /** A Keras conv kernel [h, w, in, out] in DL4J's layout [out, in, h, w]. */
    public static INDArray convKernel(INDArray keras) {
        return keras.permute(3, 2, 0, 1).dup('c');
    }
}
