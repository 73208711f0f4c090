package dev.taskspace.embed.onnx;

/** How one vector is taken from a text's token states. */
public enum Pooling {
    /** The state of the last real token (Qwen3-Embedding, with its end token last). */
    LAST_TOKEN,
    /** The mean over the real tokens (all-MiniLM-L6-v2, e5). */
    MEAN,
    /** The state of the first token, {@code [CLS]} (bge). */
    CLS;

    /**
     * The pooling named {@code name} as {@link #name()} spells it (as {@code embeddings.json}
     * records it); an unknown name is an error, never a default.
     */
    public static Pooling named(String name) {
        for (Pooling p : values()) if (p.name().equals(name)) return p;
        throw new dev.taskspace.TaskspaceException("unknown pooling \"" + name + "\" (known: LAST_TOKEN, MEAN, CLS)");
    }

    /**
     * Pools one row of a batch.
     *
     * @param hidden [batch, seq, dim] row-major
     * @param mask   [batch, seq] row-major, 1 for real tokens
     * @param row    which row
     * @param out    receives {@code dim} values
     */
    void pool(float[] hidden, long[] mask, int row, int seq, int dim, float[] out) {
        int base = row * seq;
        switch (this) {
            case LAST_TOKEN -> {
                int last = seq - 1;
                while (last > 0 && mask[base + last] == 0) last--;
                System.arraycopy(hidden, (base + last) * dim, out, 0, dim);
            }
            case CLS -> {
                int first = 0;
                while (first < seq - 1 && mask[base + first] == 0) first++;
                System.arraycopy(hidden, (base + first) * dim, out, 0, dim);
            }
            case MEAN -> {
                java.util.Arrays.fill(out, 0f);
                int n = 0;
                for (int t = 0; t < seq; t++) {
                    if (mask[base + t] == 0) continue;
                    int off = (base + t) * dim;
                    for (int d = 0; d < dim; d++) out[d] += hidden[off + d];
                    n++;
                }
                if (n > 0) for (int d = 0; d < dim; d++) out[d] /= n;
            }
        }
    }
}
