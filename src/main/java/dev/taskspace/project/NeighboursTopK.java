package dev.taskspace.project;

import java.util.Arrays;

/**
 * The k smallest (distance, index) pairs seen so far for each of a number of slots (queries):
 * one bounded max-heap per slot, ordered by distance and then by index, so the result does not
 * depend on the order in which pairs arrive (and therefore not on tiles or threads).
 */
final class NeighboursTopK {
    final int slots;
    final int k;
    private final double[] dist; // [slots][k] heap, worst at [s * k]
    private final int[] index;   // [slots][k]
    private final int[] size;    // [slots]

    NeighboursTopK(int slots, int k) {
        this.slots = slots;
        this.k = k;
        this.dist = new double[Math.multiplyExact(slots, k)];
        this.index = new int[slots * k];
        this.size = new int[slots];
    }

    /** True when (d1, i1) comes before (d2, i2): nearer, or as near and a smaller index. */
    static boolean before(double d1, int i1, double d2, int i2) {
        return d1 < d2 || (d1 == d2 && i1 < i2);
    }

    void offer(int slot, double d, int j) {
        int base = slot * k, n = size[slot];
        if (n < k) {
            // sift up
            int c = n;
            while (c > 0) {
                int p = (c - 1) >> 1;
                if (!before(dist[base + p], index[base + p], d, j)) break;
                dist[base + c] = dist[base + p];
                index[base + c] = index[base + p];
                c = p;
            }
            dist[base + c] = d;
            index[base + c] = j;
            size[slot] = n + 1;
        } else if (before(d, j, dist[base], index[base])) {
            // replace the worst, sift down
            int c = 0;
            while (true) {
                int l = 2 * c + 1;
                if (l >= k) break;
                int r = l + 1;
                int m = r < k && before(dist[base + l], index[base + l], dist[base + r], index[base + r]) ? r : l;
                if (!before(d, j, dist[base + m], index[base + m])) break;
                dist[base + c] = dist[base + m];
                index[base + c] = index[base + m];
                c = m;
            }
            dist[base + c] = d;
            index[base + c] = j;
        }
    }

    /** Offers everything {@code other} holds (same slots and k): merging two threads' heaps. */
    void addAll(NeighboursTopK other) {
        for (int s = 0; s < slots; s++) {
            for (int m = 0; m < other.size[s]; m++) offer(s, other.dist[s * k + m], other.index[s * k + m]);
        }
    }

    /**
     * The distance a new pair must not exceed to enter slot s: the worst kept distance once the
     * slot holds k pairs (a pair exactly as far may still enter with a smaller index), infinity
     * before.
     */
    double bound(int s) {
        return size[s] < k ? Double.POSITIVE_INFINITY : dist[s * k];
    }

    /** Empties one slot, for reuse. */
    void clear(int slot) {
        size[slot] = 0;
    }

    int count(int slot) {
        return size[slot];
    }

    /** Sorts every slot's entries nearest first, in place (heap sort: the heaps are gone afterwards). */
    void sort() {
        for (int s = 0; s < slots; s++) {
            int base = s * k;
            for (int end = size[s] - 1; end > 0; end--) {
                // move the worst to the end, then restore the heap on [0, end)
                double d = dist[base + end];
                int j = index[base + end];
                dist[base + end] = dist[base];
                index[base + end] = index[base];
                int c = 0;
                while (true) {
                    int l = 2 * c + 1;
                    if (l >= end) break;
                    int r = l + 1;
                    int m = r < end && before(dist[base + l], index[base + l], dist[base + r], index[base + r]) ? r : l;
                    if (!before(d, j, dist[base + m], index[base + m])) break;
                    dist[base + c] = dist[base + m];
                    index[base + c] = index[base + m];
                    c = m;
                }
                dist[base + c] = d;
                index[base + c] = j;
            }
        }
    }

    /** After {@link #sort}: the m-th nearest of slot s. */
    int index(int s, int m) {
        return index[s * k + m];
    }

    /** After {@link #sort}: the distance of the m-th nearest of slot s. */
    double distance(int s, int m) {
        return dist[s * k + m];
    }

    /** After {@link #sort}: [slots][k] indices, nearest first. */
    int[][] indices() {
        int[][] out = new int[slots][];
        for (int s = 0; s < slots; s++) out[s] = Arrays.copyOfRange(index, s * k, s * k + size[s]);
        return out;
    }
}
