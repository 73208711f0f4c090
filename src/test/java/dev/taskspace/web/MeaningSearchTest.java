package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskspace.TaskspaceException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The nearest-k selection against a full sort, and the bounds of the query cache. */
class MeaningSearchTest {

    /** Stored vectors of random rows (some repeated, so ties occur) and a model whose queries are fixed rows; counts embeddings. */
    static final class Rows implements QueryModel {
        final float[][] vectors;
        int embedded;

        Rows(float[][] vectors) {
            this.vectors = vectors;
        }

        @Override
        public String unavailable() {
            return "";
        }

        @Override
        public float[][] vectors(String task) {
            return task.equals("none") ? null : vectors;
        }

        @Override
        public float[] embed(String task, String query) {
            embedded++;
            return vectors[Math.floorMod(query.hashCode(), vectors.length)];
        }
    }

    static float[][] random(int n, int d, long seed) {
        Random r = new Random(seed);
        float[][] v = new float[n][d];
        for (int i = 0; i < n; i++) {
            if (i % 7 == 3) v[i] = v[i - 1].clone(); // ties
            else for (int j = 0; j < d; j++) v[i][j] = (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void theNearestAreTheTopOfAFullSortByCosineTiesByIndex() throws Exception {
        float[][] v = random(2000, 16, 3);
        Rows model = new Rows(v);
        MeaningSearch search = new MeaningSearch(model);
        for (String query : List.of("a", "b", "rocket")) {
            MeaningSearch.Result r = search.search("t", query, 50, v.length);
            float[] q = model.embed("t", query);
            double[] cos = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                double dot = 0, nq = 0, nv = 0;
                for (int j = 0; j < q.length; j++) { dot += q[j] * v[i][j]; nq += q[j] * q[j]; nv += v[i][j] * v[i][j]; }
                cos[i] = dot / Math.sqrt(nq * nv);
            }
            List<Integer> order = new ArrayList<>(IntStream.range(0, v.length).boxed().toList());
            order.sort(Comparator.<Integer>comparingDouble(i -> -cos[i]).thenComparingInt(i -> i));
            assertThat(r.indices()).containsExactly(order.subList(0, 50).stream().mapToInt(Integer::intValue).toArray());
            for (int k = 0; k < 50; k++) assertThat((double) r.scores()[k]).isCloseTo(cos[r.indices()[k]], org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThat(search.search("t", "a", 5000, v.length).indices()).as("k beyond n gives all n").hasSize(v.length);
    }

    @Test
    void queriesAreCachedUpToTheBoundAndATaskWithoutVectorsSaysSo() throws Exception {
        Rows model = new Rows(random(100, 8, 5));
        MeaningSearch search = new MeaningSearch(model);
        assertThat(search.search("t", "q0", 5, 100).cached()).isFalse();
        assertThat(search.search("t", "q0", 5, 100).cached()).isTrue();
        assertThat(search.search("u", "q0", 5, 100).cached()).as("per task").isFalse();
        for (int i = 1; i <= MeaningSearch.CACHED_QUERIES; i++) search.search("t", "q" + i, 5, 100);
        int before = model.embedded;
        assertThat(search.search("t", "q0", 5, 100).cached()).as("the oldest was let go").isFalse();
        assertThat(model.embedded).isEqualTo(before + 1);
        assertThatThrownBy(() -> search.search("none", "q", 5, 100)).isInstanceOf(TaskspaceException.class).hasMessageContaining("without vectors");
        assertThatThrownBy(() -> search.search("t", "q", 5, 99)).isInstanceOf(TaskspaceException.class).hasMessageContaining("100 stored vectors for a map of 99");
    }
}
