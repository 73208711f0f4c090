package dev.taskspace.cli;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.PromptStyle;
import dev.taskspace.embed.VectorStorage;
import dev.taskspace.embed.cache.CachingEmbedder;
import dev.taskspace.embed.cache.VectorCache;
import dev.taskspace.embed.onnx.ModelResolver;
import dev.taskspace.embed.onnx.NativeLibraries;
import dev.taskspace.embed.onnx.OnnxEmbedder;
import dev.taskspace.embed.onnx.OnnxModel;
import dev.taskspace.embed.onnx.Pooling;
import dev.taskspace.hub.HfHub;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which model embeds, and how: shared by {@code embed} and {@code demo}. */
final class ModelOptions {
    @Option(names = {"--model", "-m"}, paramLabel = "MODEL", order = 1,
            description = "A Hugging Face model id, a local folder with an ONNX export and tokenizer.json, or a bundled "
                    + "model: all-minilm-l6-v2(-q), bge-small-en-v1.5(-q), e5-small-v2(-q) (short: minilm, bge-small, "
                    + "e5-small, each with -q). Default: $TASKSPACE_MODEL, else " + ModelResolver.DEFAULT_MODEL + ".")
    String model;

    @Option(names = "--precision", paramLabel = "P", order = 2,
            description = "Which export of the model: fp32 (faithful, the default), fp16, int8, uint8, q4, q4f16, bnb4.")
    String precision;

    @Option(names = "--threads", paramLabel = "N", order = 3, defaultValue = "0",
            description = "CPU threads for the model (default: all cores).")
    int threads;

    @Option(names = "--max-tokens", paramLabel = "N", order = 4,
            defaultValue = "" + OnnxEmbedder.Options.DEFAULT_MAX_TOKENS,
            description = "Cut texts longer than this many tokens, and count them (default: ${DEFAULT-VALUE}; "
                    + "memory grows with the square of a text's length: about 3.8 GB for Qwen3-0.6B at 1536).")
    int maxTokens;

    @Option(names = "--dimensions", paramLabel = "N", order = 5, defaultValue = "0",
            description = "Keep only the first N dimensions (Matryoshka), then normalise (default: all).")
    int dimensions;

    @Option(names = "--batch-tokens", paramLabel = "N", order = 6, defaultValue = "0",
            description = "Token slots per model call, padding included (default: " + OnnxEmbedder.Options.SMALL_MODEL_TOKEN_BUDGET
                    + " for small models such as the bundled ones, " + OnnxEmbedder.Options.DEFAULT_TOKEN_BUDGET + " for larger ones).")
    long batchTokens;

    @Option(names = "--pooling", paramLabel = "mean|cls|last_token", order = 7, defaultValue = "MEAN",
            description = "Pooling for a non-Qwen3 model from a folder or the hub (default: mean).")
    Pooling pooling;

    @Option(names = "--prompt-style", paramLabel = "qwen3|demo_spaced", order = 8, defaultValue = "QWEN3",
            description = "qwen3: 'Instruct: …\\nQuery:text' (the model's own); demo_spaced: 'Query: text', as the "
                    + "original Python demo sent it.")
    PromptStyle promptStyle;

    @Option(names = "--storage", paramLabel = "float32|float16", order = 9,
            description = "How embeddings/TASK.npy stores vectors: float32, or float16 (half the bytes on disk; values "
                    + "rounded to 0.05%%, fidelity in docs/scale.md). Default: as the project's tasks already are, else float32.")
    VectorStorage storage;

    @Option(names = "--no-cache", order = 9,
            description = "Neither read nor write the vector cache (<cache folder>/vectors): embed every text again.")
    boolean noCache;

    /** The model name in effect: the flag, else TASKSPACE_MODEL, else the default. */
    String modelName(Map<String, String> env) {
        if (model != null) return model;
        String fromEnv = env.get("TASKSPACE_MODEL");
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv.strip() : ModelResolver.DEFAULT_MODEL;
    }

    /** Whether the user chose a model (flag or environment). */
    boolean chosen(Map<String, String> env) {
        return !modelName(env).equals(ModelResolver.DEFAULT_MODEL) || model != null;
    }

    OnnxModel resolve(Map<String, String> env, CommonOptions common, Reporter reporter) {
        return resolve(env, common, reporter, modelName(env));
    }

    /** As {@link #resolve(Map, CommonOptions, Reporter)}, for the model {@code name} instead of the one the options choose. */
    OnnxModel resolve(Map<String, String> env, CommonOptions common, Reporter reporter, String name) {
        HfHub hub = HfHub.fromEnvironment(env, System.getProperty("user.home"));
        if (common.offline(env)) hub = hub.withOffline(true);
        java.nio.file.Path cache = common.cacheDir(env);
        NativeLibraries.unpackInto(cache);
        OnnxModel m = new ModelResolver(hub, cache, pooling).resolve(name, precision, reporter);
        return m.withPromptStyle(promptStyle);
    }

    OnnxEmbedder.Options engineOptions() {
        try {
            return OnnxEmbedder.Options.DEFAULT.withThreads(threads).withMaxTokens(maxTokens).withDimensions(dimensions)
                    .withBatching(batchTokens, OnnxEmbedder.Options.DEFAULT.cellBudget(), OnnxEmbedder.Options.DEFAULT.maxBatch());
        } catch (IllegalArgumentException e) {
            throw new TaskspaceException(e.getMessage());
        }
    }

    /**
     * The embedder the options choose: the remote one, or the in-process one on the model that
     * {@code onnx} resolves; behind the vector cache unless {@code --no-cache}. Shared by {@code embed} and {@code demo}.
     */
    Embedder open(TaskspaceCommand root, RemoteOptions remote, CommonOptions common, java.util.function.Supplier<OnnxModel> onnx) {
        Embedder e;
        if (remote.remote()) {
            root.out().println(remote.describe(root.env(), this));
            e = remote.open(root.env(), this);
        } else {
            e = OnnxEmbedder.open(onnx.get(), engineOptions());
        }
        if (noCache) return e;
        VectorCache cache = new VectorCache(common.cacheDir(root.env()).resolve("vectors"));
        root.out().println("vector cache: " + cache.dir() + " (--no-cache to bypass)");
        return new CachingEmbedder(e, cache);
    }
}
