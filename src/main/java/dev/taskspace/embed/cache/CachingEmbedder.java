package dev.taskspace.embed.cache;

import dev.taskspace.Reporter;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.EmbeddingStats;
import dev.taskspace.embed.ModelInfo;
import dev.taskspace.embed.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a {@link VectorCache} in front of any embedder: texts whose vectors are stored under the
 * same {@link CacheKey} are not embedded again, and new vectors are stored batch by batch as
 * the embedder finishes them. A text that appears several times is embedded once.
 *
 * <pre>{@code
 * try (Embedder e = new CachingEmbedder(OnnxEmbedder.open(model, options), new VectorCache(cache.resolve("vectors")))) {
 *     Embedder.Result r = e.embed(texts, task, reporter);
 *     r.stats().cacheHits(); // texts served without the model
 * }
 * }</pre>
 *
 * Closing it closes the wrapped embedder.
 */
public final class CachingEmbedder implements Embedder {
    private final Embedder inner;
    private final VectorCache cache;
    private List<String> lastTexts; // guarded by this: the texts of the last call, and their hashes
    private byte[][] lastHashes;

    public CachingEmbedder(Embedder inner, VectorCache cache) {
        this.inner = inner;
        this.cache = cache;
    }

    @Override
    public ModelInfo info() {
        return inner.info();
    }

    @Override
    public int sampleTexts() {
        return inner.sampleTexts();
    }

    @Override
    public dev.taskspace.embed.EngineSettings engine() {
        return inner.engine();
    }

    @Override
    public Result embed(List<String> texts, Task task, Reporter reporter, BatchListener listener) {
        long start = System.nanoTime();
        ModelInfo info = inner.info();
        float[][] out = new float[texts.size()][];
        try (VectorCache.Shelf shelf = cache.open(CacheKey.of(info, inner.settings(), task), reporter)) {
            // The texts to embed, each once, with every position it fills.
            byte[][] textHashes = hashes(texts);
            Map<String, List<Integer>> missing = new LinkedHashMap<>();
            List<byte[]> todoHashes = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                float[] v = shelf.get(textHashes[i]);
                if (v != null && (info.dimensions() <= 0 || v.length == info.dimensions())) {
                    out[i] = v;
                    continue;
                }
                List<Integer> at = missing.get(texts.get(i));
                if (at == null) {
                    missing.put(texts.get(i), at = new ArrayList<>(1));
                    todoHashes.add(textHashes[i]);
                }
                at.add(i);
            }
            List<List<Integer>> positions = new ArrayList<>(missing.values());
            List<String> todo = List.copyOf(missing.keySet());
            int served = texts.size() - todo.size();
            for (int i = 0; i < out.length; i++) {
                if (out[i] != null) listener.done(new int[] {i}, new float[][] {out[i]});
            }
            if (todo.isEmpty()) {
                return new Result(out, EmbeddingStats.NONE.withCacheHits(served, Duration.ofNanos(System.nanoTime() - start)));
            }
            Result r = inner.embed(todo, task, reporter, (idx, vecs) -> {
                byte[][] hs = new byte[idx.length][];
                for (int k = 0; k < idx.length; k++) hs[k] = todoHashes.get(idx[k]);
                shelf.put(hs, vecs);
                forward(idx, vecs, positions, listener);
            });
            for (int k = 0; k < todo.size(); k++) {
                for (int i : positions.get(k)) out[i] = r.vectors()[k];
            }
            return new Result(out, r.stats().withCacheHits(served, Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    /**
     * The texts' SHA-256s, {@code [i]} for text i; the same texts as the last call (each task of
     * a run embeds the same corpus) reuse that call's, compared text by text.
     */
    private byte[][] hashes(List<String> texts) {
        synchronized (this) {
            if (texts.equals(lastTexts)) return lastHashes;
        }
        byte[][] h = new byte[texts.size()][];
        for (int i = 0; i < h.length; i++) h[i] = VectorCache.hash(texts.get(i));
        List<String> copy = List.copyOf(texts);
        synchronized (this) {
            lastTexts = copy;
            lastHashes = h;
        }
        return h;
    }

    /** Hands a finished batch of the embedded (deduplicated) texts to the caller's listener, by the caller's positions. */
    private static void forward(int[] idx, float[][] vecs, List<List<Integer>> positions, BatchListener listener) {
        if (listener == BatchListener.NONE) return;
        List<Integer> at = new ArrayList<>();
        List<float[]> vs = new ArrayList<>();
        for (int k = 0; k < idx.length; k++) {
            for (int i : positions.get(idx[k])) {
                at.add(i);
                vs.add(vecs[k]);
            }
        }
        listener.done(at.stream().mapToInt(Integer::intValue).toArray(), vs.toArray(new float[0][]));
    }

    /** The embedder behind the cache (for work whose vectors must not be kept, e.g. a timing sample). */
    public Embedder inner() {
        return inner;
    }

    /** The texts of {@code texts} whose vectors under {@code task} the cache does not have, each once, in order. */
    public List<String> uncached(List<String> texts, Task task) {
        ModelInfo info = inner.info();
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        try (VectorCache.Shelf shelf = cache.open(CacheKey.of(info, inner.settings(), task), Reporter.SILENT)) {
            for (String t : texts) {
                float[] v = shelf.get(VectorCache.hash(t));
                if (v == null || (info.dimensions() > 0 && v.length != info.dimensions())) seen.add(t);
            }
        }
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        inner.close();
    }
}
