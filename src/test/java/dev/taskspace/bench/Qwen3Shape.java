package dev.taskspace.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A Qwen3 decoder's shape (from its {@code config.json}) and the floating-point work of
 * embedding with it.
 *
 * <p>Useful FLOPs of a batch, per the formula: each real token costs
 * {@code 2 x P} (P: the non-embedding matrix parameters: q, k, v, o and the three MLP
 * projections of every layer; norms are element-wise and not counted) plus attention
 * {@code 2 x 2 x layers x seq x hidden_q} (QK^T and AV over {@code seq} positions, q width
 * {@code heads x head_dim}), with {@code seq} the batch's mean real length. Executed FLOPs count
 * what the graph computes: every padded slot, attention over the full padded width.
 */
record Qwen3Shape(int hidden, int layers, int heads, int kvHeads, int headDim, int intermediate) {

    static Qwen3Shape read(Path configJson) {
        try {
            JsonNode c = new ObjectMapper().readTree(configJson.toFile());
            int hidden = c.path("hidden_size").asInt();
            int heads = c.path("num_attention_heads").asInt();
            return new Qwen3Shape(hidden, c.path("num_hidden_layers").asInt(), heads, c.path("num_key_value_heads").asInt(),
                    c.path("head_dim").asInt(hidden / heads), c.path("intermediate_size").asInt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int hiddenQ() {
        return heads * headDim;
    }

    /** Non-embedding matrix parameters. */
    long matrixParameters() {
        long kv = (long) kvHeads * headDim;
        long attention = (long) hidden * hiddenQ() + 2L * hidden * kv + (long) hiddenQ() * hidden;
        long mlp = 3L * hidden * intermediate;
        return layers * (attention + mlp);
    }

    /** Attention FLOPs per token per position attended to: 2 x 2 x layers x hidden_q. */
    long attentionPerTokenPerPosition() {
        return 4L * layers * hiddenQ();
    }

    /** Useful FLOPs of the batches (index lists into {@code lengths}), per the formula. */
    double usefulFlops(List<int[]> batches, int[] lengths) {
        double total = 0;
        for (int[] b : batches) {
            long real = 0;
            for (int i : b) real += lengths[i];
            double meanSeq = (double) real / b.length;
            total += real * (2.0 * matrixParameters() + attentionPerTokenPerPosition() * meanSeq);
        }
        return total;
    }

    /** FLOPs the graph executes: padded slots through the matrices, attention over the padded width. */
    double executedFlops(List<int[]> batches, int[] lengths) {
        double total = 0;
        for (int[] b : batches) {
            long width = lengths[b[0]];
            long slots = width * b.length;
            total += slots * (2.0 * matrixParameters() + attentionPerTokenPerPosition() * (double) width);
        }
        return total;
    }

    String describe() {
        return String.format(java.util.Locale.ROOT,
                "hidden %d, %d layers, %d heads x %d (hidden_q %d), %d kv heads, MLP %d; P = %,d non-embedding matrix "
                        + "parameters; 2P = %.1f MFLOP/token; attention %,d FLOP per token per position",
                hidden, layers, heads, headDim, hiddenQ(), kvHeads, intermediate, matrixParameters(), 2.0 * matrixParameters() / 1e6,
                attentionPerTokenPerPosition());
    }
}
