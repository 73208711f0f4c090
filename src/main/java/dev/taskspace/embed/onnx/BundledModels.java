package dev.taskspace.embed.onnx;

import dev.taskspace.TaskspaceException;
import dev.taskspace.internal.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Real sentence-embedding models that need no download: LangChain4j publishes them on Maven
 * Central as jars with the ONNX file and tokenizer.json at their root, and taskspace depends
 * on those jars. They are small BERT-style encoders, <b>not instruction-tuned</b>: a task's
 * instruction reaches them only as a text prefix. Good for demos, CI and air-gapped machines.
 *
 * <p>On first use a model's two files are copied out of the class path into
 * {@code <cache>/models/bundled/}, because ONNX Runtime loads models from files.
 */
public final class BundledModels {

    /**
     * One bundled model.
     *
     * @param name      what to pass to {@code --model}
     * @param alias     a shorter name
     * @param resource  the resource base name: {@code <resource>.onnx}, {@code <resource>-tokenizer.json}
     * @param pooling   the pooling the model was trained with
     * @param prefix    put before each text (e5 expects {@code "query: "})
     * @param precision {@code fp32} or {@code int8}
     * @param maxTokens the model's own input limit, special tokens included, as sentence-transformers
     *                  applies it ({@code max_seq_length}: 256 for all-MiniLM-L6-v2, 512 for the others)
     */
    public record Bundled(String name, String alias, String resource, Pooling pooling, String prefix, String precision,
            int maxTokens) {}

    /** All bundled models: three models, each in full and quantized precision. */
    public static final List<Bundled> ALL = List.of(
            new Bundled("all-minilm-l6-v2", "minilm", "all-minilm-l6-v2", Pooling.MEAN, "", "fp32", 256),
            new Bundled("all-minilm-l6-v2-q", "minilm-q", "all-minilm-l6-v2-q", Pooling.MEAN, "", "int8", 256),
            new Bundled("bge-small-en-v1.5", "bge-small", "bge-small-en-v1.5", Pooling.CLS, "", "fp32", 512),
            new Bundled("bge-small-en-v1.5-q", "bge-small-q", "bge-small-en-v1.5-q", Pooling.CLS, "", "int8", 512),
            new Bundled("e5-small-v2", "e5-small", "e5-small-v2", Pooling.MEAN, "query: ", "fp32", 512),
            new Bundled("e5-small-v2-q", "e5-small-q", "e5-small-v2-q", Pooling.MEAN, "query: ", "int8", 512));

    private BundledModels() {}

    /** The bundled model of this name or alias, if any. */
    public static Optional<Bundled> find(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(b -> b.name().equals(n) || b.alias().equals(n)).findFirst();
    }

    /** The names and aliases, for help texts and errors. */
    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (Bundled b : ALL) sb.append(sb.length() == 0 ? "" : ", ").append(b.name()).append(" (").append(b.alias()).append(')');
        return sb.toString();
    }

    /** The model, its files copied into {@code <cacheDir>/models/bundled} if not there yet. */
    public static OnnxModel load(Bundled b, Path cacheDir) {
        Path dir = cacheDir.resolve("models").resolve("bundled");
        Path onnx = extract(b.resource() + ".onnx", dir);
        Path tokenizer = extract(b.resource() + "-tokenizer.json", dir);
        return OnnxModel.encoder(b.name(), onnx, tokenizer, b.precision(), b.pooling(), b.prefix(), b.maxTokens());
    }

    private static Path extract(String resource, Path dir) {
        URL url = BundledModels.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new TaskspaceException("the bundled model file " + resource + " is not on the class path: "
                    + "its LangChain4j jar is missing from this build (run 'mvn package' again)");
        }
        Path target = dir.resolve(resource);
        try {
            URLConnection c = url.openConnection();
            long size = c.getContentLengthLong();
            if (Files.isRegularFile(target) && size >= 0 && Files.size(target) == size) return target;
            try (InputStream in = c.getInputStream()) {
                AtomicFiles.write(target, in::transferTo);
            }
            return target;
        } catch (IOException e) {
            throw new TaskspaceException("cannot copy the bundled model file " + resource + " to " + dir + ": " + e.getMessage(), e);
        }
    }
}
