package dev.taskspace.embed.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic Qwen3 fixture ({@code scripts/qwen3_synthetic.py}): a 2-layer model with the
 * real architecture and graph signature, two tokenizers, and the vectors the script computed
 * for each text alone.
 */
final class TinyQwen3 {
    static final Path DIR = resource("tiny-qwen3");

    record Text(String text, long[] ids, float[] vector, float[] vector16) {}

    private TinyQwen3() {}

    static OnnxModel model() {
        return OnnxModel.qwen3("tiny-qwen3", DIR.resolve("onnx/model.onnx"), DIR.resolve("tokenizer.json"), "fp32");
    }

    static OnnxModel modelWithAppendingTokenizer() {
        return OnnxModel.qwen3("tiny-qwen3", DIR.resolve("onnx/model.onnx"), DIR.resolve("tokenizer-appends-eos.json"), "fp32");
    }

    static List<Text> texts() throws IOException {
        JsonNode root = new ObjectMapper().readTree(DIR.resolve("expected.json").toFile());
        List<Text> out = new ArrayList<>();
        for (JsonNode t : root.get("texts")) {
            long[] ids = new long[t.get("ids").size()];
            for (int i = 0; i < ids.length; i++) ids[i] = t.get("ids").get(i).asLong();
            out.add(new Text(t.get("text").asText(), ids, floats(t.get("vector")), floats(t.get("vector16"))));
        }
        return out;
    }

    static long eosId() throws IOException {
        return new ObjectMapper().readTree(DIR.resolve("expected.json").toFile()).get("eos_id").asLong();
    }

    private static float[] floats(JsonNode a) {
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) f[i] = (float) a.get(i).asDouble();
        return f;
    }

    private static Path resource(String name) {
        try {
            return Path.of(TinyQwen3.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
