package dev.taskspace.bench;

import dev.taskspace.Reporter;
import dev.taskspace.internal.Npy;
import dev.taskspace.project.KnnGraph;
import dev.taskspace.project.KnnGraphBenchAccess;
import dev.taskspace.project.Metrics;
import dev.taskspace.project.Umap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Projection benchmark (a main, not a test); BENCHMARKS.md ("Projection (UMAP)") records its
 * figures. Times taskspace's {@link Umap#fit} on a float32 .npy matrix ({@code --runs} fits,
 * median), and computes the trustworthiness (k = 15) of its layout and, on the same vectors, of
 * another implementation's layout read from a file (umap-js through bench/umap-js/run.mjs).
 *
 * <pre>
 * scripts/bench_projection_data.sh                       # the data, under /tmp/taskspace-bench
 * (cd bench/umap-js &amp;&amp; npm ci &amp;&amp; node run.mjs IN.npy JS.npy)  # umap-js's layout and times
 * mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.taskspace.bench.ProjectBench \
 *     -Dexec.args="--vectors IN.npy --layout-js JS.npy --runs 3 --threads 2"
 * </pre>
 *
 * Options: {@code --vectors} (required), {@code --layout-js} (optional), {@code --runs} (3; 0 = no fit, only the other layout's trustworthiness),
 * {@code --warmup} untimed fits first (1 up to 5,000 points, else 0), {@code --threads} (2;
 * for the fit and the metric), {@code --umap-threads} (the fit's alone; default {@code --threads}), {@code --neighbours} (15), {@code --min-dist} (0.1), {@code --epochs} (0: the default),
 * {@code --seed} (42), {@code --k} (15), {@code --sample} (5000: above that many points the
 * trustworthiness of every layout is estimated from the same sample of 5,000 points, as the
 * project stage does), {@code --sample-seed} (42), {@code --out} (write the last layout as .npy),
 * {@code --knn PREFIX} (lay out another implementation's neighbour graph instead of searching:
 * bench/umap-js/run.mjs --knn-out PREFIX), {@code --knn-method auto|exact|approx} (force the
 * search method; the graph is then built once, outside the timed fits) with the approximate
 * method's {@code --probes} (24), {@code --parts-scale} (1.0) and {@code --refine} (1).
 * Besides trustworthiness (are the layout's neighbours true neighbours?) it reports continuity
 * (are the true neighbours still neighbours in the layout?: trustworthiness with the two spaces
 * swapped), since a layout can gain one by losing the other.
 * Each run also reports how many cores this JVM and other processes kept busy (the machine is
 * shared; a run with other processes busy is slower than the code), and the table gives the
 * fits' CPU time beside their wall time: on a busy machine it is the steadier figure.
 */
public final class ProjectBench {
    private ProjectBench() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, 0);
        String vectorsArg = args.string("vectors", null);
        if (vectorsArg == null) {
            System.err.println("usage: ProjectBench --vectors X.npy [--layout-js JS.npy] [--runs 3] [--threads 2] (see the class comment)");
            System.exit(2);
        }
        Path vectorsFile = Path.of(vectorsArg);
        String js = args.string("layout-js", null);
        int runs = args.integer("runs", 3);
        int threads = args.integer("threads", 2);
        int k = args.integer("k", 15);
        int sample = args.integer("sample", 5000);
        long sampleSeed = args.integer("sample-seed", 42);
        Umap umap = new Umap(args.integer("neighbours", 15), (float) args.decimal("min-dist", 0.1), args.integer("seed", 42),
                args.integer("umap-threads", threads), args.integer("epochs", 0));

        float[][] x = Npy.read(vectorsFile);
        int n = x.length;
        int warmup = runs == 0 ? 0 : args.integer("warmup", n <= 5000 ? 1 : 0);
        System.out.printf(Locale.ROOT, "ProjectBench on %s, %d CPUs, Java %s, %s%n", System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), java.time.LocalDate.now());
        System.out.printf(Locale.ROOT, "vectors %s: %,d x %d; %s; %d warm-up + %d timed fits; trustworthiness k=%d, %s%n", vectorsFile, n,
                x[0].length, umap, warmup, runs, k, n > sample ? "sample of " + sample + " points (seed " + sampleSeed + ")" : "exact");

        String knnPrefix = args.string("knn", null);
        KnnGraph given = knnPrefix == null ? null : readGraph(knnPrefix, n);
        String method = args.string("knn-method", "auto");
        float[][] unit = given == null && method.equals("auto") ? null
                : java.util.Arrays.stream(x).map(Umap::unitLength).toArray(float[][]::new);
        if (!method.equals("auto")) { // the graph built once, untimed, by a forced method
            Meter gm = Meter.start();
            given = KnnGraphBenchAccess.build(unit, umap.neighbours() - 1, umap.seed(), threads, Reporter.Progress.NONE,
                    method.equals("approx") ? 0 : Integer.MAX_VALUE, false, args.integer("probes", 24), args.decimal("parts-scale", 1.0),
                    args.integer("refine", 1));
            System.out.printf(Locale.ROOT, "  graph (%s, not in the fit's time): %s%n", method, gm.stop().describe());
        }
        for (int w = 0; w < warmup; w++) umap.fit(x, Reporter.Progress.NONE);
        List<Double> seconds = new ArrayList<>();
        List<Double> cpuSeconds = new ArrayList<>();
        float[][] layout = null;
        for (int r = 0; r < runs; r++) {
            Meter m = Meter.start();
            layout = given == null ? umap.fit(x, Reporter.Progress.NONE) : umap.layout(unit, given, Reporter.Progress.NONE);
            Meter.Reading reading = m.stop();
            seconds.add(reading.seconds());
            cpuSeconds.add(reading.seconds() * reading.ownCores());
            System.out.printf(Locale.ROOT, "  fit %d: %s%n", r + 1, reading.describe());
        }
        String out = args.string("out", null);
        if (out != null && layout != null) Npy.write(Path.of(out), layout);

        List<String[]> rows = new ArrayList<>();
        Meter tm = Meter.start();
        if (runs > 0) {
            double ours = trust(x, layout, k, sample, sampleSeed, threads);
            double oursC = trust(layout, x, k, sample, sampleSeed, threads);
            rows.add(new String[] {"taskspace Umap", String.format(Locale.ROOT, "%.2f s (median of %d; min %.2f, max %.2f)",
                    Meter.median(seconds), runs, Meter.min(seconds), Meter.max(seconds)),
                    String.format(Locale.ROOT, "%.2f s", Meter.median(cpuSeconds)), String.format(Locale.ROOT, "%.4f", ours),
                    String.format(Locale.ROOT, "%.4f", oursC)});
        }
        if (js != null) {
            float[][] other = Npy.read(Path.of(js));
            if (other.length != n || other[0].length != 2) {
                throw new IllegalArgumentException(js + " is " + other.length + " x " + other[0].length + ", expected " + n + " x 2");
            }
            rows.add(new String[] {"umap-js (" + Path.of(js).getFileName() + ")", "see run.mjs output", "",
                    String.format(Locale.ROOT, "%.4f", trust(x, other, k, sample, sampleSeed, threads)),
                    String.format(Locale.ROOT, "%.4f", trust(other, x, k, sample, sampleSeed, threads))});
        }
        double trustSeconds = tm.stop().seconds() / Math.max(1, 2 * rows.size());
        System.out.printf(Locale.ROOT, "%n| layout | fit wall time | fit CPU time (median) | trustworthiness k=%d | continuity k=%d |%n|---|---:|---:|---:|---:|%n", k, k);
        for (String[] row : rows) System.out.printf("| %s | %s | %s | %s | %s |%n", row[0], row[1], row[2], row[3], row[4]);
        System.out.printf(Locale.ROOT, "(one trustworthiness or continuity took %.1f s; peak RSS %s)%n", trustSeconds, Args.procStatus("VmHWM"));
        System.exit(0);
    }

    /**
     * Another implementation's neighbour graph (bench/umap-js/run.mjs --knn-out PREFIX: float32
     * [n, k] PREFIX-index.npy and PREFIX-distance.npy, the point itself among them) as a
     * {@link KnnGraph} of the k - 1 others, in the order given.
     */
    private static KnnGraph readGraph(String prefix, int n) throws java.io.IOException {
        float[][] idx = Npy.read(Path.of(prefix + "-index.npy"));
        float[][] dist = Npy.read(Path.of(prefix + "-distance.npy"));
        if (idx.length != n || dist.length != n) throw new IllegalArgumentException(prefix + ": graph of " + idx.length + " rows for " + n + " points");
        int k = idx[0].length - 1;
        int[] index = new int[n * k];
        float[] distance = new float[n * k];
        for (int i = 0; i < n; i++) {
            int m = 0;
            boolean self = false;
            for (int j = 0; j <= k; j++) {
                int c = (int) idx[i][j];
                if (c == i && !self) {
                    self = true;
                    continue;
                }
                if (m == k) break; // the point itself absent: its k nearest others
                index[i * k + m] = c;
                distance[i * k + m++] = dist[i][j];
            }
        }
        return new KnnGraph(n, k, index, distance);
    }

    private static double trust(float[][] x, float[][] layout, int k, int sample, long seed, int threads) {
        return x.length > sample ? Metrics.trustworthiness(x, layout, k, sample, seed, threads) : Metrics.trustworthiness(x, layout, k, threads);
    }
}
