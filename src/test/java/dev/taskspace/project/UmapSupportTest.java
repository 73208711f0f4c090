package dev.taskspace.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskspace.Reporter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UmapSupportTest {

    /** A graph from rows of neighbour indices; distances rise by 1 along each row. */
    private static KnnGraph graph(int[][] rows) {
        int n = rows.length, k = rows[0].length;
        int[] index = new int[n * k];
        float[] distance = new float[n * k];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < k; m++) {
                index[i * k + m] = rows[i][m];
                distance[i * k + m] = i + m + 1;
            }
        }
        return new KnnGraph(n, k, index, distance);
    }

    @Test
    void anUnsupportedNeighbourMakesWayForTheNearestSupportedCandidate() {
        // Two groups {0, 1, 2} and {3, 4, 5}, with k = 2 of 5 candidates (2k + 1). Point 2's
        // nearest is 3, across: 3's own two nearest are 4 and 5, and 3 shares neither with 2's
        // (3 and 0); so 3 gives way to 1 (2's third, listing 2 among its own two nearest).
        KnnGraph g = graph(new int[][] {
            {1, 2, 3, 4, 5},
            {0, 2, 3, 4, 5},
            {3, 0, 1, 4, 5},
            {4, 5, 2, 0, 1},
            {3, 5, 0, 1, 2},
            {3, 4, 0, 1, 2},
        });
        KnnGraph s = UmapSupport.select(g, 2, 5);
        assertThat(s.k()).isEqualTo(2);
        assertThat(new int[] {s.neighbour(2, 0), s.neighbour(2, 1)}).containsExactly(0, 1);
        assertThat(new float[] {s.distance(2, 0), s.distance(2, 1)}).containsExactly(4f, 5f); // sorted, distances carried
        for (int i : new int[] {0, 1, 3, 4, 5}) { // every other point's two nearest are supported: kept as they were
            assertThat(new int[] {s.neighbour(i, 0), s.neighbour(i, 1)}).containsExactly(g.neighbour(i, 0), g.neighbour(i, 1));
        }
    }

    @Test
    void withTooFewSupportedCandidatesTheNearestUnsupportedOnesFillTheRow() {
        // Point 0's candidates 1, 2, 3 list only 3, 4, 5 among their 2 nearest: none lists 0 or
        // shares 0's nearest (1, 2), so the row stays its 2 nearest.
        KnnGraph g = graph(new int[][] {
            {1, 2, 3},
            {3, 4, 5},
            {4, 3, 5},
            {4, 5, 0},
            {5, 3, 0},
            {4, 3, 0},
        });
        KnnGraph s = UmapSupport.select(g, 2, 3);
        assertThat(new int[] {s.neighbour(0, 0), s.neighbour(0, 1)}).containsExactly(1, 2);
    }

    @Test
    void rejectsMoreCandidatesThanTheGraphHas() {
        KnnGraph g = graph(new int[][] {{1, 2}, {0, 2}, {0, 1}});
        assertThatThrownBy(() -> UmapSupport.select(g, 2, 3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows of 2");
    }

    @Test
    void setsOf10001To20000PointsSearchTwiceTheNeighboursOthersTheirOwn() {
        // maps up to 10,000 points are as before the filter (SameMapIT's and the demo's sizes);
        // above the exact search's limit the approximate graph is laid out as found
        assertThat(Umap.DEFAULT.candidates(10_000)).isEqualTo(14);
        assertThat(Umap.DEFAULT.candidates(10_001)).isEqualTo(29);
        assertThat(new Umap(5, 0.1f, 42, 1).candidates(KnnGraph.EXACT_LIMIT)).isEqualTo(9);
        assertThat(Umap.DEFAULT.candidates(KnnGraph.EXACT_LIMIT + 1)).isEqualTo(14);
    }

    @Test
    void aSetAboveTenThousandPointsGetsTheSameMapOnAnyThreadsAndKeepsItsNearestNeighbours() {
        float[][] x = UmapTest.blobs(6, 1_701, 8, 0.6, 3, null); // 10,206 points: the supported graph
        Umap one = new Umap(15, 0.1f, 42, 1, 3), two = new Umap(15, 0.1f, 42, 2, 3);
        Umap.Projection a = one.project(x, 10, Reporter.Progress.NONE);
        Umap.Projection b = two.project(x, 10, Reporter.Progress.NONE);
        assertThat(b.layout()).isDeepEqualTo(a.layout());
        // the lists kept for the figures are the 10 nearest, not the layout's supported ones
        float[][] unit = new float[x.length][];
        for (int i = 0; i < x.length; i++) unit[i] = Umap.unitLength(x[i]);
        KnnGraph nearest = KnnGraph.build(unit, 10, 42, 2, Reporter.Progress.NONE);
        for (int i = 0; i < x.length; i += 97) {
            assertThat(a.neighbours()[i]).containsExactly(Arrays.copyOfRange(nearest.index(), i * 10, i * 10 + 10));
        }
    }
}
