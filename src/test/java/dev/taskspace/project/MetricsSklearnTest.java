package dev.taskspace.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every figure against scikit-learn's value on the shared fixtures (scripts/sklearn_metric_fixtures.py).
 * The issue asks for agreement within 1e-6; with double accumulation the figures agree to
 * rounding, so the tests hold them to 1e-9 (and kNN lists to the index).
 */
class MetricsSklearnTest {
    private static final double TOLERANCE = 1e-9;

    @ParameterizedTest(name = "{0}, {1} threads")
    @org.junit.jupiter.params.provider.CsvSource({"clusters,1", "clusters,2", "edge,1", "edge,3"})
    void knnAccuracyIsCrossValScoreOnTheStoredFolds(String name, int threads) {
        SklearnFixture f = SklearnFixture.load(name);
        assertThat(Metrics.knnAccuracy(f.x(), f.labels(), f.testFolds(), 10, true, threads))
                .isCloseTo(f.figure("knn_accuracy_cosine_10"), within(TOLERANCE));
        assertThat(Metrics.knnAccuracy(f.x(), f.labels(), f.testFolds(), 10, false, threads))
                .isCloseTo(f.figure("knn_accuracy_euclidean_10"), within(TOLERANCE));
        assertThat(Metrics.knnAccuracy(f.layout(), f.labels(), f.testFolds(), 10, false, threads))
                .isCloseTo(f.figure("knn_accuracy_layout_10"), within(TOLERANCE));
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @org.junit.jupiter.params.provider.CsvSource({"clusters,1", "clusters,2", "edge,1", "edge,3"})
    void silhouetteIsSilhouetteScore(String name, int threads) {
        SklearnFixture f = SklearnFixture.load(name);
        assertThat(Metrics.silhouette(f.x(), f.labels(), true, threads)).isCloseTo(f.figure("silhouette_cosine"), within(TOLERANCE));
        assertThat(Metrics.silhouette(f.x(), f.labels(), false, threads)).isCloseTo(f.figure("silhouette_euclidean"), within(TOLERANCE));
        assertThat(Metrics.silhouette(f.layout(), f.labels(), false, threads)).isCloseTo(f.figure("silhouette_layout"), within(TOLERANCE));
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @org.junit.jupiter.params.provider.CsvSource({"clusters,1", "clusters,2", "edge,1", "edge,3"})
    void trustworthinessIsSklearnsTrustworthiness(String name, int threads) {
        SklearnFixture f = SklearnFixture.load(name);
        int k = (int) f.figure("trustworthiness_k");
        assertThat(Metrics.trustworthiness(f.x(), f.layout(), k, threads)).isCloseTo(f.figure("trustworthiness"), within(TOLERANCE));
    }

    @Test
    void trustworthinessOfAnotherSpaceUnderTheSameLayout() {
        SklearnFixture f = SklearnFixture.load("clusters");
        float[][] perturbed = SklearnFixture.matrix("clusters-perturbed.npy");
        assertThat(Metrics.trustworthiness(perturbed, f.layout(), 15, 2))
                .isCloseTo(f.figure("trustworthiness_perturbed"), within(TOLERANCE));
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2})
    void neighbourListsAreNearestNeighborsKneighbors(int threads) {
        SklearnFixture f = SklearnFixture.load("clusters");
        float[][] perturbed = SklearnFixture.matrix("clusters-perturbed.npy");
        assertThat(Neighbours.knn(f.x(), 10, true, threads)).isDeepEqualTo(f.lists("knn_cosine_10"));
        assertThat(Neighbours.knn(f.x(), 10, false, threads)).isDeepEqualTo(f.lists("knn_euclidean_10"));
        assertThat(Neighbours.knn(perturbed, 10, true, threads)).isDeepEqualTo(f.lists("knn_cosine_10_perturbed"));
    }

    @Test
    void jaccardOfTwoSpacesMatchesThePythonSets() {
        SklearnFixture f = SklearnFixture.load("clusters");
        float[][] perturbed = SklearnFixture.matrix("clusters-perturbed.npy");
        double[] expected = f.doubles("jaccard_10");
        double[] actual = Metrics.jaccard(Neighbours.knn(f.x(), 10, true, 2), Neighbours.knn(perturbed, 10, true, 2));
        assertThat(actual).containsExactly(expected, within(1e-15));
        // the fixture moved every third point: their neighbourhoods changed most
        double moved = 0, kept = 0;
        for (int i = 0; i < actual.length; i++) {
            if (i % 3 == 0) moved += actual[i];
            else kept += actual[i];
        }
        assertThat(moved / 100).isLessThan(kept / 200);
    }

    @Test
    void stratifiedFoldsAllocateEachClassAsStratifiedKFold() {
        for (String name : new String[] {"clusters", "edge"}) {
            SklearnFixture f = SklearnFixture.load(name);
            int[] ours = Metrics.stratifiedFolds(f.labels(), f.nFolds(), 42);
            assertThat(counts(ours, f.labels(), f.nFolds())).as(name).isDeepEqualTo(counts(f.folds(), f.labels(), f.nFolds()));
        }
    }

    /** [fold][label] number of samples. */
    static int[][] counts(int[] folds, int[] labels, int nFolds) {
        int classes = java.util.Arrays.stream(labels).max().orElseThrow() + 1;
        int[][] c = new int[nFolds][classes];
        for (int i = 0; i < folds.length; i++) c[folds[i]][labels[i]]++;
        return c;
    }
}
