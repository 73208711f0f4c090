package dev.taskspace.project;

import java.util.List;

/**
 * {@link Metrics#trustworthiness}, without the n x n rank matrix scikit-learn builds: the rank
 * in the original space of each of a point's k layout neighbours is counted in one pass over
 * all pairs. For point i with layout neighbours j_1..j_k, sorted by original distance
 * (thresholds), every other point l is compared with the thresholds: it is ranked ahead of all
 * thresholds it comes before (nearer, or as near with a smaller index). A histogram of "first
 * threshold it comes before" per point, summed up afterwards, gives each rank; a point farther
 * than every threshold costs one comparison, any other a binary search over the k thresholds.
 */
final class MetricsTrustworthiness {
    private MetricsTrustworthiness() {}

    /** @param sample evaluated points (ascending, distinct), or null for all */
    static double score(float[][] high, float[][] low, int k, int[] sample, int threads) {
        int n = high.length;
        if (low.length != n) throw new IllegalArgumentException(n + " points in the original space but " + low.length + " in the layout");
        if (k < 1 || k >= n / 2.0) {
            throw new IllegalArgumentException("trustworthiness needs 1 <= k < n / 2 = " + n / 2.0 + " (as scikit-learn), got k = " + k);
        }
        NeighboursKernel highSpace = new NeighboursKernel(high, false);
        NeighboursTopK layoutNeighbours = Neighbours.search(new NeighboursKernel(low, false), sample, k, threads, null);
        int slots = layoutNeighbours.slots;

        // thresholds: [slots][k] original distance and index of each layout neighbour, ascending
        double[] thrDist = new double[slots * k];
        int[] thrIndex = new int[slots * k];
        for (int s = 0; s < slots; s++) {
            int i = sample == null ? s : sample[s];
            for (int m = 0; m < k; m++) {
                int j = layoutNeighbours.index(s, m);
                double d = highSpace.distance(i, j);
                int p = s * k + m; // insertion sort: k is small
                while (p > s * k && NeighboursTopK.before(d, j, thrDist[p - 1], thrIndex[p - 1])) {
                    thrDist[p] = thrDist[p - 1];
                    thrIndex[p] = thrIndex[p - 1];
                    p--;
                }
                thrDist[p] = d;
                thrIndex[p] = j;
            }
        }

        List<Ranks> parts = sample == null
                ? highSpace.allPairs(threads, () -> new Ranks(slots, k, thrDist, thrIndex))
                : highSpace.rowsAgainstAll(sample, threads, () -> new Ranks(slots, k, thrDist, thrIndex));
        long[] ahead = new long[slots * (k + 1)];
        for (Ranks r : parts) for (int e = 0; e < ahead.length; e++) ahead[e] += r.firstAfter[e];

        long penalty = 0;
        for (int s = 0; s < slots; s++) {
            long closer = 0; // points ranked ahead of threshold m
            for (int m = 0; m < k; m++) {
                closer += ahead[s * (k + 1) + m];
                long rank = closer + 1; // 1-based rank in the original space, the point itself excluded
                if (rank > k) penalty += rank - k;
            }
        }
        double sum = sample == null ? penalty : penalty * ((double) n / slots);
        return 1.0 - sum * (2.0 / ((double) ((long) n * k) * (2.0 * n - 3.0 * k - 1.0)));
    }

    /** One thread's histogram: firstAfter[s][m] = points l that come before threshold m but not m - 1. */
    private static final class Ranks implements NeighboursKernel.Visitor {
        final int[] firstAfter; // [slots][k + 1]; column k (before none) is never incremented
        private final int k;
        private final double[] thrDist;
        private final int[] thrIndex;

        Ranks(int slots, int k, double[] thrDist, int[] thrIndex) {
            this.firstAfter = new int[slots * (k + 1)];
            this.k = k;
            this.thrDist = thrDist;
            this.thrIndex = thrIndex;
        }

        @Override
        public void tile(int[] rows, int r0, int aLen, int j0, int bLen, double[] dist, boolean mirrored) {
            int tile = NeighboursKernel.TILE;
            for (int a = 0; a < aLen; a++) {
                int slot = r0 + a, i = rows[slot];
                for (int b = 0; b < bLen; b++) {
                    int j = j0 + b;
                    if (j == i) continue;
                    double d = dist[a * tile + b];
                    count(slot, d, j);
                    if (mirrored) count(j, d, i); // mirrored tiles come only from allPairs: slot == row
                }
            }
        }

        private void count(int slot, double d, int l) {
            int base = slot * k;
            if (!NeighboursTopK.before(d, l, thrDist[base + k - 1], thrIndex[base + k - 1])) return;
            int lo = 0, hi = k - 1; // the first threshold that l comes before: binary search
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (NeighboursTopK.before(d, l, thrDist[base + mid], thrIndex[base + mid])) hi = mid;
                else lo = mid + 1;
            }
            firstAfter[slot * (k + 1) + lo]++;
        }
    }
}
