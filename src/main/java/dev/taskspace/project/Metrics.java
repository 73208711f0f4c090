package dev.taskspace.project;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeMap;

/**
 * Quality figures of an embedding or a layout, as plain functions over arrays, each equal to
 * scikit-learn's on the same data (tests: {@code MetricsSklearnTest}, fixtures from
 * {@code scripts/sklearn_metric_fixtures.py}).
 *
 * <p>Conventions: points are rows of float32 matrices {@code [n][d]}; labels are ints
 * 0..L-1 (the caller maps label strings; a value with no members is simply absent, as after
 * scikit-learn's LabelEncoder); {@code threads} is the number of worker threads (1 runs on the
 * calling thread). Distances are accumulated in double from the float32 values, so the figures
 * are scikit-learn's on the data converted to float64. Given float32 arrays, scikit-learn
 * computes in float32 (cosine) or rounds distances to float32 (euclidean), which moves a
 * silhouette by about 10^-8 and can swap near-tied neighbours.
 *
 * <p>Cost: every figure but {@link #jaccard} is one pass over all pairs of points, n^2 d / 2
 * multiply-adds (see {@link Neighbours}); memory stays O(n (k + L)) per thread, never n x n.
 * For large n, {@link #silhouette(float[][], int[], boolean, int, long, int)} and
 * {@link #trustworthiness(float[][], float[][], int, int, long, int)} evaluate a sample.
 */
public final class Metrics {
    private Metrics() {}

    /**
     * Fold of each sample for stratified k-fold cross-validation, deterministic for a seed.
     *
     * <p>The rule: classes are taken in order of first appearance in {@code labels} (as
     * scikit-learn's StratifiedKFold does); the members of each class, in index order, are
     * shuffled by Fisher-Yates with one {@code java.util.Random(seed)} (whose sequence Java
     * specifies), class after class; the resulting sequence is dealt round-robin: its p-th
     * sample gets fold {@code p % nFolds}. Fold sizes therefore differ by at most one, each
     * class's counts per fold differ by at most one, and the count of each class in each fold
     * equals scikit-learn's {@code StratifiedKFold(nFolds)} exactly; which samples go to which
     * fold differs (numpy's generator is not reproduced). A class smaller than nFolds is
     * allowed (some folds get none of it; scikit-learn only warns).
     *
     * @param labels [n] labels, each &ge; 0
     * @param nFolds 2 &le; nFolds &le; n
     * @return [n] fold of each sample, 0..nFolds-1
     */
    public static int[] stratifiedFolds(int[] labels, int nFolds, long seed) {
        int n = labels.length;
        int classes = labelCount(labels);
        if (nFolds < 2 || nFolds > n) throw new IllegalArgumentException("nFolds must be between 2 and n = " + n + ", got " + nFolds);
        // classes by first appearance
        int[] rank = new int[classes];
        Arrays.fill(rank, -1);
        int seen = 0;
        for (int label : labels) if (rank[label] < 0) rank[label] = seen++;
        int[] start = new int[seen + 1];
        for (int label : labels) start[rank[label] + 1]++;
        for (int c = 0; c < seen; c++) start[c + 1] += start[c];
        int[] order = new int[n]; // members of class 0, then class 1, ...; each in index order
        int[] fill = Arrays.copyOf(start, seen);
        for (int i = 0; i < n; i++) order[fill[rank[labels[i]]]++] = i;
        Random random = new Random(seed);
        for (int c = 0; c < seen; c++) {
            for (int p = start[c + 1] - 1; p > start[c]; p--) {
                int q = start[c] + random.nextInt(p - start[c] + 1);
                int t = order[p];
                order[p] = order[q];
                order[q] = t;
            }
        }
        int[] folds = new int[n];
        for (int p = 0; p < n; p++) folds[order[p]] = p % nFolds;
        return folds;
    }

    /**
     * Mean accuracy over folds of a k-NN classifier trained on the other folds: scikit-learn's
     * {@code cross_val_score(KNeighborsClassifier(n_neighbors=k, metric='cosine' or
     * 'euclidean', algorithm='brute'), X, y, cv=PredefinedSplit(folds)).mean()}.
     *
     * <p>Uniform weights and a majority vote; a tied vote goes to the smallest label (as
     * scikit-learn's mode does); candidates exactly as far away are taken by smaller index. The
     * mean is over folds, unweighted by fold size.
     *
     * @param x      [n][d] points
     * @param labels [n] labels
     * @param folds  [n] fold of each point (e.g. from {@link #stratifiedFolds}); as in
     *               PredefinedSplit, a point with a negative fold is never tested but always
     *               used for training
     * @param k      neighbours, at most the size of the smallest training set
     */
    public static double knnAccuracy(float[][] x, int[] labels, int[] folds, int k, boolean cosine, int threads) {
        int n = x.length;
        int classes = labelCount(labels);
        if (labels.length != n || folds.length != n) {
            throw new IllegalArgumentException(n + " points, " + labels.length + " labels and " + folds.length + " folds: they must match");
        }
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, got " + k);
        TreeMap<Integer, int[]> perFold = new TreeMap<>(); // fold -> {tested, correct}
        for (int f : folds) if (f >= 0) perFold.computeIfAbsent(f, key -> new int[2])[0]++;
        if (perFold.isEmpty()) throw new IllegalArgumentException("no fold has a test point (all folds are negative)");
        for (var e : perFold.entrySet()) {
            int training = n - e.getValue()[0];
            if (training < k) {
                throw new IllegalArgumentException("fold " + e.getKey() + " leaves " + training + " training points, fewer than k = " + k);
            }
        }
        return knnAccuracy(x, labels, folds, k, cosine, null, perFold, classes, threads);
    }

    /**
     * k-NN accuracy estimated on a random sample of test points: the same cross-validation
     * (folds, training sets, votes), but only sampleSize points are classified, each against
     * all training points of the other folds. Cost sampleSize x n x d instead of n^2 d / 2.
     * The sample is drawn as in {@link #silhouette(float[][], int[], boolean, int, long, int)};
     * sampleSize &ge; n gives the exact value.
     */
    public static double knnAccuracy(float[][] x, int[] labels, int[] folds, int k, boolean cosine, int sampleSize,
            long seed, int threads) {
        int n = x.length;
        if (sampleSize >= n) return knnAccuracy(x, labels, folds, k, cosine, threads);
        if (labels.length != n || folds.length != n) {
            throw new IllegalArgumentException(n + " points, " + labels.length + " labels and " + folds.length + " folds: they must match");
        }
        int classes = labelCount(labels);
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, got " + k);
        int[] tested = Arrays.stream(sample(n, sampleSize, seed)).filter(i -> folds[i] >= 0).toArray();
        TreeMap<Integer, int[]> perFold = new TreeMap<>();
        for (int i : tested) perFold.computeIfAbsent(folds[i], key -> new int[2])[0]++;
        if (perFold.isEmpty()) throw new IllegalArgumentException("no sampled point has a fold (all sampled folds are negative)");
        for (int f : perFold.keySet()) {
            long training = Arrays.stream(folds).filter(g -> g != f).count();
            if (training < k) throw new IllegalArgumentException("fold " + f + " leaves " + training + " training points, fewer than k = " + k);
        }
        return knnAccuracy(x, labels, folds, k, cosine, tested, perFold, classes, threads);
    }

    /** Classifies {@code queries} (null: every point with a fold) and averages per fold. */
    private static double knnAccuracy(float[][] x, int[] labels, int[] folds, int k, boolean cosine, int[] queries,
            TreeMap<Integer, int[]> perFold, int classes, int threads) {
        NeighboursTopK top = Neighbours.search(new NeighboursKernel(x, cosine), queries, k, threads, folds);
        int[] votes = new int[classes];
        for (int s = 0; s < top.slots; s++) {
            int i = queries == null ? s : queries[s];
            if (folds[i] < 0) continue;
            Arrays.fill(votes, 0);
            for (int m = 0; m < k; m++) votes[labels[top.index(s, m)]]++;
            int best = 0;
            for (int c = 1; c < classes; c++) if (votes[c] > votes[best]) best = c;
            if (best == labels[i]) perFold.get(folds[i])[1]++;
        }
        double sum = 0;
        for (int[] f : perFold.values()) sum += (double) f[1] / f[0];
        return sum / perFold.size();
    }

    /**
     * The mean silhouette coefficient: scikit-learn's {@code silhouette_score(X, labels,
     * metric='cosine' or 'euclidean')}. For each point, a = mean distance to the other members
     * of its label, b = the smallest mean distance to the members of another label, and
     * s = (b - a) / max(a, b); a point alone in its label has s = 0, and 0/0 counts as 0.
     *
     * @param x      [n][d] points
     * @param labels [n] labels; 2 &le; number of distinct labels &le; n - 1
     */
    public static double silhouette(float[][] x, int[] labels, boolean cosine, int threads) {
        return MetricsSilhouette.score(x, labels, cosine, threads);
    }

    /**
     * The silhouette of a random sample of the points, as scikit-learn's {@code
     * silhouette_score(..., sample_size=sampleSize, random_state=seed)} does it: the score of
     * the sampled points among themselves (distances to unsampled points are not used). Cost
     * sampleSize^2 d / 2 instead of n^2 d / 2: at 100,000 x 1024, a sample of 10,000 takes
     * seconds where the full score would take minutes. The sample is drawn without replacement
     * by a Fisher-Yates shuffle with {@code java.util.Random(seed)} (not numpy's generator, so
     * not scikit-learn's sample); sampleSize &ge; n gives the exact score.
     */
    public static double silhouette(float[][] x, int[] labels, boolean cosine, int sampleSize, long seed, int threads) {
        if (labels.length != x.length) throw new IllegalArgumentException(x.length + " points but " + labels.length + " labels");
        if (sampleSize >= x.length) return silhouette(x, labels, cosine, threads);
        int[] sample = sample(x.length, sampleSize, seed);
        float[][] xs = new float[sample.length][];
        int[] ls = new int[sample.length];
        for (int s = 0; s < sample.length; s++) {
            xs[s] = x[sample[s]];
            ls[s] = labels[sample[s]];
        }
        return silhouette(xs, ls, cosine, threads);
    }

    /**
     * Trustworthiness of a low-dimensional layout: scikit-learn's {@code
     * sklearn.manifold.trustworthiness(high, low, n_neighbors=k)}, euclidean in both spaces.
     * Each point's k nearest neighbours in the layout that are not among its k nearest in the
     * original space are penalised by how far down the original ranking they are:
     * T = 1 - 2 / (n k (2n - 3k - 1)) * sum over points i and layout neighbours j of
     * max(0, rank_high(i, j) - k).
     *
     * <p>On unit vectors (taskspace normalises embeddings), |a - b|^2 = 2 - 2 cos(a, b), so
     * euclidean and cosine distances rank neighbours identically and this is also the cosine
     * trustworthiness. Ties are ranked by index (scikit-learn's order is unspecified there).
     *
     * <p>Cost: one pass over all pairs of the original space plus one of the layout (n^2 d / 2;
     * about 15 s at 18,846 x 1024 on 2 cores, minutes at 100,000: use the sampled variant there).
     * Memory O(n k) per thread.
     *
     * @param high [n][D] original points
     * @param low  [n][d] the same points in the layout
     * @param k    1 &le; k &lt; n / 2 (scikit-learn's bound)
     */
    public static double trustworthiness(float[][] high, float[][] low, int k, int threads) {
        return MetricsTrustworthiness.score(high, low, k, null, threads);
    }

    /**
     * Trustworthiness estimated from a random sample of evaluated points: the same sum over a
     * sample of sampleSize points (each still ranked against all n points in both spaces),
     * scaled by n / sampleSize. Unbiased for the exact value; cost sampleSize x n x D instead of
     * n^2 D / 2: 1,000 points of 100,000 x 1024 take about 8 s on 2 cores (BENCHMARKS.md),
     * the full value would take minutes. The sample is drawn as in
     * {@link #silhouette(float[][], int[], boolean, int, long, int)}; sampleSize &ge; n gives
     * the exact value.
     */
    public static double trustworthiness(float[][] high, float[][] low, int k, int sampleSize, long seed, int threads) {
        if (sampleSize >= high.length) return trustworthiness(high, low, k, threads);
        if (sampleSize < 1) throw new IllegalArgumentException("sampleSize must be at least 1, got " + sampleSize);
        return MetricsTrustworthiness.score(high, low, k, sample(high.length, sampleSize, seed), threads);
    }

    /**
     * Per point, |A ∩ B| / |A ∪ B| of its neighbour sets in two spaces (the same points, e.g.
     * two tasks' full-dimensional spaces): 1 = same neighbours, 0 = none shared. Drift from a
     * task is 1 minus this. Repeated indices in a list count once.
     *
     * @param knnA [n][kA] neighbour indices of each point in space A (e.g. {@link Neighbours#knn})
     * @param knnB [n][kB] the same points' neighbours in space B
     * @return [n] overlap of each point
     */
    public static double[] jaccard(int[][] knnA, int[][] knnB) {
        if (knnA.length != knnB.length) throw new IllegalArgumentException(knnA.length + " points in A but " + knnB.length + " in B");
        double[] out = new double[knnA.length];
        for (int i = 0; i < knnA.length; i++) {
            int[] a = sortedDistinct(knnA[i]), b = sortedDistinct(knnB[i]);
            if (a.length == 0 && b.length == 0) throw new IllegalArgumentException("point " + i + " has no neighbours in either list");
            int p = 0, q = 0, common = 0;
            while (p < a.length && q < b.length) {
                if (a[p] == b[q]) {
                    common++;
                    p++;
                    q++;
                } else if (a[p] < b[q]) {
                    p++;
                } else {
                    q++;
                }
            }
            out[i] = (double) common / (a.length + b.length - common);
        }
        return out;
    }

    private static int[] sortedDistinct(int[] row) {
        int[] s = row.clone();
        Arrays.sort(s);
        int m = 0;
        for (int v : s) if (m == 0 || s[m - 1] != v) s[m++] = v;
        return Arrays.copyOf(s, m);
    }

    /** L = largest label + 1, after checking that no label is negative. */
    static int labelCount(int[] labels) {
        int max = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) throw new IllegalArgumentException("label of point " + i + " is negative: " + labels[i]);
            max = Math.max(max, labels[i]);
        }
        if (max < 0) throw new IllegalArgumentException("no labels");
        return max + 1;
    }

    /** sampleSize distinct indices of 0..n-1, ascending: a partial Fisher-Yates shuffle with Random(seed). */
    static int[] sample(int n, int sampleSize, long seed) {
        if (sampleSize < 1 || sampleSize > n) throw new IllegalArgumentException("sampleSize must be between 1 and n = " + n + ", got " + sampleSize);
        int[] s = shuffledPrefix(n, sampleSize, new Random(seed)::nextInt);
        Arrays.sort(s);
        return s;
    }

    /**
     * The first {@code k} of a partial Fisher-Yates shuffle of 0..n-1, in drawn order;
     * {@code below.applyAsInt(m)} draws uniformly from 0..m-1.
     */
    static int[] shuffledPrefix(int n, int k, java.util.function.IntUnaryOperator below) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        for (int p = 0; p < k; p++) {
            int q = p + below.applyAsInt(n - p);
            int t = all[p];
            all[p] = all[q];
            all[q] = t;
        }
        return Arrays.copyOf(all, k);
    }
}
