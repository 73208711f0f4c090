package dev.taskspace.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.taskspace.Reporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KnnGraphTest {
    private static final Reporter.Progress NONE = Reporter.Progress.NONE;

    /**
     * [n][d] unit vectors: Gaussian clusters whose centres lie in a random low-dimensional
     * subspace, plus isotropic noise, normalised (the shape of real sentence embeddings).
     */
    static float[][] clustered(int n, int d, int clusters, int subspace, double noise, long seed) {
        Random r = new Random(seed);
        double[][] basis = new double[subspace][d];
        for (double[] b : basis) for (int t = 0; t < d; t++) b[t] = r.nextGaussian() / Math.sqrt(d);
        double[][] centre = new double[clusters][d];
        for (double[] c : centre) {
            for (double[] b : basis) {
                double w = r.nextGaussian();
                for (int t = 0; t < d; t++) c[t] += w * b[t];
            }
        }
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            double[] c = centre[r.nextInt(clusters)];
            double[] v = new double[d];
            double s = 0;
            for (int t = 0; t < d; t++) {
                v[t] = c[t] + noise * r.nextGaussian() / Math.sqrt(d);
                s += v[t] * v[t];
            }
            for (int t = 0; t < d; t++) x[i][t] = (float) (v[t] / Math.sqrt(s));
        }
        return x;
    }

    /** The euclidean distance in double precision, from differences. */
    static double distance(float[] p, float[] q) {
        double s = 0;
        for (int t = 0; t < p.length; t++) {
            double e = (double) p[t] - q[t];
            s += e * e;
        }
        return Math.sqrt(s);
    }

    /** Mean over rows of |found neighbours of the row ∩ true neighbours| / k. */
    static double recall(KnnGraph found, KnnGraph exact) {
        long hits = 0;
        int k = exact.k();
        for (int i = 0; i < exact.n(); i++) {
            for (int m = 0; m < k; m++) {
                int j = found.neighbour(i, m);
                for (int q = 0; q < k; q++) if (exact.neighbour(i, q) == j) hits++;
            }
        }
        return (double) hits / ((long) exact.n() * k);
    }

    @Test
    void exactGraphHasTheDoublePrecisionNeighboursUpToFloatRounding() {
        float[][] x = clustered(700, 96, 8, 12, 0.6, 1);
        int k = 12;
        KnnGraph g = KnnGraph.build(x, k, 42, 2, NONE);
        int[][] reference = Neighbours.knn(x, k, false, 2);
        int differ = 0;
        for (int i = 0; i < x.length; i++) {
            for (int m = 0; m < k; m++) {
                double want = distance(x[i], x[reference[i][m]]);
                double got = distance(x[i], x[g.neighbour(i, m)]);
                // the m-th distance is the same; the neighbour too unless another is as near within float rounding
                assertThat(got).as("row %d, neighbour %d", i, m).isCloseTo(want, org.assertj.core.data.Offset.offset(2e-6));
                assertThat((double) g.distance(i, m)).isCloseTo(want, org.assertj.core.data.Offset.offset(2e-6));
                if (g.neighbour(i, m) != reference[i][m]) differ++;
            }
        }
        assertThat(differ).as("neighbours that differ from the double-precision search").isLessThan(x.length * k / 200);
    }

    @Test
    void rowsAreSortedNearestFirstAndExcludeTheRowItself() {
        float[][] x = clustered(300, 40, 5, 6, 0.5, 2);
        KnnGraph g = KnnGraph.build(x, 7, 1, 1, NONE);
        for (int i = 0; i < g.n(); i++) {
            for (int m = 0; m < g.k(); m++) {
                assertThat(g.neighbour(i, m)).isNotEqualTo(i);
                if (m > 0) assertThat(g.distance(i, m)).isGreaterThanOrEqualTo(g.distance(i, m - 1));
            }
        }
        assertThatThrownBy(() -> g.neighbour(0, 7)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void equallyNearNeighboursComeInIndexOrder() {
        float[] a = {1, 0, 0}, b = {0, 1, 0};
        float[][] x = {a, b, a.clone(), b.clone(), a.clone(), b.clone()};
        KnnGraph g = KnnGraph.build(x, 4, 0, 2, NONE);
        assertThat(g.index()).startsWith(2, 4, 1, 3); // row 0: its copies at 0, then the others at sqrt 2
        assertThat(g.distance(0, 0)).isZero();
        assertThat(g.distance(0, 2)).isCloseTo((float) Math.sqrt(2), org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void exactGraphDoesNotDependOnTheNumberOfThreads() {
        float[][] x = clustered(530, 48, 6, 8, 0.7, 3);
        KnnGraph one = KnnGraph.build(x, 10, 5, 1, NONE);
        KnnGraph three = KnnGraph.build(x, 10, 5, 3, NONE);
        assertThat(three.index()).isEqualTo(one.index());
        assertThat(three.distance()).isEqualTo(one.distance());
    }

    @Test
    void approximateGraphDoesNotDependOnTheNumberOfThreads() {
        float[][] x = clustered(2_000, 48, 10, 8, 0.7, 4);
        KnnGraph one = KnnGraph.build(x, 15, 7, 1, NONE, 0);
        KnnGraph three = KnnGraph.build(x, 15, 7, 3, NONE, 0);
        assertThat(three.index()).isEqualTo(one.index());
        assertThat(three.distance()).isEqualTo(one.distance());
    }

    @Test
    void approximateGraphFindsAtLeast95PercentOfTheTrueNeighbours() {
        float[][] x = clustered(4_000, 128, 30, 16, 6, 5);
        KnnGraph exact = KnnGraph.build(x, 15, 42, 2, NONE);
        KnnGraph approx = KnnGraph.build(x, 15, 42, 2, NONE, 0);
        System.out.println("recall@15 approximate " + recall(approx, exact));
        assertThat(recall(approx, exact)).isGreaterThanOrEqualTo(0.95);
        for (int i = 0; i < x.length; i++) {
            for (int m = 0; m < 15; m++) {
                assertThat(approx.neighbour(i, m)).isNotEqualTo(i);
                assertThat((double) approx.distance(i, m)).isCloseTo(distance(x[i], x[approx.neighbour(i, m)]),
                        org.assertj.core.data.Offset.offset(2e-6));
            }
        }
        // the data are not trivial: one part alone, without refinement, misses many neighbours
        KnnApprox.Params lone = new KnnApprox.Params(1, 40, 6, 1, 0);
        KnnGraph crude = KnnGraph.build(x, 15, 42, 2, NONE, 0, KnnKernel.get(), lone);
        System.out.println("recall@15 one part, no refinement " + recall(crude, exact));
        assertThat(recall(crude, exact)).isLessThan(0.9);
    }

    @Test
    void aboveAHundredThousandRowsEachRowMeetsAboutAsManyOthersAsAtAHundredThousand() {
        KnnApprox.Params p = KnnApprox.Params.DEFAULT;
        assertThat(p.probesFor(18_846)).isEqualTo(24);
        assertThat(p.probesFor(100_000)).isEqualTo(24);
        assertThat(p.probesFor(1_000_000)).isEqualTo(8);
        assertThat(p.probesFor(10_000_000)).isEqualTo(KnnApprox.Params.MIN_PROBES);
        double at100k = 24 * Math.sqrt(100_000); // candidates per row: probes x rows per part (sqrt n)
        for (int n : new int[] {150_000, 400_000, 1_000_000, 3_000_000}) {
            assertThat(p.probesFor(n) * Math.sqrt(n)).as("n = " + n).isBetween(0.9 * at100k, 1.1 * at100k);
        }
        assertThat(new KnnApprox.Params(1, 40, 6, 2, 1).probesFor(1_000_000)).isEqualTo(2); // never more than asked
    }

    @Test
    void vectorAndPlainKernelsGiveTheSameGraphBitForBit() {
        KnnKernel vector = KnnKernel.get();
        assumeTrue(vector != KnnKernel.plain(), "the Vector API is not available in this JVM");
        float[][] x = clustered(600, 100, 6, 10, 0.6, 6); // 100 = 6 * 16 + 4: a scalar tail too
        for (int limit : new int[] {-1, 0}) { // exact, and approximate
            KnnGraph v = KnnGraph.build(x, 10, 3, 2, NONE, limit, vector, KnnApprox.Params.DEFAULT);
            KnnGraph p = KnnGraph.build(x, 10, 3, 1, NONE, limit, KnnKernel.plain(), KnnApprox.Params.DEFAULT);
            assertThat(v.index()).as("limit " + limit).isEqualTo(p.index());
            assertThat(v.distance()).as("limit " + limit).isEqualTo(p.distance());
        }
        // The 256-bit form (AVX2 CPUs) runs here too, on an AVX-512 CPU: same bits again.
        KnnKernel halves = new KnnKernelVector(256);
        assertThat(halves.name()).isEqualTo("vector-256");
        KnnGraph h = KnnGraph.build(x, 10, 3, 3, NONE, -1, halves, KnnApprox.Params.DEFAULT);
        assertThat(h.index()).isEqualTo(KnnGraph.build(x, 10, 3, 1, NONE, -1, KnnKernel.plain(), KnnApprox.Params.DEFAULT).index());
        java.util.Random r = new java.util.Random(5);
        for (int d : new int[] {1, 3, 15, 16, 17, 31, 32, 33, 100, 384, 1024}) {
            float[][] y = new float[70][d];
            for (float[] row : y) for (int t = 0; t < d; t++) row[t] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(7) - 3));
            int[] rows = new int[70];
            for (int i = 0; i < 70; i++) rows[i] = (i * 31) % 70;
            float[] a = new float[KnnKernel.TILE * KnnKernel.TILE], b = new float[KnnKernel.TILE * KnnKernel.TILE];
            vector.tile(y, rows, 5, 63, y, rows, 2, 61, a);
            KnnKernel.plain().tile(y, rows, 5, 63, y, rows, 2, 61, b);
            assertThat(a).as("d = " + d).isEqualTo(b);
            halves.tile(y, rows, 5, 63, y, rows, 2, 61, a);
            assertThat(a).as("256 bits, d = " + d).isEqualTo(b);
            for (int i = 0; i < 70; i++) assertThat(vector.dot(y[i], y[69 - i])).isEqualTo(KnnKernel.plain().dot(y[i], y[69 - i]));
        }
    }

    @Test
    void aSystemPropertyForcesThePlainKernel() {
        String before = System.getProperty(KnnKernel.VECTOR_PROPERTY);
        try {
            System.setProperty(KnnKernel.VECTOR_PROPERTY, "false");
            assertThat(KnnKernel.get()).isSameAs(KnnKernel.plain());
            assertThat(KnnKernel.get().name()).isEqualTo("plain");
        } finally {
            if (before == null) System.clearProperty(KnnKernel.VECTOR_PROPERTY);
            else System.setProperty(KnnKernel.VECTOR_PROPERTY, before);
        }
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        int bits = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
        assertThat(KnnKernel.get().name()).isEqualTo(!module || bits < 256 ? "plain" : "vector-" + Math.min(bits, 512));
    }

    @Test
    void kernelTilesEqualSinglePairDotsBitForBit() {
        float[][] x = clustered(70, 37, 3, 4, 0.5, 7);
        int[] rows = new int[70];
        for (int i = 0; i < 70; i++) rows[i] = 69 - i;
        List<KnnKernel> kernels = new ArrayList<>(List.of(KnnKernel.plain()));
        if (KnnKernel.get() != KnnKernel.plain()) kernels.add(KnnKernel.get());
        for (KnnKernel kernel : kernels) {
            float[] out = new float[KnnKernel.TILE * KnnKernel.TILE];
            kernel.tile(x, rows, 3, 61, x, rows, 1, 62, out);
            for (int a = 0; a < 61; a++) {
                for (int b = 0; b < 62; b++) {
                    float[] p = x[rows[3 + a]], q = x[rows[1 + b]];
                    assertThat(out[a * KnnKernel.TILE + b]).as(kernel.name()).isEqualTo(kernel.dot(p, q)).isEqualTo(kernel.dot(q, p));
                }
            }
        }
    }

    @Test
    void badInputIsRefusedWithAReason() {
        float[][] x = clustered(10, 4, 2, 2, 0.5, 8);
        assertThatThrownBy(() -> KnnGraph.build(x, 0, 0, 1, NONE)).hasMessageContaining("k must be between 1 and n - 1 = 9, got 0");
        assertThatThrownBy(() -> KnnGraph.build(x, 10, 0, 1, NONE)).hasMessageContaining("got 10");
        assertThatThrownBy(() -> KnnGraph.build(x, 3, 0, 0, NONE)).hasMessageContaining("threads must be at least 1");
        assertThatThrownBy(() -> KnnGraph.build(new float[][] {{1, 0}}, 1, 0, 1, NONE)).hasMessageContaining("at least 2 vectors");
        float[][] ragged = x.clone();
        ragged[4] = new float[3];
        assertThatThrownBy(() -> KnnGraph.build(ragged, 3, 0, 1, NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vector 4 has 3 values, vector 0 has 4");
        float[][] nan = x.clone();
        nan[6] = new float[] {0, Float.NaN, 0, 0};
        assertThatThrownBy(() -> KnnGraph.build(nan, 3, 0, 1, NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vector 6 has a NaN or infinite value at 1");
        float[][] missing = x.clone();
        missing[2] = null;
        assertThatThrownBy(() -> KnnGraph.build(missing, 3, 0, 1, NONE)).hasMessageContaining("vector 2 has no values");
        assertThatThrownBy(() -> new KnnGraph(3, 2, new int[5], new float[6])).hasMessageContaining("n * k = 6");
    }
}
