package dev.taskspace.project;

/**
 * The neighbours the layout of 10,001 to 20,000 points pulls together ({@link Umap#candidates}):
 * each point's k nearest others that its own neighbourhood <em>supports</em>, chosen from its
 * 2k + 1 nearest.
 *
 * <p>Neighbour j of point i is supported when j is among i's k nearest and shares at least one
 * of them, or lists i among its own k nearest. A true neighbour with no such support is most
 * often a bridge between two groups that only touch there; pulling it close draws the groups
 * into each other in 2-D, where each then meets the other's points as false neighbours. The
 * filter keeps the supported ones nearest first, then the nearest supported ones among the next
 * k + 1, then (if still short) the unsupported ones nearest first, each row sorted by distance.
 *
 * <p>Why: umap-js's approximate neighbour search (NN-descent) misses exactly such neighbours
 * (recall 0.94 on 20 Newsgroups; the neighbours it misses share 0.5 neighbours on average, the
 * ones it finds 3.5), and its layout is more trustworthy on that graph than on the exact one;
 * this filter does the same on purpose and deterministically (BENCHMARKS.md, "Closing the
 * trustworthiness gap"). Cost: O(n k^2) with one marker array; no distances computed.
 */
final class UmapSupport {
    private UmapSupport() {}

    /**
     * @param nn   a graph of at least {@code wide} neighbours per row, nearest first
     * @param k    neighbours to keep per row
     * @param wide candidates per row (2k + 1), the first {@code wide} of each row of {@code nn}
     * @return [n * k] indices and distances, ascending by distance per row
     */
    static KnnGraph select(KnnGraph nn, int k, int wide) {
        int n = nn.n(), stride = nn.k();
        if (wide < k || wide > stride) throw new IllegalArgumentException("cannot choose " + k + " of " + wide + " neighbours in rows of " + stride);
        int[] src = nn.index();
        float[] dist = nn.distance();
        int[] index = new int[n * k];
        float[] distance = new float[n * k];
        int[] mark = new int[n]; // mark[j] == i + 1: j is among i's k nearest
        int[] pick = new int[wide];
        boolean[] taken = new boolean[wide];
        for (int i = 0; i < n; i++) {
            int base = i * stride;
            for (int m = 0; m < k; m++) mark[src[base + m]] = i + 1;
            int picked = 0;
            java.util.Arrays.fill(taken, false);
            for (int m = 0; m < wide && picked < k; m++) {
                if (supported(src, stride, k, mark, i, src[base + m])) {
                    pick[picked++] = m;
                    taken[m] = true;
                }
            }
            for (int m = 0; m < wide && picked < k; m++) {
                if (!taken[m]) {
                    pick[picked++] = m;
                    taken[m] = true;
                }
            }
            // the picks by column rank = by distance (the source rows are sorted)
            int c = 0;
            for (int m = 0; m < wide; m++) {
                if (!taken[m]) continue;
                index[i * k + c] = src[base + m];
                distance[i * k + c++] = dist[base + m];
            }
        }
        return new KnnGraph(n, k, index, distance);
    }

    /** Whether j shares one of i's k nearest (marked with i + 1) or lists i among its own k nearest. */
    private static boolean supported(int[] src, int stride, int k, int[] mark, int i, int j) {
        int base = j * stride;
        for (int m = 0; m < k; m++) {
            int l = src[base + m];
            if (l == i || mark[l] == i + 1) return true;
        }
        return false;
    }
}
