package dev.taskspace.bench;

import dev.taskspace.Reporter;
import dev.taskspace.project.KnnGraph;
import dev.taskspace.project.KnnGraphBenchAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Wall time and recall of {@link KnnGraph#build} on synthetic clustered unit vectors: 50
 * Gaussian clusters whose centres (unit length) lie in a random 32-d subspace, plus isotropic
 * noise of total length {@code --noise}, normalised (seed 42). Recall@k is measured against
 * exact double-precision neighbours ({@code dev.taskspace.project.Neighbours}): for every row up
 * to 25,000 rows, for {@code --sample} rows above.
 *
 * <pre>
 * MAVEN_OPTS="--add-modules jdk.incubator.vector" mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.taskspace.bench.KnnBench -Dexec.args="--sizes 18846,100000 --threads 2 --runs 3"
 * </pre>
 * Options: {@code --k 15 --noise 1 --sample 1000 --npy FILE} (real vectors instead of the synthetic ones)
 * {@code --method auto|exact|approx --kernel auto|plain
 * --probes 24 --scale 1 --refine 1}. With the approximate method each run's line also gives the wall time of its
 * steps (partition, assignment, search, refinement). Without the MAVEN_OPTS the Vector API is absent and the
 * plain kernel runs (the first line says which).
 */
public final class KnnBench {
    private static final int DIMS = 1024, CLUSTERS = 50, SUBSPACE = 32;

    public static void main(String[] argv) {
        Args a = new Args(argv, 0);
        List<Long> sizes = a.longs("sizes", List.of(18_846L, 100_000L));
        int threads = a.integer("threads", 2), runs = a.integer("runs", 3), k = a.integer("k", 15), sample = a.integer("sample", 1000);
        double noise = a.decimal("noise", 1.0);
        String method = a.string("method", "auto");
        int limit = switch (method) {
            case "auto" -> -1;
            case "exact" -> Integer.MAX_VALUE;
            case "approx" -> 0;
            default -> throw new IllegalArgumentException("--method auto|exact|approx, got " + method);
        };
        boolean plain = a.string("kernel", "auto").equals("plain");
        int probes = a.integer("probes", 24), refine = a.integer("refine", 1);
        double scale = a.decimal("scale", 1.0);
        System.out.printf(Locale.ROOT, "# %s %s, kernel %s, %d threads, k=%d, noise %.2f, method %s, probes %d, scale %.2f, refine %d%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"), plain ? "plain" : KnnGraphBenchAccess.kernelName(),
                threads, k, noise, method, probes, scale, refine);
        // warm-up: both methods on a small set, so the JIT has compiled the kernels
        float[][] warm = clustered(6_000, noise, 7);
        KnnGraphBenchAccess.build(warm, k, 42, threads, Reporter.Progress.NONE, Integer.MAX_VALUE, plain, probes, scale, refine);
        KnnGraphBenchAccess.build(warm, k, 42, threads, Reporter.Progress.NONE, 0, plain, probes, scale, refine);
        String npy = a.string("npy", null);
        if (npy != null) sizes = List.of(-1L);
        for (long size : sizes) {
            float[][] x = npy == null ? clustered(Math.toIntExact(size), noise, 42) : unit(read(npy));
            int n = x.length;
            List<Double> seconds = new ArrayList<>();
            KnnGraph g = null;
            for (int r = 0; r < runs; r++) {
                Meter m = Meter.start();
                Phases phases = new Phases();
                g = KnnGraphBenchAccess.build(x, k, 42, threads, phases, limit, plain, probes, scale, refine);
                Meter.Reading reading = m.stop();
                seconds.add(reading.seconds());
                System.out.printf(Locale.ROOT, "n=%d run %d: %s%s%n", n, r + 1, reading.describe(), phases.describe());
            }
            double recall = recall(x, g, n <= 25_000 ? n : sample, threads);
            System.out.printf(Locale.ROOT, "n=%-7d d=%d  build median %.2f s (min %.2f, max %.2f, %d runs)  recall@%d %.4f%s  peak RSS %s%n",
                    n, x[0].length, Meter.median(seconds), Meter.min(seconds), Meter.max(seconds), runs, k, recall,
                    n <= 25_000 ? "" : " (" + sample + " sampled rows)", Args.procStatus("VmHWM"));
        }
    }

    /**
     * Wall time between the progress marks of the approximate method (KnnApprox: partition to
     * 10%, assignment to 15%, search to 75%, refinement to 100%); empty for the exact method.
     */
    private static final class Phases implements Reporter.Progress {
        private static final int[] MARKS = {10, 15, 75, 100};
        private static final String[] NAMES = {"partition", "assign", "search", "refine"};
        private final long start = System.nanoTime();
        private final long[] reached = new long[MARKS.length];

        @Override
        public void stepTo(long percent) {
            for (int m = 0; m < MARKS.length; m++) if (percent >= MARKS[m] && reached[m] == 0) reached[m] = System.nanoTime();
        }

        @Override
        public void stepBy(long n) {}

        @Override
        public void message(String text) {}

        @Override
        public void close() {}

        String describe() {
            if (reached[0] == 0) return "";
            StringBuilder out = new StringBuilder(";");
            long from = start;
            for (int m = 0; m < MARKS.length; m++) {
                if (reached[m] == 0) break;
                out.append(String.format(Locale.ROOT, " %s %.1f s", NAMES[m], (reached[m] - from) / 1e9));
                from = reached[m];
            }
            return out.toString();
        }
    }

    private static float[][] read(String npy) {
        try {
            return dev.taskspace.internal.Npy.read(java.nio.file.Path.of(npy));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The rows scaled to unit length (embedding files usually are already). */
    private static float[][] unit(float[][] x) {
        for (float[] row : x) {
            double s = 0;
            for (float v : row) s += (double) v * v;
            if (s > 0) for (int t = 0; t < row.length; t++) row[t] = (float) (row[t] / Math.sqrt(s));
        }
        return x;
    }

    /** Mean share of each checked row's true k neighbours that the graph found. */
    private static double recall(float[][] x, KnnGraph g, int rows, int threads) {
        int n = x.length, k = g.k();
        int[] pick = new int[rows];
        if (rows == n) {
            for (int i = 0; i < n; i++) pick[i] = i;
        } else {
            Random r = new Random(1);
            for (int s = 0; s < rows; s++) pick[s] = r.nextInt(n);
        }
        int[][] exact = KnnGraphBenchAccess.exactRows(x, pick, k, threads);
        long hits = 0;
        for (int s = 0; s < rows; s++) {
            for (int m = 0; m < k; m++) {
                int j = g.neighbour(pick[s], m);
                for (int q = 0; q < k; q++) if (exact[s][q] == j) hits++;
            }
        }
        return (double) hits / ((long) rows * k);
    }

    /** [n][1024] unit vectors around 50 unit centres in a random 32-d subspace; noise of length ~noise. */
    static float[][] clustered(int n, double noise, long seed) {
        Random r = new Random(seed);
        double[][] basis = new double[SUBSPACE][DIMS];
        for (double[] b : basis) for (int t = 0; t < DIMS; t++) b[t] = r.nextGaussian();
        double[][] centre = new double[CLUSTERS][DIMS];
        for (double[] c : centre) {
            for (double[] b : basis) {
                double w = r.nextGaussian();
                for (int t = 0; t < DIMS; t++) c[t] += w * b[t];
            }
            double s = 0;
            for (double v : c) s += v * v;
            for (int t = 0; t < DIMS; t++) c[t] /= Math.sqrt(s);
        }
        float[][] x = new float[n][DIMS];
        double sd = noise / Math.sqrt(DIMS);
        for (int i = 0; i < n; i++) {
            double[] c = centre[r.nextInt(CLUSTERS)];
            double[] v = new double[DIMS];
            double s = 0;
            for (int t = 0; t < DIMS; t++) {
                v[t] = c[t] + sd * r.nextGaussian();
                s += v[t] * v[t];
            }
            for (int t = 0; t < DIMS; t++) x[i][t] = (float) (v[t] / Math.sqrt(s));
        }
        return x;
    }
}
