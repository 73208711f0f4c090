package dev.taskspace.project;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;

/**
 * UMAP to 2-D through tag-bio's umap-java, with the settings that make it right for
 * embeddings: vectors scaled to unit length and projected with euclidean distance (on unit
 * vectors its neighbour order is cosine's; the library's own cosine mode fails from 4,096
 * points), and one thread with a fixed seed, the only way the library gives the same layout
 * twice.
 *
 * @param neighbours n_neighbors (15)
 * @param minDist    min_dist (0.1)
 * @param seed       the random seed (42)
 * @param threads    1 for reproducible layouts; more is faster but varies from run to run
 */
public record Umap(int neighbours, float minDist, long seed, int threads) {
    public static final Umap DEFAULT = new Umap(15, 0.1f, 42, 1);

    public Umap {
        if (neighbours < 2) throw new IllegalArgumentException("UMAP needs at least 2 neighbours, got " + neighbours);
        if (minDist < 0) throw new IllegalArgumentException("min_dist must not be negative, got " + minDist);
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }

    /** The 2-D layout [n][2] of {@code vectors} [n][d]. */
    public float[][] fit(float[][] vectors, Reporter.Progress progress) {
        int n = vectors.length;
        if (n <= neighbours) {
            throw new TaskspaceException("UMAP with " + neighbours + " neighbours needs more than " + neighbours
                    + " documents; the corpus has " + n + " (lower --neighbours)");
        }
        float[][] unit = new float[n][];
        for (int i = 0; i < n; i++) unit[i] = unitLength(vectors[i]);
        tagbio.umap.Umap u = new tagbio.umap.Umap();
        u.setNumberComponents(2);
        u.setNumberNearestNeighbours(neighbours);
        u.setMinDist(minDist);
        u.setMetric("euclidean");
        u.setSeed(seed);
        u.setThreads(threads);
        u.setVerbose(false);
        // The library reports progress through a static listener; the percentage is all we show.
        tagbio.umap.ProgressListener listener = state -> {
            if (state.getTotal() > 0) progress.stepTo(Math.min(100, 100L * state.getCount() / state.getTotal()));
        };
        tagbio.umap.UmapProgress.addProgressListener(listener);
        try {
            return u.fitTransform(unit);
        } finally {
            tagbio.umap.UmapProgress.removeProgressListener(listener);
            progress.stepTo(100);
        }
    }

    static float[] unitLength(float[] v) {
        double s = 0;
        for (float x : v) s += (double) x * x;
        if (!(s > 0)) return v.clone();
        float inv = (float) (1 / Math.sqrt(s));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] * inv;
        return out;
    }
}
