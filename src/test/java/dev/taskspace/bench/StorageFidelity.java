package dev.taskspace.bench;

import dev.taskspace.ProjectDir;
import dev.taskspace.Reporter;
import dev.taskspace.corpus.CorpusArtefact;
import dev.taskspace.corpus.Document;
import dev.taskspace.embed.EmbeddingArtefact;
import dev.taskspace.embed.Vectors;
import dev.taskspace.internal.Float16;
import dev.taskspace.project.Metrics;
import dev.taskspace.project.Neighbours;
import dev.taskspace.project.Umap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What storing a task's vectors as float16, or cutting them to fewer dimensions (Matryoshka,
 * then normalised again), costs in fidelity, on a real project's task: per variant, the share of
 * each document's 10 nearest neighbours (cosine) that it keeps against float32, kNN category
 * accuracy (k = 10, 5 folds) in the full space, and the UMAP map's trustworthiness (k = 15,
 * sampled as {@code project} does) and 2-D kNN accuracy. The float16 variant is exactly what
 * {@code project} reads from an {@code embed --storage float16} file (each value rounded to the
 * nearest half, widened back).
 *
 * <pre>
 * java -Xmx6g -cp "target/test-classes:target/classes:target/lib/*" dev.taskspace.bench.StorageFidelity PROJECT TASK [DIMS...]
 * </pre>
 */
public final class StorageFidelity {
    private StorageFidelity() {}

    public static void main(String[] args) {
        ProjectDir project = new ProjectDir(java.nio.file.Path.of(args[0]));
        String task = args[1];
        float[][] full = EmbeddingArtefact.read(project, task);
        List<Document> docs = CorpusArtefact.read(project).documents();
        Map<String, Integer> codes = new HashMap<>();
        int[] labels = docs.stream().mapToInt(d -> codes.computeIfAbsent(String.valueOf(d.label()), k -> codes.size())).toArray();
        int[] folds = Metrics.stratifiedFolds(labels, 5, 42);
        int threads = Runtime.getRuntime().availableProcessors();
        int n = full.length;
        int d = full[0].length;
        System.out.printf(Locale.ROOT, "# %s task %s: %,d x %d, %d labels, %d threads, load %.1f%n", project, task, n, d, codes.size(), threads,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        int[][] reference = Neighbours.knn(full, 10, true, threads);
        System.out.println("variant          bytes/vector  kept of 10-NN  kNN acc  trust. (map)  kNN acc 2-D");
        report("float32", 4 * d, full, reference, labels, folds, threads);
        float[][] half = new float[n][d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) half[i][j] = Float16.toFloat(Float16.fromFloat(full[i][j]));
        report("float16", 2 * d, half, reference, labels, folds, threads);
        for (int a = 2; a < args.length; a++) {
            int keep = Integer.parseInt(args[a]);
            float[][] cut = new float[n][];
            for (int i = 0; i < n; i++) cut[i] = Vectors.unitPrefix(full[i], keep);
            report("first " + keep + " dims", 4 * keep, cut, reference, labels, folds, threads);
        }
    }

    private static void report(String name, int bytes, float[][] x, int[][] reference, int[] labels, int[] folds, int threads) {
        int[][] nb = Neighbours.knn(x, 10, true, threads);
        double kept = 0;
        for (int i = 0; i < x.length; i++) {
            java.util.Set<Integer> r = new java.util.HashSet<>();
            for (int j : reference[i]) r.add(j);
            for (int j : nb[i]) if (r.contains(j)) kept++;
        }
        kept /= 10.0 * x.length;
        double acc = Metrics.knnAccuracy(x, labels, folds, 10, true, threads);
        float[][] layout = Umap.DEFAULT.fit(x, Reporter.Progress.NONE);
        double trust = Metrics.trustworthiness(x, layout, 15, 5000, 42, threads);
        double acc2 = Metrics.knnAccuracy(layout, labels, folds, 10, false, threads);
        System.out.printf(Locale.ROOT, "%-16s %12d  %13.4f  %7.4f  %12.4f  %11.4f%n", name, bytes, kept, acc, trust, acc2);
    }
}
