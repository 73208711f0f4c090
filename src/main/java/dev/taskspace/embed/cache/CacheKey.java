package dev.taskspace.embed.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskspace.embed.ModelInfo;
import dev.taskspace.embed.PromptStyle;
import dev.taskspace.embed.Task;
import dev.taskspace.internal.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a cached vector depends on besides its text: which embedder made it and how the text
 * was put to it. Vectors under different keys never mix; within a key they are found by a
 * hash of the text.
 *
 * @param backend     {@code onnx} or {@code remote}
 * @param model       the model id
 * @param precision   e.g. {@code fp32}
 * @param dimensions  the vector length
 * @param promptStyle how the instruction is put before the text; null without an instruction,
 *                    where every style sends the bare text
 * @param instruction the task's instruction, or null
 * @param settings    the embedder's other vector-changing settings ({@link dev.taskspace.embed.Embedder#settings()})
 */
public record CacheKey(String backend, String model, String precision, int dimensions, PromptStyle promptStyle,
        String instruction, String settings) {

    public CacheKey {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(model, "model");
        precision = precision == null ? "" : precision;
        settings = settings == null ? "" : settings;
        if (instruction == null) promptStyle = null;
    }

    /** The key of {@code task}'s vectors from an embedder with this {@code info} and {@code settings}. */
    public static CacheKey of(ModelInfo info, String settings, Task task) {
        return new CacheKey(info.backend(), info.id(), info.precision(), info.dimensions(), info.promptStyle(),
                task.instruction(), settings);
    }

    /** The key as a small JSON object, for {@code key.json} beside the vectors (no secrets: none are part of a key). */
    public String describe() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode n = json.createObjectNode();
        n.put("backend", backend);
        n.put("model", model);
        n.put("precision", precision);
        n.put("dimensions", dimensions);
        n.put("promptStyle", promptStyle == null ? null : promptStyle.name());
        n.put("instruction", instruction);
        n.put("settings", settings);
        return n.toPrettyString();
    }

    /** A stable name for the key: the SHA-256 of its description, 32 hex digits. */
    public String id() {
        return Hashing.sha256(describe().getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
}
