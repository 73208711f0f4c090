package dev.taskspace.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NeighboursTest {

    /** [n][d] Gaussian rows, float32, not unit length. */
    static float[][] gaussian(int n, int d, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][d];
        for (float[] row : x) for (int t = 0; t < d; t++) row[t] = (float) (r.nextGaussian() + 0.5);
        return x;
    }

    /**
     * The reference: every distance from its textbook formula, one pair at a time, then a full
     * sort by (distance, index). Cosine normalises first, as scikit-learn does; euclidean sums
     * squared differences.
     */
    static int[][] referenceKnn(float[][] x, int k, boolean cosine) {
        int n = x.length;
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            double[] dist = new double[n];
            for (int j = 0; j < n; j++) dist[j] = referenceDistance(x[i], x[j], cosine);
            int self = i;
            out[i] = java.util.stream.IntStream.range(0, n).filter(j -> j != self).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(j -> dist[j]).thenComparingInt(j -> j))
                    .limit(k).mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    static double referenceDistance(float[] p, float[] q, boolean cosine) {
        double pp = 0, qq = 0, pq = 0, diff = 0;
        for (int t = 0; t < p.length; t++) {
            pp += (double) p[t] * p[t];
            qq += (double) q[t] * q[t];
            pq += (double) p[t] * q[t];
            diff += ((double) p[t] - q[t]) * ((double) p[t] - q[t]);
        }
        if (!cosine) return Math.sqrt(diff);
        if (pp == 0 || qq == 0) return 1;
        return 1 - pq / Math.sqrt(pp) / Math.sqrt(qq);
    }

    @ParameterizedTest(name = "n={0} d={1} cosine={2} threads={3}")
    @CsvSource({
        "203, 37, true, 1", "203, 37, false, 3", "130, 2, false, 2", "130, 2, true, 1",
        "67, 1024, true, 2", "67, 1024, false, 1", "5, 3, false, 4", "64, 9, false, 2", "65, 8, false, 2"})
    void tiledKernelFindsTheReferenceNeighbours(int n, int d, boolean cosine, int threads) {
        float[][] x = gaussian(n, d, n * 31L + d);
        int k = Math.min(12, n - 1);
        assertThat(Neighbours.knn(x, k, cosine, threads)).isDeepEqualTo(referenceKnn(x, k, cosine));
    }

    @Test
    void resultDoesNotDependOnTheNumberOfThreads() {
        float[][] x = gaussian(300, 50, 3);
        int[][] one = Neighbours.knn(x, 15, true, 1);
        assertThat(Neighbours.knn(x, 15, true, 2)).isDeepEqualTo(one);
        assertThat(Neighbours.knn(x, 15, true, 7)).isDeepEqualTo(one);
    }

    @Test
    void tiledDistancesEqualSinglePairDistancesBitForBit() {
        // Trustworthiness ranks rely on it: a point must never come before itself.
        for (boolean cosine : new boolean[] {true, false}) {
            for (int d : new int[] {2, 7, 9, 100}) {
                float[][] x = gaussian(150, d, d);
                NeighboursKernel kernel = new NeighboursKernel(x, cosine);
                double[] tile = new double[NeighboursKernel.TILE * NeighboursKernel.TILE];
                int[] rows = {149, 3, 77, 0, 64, 128, 5};
                kernel.tile(rows, 1, 6, 86, 64, tile);
                for (int a = 0; a < 6; a++) {
                    for (int b = 0; b < 64; b++) {
                        assertThat(tile[a * NeighboursKernel.TILE + b]).isEqualTo(kernel.distance(rows[1 + a], 86 + b))
                                .isEqualTo(kernel.distance(86 + b, rows[1 + a]));
                    }
                }
            }
        }
    }

    @Test
    void vectorAndPlainSumsAreTheSameBits() {
        java.util.Random r = new java.util.Random(12);
        for (boolean cosine : new boolean[] {true, false}) {
            for (int d : new int[] {9, 15, 16, 17, 100, 1024}) { // lanes and a tail; 9+: not the direct 2-D path
                float[][] x = gaussian(130, d, 11 + d);
                for (float[] row : x) for (int t = 0; t < d; t++) row[t] *= (float) Math.pow(10, r.nextInt(5) - 2);
                NeighboursKernel fast = new NeighboursKernel(x, cosine), plain = new NeighboursKernel(x, cosine, false);
                NeighboursKernel halves = new NeighboursKernel(x, cosine, new NeighboursKernelVector(256)); // the AVX2 form
                for (int i = 0; i < x.length; i++) {
                    for (int j = 0; j < x.length; j++) assertThat(fast.distance(i, j)).isEqualTo(plain.distance(i, j));
                }
                int[] rows = new int[x.length];
                for (int i = 0; i < rows.length; i++) rows[i] = (i * 7) % rows.length;
                double[] a = new double[NeighboursKernel.TILE * NeighboursKernel.TILE], b = a.clone();
                fast.tile(rows, 3, 64, 61, 63, a);
                plain.tile(rows, 3, 64, 61, 63, b);
                assertThat(a).as("d = " + d).isEqualTo(b);
                halves.tile(rows, 3, 64, 61, 63, a);
                assertThat(a).as("256 bits, d = " + d).isEqualTo(b);
                assertThat(Neighbours.search(fast, null, 10, 2, null).indices()).isDeepEqualTo(Neighbours.search(plain, null, 10, 1, null).indices());
            }
        }
    }

    @Test
    void kernelDistancesAreTheTextbookOnes() {
        float[][] x = gaussian(40, 33, 9);
        x[7] = new float[33]; // zero vector
        for (boolean cosine : new boolean[] {true, false}) {
            NeighboursKernel kernel = new NeighboursKernel(x, cosine);
            for (int i = 0; i < 40; i++) {
                for (int j = 0; j < 40; j++) {
                    double expected = referenceDistance(x[i], x[j], cosine);
                    double actual = cosine ? kernel.distance(i, j) : Math.sqrt(kernel.distance(i, j));
                    if (i == j) continue; // self: cosine 1 - 1 and euclidean |x|^2 + |x|^2 - 2 x.x are 0 up to rounding
                    assertThat(actual).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
                }
            }
            if (cosine) assertThat(kernel.distance(7, 3)).isEqualTo(1.0);
        }
    }

    @Test
    void equallyDistantCandidatesAreOrderedByIndex() {
        // 0 is the query; 1..6 sit at the same distance (exact in float), 7 is nearer, 8 farther.
        float[][] x = {{0, 0}, {1, 0}, {0, 1}, {-1, 0}, {0, -1}, {1, 0}, {0, 1}, {0.5f, 0}, {3, 3}};
        assertThat(Neighbours.knn(x, 4, false, 1)[0]).containsExactly(7, 1, 2, 3);
        assertThat(Neighbours.knn(x, 7, false, 2)[0]).containsExactly(7, 1, 2, 3, 4, 5, 6);
        // duplicates of a point are at distance 0 and come first, by index; never the point itself
        assertThat(Neighbours.knn(x, 2, false, 1)[1]).containsExactly(5, 7);
        assertThat(Neighbours.knn(x, 2, false, 1)[5]).containsExactly(1, 7);
    }

    @Test
    void cosineIgnoresLengthAndPutsAZeroVectorAtDistanceOne() {
        float[][] x = {{1, 0}, {10, 1}, {0, 0}, {-1, 0.1f}, {0.1f, -1}};
        // from row 0: 1 is nearly parallel (length does not matter), 4 is at 1 - 0.0995 = 0.90,
        // the zero vector at exactly 1, 3 opposite
        assertThat(Neighbours.knn(x, 4, true, 1)[0]).containsExactly(1, 4, 2, 3);
        assertThat(Neighbours.knn(x, 4, false, 1)[0]).containsExactly(2, 4, 3, 1);
    }

    @Test
    void searchingSomeRowsGivesTheirAllPairsNeighbours() {
        float[][] x = gaussian(170, 12, 5);
        NeighboursKernel kernel = new NeighboursKernel(x, false);
        int[] queries = {169, 0, 64, 65, 100, 3};
        int[][] some = Neighbours.search(kernel, queries, 9, 2, null).indices();
        int[][] all = Neighbours.knn(x, 9, false, 1);
        for (int s = 0; s < queries.length; s++) assertThat(some[s]).containsExactly(all[queries[s]]);
    }

    @Test
    void badInputIsRefusedWithAReason() {
        float[][] x = gaussian(10, 3, 1);
        assertThatThrownBy(() -> Neighbours.knn(x, 10, true, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k must be between 1 and n - 1 = 9");
        assertThatThrownBy(() -> Neighbours.knn(x, 0, true, 1)).hasMessageContaining("k must be");
        assertThatThrownBy(() -> Neighbours.knn(x, 3, true, 0)).hasMessageContaining("threads must be at least 1");
        float[][] ragged = gaussian(10, 3, 1);
        ragged[4] = new float[2];
        assertThatThrownBy(() -> Neighbours.knn(ragged, 3, true, 1)).hasMessageContaining("row 4 has 2 values, row 0 has 3");
        float[][] nan = gaussian(10, 3, 1);
        nan[6][1] = Float.NaN;
        assertThatThrownBy(() -> Neighbours.knn(nan, 3, false, 1)).hasMessageContaining("row 6 has a NaN or infinite value");
        assertThatThrownBy(() -> Neighbours.knn(new float[0][], 1, false, 1)).hasMessageContaining("no rows");
    }

    @Test
    void heapKeepsTheSmallestPairsWhateverTheArrivalOrder() {
        Random r = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int k = 1 + r.nextInt(8), count = r.nextInt(30);
            NeighboursTopK top = new NeighboursTopK(1, k);
            double[][] pairs = new double[count][];
            for (int c = 0; c < count; c++) {
                pairs[c] = new double[] {r.nextInt(5), c}; // few distinct distances: many ties
                top.offer(0, pairs[c][0], c);
            }
            top.sort();
            Arrays.sort(pairs, Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
            int m = Math.min(k, count);
            assertThat(top.indices()[0]).hasSize(m);
            for (int e = 0; e < m; e++) {
                assertThat(top.index(0, e)).isEqualTo((int) pairs[e][1]);
                assertThat(top.distance(0, e)).isEqualTo(pairs[e][0]);
            }
        }
    }
}
