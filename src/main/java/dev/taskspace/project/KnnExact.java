package dev.taskspace.project;

import dev.taskspace.Reporter;
import java.util.List;

/**
 * Exact k nearest neighbours for {@link KnnGraph}: every unordered pair once, in
 * {@value KnnKernel#TILE} x {@value KnnKernel#TILE} tiles of float32 dot products (tiles on or
 * above the diagonal, each pair offered to both of its rows), one set of bounded heaps per
 * thread, merged at the end. Heaps order by (squared distance, index), so the result does not
 * depend on which thread saw a pair first.
 *
 * <p>Cost: n^2 d / 2 multiply-adds (1.8 x 10^11 for 18,846 x 1024) and n k entries per thread.
 */
final class KnnExact {
    private KnnExact() {}

    static KnnGraph.Rows search(float[][] x, float[] sq, int k, int threads, KnnKernel kernel, Reporter.Progress progress) {
        int n = x.length, tile = KnnKernel.TILE;
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) identity[i] = i;
        int blocks = (n + tile - 1) / tile;
        long[] weight = new long[blocks]; // tiles per row block; block 0 has the most, so it goes first
        for (int b = 0; b < blocks; b++) weight[b] = blocks - b;
        List<Worker> parts = Workers.run(threads, blocks, weight, () -> new Worker(n, k), (w, block) -> {
            int i0 = block * tile, aLen = Math.min(tile, n - i0);
            for (int j0 = i0; j0 < n; j0 += tile) {
                int bLen = Math.min(tile, n - j0);
                kernel.tile(x, identity, i0, aLen, x, identity, j0, bLen, w.dots);
                w.offer(sq, i0, aLen, j0, bLen);
            }
        }, progress, 0, 99);
        NeighboursTopK top = parts.get(0).top;
        for (int p = 1; p < parts.size(); p++) top.addAll(parts.get(p).top);
        top.sort();
        return KnnGraph.Rows.of(top);
    }

    /** One thread's heaps and tile buffer. */
    private static final class Worker {
        final NeighboursTopK top;
        final float[] dots = new float[KnnKernel.TILE * KnnKernel.TILE];
        final float[] bound; // [n] top.bound(i), read without a call: most pairs are rejected here

        Worker(int n, int k) {
            this.top = new NeighboursTopK(n, k);
            this.bound = new float[n];
            java.util.Arrays.fill(bound, Float.POSITIVE_INFINITY);
        }

        private void offer(int i, float d, int j) {
            if (d <= bound[i]) {
                top.offer(i, d, j);
                bound[i] = (float) top.bound(i);
            }
        }

        void offer(float[] sq, int i0, int aLen, int j0, int bLen) {
            boolean diagonal = i0 == j0;
            for (int a = 0; a < aLen; a++) {
                int i = i0 + a;
                for (int b = diagonal ? a + 1 : 0; b < bLen; b++) {
                    int j = j0 + b;
                    float d = KnnGraph.squared(sq, i, j, dots[a * KnnKernel.TILE + b]);
                    offer(i, d, j);
                    offer(j, d, i);
                }
            }
        }
    }
}
