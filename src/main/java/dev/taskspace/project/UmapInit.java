package dev.taskspace.project;

/**
 * UMAP's starting layout: the data's first two principal components, scaled so the largest
 * coordinate is 10, plus noise of 1e-4 (umap-learn's {@code init="pca"} with
 * {@code noisy_scale_coords}). The components come from subspace iteration on a seeded sample
 * of at most {@value #SAMPLE} rows, so the cost stays small at any n (a few hundred million
 * multiply-adds for 1,024 dimensions), and every point is then projected onto them.
 *
 * <p>We start from PCA rather than umap-learn's default spectral layout: it is cheap at any
 * size, needs no connected graph, and in our measurements the finished layouts were as
 * trustworthy (BENCHMARKS.md). umap-js starts from random points.
 */
final class UmapInit {
    static final int SAMPLE = 1500;
    private static final int BLOCK = 4;
    private static final int ITERATIONS = 30;

    private UmapInit() {}

    /** [2n] interleaved x, y of the starting layout of {@code x} [n][d]. */
    static float[] pca(float[][] x, long seed) {
        int n = x.length, d = x[0].length;
        int[] rows = Metrics.sample(n, Math.min(n, SAMPLE), seed);
        double[] mean = new double[d];
        for (int r : rows) for (int t = 0; t < d; t++) mean[t] += x[r][t];
        for (int t = 0; t < d; t++) mean[t] /= rows.length;

        // Subspace iteration V <- orthonormalise(C V) with C = Xc^T Xc over the sample.
        double[][] v = new double[BLOCK][d];
        long rng = UmapOptimizer.mix(seed ^ 0x5ca1ab1eL);
        for (double[] column : v) {
            for (int t = 0; t < d; t++) {
                rng = UmapOptimizer.mix(rng + 0x9e3779b97f4a7c15L);
                column[t] = (rng >>> 11) * 0x1.0p-53 - 0.5;
            }
        }
        orthonormalise(v);
        double[][] u = new double[BLOCK][rows.length];
        for (int iter = 0; iter < ITERATIONS; iter++) {
            for (int s = 0; s < rows.length; s++) {
                float[] row = x[rows[s]];
                for (int c = 0; c < BLOCK; c++) {
                    double acc = 0;
                    double[] vc = v[c];
                    for (int t = 0; t < d; t++) acc += (row[t] - mean[t]) * vc[t];
                    u[c][s] = acc;
                }
            }
            for (double[] column : v) java.util.Arrays.fill(column, 0);
            for (int s = 0; s < rows.length; s++) {
                float[] row = x[rows[s]];
                for (int c = 0; c < BLOCK; c++) {
                    double us = u[c][s];
                    double[] vc = v[c];
                    for (int t = 0; t < d; t++) vc[t] += (row[t] - mean[t]) * us;
                }
            }
            orthonormalise(v);
        }

        float[] layout = new float[2 * n];
        double maxAbs = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 2; c++) {
                double acc = 0;
                for (int t = 0; t < d; t++) acc += (x[i][t] - mean[t]) * v[c][t];
                layout[2 * i + c] = (float) acc;
                maxAbs = Math.max(maxAbs, Math.abs(acc));
            }
        }
        double scale = maxAbs > 0 ? 10 / maxAbs : 0;
        for (int p = 0; p < 2 * n; p++) {
            rng = UmapOptimizer.mix(rng + 0x9e3779b97f4a7c15L);
            double uniform = (rng >>> 11) * 0x1.0p-53; // [0, 1)
            // All points alike (no spread): a random start in [-10, 10] instead of noise around 0.
            layout[p] = (float) (scale > 0 ? layout[p] * scale + (uniform - 0.5) * 2e-4 : (uniform - 0.5) * 20);
        }
        return layout;
    }

    /** Modified Gram-Schmidt on the rows of {@code v}; a vanishing row is left at zero. */
    private static void orthonormalise(double[][] v) {
        for (int c = 0; c < v.length; c++) {
            for (int p = 0; p < c; p++) {
                double dot = 0;
                for (int t = 0; t < v[c].length; t++) dot += v[c][t] * v[p][t];
                for (int t = 0; t < v[c].length; t++) v[c][t] -= dot * v[p][t];
            }
            double norm = 0;
            for (double e : v[c]) norm += e * e;
            norm = Math.sqrt(norm);
            if (norm > 0) for (int t = 0; t < v[c].length; t++) v[c][t] /= norm;
        }
    }
}
