package dev.taskspace.langchain4j;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.taskspace.Reporter;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.ModelInfo;
import dev.taskspace.embed.Task;
import dev.taskspace.embed.cache.CachingEmbedder;
import dev.taskspace.embed.cache.VectorCache;
import dev.taskspace.embed.onnx.ModelResolver;
import dev.taskspace.embed.onnx.OnnxEmbedder;
import dev.taskspace.embed.remote.ApiKey;
import dev.taskspace.embed.remote.RemoteEmbedder;
import dev.taskspace.internal.UserDirs;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One taskspace embedder (in-process Qwen3-Embedding, a bundled model, or an OpenAI-compatible
 * API) behind LangChain4j's {@link EmbeddingModel}, with Qwen3's asymmetric use done right:
 * <b>queries carry a task instruction, documents do not</b>.
 *
 * <p>LangChain4j has one {@code EmbeddingModel} type for both sides of a search, so this class
 * hands out one view per side. Give the ingestor {@link #documents()} and the retriever
 * {@link #queries(String)}:
 *
 * <pre>{@code
 * try (TaskspaceEmbeddings qwen3 = TaskspaceEmbeddings.builder()
 *         .model("onnx-community/Qwen3-Embedding-0.6B-ONNX")      // downloaded once into the Hugging Face cache
 *         .build()) {
 *     EmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
 *     EmbeddingStoreIngestor.builder().embeddingModel(qwen3.documents()).embeddingStore(store).build()
 *             .ingest(documents);
 *     ContentRetriever retriever = EmbeddingStoreContentRetriever.builder()
 *             .embeddingModel(qwen3.queries(TaskspaceEmbeddings.WEB_SEARCH))
 *             .embeddingStore(store).maxResults(3).build();
 * }
 * }</pre>
 *
 * <p>Every view batches the way the command line does (texts sorted by length, token budgets,
 * left padding and last-token pooling for Qwen3) and, unless {@link Builder#noCache()}, goes
 * through taskspace's crash-safe vector cache, keyed by model, settings and instruction: a text
 * is embedded once per instruction, across runs and with the command line. Vectors are unit
 * length, so cosine similarity and dot product agree.
 *
 * <p>Thread-safe; {@link #close()} releases the model's native resources, after which the views
 * must not be used.
 */
public final class TaskspaceEmbeddings implements AutoCloseable {
    /** The instruction Qwen3-Embedding's model card uses for web search queries. */
    public static final String WEB_SEARCH = "Given a web search query, retrieve relevant passages that answer the query";

    private final Embedder embedder;

    private TaskspaceEmbeddings(Embedder embedder) {
        this.embedder = embedder;
    }

    /** A builder: in-process Qwen3-Embedding-0.6B (fp32), vector cache on, unless told otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    /** Embeddings from an embedder you opened yourself (closed with this object); no cache is added. */
    public static TaskspaceEmbeddings of(Embedder embedder) {
        return new TaskspaceEmbeddings(Objects.requireNonNull(embedder, "embedder"));
    }

    /** The view for documents (what is stored and searched): no instruction, as Qwen3-Embedding expects. */
    public EmbeddingModel documents() {
        return new TaskEmbeddingModel(embedder, new Task("documents", null, ""));
    }

    /**
     * The view for documents embedded under {@code instruction}: for symmetric tasks such as
     * clustering or classification, where Qwen3's evaluation puts the instruction on every text
     * (null or blank: none, as {@link #documents()}).
     */
    public EmbeddingModel documents(String instruction) {
        return new TaskEmbeddingModel(embedder, new Task("documents", instruction, ""));
    }

    /**
     * The view for queries, each embedded as {@code Instruct: {instruction}\nQuery:{query}} for
     * Qwen3 (no space after {@code Query:}). For a model that is not instruction-tuned the
     * instruction is only a text prefix; {@link #info()} says which kind of model this is.
     *
     * @param instruction what the search is for, e.g. {@link #WEB_SEARCH}; null or blank: none
     */
    public EmbeddingModel queries(String instruction) {
        return new TaskEmbeddingModel(embedder, new Task("queries", instruction, ""));
    }

    /** What the model is: its id, backend, precision, vector length and whether it follows instructions. */
    public ModelInfo info() {
        return embedder.info();
    }

    @Override
    public void close() {
        embedder.close();
    }

    /**
     * Which embedder to open. One of {@link #model(String)} (the default: in-process
     * Qwen3-Embedding-0.6B) or {@link #remote(URI, String)}; the rest are optional.
     */
    public static final class Builder {
        private String model = ModelResolver.DEFAULT_MODEL;
        private String precision;
        private OnnxEmbedder.Options engine = OnnxEmbedder.Options.DEFAULT;
        private URI apiBase;
        private String apiModel;
        private String apiKey;
        private int dimensions;
        private Path cacheDir;
        private boolean cache = true;
        private Reporter reporter = Reporter.SILENT;

        private Builder() {}

        /**
         * An in-process model: a Hugging Face id with an ONNX export and {@code tokenizer.json}
         * (downloaded once into the standard Hugging Face cache), a local folder of the same
         * layout, or a bundled model's name ({@code bge-small-q}, {@code minilm}, ...; no download,
         * not instruction-tuned).
         */
        public Builder model(String spec) {
            this.model = Objects.requireNonNull(spec, "model");
            this.apiBase = null;
            return this;
        }

        /** The export's precision ({@code fp32}, {@code int8}, ...); null: the model's default. */
        public Builder precision(String p) {
            this.precision = p;
            return this;
        }

        /** The in-process engine's settings: threads, token cap, batch budgets. */
        public Builder engine(OnnxEmbedder.Options options) {
            this.engine = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * An OpenAI-compatible embeddings API instead of an in-process model, e.g.
         * {@code remote(URI.create("http://localhost:8000/v1"), "Qwen/Qwen3-Embedding-0.6B")} for
         * vLLM. The key comes from {@link #apiKey(String)}, else the environment
         * ({@code SILICONFLOW_API_KEY}, {@code TASKSPACE_API_KEY}, {@code OPENAI_API_KEY}) or
         * {@code ./.env}; it is never logged.
         */
        public Builder remote(URI base, String apiModelId) {
            this.apiBase = Objects.requireNonNull(base, "base");
            this.apiModel = Objects.requireNonNull(apiModelId, "model");
            return this;
        }

        /** The API key for {@link #remote(URI, String)}. */
        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        /** Matryoshka: keep the first {@code n} dimensions, then normalise (0: the model's own). */
        public Builder dimensions(int n) {
            if (n < 0) throw new IllegalArgumentException("dimensions must be 0 (the model's) or more, got " + n);
            this.dimensions = n;
            return this;
        }

        /**
         * taskspace's cache folder (bundled models unpack there, vectors are kept under
         * {@code vectors/}); default: {@code TASKSPACE_CACHE}, else the platform's user cache,
         * the same as the command line's.
         */
        public Builder cacheDir(Path dir) {
            this.cacheDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Embed every text afresh: no vector cache. */
        public Builder noCache() {
            this.cache = false;
            return this;
        }

        /** Where downloads and long runs report progress; default: silent. */
        public Builder reporter(Reporter r) {
            this.reporter = Objects.requireNonNull(r, "reporter");
            return this;
        }

        /**
         * Opens the model (resolving, and if needed downloading, its files) or prepares the API
         * client (which sends nothing yet).
         *
         * @throws dev.taskspace.TaskspaceException when the model cannot be found or loaded, with
         *         what to do
         */
        public TaskspaceEmbeddings build() {
            Map<String, String> env = new HashMap<>(System.getenv());
            if (cacheDir != null) env.put(UserDirs.CACHE_ENV, cacheDir.toAbsolutePath().toString());
            Embedder e;
            if (apiBase != null) {
                ApiKey key = apiKey != null ? ApiKey.of(apiKey, "the builder")
                        : ApiKey.resolve(env, Path.of("").toAbsolutePath(), apiBase);
                e = RemoteEmbedder.open(RemoteEmbedder.Options.DEFAULT.withServer(apiBase, apiModel).withDimensions(dimensions), key);
            } else {
                OnnxEmbedder.Options options = dimensions > 0 ? engine.withDimensions(dimensions) : engine;
                e = OnnxEmbedder.open(ModelResolver.fromEnvironment(env).resolve(model, precision, reporter), options);
            }
            return new TaskspaceEmbeddings(cache ? new CachingEmbedder(e, VectorCache.fromEnvironment(env)) : e);
        }
    }
}
