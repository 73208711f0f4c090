package dev.taskspace.project;

import java.util.List;

/**
 * {@link Metrics#silhouette}: per point, the sum of its distances to each label's members.
 *
 * <p>The sums are kept in 64-bit fixed point (distance x 2^s, s chosen so that no sum can
 * overflow): integer addition does not depend on the order in which the threads deliver the
 * tiles, so the score is the same to the last bit for any number of threads. The resolution
 * (2^-s, about n x the largest distance / 2^62) is far below double rounding of the mean.
 */
final class MetricsSilhouette {
    private MetricsSilhouette() {}

    static double score(float[][] x, int[] labels, boolean cosine, int threads) {
        int n = x.length;
        if (labels.length != n) throw new IllegalArgumentException(n + " points but " + labels.length + " labels");
        int classes = Metrics.labelCount(labels);
        int[] members = new int[classes];
        for (int label : labels) members[label]++;
        int present = 0;
        for (int m : members) if (m > 0) present++;
        if (present < 2 || present > n - 1) {
            throw new IllegalArgumentException("silhouette needs 2 to n - 1 = " + (n - 1) + " distinct labels, found " + present);
        }
        NeighboursKernel kernel = new NeighboursKernel(x, cosine);
        double scale = scale(n, cosine ? 2 : 2 * maxNorm(x));
        List<Sums> parts = kernel.allPairs(threads, () -> new Sums(n, classes, labels, !cosine, scale));
        long[] fixed = parts.get(0).sums; // [n][classes]
        for (int p = 1; p < parts.size(); p++) {
            long[] other = parts.get(p).sums;
            for (int e = 0; e < fixed.length; e++) fixed[e] += other[e];
        }
        double[] sums = new double[fixed.length];
        for (int e = 0; e < fixed.length; e++) sums[e] = fixed[e] / scale;
        double total = 0;
        for (int i = 0; i < n; i++) {
            int own = labels[i];
            if (members[own] == 1) continue; // alone in its label: s = 0
            double a = sums[i * classes + own] / (members[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                if (c != own && members[c] > 0) b = Math.min(b, sums[i * classes + c] / members[c]);
            }
            double s = (b - a) / Math.max(a, b);
            if (!Double.isNaN(s)) total += s; // 0/0 (a = b = 0) counts as 0, as numpy's nan_to_num
        }
        return total / n;
    }

    /** A power of two such that n distances of at most maxDistance, each rounded, sum below 2^62. */
    static double scale(int n, double maxDistance) {
        if (!(maxDistance > 0)) return 1;
        return Math.scalb(1.0, 62 - 1 - Math.getExponent((double) n * maxDistance));
    }

    /** The largest |x_i|: euclidean distances are at most twice it. */
    private static double maxNorm(float[][] x) {
        double max = 0;
        for (float[] r : x) max = Math.max(max, NeighboursKernel.dot(r, r, r.length));
        return Math.sqrt(max) * (1 + 1e-12);
    }

    /** One thread's sums[i * classes + c] = sum of distances from point i to the members of label c, x scale. */
    private static final class Sums implements NeighboursKernel.Visitor {
        final long[] sums;
        private final int classes;
        private final int[] labels;
        private final boolean squared; // euclidean tiles hold squared distances
        private final double scale;

        Sums(int n, int classes, int[] labels, boolean squared, double scale) {
            this.sums = new long[Math.multiplyExact(n, classes)];
            this.classes = classes;
            this.labels = labels;
            this.squared = squared;
            this.scale = scale;
        }

        @Override
        public void tile(int[] rows, int r0, int aLen, int j0, int bLen, double[] dist, boolean mirrored) {
            int tile = NeighboursKernel.TILE;
            for (int a = 0; a < aLen; a++) {
                int i = rows[r0 + a], li = labels[i], rowI = i * classes;
                for (int b = 0; b < bLen; b++) {
                    int j = j0 + b;
                    if (j == i) continue; // the distance to itself is 0 by definition
                    long d = Math.round((squared ? Math.sqrt(dist[a * tile + b]) : dist[a * tile + b]) * scale);
                    sums[rowI + labels[j]] += d;
                    if (mirrored) sums[j * classes + li] += d;
                }
            }
        }
    }
}
