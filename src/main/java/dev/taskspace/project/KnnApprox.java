package dev.taskspace.project;

import dev.taskspace.Reporter;
import java.util.Arrays;

/**
 * Approximate k nearest neighbours for {@link KnnGraph}, for sizes where n^2 is too much:
 * <ol>
 *   <li>partition: spherical k-means with C = sqrt(n) centroids, fitted on a seeded sample
 *       (40 rows per centroid, 6 rounds), then every row assigned to its nearest centroid;</li>
 *   <li>search: the rows of each part against all rows of the 24 parts whose centroids are
 *       nearest to its own (itself included), exactly, in tiles of the float32 kernel: about
 *       24 n^1.5 dot products (7.6 x 10^11 multiply-adds at 100,000 x 1024); above 100,000 rows
 *       fewer parts, so that each row meets about 7,600 others ({@link Params#probesFor}): 8 at
 *       1,000,000 rows;</li>
 *   <li>refine: one round of neighbour descent (each row tries the neighbours and reverse
 *       neighbours of its neighbours and reverse neighbours, up to (2k)^2 rows), repairing
 *       rows that lie at the edge of their part.</li>
 * </ol>
 * Recall@15 against exact search (BENCHMARKS.md, "kNN graph"): 0.97 on 6,000 real sentence
 * embeddings, 1.00 on the synthetic clustered benchmark data. More probes buy recall at a
 * proportional cost; the part sizes follow the data, so a very lopsided partition costs more.
 *
 * <p>Every step reads only the previous step's result (the refinement is synchronous), and ties
 * break by index, so the graph depends on the seed but not on the number of threads. Memory:
 * the centroids (C x d) and O(n k).
 */
final class KnnApprox {
    /**
     * The method's knobs.
     *
     * @param clusterScale     parts = sqrt(n) * clusterScale
     * @param samplePerCluster k-means sample rows per part
     * @param kmeansRounds     k-means rounds
     * @param probes           parts searched per part, its own included
     * @param refineRounds     rounds of neighbour descent
     */
    record Params(double clusterScale, int samplePerCluster, int kmeansRounds, int probes, int refineRounds) {
        static final Params DEFAULT = new Params(1.0, 40, 6, 24, 1);

        /** Up to this many rows every part probes {@code probes} parts; see {@link #probesFor}. */
        static final int FULL_PROBES_UP_TO = 100_000;
        /** The fewest parts probed, however large n. */
        static final int MIN_PROBES = 4;

        /**
         * The parts probed per part for {@code n} rows: {@code probes} up to
         * {@value #FULL_PROBES_UP_TO} rows; above, fewer in proportion to 1 / sqrt(n) (at least
         * {@value #MIN_PROBES}), so that each row is still compared with about as many others as
         * at {@value #FULL_PROBES_UP_TO} (24 x 316: about 7,600). Parts grow as sqrt(n), so without
         * this cap the search costs n^1.5 (2.5 x 10^13 multiply-adds at 1,000,000 x 1024); with
         * it, about n x 7,600 x d: linear, 8 probes at 1,000,000 rows.
         */
        int probesFor(int n) {
            if (n <= FULL_PROBES_UP_TO) return probes;
            return (int) Math.max(Math.min(probes, MIN_PROBES), Math.round(probes * Math.sqrt((double) FULL_PROBES_UP_TO / n)));
        }
    }

    private KnnApprox() {}

    static KnnGraph.Rows search(float[][] x, float[] sq, int k, long seed, int threads, KnnKernel kernel, Params params,
            Reporter.Progress progress) {
        int n = x.length;
        int clusters = (int) Math.max(1, Math.min(n / 4, Math.round(Math.sqrt(n) * params.clusterScale())));
        float[][] centroids = KnnKMeans.fit(x, clusters, params.samplePerCluster(), params.kmeansRounds(), seed, threads, kernel);
        progress.stepTo(10);
        int[] part = KnnKMeans.assign(x, centroids, threads, kernel); // [n] nearest centroid
        progress.stepTo(15);
        int[][] members = members(part, clusters);
        int[][] probes = probes(centroids, members, k, params.probesFor(n), kernel);
        KnnGraph.Rows rows = searchParts(x, sq, k, members, probes, threads, kernel, progress);
        int[] order = concat(members, null); // rows part by part: neighbours share cache
        int rounds = params.refineRounds();
        for (int r = 0; r < rounds; r++) {
            int from = 75 + 25 * r / rounds, to = 75 + 25 * (r + 1) / rounds;
            rows = refine(x, sq, rows, order, threads, kernel, progress, from, to);
        }
        return rows;
    }

    /** members[c] = the rows of part c, ascending. */
    private static int[][] members(int[] part, int clusters) {
        int[] count = new int[clusters];
        for (int p : part) count[p]++;
        int[][] members = new int[clusters][];
        for (int c = 0; c < clusters; c++) members[c] = new int[count[c]];
        Arrays.fill(count, 0);
        for (int i = 0; i < part.length; i++) members[part[i]][count[part[i]]++] = i;
        return members;
    }

    /**
     * probes[c] = the parts searched for the rows of part c: the {@code want} with the nearest
     * centroids (c first), more if they hold fewer than k + 1 rows.
     */
    private static int[][] probes(float[][] centroids, int[][] members, int k, int want, KnnKernel kernel) {
        int clusters = centroids.length;
        int[][] probes = new int[clusters][];
        Integer[] order = new Integer[clusters];
        float[] sim = new float[clusters];
        for (int c = 0; c < clusters; c++) {
            for (int e = 0; e < clusters; e++) {
                order[e] = e;
                sim[e] = e == c ? Float.POSITIVE_INFINITY : kernel.dot(centroids[c], centroids[e]);
            }
            Arrays.sort(order, (a, b) -> sim[a] != sim[b] ? Float.compare(sim[b], sim[a]) : Integer.compare(a, b));
            int p = 0;
            long rows = 0;
            while (p < clusters && (p < want || rows < k + 1)) rows += members[order[p++]].length;
            probes[c] = new int[p];
            for (int q = 0; q < p; q++) probes[c][q] = order[q];
        }
        return probes;
    }

    private static int[] concat(int[][] lists, int[] pick) {
        int total = 0, count = pick == null ? lists.length : pick.length;
        for (int q = 0; q < count; q++) total += lists[pick == null ? q : pick[q]].length;
        int[] out = new int[total];
        int at = 0;
        for (int q = 0; q < count; q++) {
            int[] l = lists[pick == null ? q : pick[q]];
            System.arraycopy(l, 0, out, at, l.length);
            at += l.length;
        }
        return out;
    }

    /** Step 2: each part's rows against its probed parts, exactly. */
    private static KnnGraph.Rows searchParts(float[][] x, float[] sq, int k, int[][] members, int[][] probes, int threads,
            KnnKernel kernel, Reporter.Progress progress) {
        int n = x.length, clusters = members.length, tile = KnnKernel.TILE;
        int[] index = new int[n * k];
        float[] sq2 = new float[n * k];
        long[] weight = new long[clusters];
        Integer[] bySize = new Integer[clusters];
        for (int c = 0; c < clusters; c++) {
            bySize[c] = c;
            long cand = 0;
            for (int p : probes[c]) cand += members[p].length;
            weight[c] = members[c].length * cand;
        }
        // biggest first, for balance; the result does not depend on the order
        Arrays.sort(bySize, (a, b) -> weight[a] != weight[b] ? Long.compare(weight[b], weight[a]) : Integer.compare(a, b));
        long[] sortedWeight = new long[clusters];
        for (int t = 0; t < clusters; t++) sortedWeight[t] = weight[bySize[t]];
        Workers.run(threads, clusters, sortedWeight, () -> new float[tile * tile], (dots, t) -> {
            int c = bySize[t];
            int[] rows = members[c], cand = concat(members, probes[c]);
            if (rows.length == 0) return;
            NeighboursTopK top = new NeighboursTopK(rows.length, k);
            float[] bound = new float[rows.length]; // top.bound(s), read without a call
            Arrays.fill(bound, Float.POSITIVE_INFINITY);
            for (int r0 = 0; r0 < rows.length; r0 += tile) {
                int aLen = Math.min(tile, rows.length - r0);
                for (int c0 = 0; c0 < cand.length; c0 += tile) {
                    int bLen = Math.min(tile, cand.length - c0);
                    kernel.tile(x, rows, r0, aLen, x, cand, c0, bLen, dots);
                    for (int a = 0; a < aLen; a++) {
                        int i = rows[r0 + a];
                        for (int b = 0; b < bLen; b++) {
                            int j = cand[c0 + b];
                            float d = KnnGraph.squared(sq, i, j, dots[a * tile + b]);
                            if (d <= bound[r0 + a] && j != i) {
                                top.offer(r0 + a, d, j);
                                bound[r0 + a] = (float) top.bound(r0 + a);
                            }
                        }
                    }
                }
            }
            top.sort();
            for (int s = 0; s < rows.length; s++) {
                int base = rows[s] * k;
                for (int m = 0; m < k; m++) {
                    index[base + m] = top.index(s, m);
                    sq2[base + m] = (float) top.distance(s, m);
                }
            }
        }, progress, 15, 75);
        return new KnnGraph.Rows(n, k, index, sq2);
    }

    /**
     * Step 3: one synchronous round of neighbour descent. Each row's circle C(i) is its
     * neighbours and its k nearest reverse neighbours (rows that list it); row i tries every
     * member of C(v) for every v in C(i), as NN-descent's local join would offer it, but reads
     * only the previous round's graph, so the order of rows does not matter.
     */
    private static KnnGraph.Rows refine(float[][] x, float[] sq, KnnGraph.Rows old, int[] order, int threads, KnnKernel kernel,
            Reporter.Progress progress, int from, int to) {
        int n = old.n(), k = old.k(), chunk = 256;
        int[] index = new int[n * k];
        float[] sq2 = new float[n * k];
        int[] on = old.index();
        float[] od = old.squared();
        int[][] circle = circles(old); // [0] start [n + 1], [1] members
        int[] start = circle[0], member = circle[1];
        int chunks = (n + chunk - 1) / chunk;
        Workers.run(threads, chunks, null, () -> new Refiner(n, k), (w, c) -> {
            for (int o = c * chunk; o < Math.min(n, (c + 1) * chunk); o++) {
                int i = order[o], base = i * k, stamp = o + 1; // seen[j] == stamp: j already offered for row i
                w.top.clear(0);
                w.seen[i] = stamp;
                for (int m = 0; m < k; m++) {
                    w.seen[on[base + m]] = stamp;
                    w.top.offer(0, od[base + m], on[base + m]);
                }
                for (int e = start[i]; e < start[i + 1]; e++) {
                    int v = member[e];
                    w.tryRow(x, sq, kernel, i, v, stamp);
                    for (int f = start[v]; f < start[v + 1]; f++) w.tryRow(x, sq, kernel, i, member[f], stamp);
                }
                w.top.sort();
                for (int m = 0; m < k; m++) {
                    index[base + m] = w.top.index(0, m);
                    sq2[base + m] = (float) w.top.distance(0, m);
                }
            }
        }, progress, from, to);
        return new KnnGraph.Rows(n, k, index, sq2);
    }

    /**
     * Every row's circle, as {start [n + 1], members}: its k neighbours, then up to k rows that
     * list it among theirs (the nearest ones; ties by index), without repeats.
     */
    private static int[][] circles(KnnGraph.Rows g) {
        int n = g.n(), k = g.k();
        int[] on = g.index();
        float[] od = g.squared();
        int[] revStart = new int[n + 1];
        for (int e = 0; e < n * k; e++) revStart[on[e] + 1]++;
        for (int i = 0; i < n; i++) revStart[i + 1] += revStart[i];
        int[] rev = new int[n * k], fill = revStart.clone();
        float[] revD = new float[n * k];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < k; m++) {
                int j = on[i * k + m], at = fill[j]++;
                rev[at] = i;
                revD[at] = od[i * k + m];
            }
        }
        int[] start = new int[n + 1];
        int[] member = new int[2 * n * k];
        int[] seen = new int[n];
        int at = 0;
        for (int i = 0; i < n; i++) {
            start[i] = at;
            for (int m = 0; m < k; m++) {
                member[at++] = on[i * k + m];
                seen[on[i * k + m]] = i + 1;
            }
            int lo = revStart[i], hi = revStart[i + 1];
            sortByDistance(rev, revD, lo, hi);
            for (int e = lo, taken = 0; e < hi && taken < k; e++) {
                if (seen[rev[e]] == i + 1) continue;
                member[at++] = rev[e];
                taken++;
            }
        }
        start[n] = at;
        return new int[][] {start, Arrays.copyOf(member, at)};
    }

    /** Insertion sort of [lo, hi) by (distance, index): reverse lists are short. */
    private static void sortByDistance(int[] idx, float[] d, int lo, int hi) {
        for (int e = lo + 1; e < hi; e++) {
            int j = idx[e];
            float v = d[e];
            int c = e;
            while (c > lo && (d[c - 1] > v || (d[c - 1] == v && idx[c - 1] > j))) {
                idx[c] = idx[c - 1];
                d[c] = d[c - 1];
                c--;
            }
            idx[c] = j;
            d[c] = v;
        }
    }

    /** One thread's scratch for {@link #refine}. */
    private static final class Refiner {
        final NeighboursTopK top;
        final int[] seen; // [n] stamps

        Refiner(int n, int k) {
            this.top = new NeighboursTopK(1, k);
            this.seen = new int[n];
        }

        /** Offers row j to row i unless it was offered already. */
        void tryRow(float[][] x, float[] sq, KnnKernel kernel, int i, int j, int stamp) {
            if (seen[j] == stamp) return;
            seen[j] = stamp;
            float d = KnnGraph.squared(sq, i, j, kernel.dot(x[i], x[j]));
            if (d <= top.bound(0)) top.offer(0, d, j);
        }
    }
}
