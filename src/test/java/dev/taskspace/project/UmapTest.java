package dev.taskspace.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UmapTest {

    /** {@code clusters} Gaussian blobs of {@code per} points in {@code d} dimensions; labels in [0]. */
    static float[][] blobs(int clusters, int per, int d, double spread, long seed, int[] labelsOut) {
        Random r = new Random(seed);
        float[][] centres = new float[clusters][d];
        for (float[] c : centres) for (int t = 0; t < d; t++) c[t] = (float) r.nextGaussian();
        float[][] x = new float[clusters * per][d];
        for (int i = 0; i < x.length; i++) {
            int c = i % clusters;
            if (labelsOut != null) labelsOut[i] = c;
            for (int t = 0; t < d; t++) x[i][t] = (float) (centres[c][t] + spread * r.nextGaussian());
        }
        return x;
    }

    // Expected a, b: SciPy's curve_fit as umap-learn's find_ab_params calls it (spread 1):
    // python3 -c "...curve_fit(lambda x, a, b: 1 / (1 + a * x ** (2 * b)), xv, yv)" on Debian's scipy.
    @ParameterizedTest(name = "min_dist {0}")
    @CsvSource({"0.0, 1.9328084, 0.79049497", "0.001, 1.9290734, 0.79150453", "0.1, 1.57694346, 0.89506088",
            "0.5, 0.58303002, 1.33416699", "0.99, 0.1193053, 1.91639042"})
    void curveMatchesUmapLearnsFit(double minDist, double a, double b) {
        UmapCurve c = UmapCurve.fit(minDist, 1.0);
        assertThat(c.a()).isCloseTo(a, within(2e-5 * a));
        assertThat(c.b()).isCloseTo(b, within(2e-5 * b));
    }

    @Test
    void powIsAccurateOverTheRangeTheGradientUses() {
        Random r = new Random(3);
        for (float b : new float[] {0.79049497f, 0.89506088f, 1.33416699f, 1.91639042f}) {
            for (int s = 0; s < 200_000; s++) {
                float x = (float) Math.pow(10, -8 + 12 * r.nextDouble());
                double expected = StrictMath.pow(x, b);
                assertThat((double) UmapOptimizer.pow(x, b)).as("%s^%s", x, b).isCloseTo(expected, within(2e-7 * expected));
            }
        }
        assertThat(UmapOptimizer.pow(1f, 0.9f)).isEqualTo(1f);
        assertThat(UmapOptimizer.pow(4f, 0.5f)).isCloseTo(2f, within(1e-6f));
    }

    @Test
    void fuzzyGraphIsSymmetricAndEachRowsMembershipsSumToLog2K() {
        float[][] x = blobs(4, 50, 10, 0.5, 1, null);
        for (int i = 0; i < x.length; i++) x[i] = Umap.unitLength(x[i]);
        int n = x.length, k = 14;
        NeighboursTopK top = Neighbours.search(new NeighboursKernel(x, false), null, k, 1, null);
        int[] index = new int[n * k];
        float[] distance = new float[n * k];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < k; m++) {
                index[i * k + m] = top.index(i, m);
                distance[i * k + m] = (float) Math.sqrt(top.distance(i, m));
            }
        }
        UmapGraph g = UmapGraph.fuzzy(n, k, index, distance);
        int checked = 0;
        for (int i = 0; i < n; i++) {
            int[] cols = Arrays.copyOfRange(g.col(), g.rowStart()[i], g.rowStart()[i + 1]);
            assertThat(cols).isSorted().doesNotContain(i).contains(index[i * k]);
            for (int p = g.rowStart()[i]; p < g.rowStart()[i + 1]; p++) {
                int j = g.col()[p];
                assertThat(g.weight()[p]).isGreaterThan(0f).isLessThanOrEqualTo(1f);
                int q = Arrays.binarySearch(g.col(), g.rowStart()[j], g.rowStart()[j + 1], i);
                assertThat(q).as("edge %d-%d has its reverse", i, j).isGreaterThanOrEqualTo(0);
                assertThat(g.weight()[q]).isEqualTo(g.weight()[p]);
            }
            // The definition of sigma: the k directed memberships sum to log2(k + 1); the nearest is 1.
            double rho = distance[i * k], sigma = sigmaFromWeights(index, distance, g, i, k);
            if (Double.isNaN(sigma)) continue;
            checked++;
            double sum = 0;
            for (int m = 0; m < k; m++) sum += Math.exp(-Math.max(0, distance[i * k + m] - rho) / sigma);
            assertThat(sum).isCloseTo(Math.log(k + 1) / Math.log(2), within(1e-3));
        }
        assertThat(checked).as("rows with a one-way neighbour").isGreaterThan(n / 2);
    }

    /** Row i's sigma, read back from the union weight of an edge only i lists (then the weight is i's own membership). */
    private static double sigmaFromWeights(int[] index, float[] distance, UmapGraph g, int i, int k) {
        for (int m = 1; m < k; m++) {
            int j = index[i * k + m];
            boolean back = false;
            for (int q = 0; q < k; q++) back |= index[j * k + q] == i;
            double d = distance[i * k + m] - distance[i * k];
            if (back || d <= 0) continue;
            int p = Arrays.binarySearch(g.col(), g.rowStart()[i], g.rowStart()[i + 1], j);
            return -d / Math.log(g.weight()[p]);
        }
        return Double.NaN; // every neighbour of i lists i too
    }

    @Test
    void sameSeedGivesTheSameLayoutOnAnyNumberOfThreads() {
        float[][] x = blobs(5, 60, 16, 0.6, 2, null);
        float[][] one = new Umap(15, 0.1f, 7, 1, 100).fit(x, Reporter.Progress.NONE);
        float[][] three = new Umap(15, 0.1f, 7, 3, 100).fit(x, Reporter.Progress.NONE);
        float[][] again = new Umap(15, 0.1f, 7, 2, 100).fit(x, Reporter.Progress.NONE);
        assertThat(three).isDeepEqualTo(one);
        assertThat(again).isDeepEqualTo(one);
        float[][] otherSeed = new Umap(15, 0.1f, 8, 1, 100).fit(x, Reporter.Progress.NONE);
        assertThat(Arrays.deepEquals(otherSeed, one)).isFalse();
    }

    @Test
    void overwritingTheInputGivesTheSameProjectionAndLeavesUnitRows() {
        float[][] x = blobs(4, 50, 12, 0.5, 3, null);
        for (float[] row : x) for (int j = 0; j < row.length; j++) row[j] *= 3; // not unit length
        float[][] copy = new float[x.length][];
        for (int i = 0; i < x.length; i++) copy[i] = x[i].clone();
        Umap umap = new Umap(15, 0.1f, 7, 2, 50);
        Umap.Projection kept = umap.project(copy, 5, Reporter.Progress.NONE);
        assertThat(copy).isDeepEqualTo(x); // the caller's vectors untouched by default
        float[] firstRow = x[0];
        Umap.Projection overwritten = umap.project(x, 5, Reporter.Progress.NONE, true);
        assertThat(overwritten.layout()).isDeepEqualTo(kept.layout());
        assertThat(overwritten.neighbours()).isDeepEqualTo(kept.neighbours());
        assertThat(x[0]).isSameAs(firstRow); // scaled where it lies, not copied
        for (int i = 0; i < x.length; i++) assertThat(x[i]).isEqualTo(Umap.unitLength(copy[i]));
    }

    @Test
    void separatesClustersAndKeepsNeighbourhoods() {
        int[] labels = new int[8 * 150];
        float[][] x = blobs(8, 150, 32, 0.35, 4, labels);
        float[][] y = Umap.DEFAULT.fit(x, Reporter.Progress.NONE);
        for (float[] p : y) assertThat(Float.isFinite(p[0]) && Float.isFinite(p[1])).isTrue();
        assertThat(Metrics.trustworthiness(x, y, 15, 2)).isGreaterThan(0.9);
        assertThat(Metrics.silhouette(y, labels, false, 2)).isGreaterThan(0.5);
        int[] folds = Metrics.stratifiedFolds(labels, 5, 1);
        assertThat(Metrics.knnAccuracy(y, labels, folds, 10, false, 2)).isGreaterThan(0.98);
    }

    @Test
    void atLeastAsTrustworthyAsTagBiosUmapOnTheSameData() {
        float[][] x = blobs(10, 100, 48, 0.8, 5, null);
        float[][] unit = new float[x.length][];
        for (int i = 0; i < x.length; i++) unit[i] = Umap.unitLength(x[i]);
        tagbio.umap.Umap theirs = new tagbio.umap.Umap();
        theirs.setNumberComponents(2);
        theirs.setNumberNearestNeighbours(15);
        theirs.setMinDist(0.1f);
        theirs.setMetric("euclidean");
        theirs.setSeed(42);
        theirs.setThreads(1);
        theirs.setVerbose(false);
        double reference = Metrics.trustworthiness(unit, theirs.fitTransform(unit), 15, 2);
        double ours = Metrics.trustworthiness(unit, Umap.DEFAULT.fit(x, Reporter.Progress.NONE), 15, 2);
        assertThat(ours).isGreaterThan(reference - 0.01);
    }

    @Test
    void identicalAndZeroVectorsGiveAFiniteLayout() {
        float[][] x = new float[60][8];
        for (int i = 0; i < 30; i++) x[i][0] = 1; // 30 identical points
        for (int i = 30; i < 40; i++) x[i][1] = i; // 10 on one ray: identical once unit length
        // rows 40..59 stay zero vectors
        float[][] y = new Umap(15, 0.1f, 1, 2, 50).fit(x, Reporter.Progress.NONE);
        for (float[] p : y) assertThat(Float.isFinite(p[0]) && Float.isFinite(p[1])).as(Arrays.toString(p)).isTrue();
    }

    @Test
    void tooFewDocumentsOrBadSettingsAreClearErrors() {
        assertThatThrownBy(() -> Umap.DEFAULT.fit(new float[15][4], Reporter.Progress.NONE))
                .isInstanceOf(TaskspaceException.class).hasMessageContaining("needs more than 15 documents");
        assertThatThrownBy(() -> new Umap(1, 0.1f, 1, 1)).hasMessageContaining("at least 2 neighbours");
        assertThatThrownBy(() -> new Umap(15, -0.1f, 1, 1)).hasMessageContaining("min_dist");
        assertThatThrownBy(() -> new Umap(15, 0.1f, 1, 0)).hasMessageContaining("threads");
        assertThatThrownBy(() -> new Umap(15, 0.1f, 1, 1, -3)).hasMessageContaining("epochs");
    }

    @Test
    void defaultEpochsAreUmapLearnsUpTo10000PointsAndMoreAbove() {
        // docs/cli.md and `project --help` state this rule; BENCHMARKS.md ("Projection") says why 350
        assertThat(Umap.DEFAULT.epochsFor(800)).isEqualTo(500);
        assertThat(Umap.DEFAULT.epochsFor(10_000)).isEqualTo(500);
        assertThat(Umap.DEFAULT.epochsFor(10_001)).isEqualTo(350);
        assertThat(Umap.DEFAULT.epochsFor(1_000_000)).isEqualTo(350);
        assertThat(new Umap(15, 0.1f, 42, 1, 120).epochsFor(50_000)).isEqualTo(120);
    }
}
