package dev.taskspace.project;

import dev.taskspace.Reporter;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Spherical k-means for {@link KnnApprox}'s partition: unit-length centroids, each row assigned
 * to the centroid with the largest dot product (ties: the smaller centroid). Fitted on a seeded
 * sample and started from sampled rows; a centroid left without rows moves to the sampled row
 * its centroid fits worst. Sums run in a fixed order, so the centroids do not depend on threads.
 *
 * <p>Cost: rounds x sample x C x d multiply-adds to fit (0.4 x 10^11 for 100,000 rows in 1024-d
 * with the defaults of {@link KnnApprox}), n C d to assign.
 */
final class KnnKMeans {
    private KnnKMeans() {}

    /** [clusters][d] unit centroids fitted on min(n, clusters * perCluster) sampled rows. */
    static float[][] fit(float[][] x, int clusters, int perCluster, int rounds, long seed, int threads, KnnKernel kernel) {
        int n = x.length, d = x[0].length;
        int s = (int) Math.min(n, (long) clusters * perCluster);
        int[] sample = Metrics.shuffledPrefix(n, s, new SplittableRandom(seed)::nextInt); // drawn order: the first are random rows
        float[][] centroids = new float[clusters][];
        for (int c = 0; c < clusters; c++) centroids[c] = unit(toDouble(x[sample[c]]));
        float[] fit = new float[s];
        for (int r = 0; r < rounds; r++) {
            int[] best = nearest(x, sample, centroids, threads, kernel, fit);
            double[][] sum = new double[clusters][d];
            int[] count = new int[clusters];
            for (int q = 0; q < s; q++) {
                double[] acc = sum[best[q]];
                float[] row = x[sample[q]];
                for (int t = 0; t < d; t++) acc[t] += row[t];
                count[best[q]]++;
            }
            boolean[] moved = new boolean[s];
            for (int c = 0; c < clusters; c++) {
                if (count[c] > 0) {
                    centroids[c] = unit(sum[c]);
                } else {
                    int worst = -1;
                    for (int q = 0; q < s; q++) if (!moved[q] && (worst < 0 || fit[q] < fit[worst])) worst = q;
                    moved[worst] = true;
                    centroids[c] = unit(toDouble(x[sample[worst]]));
                }
            }
        }
        return centroids;
    }

    /** [n] the nearest centroid of every row. */
    static int[] assign(float[][] x, float[][] centroids, int threads, KnnKernel kernel) {
        int[] all = new int[x.length];
        for (int i = 0; i < all.length; i++) all[i] = i;
        return nearest(x, all, centroids, threads, kernel, new float[all.length]);
    }

    /** [rows.length] the nearest centroid of each listed row; fit[q] = its dot product. */
    private static int[] nearest(float[][] x, int[] rows, float[][] centroids, int threads, KnnKernel kernel, float[] fit) {
        int tile = KnnKernel.TILE, c = centroids.length, blocks = (rows.length + tile - 1) / tile;
        int[] ids = new int[c];
        for (int e = 0; e < c; e++) ids[e] = e;
        int[] best = new int[rows.length];
        Workers.run(threads, blocks, null, () -> new float[tile * tile], (dots, block) -> {
            int r0 = block * tile, aLen = Math.min(tile, rows.length - r0);
            Arrays.fill(fit, r0, r0 + aLen, Float.NEGATIVE_INFINITY);
            for (int c0 = 0; c0 < c; c0 += tile) {
                int bLen = Math.min(tile, c - c0);
                kernel.tile(x, rows, r0, aLen, centroids, ids, c0, bLen, dots);
                for (int a = 0; a < aLen; a++) {
                    for (int b = 0; b < bLen; b++) {
                        float v = dots[a * tile + b];
                        if (v > fit[r0 + a]) { // strictly: ties keep the smaller centroid
                            fit[r0 + a] = v;
                            best[r0 + a] = c0 + b;
                        }
                    }
                }
            }
        }, Reporter.Progress.NONE, 0, 0);
        return best;
    }

    private static double[] toDouble(float[] row) {
        double[] out = new double[row.length];
        for (int t = 0; t < row.length; t++) out[t] = row[t];
        return out;
    }

    /** v / |v| in float (a zero vector stays zero). */
    private static float[] unit(double[] v) {
        double s = 0;
        for (double e : v) s += e * e;
        double inv = s > 0 ? 1 / Math.sqrt(s) : 0;
        float[] out = new float[v.length];
        for (int t = 0; t < v.length; t++) out[t] = (float) (v[t] * inv);
        return out;
    }
}
