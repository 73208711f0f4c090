package dev.taskspace.project;

import dev.taskspace.Reporter;
import java.util.Objects;

/**
 * The k nearest neighbours of every row of a set of unit vectors (self excluded), for the UMAP
 * layout: row i's neighbours are {@code index[i*k .. i*k+k)}, nearest first (as near: smaller
 * index first), with their euclidean distances (not squared) in {@code distance}.
 *
 * <p>{@link #build} chooses the method by size:
 * <ul>
 *   <li>up to {@link #EXACT_LIMIT} rows, exact brute force in float32 ({@link KnnExact}): n^2 d / 2
 *       multiply-adds in tiles, about 2 s for 18,846 x 1024 on 2 cores with the Vector API;</li>
 *   <li>above it, approximate ({@link KnnApprox}): a spherical k-means partition, exact search of
 *       each part against its 24 nearest parts, then a round of neighbour descent; about
 *       24 n^1.5 d multiply-adds (see BENCHMARKS.md for time and recall).</li>
 * </ul>
 * Distances come from float32 dot products ({@code |a|^2 + |b|^2 - 2 a.b}), so near-ties may rank
 * differently from {@link Neighbours#knn}'s double precision. The graph depends only on the input
 * and the seed: not on the number of threads, nor on whether the Vector API kernel runs
 * ({@link KnnKernel}: both kernels give the same bits); memory is O(n k) plus the input.
 *
 * @param n        rows
 * @param k        neighbours per row
 * @param index    [n * k] neighbour rows
 * @param distance [n * k] euclidean distances, ascending within a row
 */
public record KnnGraph(int n, int k, int[] index, float[] distance) {
    /**
     * Largest n searched exactly (BENCHMARKS.md, "kNN graph"), whichever kernel runs: the method,
     * like the kernel's bits, must not depend on the JVM, or a map would too.
     */
    static final int EXACT_LIMIT = 20_000;

    public KnnGraph {
        if (n < 2 || k < 1 || k >= n) throw new IllegalArgumentException("need n >= 2 and 1 <= k < n, got n = " + n + ", k = " + k);
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(distance, "distance");
        if (index.length != (long) n * k || distance.length != (long) n * k) {
            throw new IllegalArgumentException("index and distance need n * k = " + (long) n * k + " entries, got "
                    + index.length + " and " + distance.length);
        }
    }

    /** The m-th nearest neighbour of row i (m = 0 is the nearest). */
    public int neighbour(int i, int m) {
        return index[i * k + Objects.checkIndex(m, k)];
    }

    /** The euclidean distance from row i to its m-th nearest neighbour. */
    public float distance(int i, int m) {
        return distance[i * k + Objects.checkIndex(m, k)];
    }

    /**
     * Builds the graph.
     *
     * @param unitVectors [n][d] L2-normalised rows (other finite rows work, but the approximate
     *                    partition assumes directions matter)
     * @param k           neighbours per row, 1 &le; k &lt; n
     * @param seed        seed of the approximate method (the exact one ignores it)
     * @param threads     worker threads, &ge; 1
     * @param progress    moved from 0 to 100 (open it with total 100)
     * @throws IllegalArgumentException for k out of range, no rows, ragged rows, NaN or infinite
     *                                  values, threads &lt; 1
     */
    public static KnnGraph build(float[][] unitVectors, int k, long seed, int threads, Reporter.Progress progress) {
        return build(unitVectors, k, seed, threads, progress, -1);
    }

    /** {@link #build}, searching exactly up to {@code exactLimit} rows (-1: {@link #EXACT_LIMIT}). */
    static KnnGraph build(float[][] x, int k, long seed, int threads, Reporter.Progress progress, int exactLimit) {
        return build(x, k, seed, threads, progress, exactLimit, KnnKernel.get(), KnnApprox.Params.DEFAULT);
    }

    /** {@link #build} with a given kernel and approximate method's knobs (tests, benchmarks). */
    static KnnGraph build(float[][] x, int k, long seed, int threads, Reporter.Progress progress, int exactLimit, KnnKernel kernel,
            KnnApprox.Params params) {
        Objects.requireNonNull(progress, "progress (use Reporter.Progress.NONE)");
        validate(x, k, threads);
        int n = x.length;
        float[] sq = new float[n]; // [n] squared norms
        for (int i = 0; i < n; i++) sq[i] = kernel.dot(x[i], x[i]);
        int limit = exactLimit >= 0 ? exactLimit : EXACT_LIMIT;
        progress.stepTo(0);
        Rows rows = n <= limit
                ? KnnExact.search(x, sq, k, threads, kernel, progress)
                : KnnApprox.search(x, sq, k, seed, threads, kernel, params, progress);
        progress.stepTo(100);
        return rows.toGraph();
    }

    private static void validate(float[][] x, int k, int threads) {
        Objects.requireNonNull(x, "vectors");
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        int n = x.length;
        if (n < 2) throw new IllegalArgumentException("need at least 2 vectors, got " + n);
        if (k < 1 || k >= n) throw new IllegalArgumentException("k must be between 1 and n - 1 = " + (n - 1) + ", got " + k);
        if (x[0] == null || x[0].length == 0) throw new IllegalArgumentException("vector 0 is " + (x[0] == null ? "null" : "empty"));
        int d = x[0].length;
        for (int i = 0; i < n; i++) {
            float[] r = x[i];
            if (r == null || r.length != d) {
                throw new IllegalArgumentException("vector " + i + " has " + (r == null ? "no" : r.length) + " values, vector 0 has " + d);
            }
            for (int t = 0; t < d; t++) {
                if (!Float.isFinite(r[t])) throw new IllegalArgumentException("vector " + i + " has a NaN or infinite value at " + t);
            }
        }
    }

    /** Squared distance from dot products and squared norms, in float, symmetric in i and j. */
    static float squared(float[] sq, int i, int j, float dot) {
        return Math.max(0f, (sq[i] + sq[j]) - 2f * dot);
    }

    /**
     * The search methods' result: [n * k] neighbours and squared distances, each row sorted by
     * squared distance, then index.
     */
    record Rows(int n, int k, int[] index, float[] squared) {
        static Rows of(NeighboursTopK top) {
            int n = top.slots, k = top.k;
            int[] index = new int[n * k];
            float[] sq = new float[n * k];
            for (int i = 0; i < n; i++) {
                if (top.count(i) != k) throw new IllegalStateException("row " + i + " found " + top.count(i) + " of " + k + " neighbours");
                for (int m = 0; m < k; m++) {
                    index[i * k + m] = top.index(i, m);
                    sq[i * k + m] = (float) top.distance(i, m);
                }
            }
            return new Rows(n, k, index, sq);
        }

        /** Square roots, re-sorted where rounding made two distances equal. */
        KnnGraph toGraph() {
            float[] dist = new float[n * k];
            int[] idx = index.clone();
            for (int i = 0; i < n; i++) {
                int base = i * k;
                for (int m = 0; m < k; m++) {
                    float v = (float) Math.sqrt(squared[base + m]);
                    int j = idx[base + m], c = m;
                    // insertion: equal distances by index (only rounding can have unsorted them)
                    while (c > 0 && (dist[base + c - 1] > v || (dist[base + c - 1] == v && idx[base + c - 1] > j))) {
                        dist[base + c] = dist[base + c - 1];
                        idx[base + c] = idx[base + c - 1];
                        c--;
                    }
                    dist[base + c] = v;
                    idx[base + c] = j;
                }
            }
            return new KnnGraph(n, k, idx, dist);
        }
    }
}
