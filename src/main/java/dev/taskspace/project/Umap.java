package dev.taskspace.project;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;

/**
 * UMAP to 2-D, our own implementation of umap-learn's algorithm, tuned for embeddings:
 *
 * <ol>
 *   <li>vectors scaled to unit length, so euclidean neighbours are cosine neighbours;</li>
 *   <li>the n_neighbors - 1 nearest neighbours of every point ({@link KnnGraph}: exact up to
 *       20,000 points, approximate above); from 10,001 to 20,000 points the n_neighbors - 1 of
 *       its 2 n_neighbors - 1 nearest that its neighbourhood supports ({@link UmapSupport});</li>
 *   <li>the fuzzy neighbour graph ({@link UmapGraph}), edges lighter than max / epochs dropped;</li>
 *   <li>a start from the data's first two principal components (umap-learn's {@code init="pca"},
 *       scaled to [-10, 10]; {@link UmapInit});</li>
 *   <li>{@code epochs} of stochastic gradient descent ({@link UmapOptimizer}) with the curve
 *       that min_dist gives ({@link UmapCurve}); 500 epochs up to 10,000 points as umap-learn,
 *       350 above (umap-learn's 200 left our layouts of large sets less trustworthy than umap-js's
 *       on the same vectors; BENCHMARKS.md, "Projection").</li>
 * </ol>
 * The same input and seed give the same layout bit for bit, on any number of threads.
 * We wrote it because the Java UMAP libraries were too slow for a full corpus (tag-bio's
 * umap-java: 27 s for 18,846 x 1024 on one thread, its only reproducible mode; see BENCHMARKS.md).
 *
 * @param neighbours n_neighbors, counting the point itself as umap-learn does (15)
 * @param minDist    min_dist (0.1)
 * @param seed       the random seed (42)
 * @param threads    worker threads; they change the speed, never the layout
 * @param epochs     optimisation epochs, 0 for the default (500 up to 10,000 points, else 350)
 */
public record Umap(int neighbours, float minDist, long seed, int threads, int epochs) {
    public static final Umap DEFAULT = new Umap(15, 0.1f, 42, Runtime.getRuntime().availableProcessors(), 0);

    public Umap {
        if (neighbours < 2) throw new IllegalArgumentException("UMAP needs at least 2 neighbours, got " + neighbours);
        if (!(minDist >= 0)) throw new IllegalArgumentException("min_dist must not be negative, got " + minDist);
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (epochs < 0) throw new IllegalArgumentException("epochs must not be negative, got " + epochs);
    }

    /** The default number of epochs. */
    public Umap(int neighbours, float minDist, long seed, int threads) {
        this(neighbours, minDist, seed, threads, 0);
    }

    /**
     * Above this many points, and up to {@link KnnGraph#EXACT_LIMIT}, the layout pulls together
     * each point's supported neighbours ({@link UmapSupport}: k of its 2k + 1 nearest); elsewhere
     * its k nearest. Maps of up to 10,000 points are those of before 2026-12-08. Above the exact
     * limit the approximate search already misses most unsupported neighbours, and the filter
     * bought nothing at 100,000 points for a quarter more CPU (BENCHMARKS.md, "Closing the
     * trustworthiness gap").
     */
    static final int SUPPORTED_ABOVE = 10_000;

    /** Neighbours searched per point for the layout of {@code n} points (the point itself not counted). */
    int candidates(int n) {
        int k = neighbours - 1;
        return n > SUPPORTED_ABOVE && n <= KnnGraph.EXACT_LIMIT ? Math.min(2 * k + 1, n - 1) : k;
    }

    /** The epochs a fit of {@code n} points runs. */
    public int epochsFor(int n) {
        return epochs > 0 ? epochs : (n <= 10_000 ? 500 : 350);
    }

    /** The 2-D layout [n][2] of {@code vectors} [n][d]; progress goes from 0 to 100. */
    public float[][] fit(float[][] vectors, Reporter.Progress progress) {
        return project(vectors, 0, progress).layout();
    }

    /**
     * A layout and the neighbour lists it was built from.
     *
     * @param layout     [n][2]
     * @param neighbours [n][keep] each point's nearest others by cosine, nearest first (as
     *                   {@link KnnGraph} found them: exact up to its size limit, approximate above)
     */
    public record Projection(float[][] layout, int[][] neighbours) {}

    /**
     * The layout of {@code vectors} [n][d], and the {@code keep} nearest neighbours of every
     * point from the same neighbour search (so a caller that needs them does not search twice).
     */
    public Projection project(float[][] vectors, int keep, Reporter.Progress progress) {
        return project(vectors, keep, progress, false);
    }

    /**
     * {@link #project(float[][], int, Reporter.Progress)}; with {@code overwrite}, each row of
     * {@code vectors} is scaled to unit length in place ({@link #unitLength}) instead of copied: the caller's vectors are no longer as given, and the fit holds one copy of them,
     * not two (4.1 GB less at 1,000,000 x 1024).
     */
    public Projection project(float[][] vectors, int keep, Reporter.Progress progress, boolean overwrite) {
        int n = vectors.length;
        if (n <= neighbours) {
            throw new TaskspaceException("UMAP with " + neighbours + " neighbours needs more than " + neighbours
                    + " documents; the corpus has " + n + ": lower --umap-neighbours below " + n + ", or use a larger corpus");
        }
        if (keep < 0 || keep >= n) throw new IllegalArgumentException("cannot keep " + keep + " neighbours of " + n + " points");
        float[][] unit = overwrite ? vectors : new float[n][];
        for (int i = 0; i < n; i++) unit[i] = overwrite ? unitLength(vectors[i], vectors[i]) : unitLength(vectors[i]);
        int k = neighbours - 1;
        int searched = Math.max(candidates(n), keep);
        KnnGraph nn = KnnGraph.build(unit, searched, seed, threads, new Part(progress, 0, 40));
        progress.stepTo(40);
        float[][] out = layout(unit, nn, progress);
        int[][] kept = new int[n][];
        for (int i = 0; i < n; i++) kept[i] = java.util.Arrays.copyOfRange(nn.index(), i * searched, i * searched + keep);
        return new Projection(out, kept);
    }

    /**
     * The layout of unit-length {@code unit} [n][d] from a neighbour graph already built (self
     * excluded, nearest first; at least {@link #candidates} per row: n_neighbors - 1, or from
     * {@link #SUPPORTED_ABOVE} + 1 to 20,000 points 2 n_neighbors - 1 of which the supported
     * n_neighbors - 1 are used; a narrower graph is laid out as it is, nearest first); progress from 40 to 100.
     * Public for benchmarks that lay out another implementation's graph.
     */
    public float[][] layout(float[][] unit, KnnGraph nn, Reporter.Progress progress) {
        int n = unit.length, k = neighbours - 1, searched = nn.k();
        if (nn.n() != n || searched < k) throw new IllegalArgumentException("a graph of " + nn.n() + " x " + searched + " for " + n + " points and " + k + " neighbours");
        int wide = candidates(n);
        if (wide > k && searched >= wide) { // 10,001 to 20,000 points: the k supported ones of 2k + 1 (UmapSupport)
            nn = UmapSupport.select(nn, k, wide);
            searched = k;
        }
        int[] index = nn.index();
        float[] distance = nn.distance();
        if (searched > k) { // the layout uses the first k of each row
            index = new int[n * k];
            distance = new float[n * k];
            for (int i = 0; i < n; i++) {
                System.arraycopy(nn.index(), i * searched, index, i * k, k);
                System.arraycopy(nn.distance(), i * searched, distance, i * k, k);
            }
        }
        UmapGraph graph = UmapGraph.fuzzy(n, k, index, distance);
        int epochs = epochsFor(n);
        graph = graph.pruned(graph.maxWeight() / epochs);
        float[] layout = UmapInit.pca(unit, seed);
        progress.stepTo(45);
        UmapOptimizer.optimise(graph, layout, UmapCurve.fit(minDist, 1.0), epochs, seed, threads, progress, 45, 100);
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) out[i] = new float[] {layout[2 * i], layout[2 * i + 1]};
        return out;
    }

    /** A stretch [from, to] of a percentage bar, seen as a bar of its own from 0 to 100. */
    private record Part(Reporter.Progress whole, int from, int to) implements Reporter.Progress {
        @Override
        public void stepBy(long n) {}

        @Override
        public void stepTo(long n) {
            whole.stepTo(from + (to - from) * Math.max(0, Math.min(100, n)) / 100);
        }

        @Override
        public void message(String text) {
            whole.message(text);
        }

        @Override
        public void close() {}
    }

    /** A copy of {@code v} at unit length, as a fit scales its input (public for benchmarks). */
    public static float[] unitLength(float[] v) {
        return unitLength(v, new float[v.length]);
    }

    /** {@code v} at unit length, written into {@code out} (which may be {@code v}); a zero or non-finite {@code v} as it is. */
    static float[] unitLength(float[] v, float[] out) {
        double s = 0;
        for (float x : v) s += (double) x * x;
        if (!(s > 0)) {
            System.arraycopy(v, 0, out, 0, v.length);
            return out;
        }
        float inv = (float) (1 / Math.sqrt(s));
        for (int i = 0; i < v.length; i++) out[i] = v[i] * inv;
        return out;
    }
}
