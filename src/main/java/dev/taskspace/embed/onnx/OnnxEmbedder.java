package dev.taskspace.embed.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.embed.EmbeddingStats;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.EngineSettings;
import dev.taskspace.embed.ModelInfo;
import dev.taskspace.embed.Task;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Embeds in-process with ONNX Runtime: real batches ({@code [batch, seq]} tensors) formed by
 * length, the model's padding side and pooling, optional MRL truncation, unit-length vectors.
 *
 * <p>The graph's inputs are read from the session, never assumed: {@code input_ids} and
 * {@code attention_mask} always; {@code token_type_ids}, {@code position_ids} and empty
 * {@code past_key_values.*} tensors when the graph has them.
 */
public final class OnnxEmbedder implements Embedder {

    /**
     * How to run.
     *
     * @param threads     intra-op threads (0: one per core)
     * @param maxTokens   token cap per text, end token included; longer texts are cut and counted
     * @param dimensions  keep the first N dimensions (MRL) before normalising; 0 for all
     * @param tokenBudget token slots per batch (batch x longest), bounding matrix work and memory
     *                    (0: automatic, {@link #DEFAULT_TOKEN_BUDGET} or {@link #SMALL_MODEL_TOKEN_BUDGET})
     * @param cellBudget  attention cells per batch and head (batch x longest²), bounding attention memory
     * @param maxBatch    texts per batch at most
     * @param calls       model calls run at once, the threads shared among them (0: automatic, see
     *                    {@link OnnxEmbedder#callsFor})
     */
    public record Options(int threads, int maxTokens, int dimensions, long tokenBudget, long cellBudget, int maxBatch,
            int calls) {
        /**
         * The token budget for large models is 1,024 slots per batch. Measured on the demo's 800
         * documents (BENCHMARKS.md, 2 threads): the Qwen3-0.6B shape ran 340-355 tokens/s at
         * 1,024 against 302 at 4,096 and 279-281 at 8,192 (smaller batches keep activations in
         * cache), with 0.42% padding against 2.64% and 4.47%, and the same peak memory (the
         * longest text sets it, alone in its batch at any budget). Below about 1,024 the batches
         * of short texts get too small for its matrix kernels.
         */
        public static final int DEFAULT_TOKEN_BUDGET = 1024;

        /**
         * Small models (under {@link OnnxEmbedder#SMALL_MODEL_BYTES} on disk: the bundled ones) get
         * 512 slots per batch: with 384-wide layers a batch of 512 tokens keeps its activations in
         * a core's cache, and e5-small-v2 ran 39.7 texts/s at 512 against 37.6 at 1,024 and
         * 34.9 at 2,048 (BENCHMARKS.md, medians of 3 rounds); 256 and 384 were no faster.
         */
        public static final int SMALL_MODEL_TOKEN_BUDGET = 512;

        /**
         * The default token cap is 1,536 tokens per text: memory, not quality, sets it. One text
         * of n tokens makes Qwen3-0.6B's attention hold several 16 x n² fp32 tensors at once
         * (0.96 GB each at 3,872 tokens), so the demo's longest post alone lifted the peak
         * resident set to 6.4-7.2 GB; at 1,536 the whole 800-document demo peaks at 3.75 GB
         * (BENCHMARKS.md) and 3 of its 800 posts are cut (reported). {@code --max-tokens}
         * raises it for machines with the memory.
         */
        public static final int DEFAULT_MAX_TOKENS = 1536;

        public static final Options DEFAULT = new Options(0, DEFAULT_MAX_TOKENS, 0, 0, 4L << 20, 64, 0);

        public Options {
            if (threads < 0) throw new IllegalArgumentException("threads must be 0 (all cores) or more, got " + threads);
            if (maxTokens < 2) throw new IllegalArgumentException("the token cap must be at least 2, got " + maxTokens);
            if (dimensions < 0) throw new IllegalArgumentException("dimensions must be 0 (all) or more, got " + dimensions);
            if (tokenBudget < 0) throw new IllegalArgumentException("the token budget must be 0 (automatic) or more, got " + tokenBudget);
            if (cellBudget < 1 || maxBatch < 1) throw new IllegalArgumentException("batch budgets must be positive");
            if (calls < 0) throw new IllegalArgumentException("calls must be 0 (automatic) or more, got " + calls);
        }

        public Options(int threads, int maxTokens, int dimensions, long tokenBudget, long cellBudget, int maxBatch) {
            this(threads, maxTokens, dimensions, tokenBudget, cellBudget, maxBatch, 0);
        }

        public Options withThreads(int n) {
            return new Options(n, maxTokens, dimensions, tokenBudget, cellBudget, maxBatch, calls);
        }

        public Options withMaxTokens(int n) {
            return new Options(threads, n, dimensions, tokenBudget, cellBudget, maxBatch, calls);
        }

        public Options withDimensions(int n) {
            return new Options(threads, maxTokens, n, tokenBudget, cellBudget, maxBatch, calls);
        }

        public Options withBatching(long tokens, long cells, int batch) {
            return new Options(threads, maxTokens, dimensions, tokens, cells, batch, calls);
        }

        public Options withCalls(int n) {
            return new Options(threads, maxTokens, dimensions, tokenBudget, cellBudget, maxBatch, n);
        }
    }

    private final OnnxModel model;
    private final Options options;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final TextTokenizer tokenizer;
    private final String outputName;
    private final Map<String, long[]> pastShapes = new HashMap<>(); // name -> [-1, heads, 0, headDim]
    private final boolean wantsPositions;
    private final boolean wantsTypeIds;
    private final int nativeDims;
    private final int dims;
    private final boolean perText;
    private final boolean small;
    private final int workers;
    private int fusedLayerNorms; // set while the session is made

    private OnnxEmbedder(OnnxModel model, Options options, boolean rewriteGraph) {
        this.model = model;
        this.options = options;
        if (!Files.isRegularFile(model.onnxFile())) throw new TaskspaceException("no ONNX model at " + model.onnxFile());
        NativeLibraries.unpackInto(dev.taskspace.internal.UserDirs.cacheDir(null)); // unless the caller chose a place
        this.env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "taskspace");
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            so.setInterOpNumThreads(1);
            // Dynamically quantized models scale activations per call, so a text's vector would
            // depend on the other texts of its batch: run them one text per call instead, on
            // parallel single-threaded calls, so that vectors never depend on batching.
            this.perText = dynamicallyQuantized(model.precision());
            int threads = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
            this.small = small(model);
            this.workers = options.calls() > 0 ? Math.min(options.calls(), threads) : callsFor(model, threads, perText);
            so.setIntraOpNumThreads(Math.max(1, threads / workers));
            this.session = createSession(so, rewriteGraph);
        } catch (OrtException e) {
            throw new TaskspaceException("cannot load the model " + model.onnxFile() + ": " + describeLoadFailure(e), e);
        }
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            for (String required : List.of("input_ids", "attention_mask")) {
                if (!inputs.containsKey(required)) throw new TaskspaceException(model.onnxFile() + " has no input \"" + required
                        + "\" (its inputs: " + String.join(", ", inputs.keySet()) + "): not a text embedding model");
            }
            boolean positions = false;
            boolean types = false;
            for (Map.Entry<String, NodeInfo> e : inputs.entrySet()) {
                String name = e.getKey();
                if (name.equals("input_ids") || name.equals("attention_mask")) continue;
                if (name.equals("position_ids")) positions = true;
                else if (name.equals("token_type_ids")) types = true;
                else if (name.startsWith("past_key_values.")) pastShapes.put(name, pastShape(name, e.getValue()));
                else throw new TaskspaceException(model.onnxFile() + " has an input this engine cannot feed: \"" + name + "\"");
            }
            this.wantsPositions = positions;
            this.wantsTypeIds = types;
            this.outputName = pickOutput(session.getOutputInfo());
            long[] outShape = ((TensorInfo) session.getOutputInfo().get(outputName).getInfo()).getShape();
            this.nativeDims = outShape[2] > 0 ? (int) outShape[2] : -1;
        } catch (OrtException e) {
            closeQuietly(session);
            throw new TaskspaceException("cannot read the inputs of " + model.onnxFile() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
        if (options.dimensions() > 0 && nativeDims > 0 && options.dimensions() > nativeDims) {
            closeQuietly(session);
            throw new TaskspaceException("--dimensions " + options.dimensions() + " is more than the model's " + nativeDims);
        }
        this.dims = options.dimensions() > 0 ? options.dimensions() : nativeDims;
        try {
            this.tokenizer = TextTokenizer.open(model.tokenizerFile(), model.endToken(), tokenCap());
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /** Loads the model and its tokenizer; close the embedder to free them. */
    public static OnnxEmbedder open(OnnxModel model, Options options) {
        return new OnnxEmbedder(model, options, !"false".equals(System.getProperty(REWRITE_PROPERTY)));
    }

    /** As {@link #open(OnnxModel, Options)}, choosing whether small graphs are rewritten ({@link GraphRewrite}). */
    static OnnxEmbedder open(OnnxModel model, Options options, boolean rewriteGraph) {
        return new OnnxEmbedder(model, options, rewriteGraph);
    }

    /** {@code -Dtaskspace.rewrite=false} loads every model exactly as its file is (for diagnosis and benchmarks). */
    public static final String REWRITE_PROPERTY = "taskspace.rewrite";

    /**
     * The session: for a small single-file model, from its graph rewritten by {@link GraphRewrite}
     * (residual layer norms fused), else from the file as it is. A rewritten graph ONNX Runtime
     * refuses falls back to the file.
     */
    private OrtSession createSession(OrtSession.SessionOptions so, boolean rewriteGraph) throws OrtException {
        if (rewriteGraph && small) {
            java.util.Optional<GraphRewrite.Result> r = GraphRewrite.skipLayerNorms(model.onnxFile());
            if (r.isPresent()) {
                try {
                    OrtSession s = env.createSession(r.get().model(), so);
                    this.fusedLayerNorms = r.get().fused();
                    return s;
                } catch (OrtException e) {
                    // fall through: the file as it is
                }
            }
        }
        return env.createSession(model.onnxFile().toString(), so);
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo(model.id(), "onnx", model.precision(), dims, model.instructionAware(), model.promptStyle());
    }

    /**
     * The model file (by its real path, size and modification time), its pooling, token cap and
     * prefix, and the graph rewrite: what changes vectors besides the model's id, precision and prompt.
     */
    @Override
    public EngineSettings engine() {
        return EngineSettings.onnx(EngineSettings.ModelFile.of(model.onnxFile()), model.pooling().name(), tokenCap(), model.textPrefix(),
                fusedLayerNorms, model.promptStyle());
    }

    /** The token cap in effect: the options', within the model's own limit. */
    private int tokenCap() {
        return model.maxTokens() > 0 ? Math.min(model.maxTokens(), options.maxTokens()) : options.maxTokens();
    }

    @Override
    public Result embed(List<String> texts, Task task, Reporter reporter, BatchListener listener) {
        long start = System.nanoTime();
        List<String> prompts = new ArrayList<>(texts.size());
        for (String t : texts) prompts.add(model.textPrefix() + model.promptStyle().format(task, t));
        TextTokenizer.Tokens[] tokens = prompts.isEmpty() ? new TextTokenizer.Tokens[0] : tokenizer.encode(prompts);
        int[] lengths = new int[tokens.length];
        int truncated = 0;
        for (int i = 0; i < tokens.length; i++) {
            lengths[i] = tokens[i].ids().length;
            if (tokens[i].truncated()) truncated++;
        }
        float[][] vectors = new float[texts.size()][];
        List<int[]> batches = perText
                ? Batcher.plan(lengths, 1, 1, 1)
                : Batcher.plan(lengths, tokenBudget(), options.cellBudget(), options.maxBatch());
        long[] done = new long[2]; // real tokens, padded slots; guarded by `done`
        try (Reporter.Progress bar = reporter.progress(task.name(), texts.size(), Reporter.Unit.ITEMS)) {
            Parallel.forEach(batches, workers, batch -> {
                int width = lengths[batch[0]];
                run(batch, tokens, width, vectors);
                float[][] finished = new float[batch.length][];
                for (int k = 0; k < batch.length; k++) finished[k] = vectors[batch[k]];
                listener.done(batch, finished);
                long real = 0;
                for (int i : batch) real += lengths[i];
                synchronized (done) {
                    done[0] += real;
                    done[1] += (long) batch.length * width;
                    bar.stepBy(batch.length);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    bar.message(String.format(Locale.ROOT, "%.0f tokens/s", done[0] / Math.max(seconds, 1e-9)));
                }
            });
        }
        Duration time = Duration.ofNanos(System.nanoTime() - start);
        return new Result(vectors, new EmbeddingStats(texts.size(), done[0], done[1], truncated, batches.size(), time));
    }

    /** One model call: pads the batch to {@code width}, runs, pools, normalises into {@code out}. */
    private void run(int[] batch, TextTokenizer.Tokens[] tokens, int width, float[][] out) {
        int b = batch.length;
        long padId = tokenizer.endId() >= 0 ? tokenizer.endId() : 0;
        long[] ids = new long[b * width];     // [b, width]
        long[] mask = new long[b * width];    // [b, width], 1 for real tokens
        long[] pos = new long[b * width];     // [b, width], 0.. over real tokens; pads get 1 (as in HF)
        for (int r = 0; r < b; r++) {
            long[] t = tokens[batch[r]].ids();
            int offset = model.leftPadding() ? width - t.length : 0;
            int row = r * width;
            java.util.Arrays.fill(ids, row, row + width, padId);
            java.util.Arrays.fill(pos, row, row + width, 1);
            for (int k = 0; k < t.length; k++) {
                ids[row + offset + k] = t[k];
                mask[row + offset + k] = 1;
                pos[row + offset + k] = k;
            }
        }
        long[] shape = {b, width};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (wantsPositions) inputs.put("position_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(pos), shape));
            if (wantsTypeIds) inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[b * width]), shape));
            for (Map.Entry<String, long[]> p : pastShapes.entrySet()) {
                long[] s = p.getValue().clone();
                s[0] = b;
                inputs.put(p.getKey(), OnnxTensor.createTensor(env, FloatBuffer.allocate(0), s));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
                OnnxValue value = result.get(0);
                long[] outShape = ((TensorInfo) value.getInfo()).getShape(); // [b, width, hidden]
                int hidden = (int) outShape[2];
                FloatBuffer fb = ((OnnxTensor) value).getFloatBuffer();
                float[] states = new float[fb.remaining()];
                fb.get(states);
                int keep = options.dimensions() > 0 ? options.dimensions() : hidden;
                if (keep > hidden) throw new TaskspaceException("--dimensions " + keep + " is more than the model's " + hidden);
                float[] pooled = new float[hidden];
                for (int r = 0; r < b; r++) {
                    model.pooling().pool(states, mask, r, width, hidden, pooled);
                    out[batch[r]] = normalised(pooled, keep);
                }
            }
        } catch (OrtException e) {
            throw new TaskspaceException("the model " + model.id() + " failed on a batch of " + b + " x " + width + " tokens: "
                    + describeRunFailure(e) + (fusedLayerNorms > 0 ? " (its graph was rewritten with " + fusedLayerNorms
                    + " fused layer norms; JAVA_OPTS=-D" + REWRITE_PROPERTY + "=false loads it as it is)" : ""), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** How many layer norms {@link GraphRewrite} fused in this session's graph (0: loaded as the file is). */
    int fusedLayerNorms() {
        return fusedLayerNorms;
    }

    /** Models smaller than this on disk run one call per thread by default: see {@link #callsFor}. */
    static final long SMALL_MODEL_BYTES = 512L << 20;

    /**
     * How many model calls run at once when the options leave it open, each on
     * {@code threads / calls} intra-op threads. Dynamically quantized models run one text per
     * call (see the constructor), so one call per thread. Small models too: their matrices are
     * so small (BERT-small: 384 wide) that ONNX Runtime's intra-op threads spend much of each
     * operator waiting on each other, while whole batches on separate threads never wait
     * (BENCHMARKS.md: bge-small-en-v1.5 fp32 went from 1.0x to 2.0x LangChain4j's texts/s on 2
     * threads). Large models (Qwen3-0.6B: 2.4 GB) keep one call on all threads: their matrix
     * products split well, and one batch's activations in memory at a time.
     */
    static int callsFor(OnnxModel model, int threads, boolean perText) {
        return perText || small(model) ? threads : 1;
    }

    /** Under {@link #SMALL_MODEL_BYTES} on disk, external weights included. */
    static boolean small(OnnxModel model) {
        return modelBytes(model) < SMALL_MODEL_BYTES;
    }

    /** The token budget in effect: the options', else the default for the model's size. */
    long tokenBudget() {
        if (options.tokenBudget() > 0) return options.tokenBudget();
        return small ? Options.SMALL_MODEL_TOKEN_BUDGET : Options.DEFAULT_TOKEN_BUDGET;
    }

    /** The ONNX file and any external data files beside it (.onnx_data, .data). */
    private static long modelBytes(OnnxModel model) {
        java.nio.file.Path f = model.onnxFile();
        long total = 0;
        for (String suffix : List.of("", "_data", ".data")) {
            java.nio.file.Path p = f.resolveSibling(f.getFileName() + suffix);
            try {
                if (Files.isRegularFile(p)) total += Files.size(p);
            } catch (java.io.IOException e) {
                return Long.MAX_VALUE; // unknown: treat as large
            }
        }
        return total;
    }

    /**
     * Whether an export's precision means dynamic int8 quantization (DynamicQuantizeLinear +
     * MatMulInteger), whose activation scales are computed over the whole batch tensor.
     */
    static boolean dynamicallyQuantized(String precision) {
        String p = precision.toLowerCase(Locale.ROOT);
        return p.equals("int8") || p.equals("uint8") || p.equals("quantized");
    }

    /** The first {@code keep} values scaled to unit length. */
    static float[] normalised(float[] v, int keep) {
        float[] unit = dev.taskspace.embed.Vectors.unitPrefix(v, keep);
        if (unit == null) {
            boolean finite = true;
            for (int i = 0; i < keep; i++) finite &= Float.isFinite(v[i]);
            throw new TaskspaceException("the model produced a " + (finite ? "zero" : "non-finite")
                    + " vector: the model files may be damaged");
        }
        return unit;
    }

    private static long[] pastShape(String name, NodeInfo info) {
        long[] s = ((TensorInfo) info.getInfo()).getShape(); // [batch, kv_heads, past_seq, head_dim]
        if (s.length != 4 || s[1] <= 0 || s[3] <= 0) {
            throw new TaskspaceException("cannot feed " + name + ": its shape " + java.util.Arrays.toString(s)
                    + " does not say the number of key/value heads and the head size");
        }
        return new long[] {-1, s[1], 0, s[3]};
    }

    private static String pickOutput(Map<String, NodeInfo> outputs) {
        if (outputs.containsKey("last_hidden_state")) return "last_hidden_state";
        for (Map.Entry<String, NodeInfo> e : outputs.entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t && t.getShape().length == 3 && !e.getKey().startsWith("present")) {
                return e.getKey();
            }
        }
        throw new TaskspaceException("the model has no [batch, seq, hidden] output (its outputs: " + String.join(", ", outputs.keySet()) + ")");
    }

    private String describeLoadFailure(OrtException e) {
        String m = TextTokenizer.firstLine(e);
        if (m.contains("Protobuf parsing failed") || m.contains("ModelProto")) return "not a valid ONNX file (truncated or damaged?)";
        if (m.contains("onnx_data") || m.contains("external data") || m.contains("GetFileLength") || m.contains("open file")) {
            return "its external weights file is missing or damaged (" + m + "); keep the .onnx_data file beside the .onnx";
        }
        return m;
    }

    private static String describeRunFailure(OrtException e) {
        String m = TextTokenizer.firstLine(e);
        if (m.contains("indices element out of data bounds") || m.contains("out of range")) {
            return "a token id is beyond the model's vocabulary: the tokenizer.json does not belong to this model";
        }
        return m;
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException ignored) {
            // nothing more to free
        }
    }

    @Override
    public void close() {
        tokenizer.close();
        closeQuietly(session);
    }
}
