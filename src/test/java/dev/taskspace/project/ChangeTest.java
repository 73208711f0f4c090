package dev.taskspace.project;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskspace.map.Drift;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The change data against scikit-learn and numpy (scripts/change_fixtures.py) on the clusters fixture. */
class ChangeTest {
    private static final SklearnFixture CLUSTERS = SklearnFixture.load("clusters");

    private static JsonNode expected() throws IOException {
        try (InputStream in = ChangeTest.class.getResourceAsStream("change.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static int[][] matrix(JsonNode v) {
        int[][] out = new int[v.size()][];
        for (int i = 0; i < out.length; i++) out[i] = SklearnFixture.ints(v.get(i));
        return out;
    }

    @Test
    void categoryNeighbourCountsAreScikitLearnsInBothTasks() throws IOException {
        JsonNode e = expected();
        int k = e.get("k").asInt();
        float[][] perturbed = SklearnFixture.matrix("clusters-perturbed.npy");
        int[][] a = Neighbours.knn(CLUSTERS.x(), k, true, 2);
        int[][] b = Neighbours.knn(perturbed, k, true, 2);
        assertThat(Change.categoryNeighbours(a, CLUSTERS.labels(), 5)).isDeepEqualTo(matrix(e.get("category_neighbours_x")));
        assertThat(Change.categoryNeighbours(b, CLUSTERS.labels(), 5)).isDeepEqualTo(matrix(e.get("category_neighbours_perturbed")));
    }

    @Test
    void driftIsTheShareOfNewNeighboursAsNumpyCountsIt() throws IOException {
        JsonNode e = expected();
        int k = e.get("k").asInt();
        int[][] a = Neighbours.knn(CLUSTERS.x(), k, true, 2);
        int[][] b = Neighbours.knn(SklearnFixture.matrix("clusters-perturbed.npy"), k, true, 2);
        float[] drift = Drift.of(a, b);
        for (int i = 0; i < drift.length; i++) assertThat((double) drift[i]).as("point %d", i).isEqualTo(e.get("drift").get(i).asDouble(), org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void unlabelledDocumentsAndNeighboursAreLeftOut() {
        int[][] knn = {{1, 2}, {0, 2}, {0, 1}};
        int[] codes = {0, 1, -1};
        assertThat(Change.categoryNeighbours(knn, codes, 2)).isDeepEqualTo(new int[][] {{0, 1}, {1, 0}});
    }

    @Test
    void driftCountsEachNewNeighbourOnce() {
        assertThat(Drift.of(new int[][] {{1, 2, 3, 4}}, new int[][] {{4, 5, 6, 1}})).containsExactly(0.5f);
        assertThat(Drift.of(new int[][] {{1, 2}}, new int[][] {{1, 2}})).containsExactly(0f);
    }
}
