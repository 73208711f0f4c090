package dev.taskspace.project;

import dev.taskspace.Reporter;

/**
 * The package-private knobs of {@link KnnGraph} for {@code dev.taskspace.bench.KnnBench}: test
 * code only, so the product's public surface stays {@link KnnGraph#build}.
 */
public final class KnnGraphBenchAccess {
    private KnnGraphBenchAccess() {}

    /**
     * {@link KnnGraph#build} with a forced method and kernel.
     *
     * @param exactLimit   -1: the default; 0: always approximate; Integer.MAX_VALUE: always exact
     * @param plain        true: the plain Java kernel even where the Vector API is available
     * @param probes       parts searched per part (approximate method)
     * @param clusterScale parts = sqrt(n) * clusterScale
     * @param refineRounds rounds of neighbours-of-neighbours refinement
     */
    public static KnnGraph build(float[][] x, int k, long seed, int threads, Reporter.Progress progress, int exactLimit, boolean plain,
            int probes, double clusterScale, int refineRounds) {
        KnnApprox.Params d = KnnApprox.Params.DEFAULT;
        KnnApprox.Params p = new KnnApprox.Params(clusterScale, d.samplePerCluster(), d.kmeansRounds(), probes, refineRounds);
        return KnnGraph.build(x, k, seed, threads, progress, exactLimit, plain ? KnnKernel.plain() : KnnKernel.get(), p);
    }

    /** The kernel {@link KnnGraph#build} uses in this JVM: "vector-512", "plain", ... */
    public static String kernelName() {
        return KnnKernel.get().name();
    }

    /** Exact k nearest rows of the listed rows in double precision ({@link Neighbours}): [rows.length][k]. */
    public static int[][] exactRows(float[][] x, int[] rows, int k, int threads) {
        NeighboursTopK top = Neighbours.search(new NeighboursKernel(x, false), rows, k, threads, null);
        int[][] out = new int[rows.length][k];
        for (int s = 0; s < rows.length; s++) for (int m = 0; m < k; m++) out[s][m] = top.index(s, m);
        return out;
    }
}
