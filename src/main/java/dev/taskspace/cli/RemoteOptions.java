package dev.taskspace.cli;

import dev.taskspace.TaskspaceException;
import dev.taskspace.embed.remote.ApiKey;
import dev.taskspace.embed.remote.RemoteEmbedder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which backend embeds, and how the remote one calls its server: shared by {@code embed} and {@code demo}. */
final class RemoteOptions {
    enum Backend { ONNX, REMOTE }

    @Option(names = "--backend", paramLabel = "onnx|remote", order = 20,
            description = "onnx: the model runs in-process (the default); remote: an OpenAI-compatible embeddings API "
                    + "(SiliconFlow, Ollama, vLLM, TEI, llama.cpp, OpenAI; implied by --api-base or --api-model).")
    Backend backend;

    @Option(names = "--api-base", paramLabel = "URL", order = 21, split = ",",
            description = "The API's address before /embeddings (default: " + "https://api.siliconflow.com/v1"
                    + "; Ollama: http://localhost:11434/v1). Several, comma-separated or repeated: replicas of one model, "
                    + "each batch to the least busy healthy one. The key comes from TASKSPACE_API_KEY, or SILICONFLOW_API_KEY "
                    + "for SiliconFlow, in the environment or ./.env.")
    List<URI> apiBase;

    @Option(names = "--api-model", paramLabel = "ID", order = 22,
            description = "The model id the server knows (default: " + RemoteEmbedder.DEFAULT_MODEL + ").")
    String apiModel;

    @Option(names = "--batch-size", paramLabel = "N", order = 23, defaultValue = "32",
            description = "Texts per request (default: ${DEFAULT-VALUE}); a server's 413 splits batches.")
    int batchSize;

    @Option(names = "--concurrency", paramLabel = "N", order = 24, defaultValue = "10",
            description = "Requests in flight at most, per replica (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--rate", paramLabel = "PER_SECOND", order = 25, defaultValue = "33",
            description = "Requests started per second at most, per replica (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--tpm", paramLabel = "TOKENS", order = 26, defaultValue = "0",
            description = "Tokens per minute at most, estimated as characters / 4 (default: no limit).")
    long tokensPerMinute;

    @Option(names = "--timeout", paramLabel = "SECONDS", order = 27, defaultValue = "60",
            description = "How long to wait for an answer before trying again (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    /** Whether the remote backend was chosen, outright or by naming a server or model. */
    boolean remote() {
        return backend == Backend.REMOTE || (backend == null && (apiBase != null || apiModel != null));
    }

    /** The client's options, with {@code --dimensions} and {@code --prompt-style} from the model options. */
    RemoteEmbedder.Options options(ModelOptions model) {
        if (model.model != null || model.precision != null) {
            throw new TaskspaceException((model.model != null ? "--model" : "--precision") + " chooses an in-process model; "
                    + "with --backend remote, name the server's model with --api-model");
        }
        if (!(timeoutSeconds > 0) || Double.isInfinite(timeoutSeconds)) throw new TaskspaceException("--timeout must be more than 0 seconds");
        try {
            RemoteEmbedder.Options o = RemoteEmbedder.Options.DEFAULT;
            Duration timeout = Duration.ofMillis(Math.round(timeoutSeconds * 1000));
            return o.withServers(apiBase != null ? apiBase : o.bases(), apiModel != null ? apiModel.strip() : o.model())
                    .withDimensions(model.dimensions).withPromptStyle(model.promptStyle)
                    .withLimits(batchSize, concurrency, rate, tokensPerMinute)
                    .withRetries(timeout, o.maxAttempts(), o.backoff());
        } catch (IllegalArgumentException e) {
            throw new TaskspaceException(e.getMessage().replace("the API base", "--api-base"));
        }
    }

    /** Opens the remote embedder, with the key for its server from {@code env} or {@code ./.env}. */
    RemoteEmbedder open(Map<String, String> env, ModelOptions model) {
        RemoteEmbedder.Options o = options(model);
        return RemoteEmbedder.open(o, ApiKey.resolve(env, Path.of(System.getProperty("user.dir")), o.base()));
    }

    /** One line on where and how requests go, for the summary (never the key itself). */
    String describe(Map<String, String> env, ModelOptions model) {
        RemoteEmbedder.Options o = options(model);
        ApiKey key = ApiKey.resolve(env, Path.of(System.getProperty("user.dir")), o.base());
        String where = String.join(", ", o.bases().stream()
                .map(b -> b.getScheme() + "://" + b.getHost() + (b.getPort() >= 0 ? ":" + b.getPort() : "") + b.getRawPath()).toList());
        return String.format(Locale.ROOT, "%s: %s, batches of %d, %d at once, %s requests/s%s%s, %s",
                o.bases().size() == 1 ? "server" : o.bases().size() + " replicas", where, o.batchSize(),
                o.concurrency(), new java.text.DecimalFormat("0.##").format(o.rate()),
                o.tokensPerMinute() > 0 ? String.format(Locale.ROOT, ", %,d tokens/min", o.tokensPerMinute()) : "",
                o.bases().size() > 1 ? " per replica" : "", key);
    }
}
