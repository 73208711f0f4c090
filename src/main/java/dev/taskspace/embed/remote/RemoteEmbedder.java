package dev.taskspace.embed.remote;

import dev.taskspace.Reporter;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.EmbeddingStats;
import dev.taskspace.embed.ModelInfo;
import dev.taskspace.embed.PromptStyle;
import dev.taskspace.embed.Task;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Embeds through an OpenAI-compatible {@code /embeddings} API: SiliconFlow (the default, as in
 * the original demo), or Ollama, vLLM, TEI, llama.cpp's server, LM Studio, OpenAI by base URL.
 *
 * <pre>{@code
 * var options = RemoteEmbedder.Options.DEFAULT.withServer(URI.create("http://localhost:11434/v1"), "qwen3-embedding:0.6b");
 * try (Embedder e = RemoteEmbedder.open(options, ApiKey.NONE)) {
 *     float[][] vectors = e.embed(texts, Tasks.DEMO.get(1), reporter).vectors();
 * }
 * }</pre>
 *
 * What it sends: each text formatted with the task's instruction by {@link PromptStyle}
 * (Qwen3's {@code Instruct: …\nQuery:text}; the bare text without an instruction), in batches.
 * What it does with the answer: vectors put back in input order by their {@code index}, checked
 * (count, length, finite values), cut to {@code dimensions} if the server sent more, and
 * L2-normalised here, whatever the server did.
 *
 * <p>How it behaves: at most {@code concurrency} requests at once, starts spaced to
 * {@code rate} per second and, if set, an estimated tokens-per-minute budget, all per replica
 * when several base URLs (replicas of one model) are given: each batch goes to the healthy
 * replica with the fewest requests outstanding, a replica that fails is rested and tried again
 * later while its batches go to the others ({@link Replicas}). The first batch
 * goes alone, so that a rejected key or a wrong address costs one request. 408, 429, 500, 502,
 * 503, 504, timeouts and dropped connections are retried with exponential backoff and jitter,
 * honouring Retry-After (which pauses all requests); 413 splits the batch, and later batches
 * stay below the size that failed; any other error ends the run at once with one line
 * ({@link ApiException}). Every text comes back exactly once.
 */
public final class RemoteEmbedder implements Embedder {
    /** SiliconFlow's API, as the original demo used it. */
    public static final URI DEFAULT_BASE = URI.create("https://api.siliconflow.com/v1");
    /** The model the original demo used. */
    public static final String DEFAULT_MODEL = "Qwen/Qwen3-Embedding-0.6B";
    private static final Pattern QWEN3 = Pattern.compile("qwen3-embedding[-_:]?(0\\.6b|4b|8b)?", Pattern.CASE_INSENSITIVE);

    /**
     * How to call the server.
     *
     * @param bases          the API's base URL, before {@code /embeddings}; several for replicas of one model
     * @param model          the model id the server knows
     * @param dimensions     ask for (and keep) this many dimensions; 0: the model's own
     * @param promptStyle    how instructions are put before texts
     * @param batchSize      texts per request
     * @param concurrency    requests in flight at most, per replica
     * @param rate           request starts per second at most, per replica
     * @param tokensPerMinute an estimated token budget (characters / 4 until the server's usage says) per replica, 0: none
     * @param timeout        how long to wait for an answer
     * @param connectTimeout how long to wait for a connection
     * @param maxAttempts    tries per batch before giving up
     * @param backoff        the first retry wait (doubled each time, with jitter, at most 30 s)
     */
    public record Options(List<URI> bases, String model, int dimensions, PromptStyle promptStyle, int batchSize, int concurrency,
            double rate, long tokensPerMinute, Duration timeout, Duration connectTimeout, int maxAttempts, Duration backoff) {
        public static final Options DEFAULT = new Options(List.of(DEFAULT_BASE), DEFAULT_MODEL, 0, PromptStyle.QWEN3, 32, 10, 33, 0,
                Duration.ofSeconds(60), Duration.ofSeconds(10), 8, Duration.ofMillis(500));

        public Options {
            if (bases == null || bases.isEmpty()) throw new IllegalArgumentException("no API base");
            for (URI base : bases) {
                if (base == null || base.getScheme() == null || !base.getScheme().matches("https?") || base.getHost() == null) {
                    throw new IllegalArgumentException("the API base must be an http:// or https:// URL, got " + base);
                }
            }
            if (new java.util.HashSet<>(bases).size() < bases.size()) {
                throw new IllegalArgumentException("the API base " + bases + " names a server twice");
            }
            bases = List.copyOf(bases);
            if (model == null || model.isBlank()) throw new IllegalArgumentException("the model id is empty");
            if (dimensions < 0) throw new IllegalArgumentException("dimensions must be 0 (the model's) or more, got " + dimensions);
            if (batchSize < 1 || concurrency < 1) throw new IllegalArgumentException("the batch size and concurrency must be at least 1");
            if (!(rate > 0) || Double.isInfinite(rate)) throw new IllegalArgumentException("the request rate must be more than 0, got " + rate);
            if (tokensPerMinute < 0) throw new IllegalArgumentException("the tokens-per-minute limit must be 0 (none) or more");
            if (timeout.isNegative() || timeout.isZero() || connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
            if (maxAttempts < 1) throw new IllegalArgumentException("at least one attempt per batch");
            promptStyle = promptStyle == null ? PromptStyle.QWEN3 : promptStyle;
        }

        /** The first base URL: the one that names the deployment (its key, its cache entries). */
        public URI base() {
            return bases.get(0);
        }

        public Options withServer(URI base, String model) {
            return withServers(List.of(base), model);
        }

        /** Replicas of one model, each at its own base URL. */
        public Options withServers(List<URI> bases, String model) {
            return new Options(bases, model, dimensions, promptStyle, batchSize, concurrency, rate, tokensPerMinute, timeout,
                    connectTimeout, maxAttempts, backoff);
        }

        public Options withDimensions(int n) {
            return new Options(bases, model, n, promptStyle, batchSize, concurrency, rate, tokensPerMinute, timeout,
                    connectTimeout, maxAttempts, backoff);
        }

        public Options withPromptStyle(PromptStyle s) {
            return new Options(bases, model, dimensions, s, batchSize, concurrency, rate, tokensPerMinute, timeout,
                    connectTimeout, maxAttempts, backoff);
        }

        /** Batch size, concurrency, request rate and token budget (0: none). */
        public Options withLimits(int batch, int requestsInFlight, double perSecond, long perMinuteTokens) {
            return new Options(bases, model, dimensions, promptStyle, batch, requestsInFlight, perSecond, perMinuteTokens, timeout,
                    connectTimeout, maxAttempts, backoff);
        }

        /** The answer timeout, the tries per batch and the first retry wait. */
        public Options withRetries(Duration answerTimeout, int attempts, Duration firstWait) {
            return new Options(bases, model, dimensions, promptStyle, batchSize, concurrency, rate, tokensPerMinute, answerTimeout,
                    connectTimeout, attempts, firstWait);
        }
    }

    private final Options options;
    private final List<EmbeddingsClient> clients;
    private final AtomicInteger dims; // the vector length: asked for, known for the model, or learned from the first answer
    private volatile List<ReplicaStats> lastRun = List.of();

    private RemoteEmbedder(Options options, ApiKey key) {
        this.options = options;
        this.clients = options.bases().stream().map(b -> new EmbeddingsClient(b, options.model(), options.dimensions(), key,
                options.timeout(), options.connectTimeout())).toList();
        this.dims = new AtomicInteger(options.dimensions() > 0 ? options.dimensions() : knownDimensions(options.model()));
    }

    /** An embedder for the server and model in {@code options}, sending {@code key} (or none). Sends nothing yet. */
    public static RemoteEmbedder open(Options options, ApiKey key) {
        return new RemoteEmbedder(options, key);
    }

    /**
     * The model; for a model whose vector length is neither asked for nor known (Qwen3-Embedding
     * 0.6B, 4B, 8B are), the first call sends one short probe text to learn it.
     */
    @Override
    public ModelInfo info() {
        if (dims.get() == 0) embed(List.of("taskspace"), new Task("probe", null, ""), Reporter.SILENT, BatchListener.NONE);
        return new ModelInfo(options.model(), "remote", "api", dims.get(), QWEN3.matcher(options.model()).find(),
                options.promptStyle());
    }

    /**
     * The server's address: the same model id elsewhere may be another build or quantization.
     * With replicas, the first one's: they serve one model, and another set of replicas of it
     * (one more, one fewer) keeps the cache.
     */
    @Override
    public dev.taskspace.embed.EngineSettings engine() {
        return dev.taskspace.embed.EngineSettings.remote(clients.get(0).where(), options.promptStyle());
    }

    @Override
    public Result embed(List<String> texts, Task task, Reporter reporter, BatchListener listener) {
        long start = System.nanoTime();
        if (texts.isEmpty()) return new Result(new float[0][], EmbeddingStats.NONE);
        List<String> prompts = texts.stream().map(t -> options.promptStyle().format(task, t)).toList();
        RemoteRun run = new RemoteRun(this, prompts, listener);
        try (Reporter.Progress bar = reporter.progress(task.name(), texts.size(), Reporter.Unit.ITEMS)) {
            run.execute(bar);
        } finally {
            lastRun = run.replicaStats();
        }
        if (clients.size() > 1) {
            for (ReplicaStats s : lastRun) {
                reporter.info(String.format(Locale.ROOT, "%s: %,d texts in %,d requests (%,d failed), %,.0f texts/s", s.where(),
                        s.texts(), s.requests(), s.failures(), s.textsPerSecond()));
            }
        }
        Duration time = Duration.ofNanos(System.nanoTime() - start);
        return new Result(run.vectors(), new EmbeddingStats(texts.size(), run.tokens(), 0, 0, run.batches(), time,
                run.requests(), run.retries(), 0));
    }

    Options options() {
        return options;
    }

    List<EmbeddingsClient> clients() {
        return clients;
    }

    /** The vector length expected: asked for, known for the model, or learned from the first answer; 0 before. */
    int dimensions() {
        return dims.get();
    }

    /**
     * How many texts a timed sample of this embedder's throughput takes (for the wait announced
     * before a run): its requests in flight twice over, or about 3 seconds of requests under a
     * low rate, at least one batch.
     */
    @Override
    public int sampleTexts() {
        long inFlight = (long) options.batchSize() * options.concurrency() * clients.size();
        long threeSeconds = (long) Math.ceil(options.rate() * clients.size() * options.batchSize() * 3);
        return (int) Math.max(options.batchSize(), Math.min(2 * inFlight, threeSeconds));
    }

    /** How each replica did in the last {@link #embed} call, in the order of the base URLs. */
    public List<ReplicaStats> replicaStats() {
        return lastRun;
    }

    /**
     * Checks a raw vector's length and makes it unit length: cut to the asked-for dimensions
     * when the server sent more; the first answer fixes the length when nothing else did.
     */
    float[] unit(float[] raw, int position) {
        int want = options.dimensions();
        if (want > 0 && raw.length < want) {
            throw new ApiException("asked " + where() + " for " + want + " dimensions, it sent " + raw.length
                    + ": lower --dimensions or leave it out", 200);
        }
        if (want == 0) {
            dims.compareAndSet(0, raw.length);
            if (raw.length != dims.get()) {
                throw new ApiException("the server at " + where() + " sent a " + raw.length + "-dimension vector; "
                        + options.model() + " gives " + dims.get() + ": is --api-model the model the server runs?", 200);
            }
        }
        float[] v = dev.taskspace.embed.Vectors.unitPrefixInPlace(raw, want > 0 ? want : raw.length); // raw is this call's own
        if (v == null) throw new ApiException("the server at " + where() + " sent an all-zero vector for text " + position, 200);
        return v;
    }

    /** Qwen3-Embedding's vector lengths (also under Ollama-style names like {@code qwen3-embedding:4b}); 0 for others. */
    static int knownDimensions(String model) {
        Matcher m = QWEN3.matcher(model);
        if (!m.find() || m.group(1) == null) return 0;
        return switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "0.6b" -> 1024;
            case "4b" -> 2560;
            default -> 4096;
        };
    }

    private String where() {
        return clients.size() == 1 ? clients.get(0).where() : clients.size() + " replicas (" + clients.get(0).where() + ", …)";
    }

    /** Nothing to free: each call's threads end with the call, and the HTTP client with this object. */
    @Override
    public void close() {
        clients.forEach(EmbeddingsClient::cancelAll);
    }
}
