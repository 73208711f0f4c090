package dev.taskspace.project;

import java.util.List;

/**
 * Exact k nearest neighbours (self excluded), sorted by distance then index.
 *
 * <p>Brute force over all pairs, in double precision from float32 input: the same neighbours as
 * scikit-learn's {@code NearestNeighbors(metric=..., algorithm='brute').kneighbors()} on the
 * data converted to float64, except that where several candidates are exactly as far away, the
 * smaller index comes first (scikit-learn leaves that order unspecified).
 *
 * <p>Cost: n^2 d / 2 multiply-adds, double FMAs: scalar at up to 2 per cycle per core, or about
 * 4x that on the Vector API when {@code jdk.incubator.vector} is present (see
 * {@link NeighboursKernel}). On the 2 shared cores of BENCHMARKS.md the scalar kernel takes under
 * 0.1 s at 800 x 1024 and about 12 s at 18,846 x 1024; 100,000 x 1024 would take minutes (use
 * {@link KnnGraph}'s approximate neighbours at that size). Memory: n x k entries per thread,
 * never n x n.
 */
public final class Neighbours {
    private Neighbours() {}

    /**
     * The k nearest neighbours of every row.
     *
     * @param x       [n][d] rows (all of length d, finite values)
     * @param k       neighbours per row, 1 &le; k &lt; n
     * @param cosine  true: distance 1 - cos (vectors need not be unit length; a zero vector is
     *                at distance 1 from everything); false: euclidean
     * @param threads worker threads (1 runs on the calling thread)
     * @return [n][k] row indices, nearest first, never the row itself
     * @throws IllegalArgumentException for k out of range, ragged rows, NaN or infinite values
     */
    public static int[][] knn(float[][] x, int k, boolean cosine, int threads) {
        return search(new NeighboursKernel(x, cosine), null, k, threads, null).indices();
    }

    /**
     * The k nearest rows of each query, sorted, with their distances (squared for euclidean).
     *
     * @param queries the rows to search for, or null for all rows; slot s of the result is
     *                queries[s] (or row s)
     * @param fold    null: a query never finds itself. Otherwise [n] fold per row, for
     *                cross-validation: a query with fold &lt; 0 is not searched (it keeps no
     *                neighbours), and a query finds only rows of another fold (rows with fold &lt; 0
     *                belong to every training set)
     */
    static NeighboursTopK search(NeighboursKernel kernel, int[] queries, int k, int threads, int[] fold) {
        int n = kernel.size();
        if (fold == null && (k < 1 || k >= n)) {
            throw new IllegalArgumentException("k must be between 1 and n - 1 = " + (n - 1) + ", got " + k);
        }
        if (fold != null && fold.length != n) throw new IllegalArgumentException(fold.length + " folds for " + n + " rows");
        int slots = queries == null ? n : queries.length;
        List<Collector> parts = queries == null
                ? kernel.allPairs(threads, () -> new Collector(slots, k, fold))
                : kernel.rowsAgainstAll(queries, threads, () -> new Collector(slots, k, fold));
        NeighboursTopK top = parts.get(0).top;
        for (int p = 1; p < parts.size(); p++) top.addAll(parts.get(p).top);
        top.sort();
        return top;
    }

    /** One thread's heaps. */
    private static final class Collector implements NeighboursKernel.Visitor {
        final NeighboursTopK top;
        private final int[] fold; // [n] or null

        Collector(int slots, int k, int[] fold) {
            this.top = new NeighboursTopK(slots, k);
            this.fold = fold;
        }

        private boolean allowed(int query, int candidate) {
            if (fold == null) return query != candidate;
            return fold[query] >= 0 && fold[candidate] != fold[query];
        }

        @Override
        public void tile(int[] rows, int r0, int aLen, int j0, int bLen, double[] dist, boolean mirrored) {
            int tile = NeighboursKernel.TILE;
            for (int a = 0; a < aLen; a++) {
                int slot = r0 + a, i = rows[slot];
                for (int b = 0; b < bLen; b++) {
                    int j = j0 + b;
                    double d = dist[a * tile + b];
                    if (allowed(i, j)) top.offer(slot, d, j);
                    // mirrored tiles come only from allPairs, where slot == row
                    if (mirrored && allowed(j, i)) top.offer(j, d, i);
                }
            }
        }
    }
}
