package dev.taskspace.testing;

import dev.taskspace.Reporter;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.EmbeddingStats;
import dev.taskspace.embed.ModelInfo;
import dev.taskspace.embed.PromptStyle;
import dev.taskspace.embed.Task;
import dev.taskspace.internal.Hashing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A test double of {@link Embedder}: a deterministic unit vector per prompt (from a hash of
 * it), batches of a fixed size, and a record of every text it was asked to embed. It can be
 * told to fail after some batches, as a crash would.
 */
public final class CountingEmbedder implements Embedder {
    private final ModelInfo info;
    private final int batch;
    private final List<String> seen = new ArrayList<>();
    private int failAfterBatches = -1;
    private int batches;

    public CountingEmbedder(int dims, int batch) {
        this.info = new ModelInfo("counting", "test", "fp32", dims, true, PromptStyle.QWEN3);
        this.batch = batch;
    }

    /** Throws on the batch after the next {@code n} batches. */
    public CountingEmbedder failAfter(int n) {
        failAfterBatches = batches + n;
        return this;
    }

    /** Every text it embedded, in order, across calls. */
    public synchronized List<String> seen() {
        return List.copyOf(seen);
    }

    /** The vector it gives {@code text} under {@code task}. */
    public float[] expected(String text, Task task) {
        return vector(info.promptStyle().format(task, text), info.dimensions());
    }

    /** A deterministic unit vector for a prompt. */
    public static float[] vector(String prompt, int dims) {
        long seed = Arrays.hashCode(Hashing.sha256().digest(prompt.getBytes(StandardCharsets.UTF_8)));
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[dims];
        double sum = 0;
        for (int i = 0; i < dims; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
            sum += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < dims; i++) v[i] *= inv;
        return v;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public Result embed(List<String> texts, Task task, Reporter reporter, BatchListener listener) {
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += batch) {
            if (failAfterBatches >= 0 && batches >= failAfterBatches) throw new IllegalStateException("simulated crash");
            int to = Math.min(texts.size(), from + batch);
            int[] idx = new int[to - from];
            float[][] vs = new float[to - from][];
            for (int i = from; i < to; i++) {
                synchronized (this) {
                    seen.add(texts.get(i));
                }
                out[i] = expected(texts.get(i), task);
                idx[i - from] = i;
                vs[i - from] = out[i];
            }
            batches++;
            listener.done(idx, vs);
        }
        return new Result(out, new EmbeddingStats(texts.size(), 0, 0, 0, (texts.size() + batch - 1) / batch, Duration.ZERO));
    }

    @Override
    public void close() {}
}
