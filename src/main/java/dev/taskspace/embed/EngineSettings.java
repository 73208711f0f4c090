package dev.taskspace.embed;

import java.util.Objects;

/**
 * What changes an embedder's vectors besides its {@link ModelInfo}, the task and the text: the
 * engine's settings. {@code embeddings.json} records them (its {@code engine} object), a live
 * task reopens the engine from them, and the vector cache keeps vectors apart by {@link #line()}.
 *
 * <p>The one-line form is derived from this record, never parsed back: what a program needs,
 * it reads from the fields. Never holds a secret.
 *
 * @param backend         {@code onnx}, {@code remote}, or empty for an embedder with nothing to add
 * @param server          remote: the server's address (scheme, host, port, path; no key); else null
 * @param modelFile       onnx: which model file, by identity; else null
 * @param pooling         onnx: how one vector is taken from the token states ({@code LAST_TOKEN},
 *                        {@code MEAN}, {@code CLS}); else null
 * @param maxTokens       the token cap per text in effect, end token included; 0 for none
 * @param textPrefix      onnx: what goes before every prompt (e5's {@code "query: "}); else empty
 * @param fusedLayerNorms onnx: layer norms that the graph rewrite fused (0: the file loaded as it is)
 * @param promptStyle     how the instruction is put before the text (also in {@link ModelInfo});
 *                        null where it does not apply
 */
public record EngineSettings(String backend, String server, ModelFile modelFile, String pooling, int maxTokens,
        String textPrefix, int fusedLayerNorms, PromptStyle promptStyle) {

    /** An embedder with no settings beyond its {@link ModelInfo}. */
    public static final EngineSettings NONE = new EngineSettings("", null, null, null, 0, "", 0, null);

    public EngineSettings {
        Objects.requireNonNull(backend, "backend");
        textPrefix = textPrefix == null ? "" : textPrefix;
        if (maxTokens < 0) throw new IllegalArgumentException("the token cap must be 0 (none) or more, got " + maxTokens);
        if (fusedLayerNorms < 0) throw new IllegalArgumentException("fused layer norms must be 0 or more, got " + fusedLayerNorms);
        switch (backend) {
            case "onnx" -> {
                Objects.requireNonNull(modelFile, "an onnx engine's model file");
                if (pooling == null || pooling.isBlank()) throw new IllegalArgumentException("an onnx engine needs a pooling");
            }
            case "remote" -> {
                if (server == null || server.isBlank()) throw new IllegalArgumentException("a remote engine needs a server");
            }
            case "" -> { }
            default -> throw new IllegalArgumentException("unknown backend \"" + backend + "\" (known: onnx, remote)");
        }
    }

    /** An in-process engine's settings. */
    public static EngineSettings onnx(ModelFile file, String pooling, int maxTokens, String textPrefix, int fusedLayerNorms,
            PromptStyle promptStyle) {
        return new EngineSettings("onnx", null, file, pooling, maxTokens, textPrefix, fusedLayerNorms, promptStyle);
    }

    /** A remote engine's settings: the server's address. */
    public static EngineSettings remote(String server, PromptStyle promptStyle) {
        return new EngineSettings("remote", server, null, null, 0, "", 0, promptStyle);
    }

    /**
     * The settings in one line, as {@code embeddings.json} ({@code embedder}), the vector
     * cache's key and the messages show them: {@code onnx FILE pooling=P maxTokens=N prefix=X}
     * (plus {@code skipLayerNorms=K} for a rewritten graph), {@code remote SERVER}, or empty.
     * The prompt style is left out: {@link ModelInfo} and the cache key carry it already.
     */
    public String line() {
        return switch (backend) {
            case "onnx" -> "onnx " + modelFile.line() + " pooling=" + pooling + " maxTokens=" + maxTokens + " prefix=" + textPrefix
                    + (fusedLayerNorms > 0 ? " skipLayerNorms=" + fusedLayerNorms : "");
            case "remote" -> "remote " + server;
            default -> "";
        };
    }

    /**
     * A model file by identity: its real path, size and modification time, so that a file
     * replaced in place counts as another model.
     *
     * @param path     the real path (absolute when it could not be resolved)
     * @param bytes    its size; -1 when it could not be read
     * @param modified its modification time in milliseconds; -1 when it could not be read
     */
    public record ModelFile(String path, long bytes, long modified) {
        public ModelFile {
            Objects.requireNonNull(path, "path");
        }

        /** The identity of {@code file} as it is on disk now. */
        public static ModelFile of(java.nio.file.Path file) {
            try {
                return new ModelFile(file.toRealPath().toString(), java.nio.file.Files.size(file),
                        java.nio.file.Files.getLastModifiedTime(file).toMillis());
            } catch (java.io.IOException e) {
                return new ModelFile(file.toAbsolutePath().toString(), -1, -1);
            }
        }

        String line() {
            return bytes < 0 ? path : path + " " + bytes + " " + modified;
        }
    }
}
