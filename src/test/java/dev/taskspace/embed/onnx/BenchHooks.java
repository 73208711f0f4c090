package dev.taskspace.embed.onnx;

import dev.taskspace.embed.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * For the benchmarks in {@code dev.taskspace.bench} only: the engine's own prompt building,
 * tokenization and batch plan, so that a benchmark can count the work of each batch exactly as
 * {@link OnnxEmbedder} forms it, without re-implementing either.
 */
public final class BenchHooks {
    private BenchHooks() {}

    /** The strings the engine sends to the tokenizer for {@code texts} under {@code task}. */
    public static List<String> prompts(OnnxModel model, Task task, List<String> texts) {
        List<String> out = new ArrayList<>(texts.size());
        for (String t : texts) out.add(model.textPrefix() + model.promptStyle().format(task, t));
        return out;
    }

    /** Token count of each prompt, capped and with special tokens, as {@link OnnxEmbedder#embed} sees it. */
    public static int[] tokenLengths(OnnxModel model, OnnxEmbedder.Options options, List<String> prompts) {
        int cap = model.maxTokens() > 0 ? Math.min(model.maxTokens(), options.maxTokens()) : options.maxTokens();
        try (TextTokenizer tokenizer = TextTokenizer.open(model.tokenizerFile(), model.endToken(), cap)) {
            TextTokenizer.Tokens[] tokens = tokenizer.encode(prompts);
            int[] lengths = new int[tokens.length];
            for (int i = 0; i < tokens.length; i++) lengths[i] = tokens[i].ids().length;
            return lengths;
        }
    }

    /**
     * The batches (text indices, longest first) the engine forms for a batched (fp32) model; an
     * automatic token budget is the large-model one (these benchmarks run Qwen3).
     */
    public static List<int[]> plan(int[] lengths, OnnxEmbedder.Options options) {
        long budget = options.tokenBudget() > 0 ? options.tokenBudget() : OnnxEmbedder.Options.DEFAULT_TOKEN_BUDGET;
        return Batcher.plan(lengths, budget, options.cellBudget(), options.maxBatch());
    }

    /** The engine with or without its graph rewrite ({@link GraphRewrite}), and how many layer norms it fused. */
    public static OnnxEmbedder open(OnnxModel model, OnnxEmbedder.Options options, boolean rewriteGraph) {
        return OnnxEmbedder.open(model, options, rewriteGraph);
    }

    public static int fusedLayerNorms(OnnxEmbedder e) {
        return e.fusedLayerNorms();
    }

    /** The model's graph as the engine would load it after {@link GraphRewrite}, or empty when nothing is rewritten. */
    public static java.util.Optional<byte[]> rewrittenGraph(OnnxModel model) {
        return GraphRewrite.skipLayerNorms(model.onnxFile()).map(GraphRewrite.Result::model);
    }
}
