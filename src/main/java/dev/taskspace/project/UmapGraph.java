package dev.taskspace.project;

/**
 * UMAP's fuzzy neighbour graph: the weighted, symmetric graph whose edges the layout pulls
 * together. Stored by rows (CSR): row i's edges are {@code col[rowStart[i] .. rowStart[i+1])}
 * with {@code weight[...]}, columns ascending; the graph is symmetric, so edge (i, j) and edge
 * (j, i) both exist with the same weight.
 *
 * <p>Built as umap-learn's {@code fuzzy_simplicial_set} with local_connectivity 1 and
 * set_op_mix_ratio 1: for each point, rho is the distance to its nearest neighbour (at a
 * non-zero distance) and sigma is found by bisection so that the memberships
 * {@code exp(-(d - rho) / sigma)} of its n_neighbors - 1 neighbours sum to log2(n_neighbors);
 * the directed memberships A are then combined into {@code A + A^T - A o A^T} (fuzzy union).
 * The k-NN lists exclude the point itself, which umap-learn counts as its own first neighbour:
 * n_neighbors 15 there is k = 14 here.
 */
record UmapGraph(int n, int[] rowStart, int[] col, float[] weight) {
    private static final double SMOOTH_K_TOLERANCE = 1e-5;
    private static final double MIN_K_DIST_SCALE = 1e-3;

    int edges() {
        return col.length;
    }

    float maxWeight() {
        float m = 0;
        for (float w : weight) m = Math.max(m, w);
        return m;
    }

    /**
     * The fuzzy union of the k-NN memberships.
     *
     * @param index    [n * k] neighbour rows, nearest first, never the row itself
     * @param distance [n * k] their distances, ascending per row
     */
    static UmapGraph fuzzy(int n, int k, int[] index, float[] distance) {
        if (index.length != (long) n * k || distance.length != index.length) {
            throw new IllegalArgumentException("k-NN arrays of " + index.length + " entries for " + n + " rows of " + k);
        }
        double meanAll = 0;
        for (float d : distance) meanAll += d;
        meanAll /= (double) n * (k + 1); // the self distances (0) count, as in umap-learn

        // Directed memberships, one row of k per point, sorted by column for the merge below.
        float[] member = new float[n * k];
        int[] cols = new int[n * k];
        double target = Math.log(k + 1) / Math.log(2);
        for (int i = 0; i < n; i++) {
            int base = i * k;
            double rho = 0, sum = 0;
            for (int m = 0; m < k; m++) {
                double d = distance[base + m];
                sum += d;
                if (rho == 0 && d > 0) rho = d;
            }
            double sigma = sigma(distance, base, k, rho, target);
            double floor = MIN_K_DIST_SCALE * (rho > 0 ? sum / (k + 1) : meanAll);
            if (sigma < floor) sigma = floor;
            for (int m = 0; m < k; m++) {
                double d = distance[base + m] - rho;
                member[base + m] = d <= 0 || sigma == 0 ? 1f : (float) Math.exp(-d / sigma);
                cols[base + m] = index[base + m];
            }
            sortRowByColumn(cols, member, base, k);
        }

        // The transpose: who lists i as a neighbour, in increasing order of the lister.
        int[] inStart = new int[n + 1];
        for (int c : cols) inStart[c + 1]++;
        for (int i = 0; i < n; i++) inStart[i + 1] += inStart[i];
        int[] inCol = new int[n * k];
        float[] inMember = new float[n * k];
        int[] fill = inStart.clone();
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < k; m++) {
                int c = cols[i * k + m];
                inCol[fill[c]] = i;
                inMember[fill[c]++] = member[i * k + m];
            }
        }

        // Row i of the union merges its own list with its transpose row (both sorted).
        int[] rowStart = new int[n + 1];
        int[] outCol = new int[2 * n * k];
        float[] outW = new float[2 * n * k];
        int e = 0;
        for (int i = 0; i < n; i++) {
            rowStart[i] = e;
            int p = i * k, pEnd = p + k, q = inStart[i], qEnd = inStart[i + 1];
            while (p < pEnd || q < qEnd) {
                int cp = p < pEnd ? cols[p] : Integer.MAX_VALUE;
                int cq = q < qEnd ? inCol[q] : Integer.MAX_VALUE;
                float w;
                int c;
                if (cp == cq) {
                    float x = member[p++], y = inMember[q++];
                    w = x + y - x * y;
                    c = cp;
                } else if (cp < cq) {
                    w = member[p++];
                    c = cp;
                } else {
                    w = inMember[q++];
                    c = cq;
                }
                if (w > 0) {
                    outCol[e] = c;
                    outW[e++] = w;
                }
            }
        }
        rowStart[n] = e;
        return new UmapGraph(n, rowStart, java.util.Arrays.copyOf(outCol, e), java.util.Arrays.copyOf(outW, e));
    }

    /** Drops the edges lighter than {@code threshold} (umap-learn: max weight / n_epochs). */
    UmapGraph pruned(float threshold) {
        int[] start = new int[n + 1];
        int kept = 0;
        for (float w : weight) if (w >= threshold) kept++;
        int[] c = new int[kept];
        float[] w = new float[kept];
        int e = 0;
        for (int i = 0; i < n; i++) {
            start[i] = e;
            for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                if (weight[p] >= threshold) {
                    c[e] = col[p];
                    w[e++] = weight[p];
                }
            }
        }
        start[n] = e;
        return new UmapGraph(n, start, c, w);
    }

    /** Bisection for the sigma whose memberships sum to {@code target} (umap-learn's smooth_knn_dist). */
    private static double sigma(float[] distance, int base, int k, double rho, double target) {
        double lo = 0, hi = Double.POSITIVE_INFINITY, mid = 1;
        for (int iter = 0; iter < 64; iter++) {
            double psum = 0;
            for (int m = 0; m < k; m++) {
                double d = distance[base + m] - rho;
                psum += d > 0 ? Math.exp(-d / mid) : 1;
            }
            if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
            if (psum > target) {
                hi = mid;
                mid = (lo + hi) / 2;
            } else {
                lo = mid;
                mid = hi == Double.POSITIVE_INFINITY ? mid * 2 : (lo + hi) / 2;
            }
        }
        return mid;
    }

    /** Insertion sort of one short row by column, carrying the memberships along. */
    private static void sortRowByColumn(int[] cols, float[] member, int base, int k) {
        for (int a = base + 1; a < base + k; a++) {
            int c = cols[a];
            float w = member[a];
            int b = a - 1;
            while (b >= base && cols[b] > c) {
                cols[b + 1] = cols[b];
                member[b + 1] = member[b];
                b--;
            }
            cols[b + 1] = c;
            member[b + 1] = w;
        }
    }
}
