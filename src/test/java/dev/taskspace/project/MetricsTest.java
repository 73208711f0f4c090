package dev.taskspace.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MetricsTest {

    static int[] randomLabels(int n, int classes, long seed) {
        Random r = new Random(seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = r.nextInt(classes);
        return labels;
    }

    // ---- references: the definitions, one pair at a time, O(n^2) memory ----

    static double referenceSilhouette(float[][] x, int[] labels, boolean cosine) {
        int n = x.length;
        int classes = Arrays.stream(labels).max().orElseThrow() + 1;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double[] sum = new double[classes];
            int[] count = new int[classes];
            for (int j = 0; j < n; j++) {
                count[labels[j]]++;
                if (j != i) sum[labels[j]] += NeighboursTest.referenceDistance(x[i], x[j], cosine);
            }
            if (count[labels[i]] == 1) continue;
            double a = sum[labels[i]] / (count[labels[i]] - 1), b = Double.MAX_VALUE;
            for (int c = 0; c < classes; c++) if (c != labels[i] && count[c] > 0) b = Math.min(b, sum[c] / count[c]);
            total += (b - a) / Math.max(a, b);
        }
        return total / n;
    }

    /** Per point, the sum of max(0, rank_high(i, j) - k) over its layout neighbours j. */
    static long[] referencePenalties(float[][] high, float[][] low, int k) {
        int n = high.length;
        long[] out = new long[n];
        int[][] lowKnn = NeighboursTest.referenceKnn(low, k, false);
        int[][] highOrder = NeighboursTest.referenceKnn(high, n - 1, false);
        for (int i = 0; i < n; i++) {
            for (int j : lowKnn[i]) {
                int rank = 1 + Arrays.asList(Arrays.stream(highOrder[i]).boxed().toArray(Integer[]::new)).indexOf(j);
                out[i] += Math.max(0, rank - k);
            }
        }
        return out;
    }

    static double referenceTrustworthiness(float[][] high, float[][] low, int k) {
        int n = high.length;
        long sum = Arrays.stream(referencePenalties(high, low, k)).sum();
        return 1 - sum * (2.0 / ((double) n * k * (2.0 * n - 3.0 * k - 1)));
    }

    // ---- silhouette ----

    @Test
    void silhouetteFollowsItsDefinitionOnRandomData() {
        float[][] x = NeighboursTest.gaussian(150, 20, 4);
        int[] labels = randomLabels(150, 4, 4);
        for (int i = 0; i < 150; i++) x[i][labels[i]] += 1.5f;
        for (boolean cosine : new boolean[] {true, false}) {
            assertThat(Metrics.silhouette(x, labels, cosine, 2)).isCloseTo(referenceSilhouette(x, labels, cosine), within(1e-12));
        }
    }

    @Test
    void silhouetteIsTheSameToTheLastBitForAnyNumberOfThreads() {
        float[][] x = NeighboursTest.gaussian(700, 40, 14);
        int[] labels = randomLabels(700, 6, 14);
        for (boolean cosine : new boolean[] {true, false}) {
            double one = Metrics.silhouette(x, labels, cosine, 1);
            for (int run = 0; run < 3; run++) {
                assertThat(Metrics.silhouette(x, labels, cosine, 2)).isEqualTo(one);
                assertThat(Metrics.silhouette(x, labels, cosine, 5)).isEqualTo(one);
            }
        }
    }

    @Test
    void aPointAloneInItsLabelScoresZero() {
        // Two tight pairs far apart, plus a singleton label: a = 1, b ≈ 10 for the pairs, so
        // each scores ~0.9; the singleton adds 0, not -1 or NaN.
        float[][] x = {{0, 0}, {1, 0}, {10, 0}, {11, 0}, {5, 5}};
        int[] labels = {0, 0, 1, 1, 2};
        double pairs = 0;
        for (int i = 0; i < 4; i++) {
            double a = 1, b = Double.MAX_VALUE;
            for (int c = 0; c < 3; c++) {
                if (c == labels[i]) continue;
                double s = 0;
                int m = 0;
                for (int j = 0; j < 5; j++) if (labels[j] == c) { s += NeighboursTest.referenceDistance(x[i], x[j], false); m++; }
                b = Math.min(b, s / m);
            }
            pairs += (b - a) / Math.max(a, b);
        }
        assertThat(Metrics.silhouette(x, labels, false, 1)).isCloseTo(pairs / 5, within(1e-12));
    }

    @Test
    void labelValuesWithoutMembersAreIgnored() {
        float[][] x = NeighboursTest.gaussian(60, 5, 8);
        int[] labels = randomLabels(60, 3, 8);
        int[] spread = Arrays.stream(labels).map(l -> l * 3 + 1).toArray(); // 1, 4, 7: gaps everywhere
        assertThat(Metrics.silhouette(x, spread, true, 1)).isCloseTo(Metrics.silhouette(x, labels, true, 1), within(1e-15));
    }

    @Test
    void silhouetteNeedsTwoToNMinusOneLabels() {
        float[][] x = NeighboursTest.gaussian(4, 3, 1);
        assertThatThrownBy(() -> Metrics.silhouette(x, new int[] {2, 2, 2, 2}, true, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 to n - 1 = 3 distinct labels, found 1");
        assertThatThrownBy(() -> Metrics.silhouette(x, new int[] {0, 1, 2, 3}, true, 1)).hasMessageContaining("found 4");
        assertThatThrownBy(() -> Metrics.silhouette(x, new int[] {0, 1, -1, 0}, true, 1)).hasMessageContaining("label of point 2 is negative");
        assertThatThrownBy(() -> Metrics.silhouette(x, new int[] {0, 1, 0}, true, 1)).hasMessageContaining("4 points but 3 labels");
    }

    @Test
    void sampledSilhouetteIsTheSilhouetteOfTheSample() {
        float[][] x = NeighboursTest.gaussian(500, 16, 12);
        int[] labels = randomLabels(500, 5, 12);
        for (int i = 0; i < 500; i++) x[i][labels[i]] += 2f;
        int[] sample = Metrics.sample(500, 120, 99);
        assertThat(sample).hasSize(120).doesNotHaveDuplicates().isSorted();
        float[][] xs = Arrays.stream(sample).mapToObj(i -> x[i]).toArray(float[][]::new);
        int[] ls = Arrays.stream(sample).map(i -> labels[i]).toArray();
        double sampled = Metrics.silhouette(x, labels, true, 120, 99, 2);
        assertThat(sampled).isEqualTo(Metrics.silhouette(xs, ls, true, 2));
        assertThat(sampled).isNotEqualTo(Metrics.silhouette(x, labels, true, 120, 100, 2)); // the seed matters
        assertThat(Metrics.silhouette(x, labels, true, 500, 1, 2)).isEqualTo(Metrics.silhouette(x, labels, true, 1));
        assertThat(sampled).isCloseTo(Metrics.silhouette(x, labels, true, 1), within(0.05));
    }

    // ---- trustworthiness ----

    @Test
    void trustworthinessFollowsItsDefinitionWithTiesInTheLayout() {
        float[][] high = NeighboursTest.gaussian(90, 30, 21);
        float[][] low = new float[90][2];
        Random r = new Random(21);
        // a coarse grid: many layout points coincide or tie in distance
        for (float[] p : low) { p[0] = r.nextInt(6); p[1] = r.nextInt(6); }
        for (int k : new int[] {1, 5, 12, 44}) {
            for (int threads : new int[] {1, 2}) {
                assertThat(Metrics.trustworthiness(high, low, k, threads)).as("k=%d", k)
                        .isCloseTo(referenceTrustworthiness(high, low, k), within(1e-12));
            }
        }
    }

    @Test
    void tiesInTheOriginalSpaceAreRankedByIndex() {
        // integer points: many pairs at exactly the same distance, in both spaces
        Random r = new Random(8);
        float[][] high = new float[80][3];
        float[][] low = new float[80][2];
        for (int i = 0; i < 80; i++) {
            for (int t = 0; t < 3; t++) high[i][t] = r.nextInt(4);
            low[i][0] = high[i][0] + r.nextInt(2);
            low[i][1] = r.nextInt(4);
        }
        for (int k : new int[] {3, 10, 25}) {
            assertThat(Metrics.trustworthiness(high, low, k, 2)).as("k=%d", k)
                    .isCloseTo(referenceTrustworthiness(high, low, k), within(1e-12));
        }
    }

    @Test
    void aLayoutThatKeepsEveryNeighbourhoodIsFullyTrustworthy() {
        float[][] points = NeighboursTest.gaussian(100, 2, 5);
        float[][] scaled = Arrays.stream(points).map(p -> new float[] {p[0] * 4, p[1] * 4, 0}).toArray(float[][]::new);
        assertThat(Metrics.trustworthiness(scaled, points, 10, 2)).isEqualTo(1.0);
        // a random layout is far from it
        assertThat(Metrics.trustworthiness(scaled, NeighboursTest.gaussian(100, 2, 6), 10, 2)).isLessThan(0.7);
    }

    @Test
    void trustworthinessRefusesKOfHalfTheSamplesOrMore() {
        float[][] x = NeighboursTest.gaussian(20, 3, 1);
        assertThatThrownBy(() -> Metrics.trustworthiness(x, x, 10, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trustworthiness needs 1 <= k < n / 2 = 10.0 (as scikit-learn), got k = 10");
        assertThat(Metrics.trustworthiness(x, x, 9, 1)).isEqualTo(1.0);
        assertThatThrownBy(() -> Metrics.trustworthiness(x, x, 0, 1)).hasMessageContaining("got k = 0");
        assertThatThrownBy(() -> Metrics.trustworthiness(x, Arrays.copyOf(x, 19), 3, 1))
                .hasMessageContaining("20 points in the original space but 19 in the layout");
    }

    @Test
    void sampledTrustworthinessAveragesThePenaltiesOfTheSampledPoints() {
        float[][] high = NeighboursTest.gaussian(200, 24, 31);
        float[][] low = new float[200][];
        Random r = new Random(31);
        for (int i = 0; i < 200; i++) low[i] = new float[] {high[i][0] + (float) r.nextGaussian(), high[i][1] + (float) r.nextGaussian()};
        int k = 7;
        long[] penalties = referencePenalties(high, low, k);
        int[] sample = Metrics.sample(200, 50, 5);
        long sampled = Arrays.stream(sample).mapToLong(i -> penalties[i]).sum();
        double expected = 1 - sampled * (200.0 / 50) * (2.0 / (200.0 * k * (2.0 * 200 - 3.0 * k - 1)));
        assertThat(Metrics.trustworthiness(high, low, k, 50, 5, 2)).isCloseTo(expected, within(1e-12));
        assertThat(Metrics.trustworthiness(high, low, k, 200, 5, 2)).isEqualTo(Metrics.trustworthiness(high, low, k, 1));
        assertThat(Metrics.trustworthiness(high, low, k, 100, 5, 1))
                .isCloseTo(referenceTrustworthiness(high, low, k), within(0.03));
    }

    // ---- kNN accuracy ----

    @Test
    void aTiedVoteGoesToTheSmallestLabel() {
        // Query 0 (fold 0) has neighbours 1, 2 (label 2) and 3, 4 (label 1) at the same
        // distances, then 5 (label 0) far away: k = 4 ties 2 votes to 2; label 1 wins.
        float[][] x = {{0, 0}, {1, 0}, {0, 1}, {-1, 0}, {0, -1}, {9, 9}};
        int[] labels = {1, 2, 2, 1, 1, 0};
        int[] folds = {0, -1, -1, -1, -1, -1};
        assertThat(Metrics.knnAccuracy(x, labels, folds, 4, false, 1)).isEqualTo(1.0);
        labels[0] = 2;
        assertThat(Metrics.knnAccuracy(x, labels, folds, 4, false, 1)).isEqualTo(0.0);
        // k = 5 adds the far label 0 vote: 2 against 2 against 1, still label 1
        labels[0] = 1;
        assertThat(Metrics.knnAccuracy(x, labels, folds, 5, false, 1)).isEqualTo(1.0);
    }

    @Test
    void accuracyIsTheMeanOverFoldsNotOverPoints() {
        // fold 0: 1 point, wrong; fold 1: 3 points, right -> (0 + 1) / 2, not 3 / 4
        float[][] x = {{0}, {10}, {10.1f}, {10.2f}, {0.1f}, {10.3f}, {0.2f}};
        int[] labels = {1, 1, 1, 1, 0, 1, 0};
        int[] folds = {0, 1, 1, 1, -1, -1, -1};
        assertThat(Metrics.knnAccuracy(x, labels, folds, 1, false, 2)).isEqualTo(0.5);
    }

    @Test
    void aTestPointNeverSeesItsOwnFold() {
        // Each point's twin is in the same fold with the same label; a leak would score 1.0.
        float[][] x = {{0}, {0.01f}, {5}, {5.01f}, {2.4f}, {2.6f}};
        int[] labels = {0, 0, 1, 1, 1, 0};
        int[] folds = {0, 0, 1, 1, 2, 2};
        // fold 0 -> nearest other-fold point is 4 (label 1): wrong; fold 1 -> 5 (label 0): wrong
        assertThat(Metrics.knnAccuracy(x, labels, folds, 1, false, 1)).isLessThan(0.5);
    }

    @Test
    void knnAccuracyChecksItsArguments() {
        float[][] x = NeighboursTest.gaussian(10, 2, 1);
        int[] labels = randomLabels(10, 2, 1);
        int[] folds = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
        assertThatThrownBy(() -> Metrics.knnAccuracy(x, labels, folds, 3, true, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fold 0 leaves 2 training points, fewer than k = 3");
        assertThatThrownBy(() -> Metrics.knnAccuracy(x, labels, new int[10], 0, true, 1)).hasMessageContaining("k must be at least 1");
        assertThatThrownBy(() -> Metrics.knnAccuracy(x, labels, new int[9], 1, true, 1)).hasMessageContaining("10 points, 10 labels and 9 folds");
        int[] none = new int[10];
        Arrays.fill(none, -1);
        assertThatThrownBy(() -> Metrics.knnAccuracy(x, labels, none, 1, true, 1)).hasMessageContaining("no fold has a test point");
    }

    // ---- folds ----

    @Test
    void stratifiedFoldsAreDeterministicBalancedAndSeeded() {
        int[] labels = randomLabels(1003, 7, 2);
        int[] a = Metrics.stratifiedFolds(labels, 5, 42);
        assertThat(Metrics.stratifiedFolds(labels, 5, 42)).containsExactly(a);
        assertThat(Metrics.stratifiedFolds(labels, 5, 43)).isNotEqualTo(a);
        int[][] counts = MetricsSklearnTest.counts(a, labels, 5);
        int[] sizes = new int[5];
        for (int f = 0; f < 5; f++) for (int c : counts[f]) sizes[f] += c;
        assertThat(Arrays.stream(sizes).max().getAsInt() - Arrays.stream(sizes).min().getAsInt()).isLessThanOrEqualTo(1);
        for (int c = 0; c < 7; c++) {
            int cls = c;
            IntStream perFold = IntStream.range(0, 5).map(f -> counts[f][cls]);
            int[] v = perFold.toArray();
            assertThat(Arrays.stream(v).max().getAsInt() - Arrays.stream(v).min().getAsInt()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void stratifiedFoldsShuffleWithinEachClass() {
        int[] labels = new int[100]; // one class in index order: folds must not be 0,1,2,0,1,2,...
        int[] folds = Metrics.stratifiedFolds(labels, 3, 7);
        int roundRobin = 0;
        for (int i = 0; i < 100; i++) if (folds[i] == i % 3) roundRobin++;
        assertThat(roundRobin).isLessThan(60);
        assertThatThrownBy(() -> Metrics.stratifiedFolds(new int[3], 4, 1)).hasMessageContaining("nFolds must be between 2 and n = 3");
        assertThatThrownBy(() -> Metrics.stratifiedFolds(new int[3], 1, 1)).hasMessageContaining("got 1");
    }

    // ---- Jaccard ----

    @Test
    void jaccardIsIntersectionOverUnionPerPoint() {
        int[][] a = {{1, 2, 3, 4}, {5, 6, 7, 8}, {1, 2, 3, 4}, {9, 9, 1}};
        int[][] b = {{4, 3, 2, 1}, {1, 2, 3, 4}, {3, 4, 5, 6}, {1, 9}};
        assertThat(Metrics.jaccard(a, b)).containsExactly(1.0, 0.0, 2.0 / 6, 1.0);
        assertThatThrownBy(() -> Metrics.jaccard(a, Arrays.copyOf(b, 3))).hasMessageContaining("4 points in A but 3 in B");
    }

    @Test
    void sampleDrawsDistinctIndicesReproducibly() {
        assertThat(Metrics.sample(10, 10, 3)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(Metrics.sample(1000, 30, 3)).containsExactly(Metrics.sample(1000, 30, 3)).doesNotHaveDuplicates();
        assertThat(Metrics.sample(1000, 30, 3)).isNotEqualTo(Metrics.sample(1000, 30, 4));
        assertThat(Arrays.stream(Metrics.sample(1000, 500, 3)).filter(i -> i >= 500).count()).isBetween(200L, 300L);
        assertThatThrownBy(() -> Metrics.trustworthiness(new float[40][2], new float[40][2], 3, 0, 1, 1)).hasMessageContaining("sampleSize");
    }

    @Test
    void sampledKnnAccuracyClassifiesExactlyTheSampledPoints() {
        java.util.Random r = new java.util.Random(11);
        int n = 300, d = 6, k = 5;
        float[][] x = new float[n][d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int t = 0; t < d; t++) x[i][t] = (float) (r.nextGaussian() + (t == labels[i] ? 1.5 : 0));
        }
        int[] folds = Metrics.stratifiedFolds(labels, 5, 3);
        int sampleSize = 70;
        long seed = 9;
        // Brute force: each sampled point votes with its k nearest (cosine, ties by index) in the other folds.
        int[] sampled = Metrics.sample(n, sampleSize, seed);
        java.util.Map<Integer, int[]> perFold = new java.util.TreeMap<>();
        for (int i : sampled) {
            Integer[] order = new Integer[n];
            for (int j = 0; j < n; j++) order[j] = j;
            double[] dist = new double[n];
            for (int j = 0; j < n; j++) {
                double dot = 0, a = 0, b = 0;
                for (int t = 0; t < d; t++) {
                    dot += (double) x[i][t] * x[j][t];
                    a += (double) x[i][t] * x[i][t];
                    b += (double) x[j][t] * x[j][t];
                }
                dist[j] = 1 - dot / Math.sqrt(a * b);
            }
            java.util.Arrays.sort(order, (p, q) -> dist[p] != dist[q] ? Double.compare(dist[p], dist[q]) : Integer.compare(p, q));
            int[] votes = new int[3];
            int taken = 0;
            for (int j : order) {
                if (folds[j] == folds[i]) continue;
                votes[labels[j]]++;
                if (++taken == k) break;
            }
            int best = 0;
            for (int c = 1; c < 3; c++) if (votes[c] > votes[best]) best = c;
            int[] f = perFold.computeIfAbsent(folds[i], key -> new int[2]);
            f[0]++;
            if (best == labels[i]) f[1]++;
        }
        double expected = perFold.values().stream().mapToDouble(f -> (double) f[1] / f[0]).average().orElseThrow();
        assertThat(Metrics.knnAccuracy(x, labels, folds, k, true, sampleSize, seed, 2)).isCloseTo(expected, within(1e-12));
        assertThat(Metrics.knnAccuracy(x, labels, folds, k, true, n, seed, 2))
                .isEqualTo(Metrics.knnAccuracy(x, labels, folds, k, true, 2));
    }
}
