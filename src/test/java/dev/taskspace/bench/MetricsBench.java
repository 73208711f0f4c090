package dev.taskspace.bench;

import dev.taskspace.project.Metrics;
import dev.taskspace.project.Neighbours;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * Wall time of the quality figures on synthetic embeddings (no JMH: one warm-up, then the
 * median of {@code runs}). Data: n unit vectors in 1024-d around 20 random category centres
 * (seed 42), a 2-D "layout" = two random projections plus noise, labels = the centres.
 *
 * <pre>
 * mvn -q test-compile
 * java -Xmx8g -cp target/classes:target/test-classes dev.taskspace.bench.MetricsBench [sizes...] [--threads 2] [--runs 5]
 * </pre>
 * Sizes: 800 (the demo: every figure, and all figures of 4 tasks), 18846 (full 20 Newsgroups),
 * 100000 (sampled silhouette and trustworthiness only). Default: 800 18846.
 */
public final class MetricsBench {
    private static final int DIMS = 1024, CATEGORIES = 20, K_ACC = 10, K_TRUST = 15;
    /** The machine's 1-minute load average, printed beside each figure: these machines are shared. */
    private static final java.lang.management.OperatingSystemMXBean LOAD = java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) {
        List<Integer> sizes = new ArrayList<>();
        int threads = 2, runs = 5;
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--threads" -> threads = Integer.parseInt(args[++a]);
                case "--runs" -> runs = Integer.parseInt(args[++a]);
                default -> sizes.add(Integer.parseInt(args[a]));
            }
        }
        if (sizes.isEmpty()) sizes = List.of(800, 18_846);
        System.out.printf(Locale.ROOT, "# %s, %d cores, %d threads, median of %d runs after one warm-up%n",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), threads, runs);
        for (int n : sizes) bench(n, threads, runs);
    }

    private static void bench(int n, int threads, int runs) {
        Data data = Data.make(n, 42);
        double pairs = (double) n * (n - 1) / 2 * DIMS; // multiply-adds of one all-pairs pass
        if (n <= 20_000) {
            double knn = time("knn k=10 cosine", n, runs, () -> Neighbours.knn(data.x, K_ACC, true, threads).length);
            System.out.printf(Locale.ROOT, "    kernel: %.1f x 10^9 multiply-adds/s%n", pairs / knn / 1e9);
            time("knnAccuracy k=10 cosine, 5 folds", n, runs, () -> Metrics.knnAccuracy(data.x, data.labels, data.folds, K_ACC, true, threads));
            time("knnAccuracy k=10, 2-D layout", n, runs, () -> Metrics.knnAccuracy(data.layout, data.labels, data.folds, K_ACC, false, threads));
            time("silhouette cosine", n, runs, () -> Metrics.silhouette(data.x, data.labels, true, threads));
            time("silhouette 2-D layout", n, runs, () -> Metrics.silhouette(data.layout, data.labels, false, threads));
            time("trustworthiness k=15", n, runs, () -> Metrics.trustworthiness(data.x, data.layout, K_TRUST, threads));
        }
        if (n <= 2_000) {
            Data[] tasks = {data, Data.make(n, 43), Data.make(n, 44), Data.make(n, 45)};
            time("all figures of 4 tasks", n, runs, () -> allFigures(tasks, threads));
        }
        if (n > 20_000) {
            time("silhouette cosine, sample 10,000", n, runs, () -> Metrics.silhouette(data.x, data.labels, true, 10_000, 1, threads));
            time("trustworthiness k=15, sample 1,000", n, runs, () -> Metrics.trustworthiness(data.x, data.layout, K_TRUST, 1_000, 1, threads));
        }
    }

    /** What the project stage computes per task (issue 5), plus the Jaccard of every task pair. */
    static double allFigures(Data[] tasks, int threads) {
        double sink = 0;
        int[][][] knn = new int[tasks.length][][];
        for (int t = 0; t < tasks.length; t++) {
            Data d = tasks[t];
            int[] folds = Metrics.stratifiedFolds(d.labels, 5, 42);
            sink += Metrics.knnAccuracy(d.x, d.labels, folds, K_ACC, true, threads);
            sink += Metrics.knnAccuracy(d.layout, d.labels, folds, K_ACC, false, threads);
            sink += Metrics.silhouette(d.x, d.labels, true, threads);
            sink += Metrics.silhouette(d.layout, d.labels, false, threads);
            sink += Metrics.trustworthiness(d.x, d.layout, K_TRUST, threads);
            knn[t] = Neighbours.knn(d.x, K_ACC, true, threads);
        }
        for (int a = 0; a < tasks.length; a++) {
            for (int b = a + 1; b < tasks.length; b++) sink += Arrays.stream(Metrics.jaccard(knn[a], knn[b])).sum();
        }
        return sink;
    }

    private static double time(String what, int n, int runs, DoubleSupplier work) {
        double sink = work.getAsDouble(); // warm-up
        double[] seconds = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            sink += work.getAsDouble();
            seconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = sorted[runs / 2];
        System.out.printf(Locale.ROOT, "n=%-7d %-38s median %8.3f s  (min %.3f, max %.3f)  load %.1f  [%s]%n",
                n, what, median, sorted[0], sorted[runs - 1], LOAD.getSystemLoadAverage(), Double.isNaN(sink) ? "NaN" : "ok");
        return median;
    }

    /** Synthetic embeddings: x [n][1024] unit vectors, layout [n][2], labels [n], folds [n]. */
    record Data(float[][] x, float[][] layout, int[] labels, int[] folds) {
        static Data make(int n, long seed) {
            Random r = new Random(seed);
            float[][] centres = new float[CATEGORIES][DIMS];
            for (float[] c : centres) for (int t = 0; t < DIMS; t++) c[t] = (float) r.nextGaussian();
            float[] px = new float[DIMS], py = new float[DIMS];
            for (int t = 0; t < DIMS; t++) {
                px[t] = (float) r.nextGaussian();
                py[t] = (float) r.nextGaussian();
            }
            float[][] x = new float[n][DIMS];
            float[][] layout = new float[n][2];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = r.nextInt(CATEGORIES);
                double norm = 0, u = 0, v = 0;
                for (int t = 0; t < DIMS; t++) {
                    x[i][t] = centres[labels[i]][t] + 1.5f * (float) r.nextGaussian();
                    norm += (double) x[i][t] * x[i][t];
                }
                for (int t = 0; t < DIMS; t++) {
                    x[i][t] = (float) (x[i][t] / Math.sqrt(norm));
                    u += x[i][t] * px[t];
                    v += x[i][t] * py[t];
                }
                layout[i][0] = (float) (u + 0.3 * r.nextGaussian());
                layout[i][1] = (float) (v + 0.3 * r.nextGaussian());
            }
            return new Data(x, layout, labels, Metrics.stratifiedFolds(labels, 5, seed));
        }
    }
}
