package dev.taskspace.project;

import dev.taskspace.Reporter;
import java.util.Arrays;

/**
 * Approximate k nearest neighbours for {@link KnnGraph}, for sizes where n^2 is too much:
 * <ol>
 *   <li>partition: spherical k-means with C = {@code sqrt(n)} centroids, fitted on
 *       a seeded sample (40 points per centroid, 6 rounds), then every row assigned to its nearest centroid;</li>
 *   <li>search: the rows of each part against all rows of the 12 parts whose
 *       centroids are nearest to its own (itself included), exactly, in tiles of the float32
 *       kernel: about 12 n^2 / C dot products;</li>
 *   <li>refine: rounds in which each row also tries its neighbours'
 *       neighbours (k^2 candidates), repairing rows that lie at the edge of their part.</li>
 * </ol>
 * Every step reads only the previous step's result (refinement rounds are synchronous), and
 * ties break by index, so the graph depends on the seed but not on the number of threads.
 * Memory: the centroids (C x d) and O(n k).
 */
final class KnnApprox {
    /**
     * The method's knobs.
     *
     * @param clusterScale     parts = sqrt(n) * clusterScale
     * @param samplePerCluster k-means sample rows per part
     * @param kmeansRounds     k-means rounds
     * @param probes           parts searched per part, its own included
     * @param refineRounds     rounds of neighbours-of-neighbours refinement
     */
    record Params(double clusterScale, int samplePerCluster, int kmeansRounds, int probes, int refineRounds) {
        static final Params DEFAULT = new Params(1.0, 40, 6, 12, 1);
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
        int[][] probes = probes(centroids, members, k, params.probes(), kernel);
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
        KnnWorkers.run(threads, clusters, sortedWeight, () -> new float[tile * tile], (dots, t) -> {
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

    /** Step 3: one synchronous round of "my neighbours' neighbours are candidates too". */
    private static KnnGraph.Rows refine(float[][] x, float[] sq, KnnGraph.Rows old, int[] order, int threads, KnnKernel kernel,
            Reporter.Progress progress, int from, int to) {
        int n = old.n(), k = old.k(), chunk = 256;
        int[] index = new int[n * k];
        float[] sq2 = new float[n * k];
        int[] on = old.index();
        float[] od = old.squared();
        int chunks = (n + chunk - 1) / chunk;
        KnnWorkers.run(threads, chunks, null, () -> new Refiner(n, k), (w, c) -> {
            for (int o = c * chunk; o < Math.min(n, (c + 1) * chunk); o++) {
                int i = order[o], base = i * k;
                w.top.clear(0);
                w.seen[i] = o + 1; // stamp: o + 1 marks "already offered for row order[o]"
                for (int m = 0; m < k; m++) {
                    w.seen[on[base + m]] = o + 1;
                    w.top.offer(0, od[base + m], on[base + m]);
                }
                for (int m = 0; m < k; m++) {
                    int j = on[base + m];
                    for (int q = 0; q < k; q++) {
                        int l = on[j * k + q];
                        if (w.seen[l] == o + 1) continue;
                        w.seen[l] = o + 1;
                        w.top.offer(0, KnnGraph.squared(sq, i, l, kernel.dot(x[i], x[l])), l);
                    }
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

    /** One thread's scratch for {@link #refine}. */
    private static final class Refiner {
        final NeighboursTopK top;
        final int[] seen; // [n] stamps

        Refiner(int n, int k) {
            this.top = new NeighboursTopK(1, k);
            this.seen = new int[n];
        }
    }
}
