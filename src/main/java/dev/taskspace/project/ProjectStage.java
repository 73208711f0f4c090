package dev.taskspace.project;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskspace.ProjectDir;
import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.Version;
import dev.taskspace.corpus.Corpus;
import dev.taskspace.corpus.CorpusArtefact;
import dev.taskspace.corpus.Document;
import dev.taskspace.embed.EmbeddingArtefact;
import dev.taskspace.embed.EmbeddingManifest;
import dev.taskspace.imported.ImportedArtefact;
import dev.taskspace.imported.ImportedMaps;
import dev.taskspace.map.Drift;
import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The projection stage: from each task's vectors to one aligned 2-D layout per task, with the
 * figures that measure what the instruction did, written as the map the page loads.
 *
 * <p>Alignment: every task gets its own UMAP fit (so it keeps its own structure), then a
 * similarity transform (rotation or reflection, scale, shift; see {@link Procrustes}) puts
 * it in the frame of the reference task (the first, normally {@code default}). The fit is
 * weighted by how much each document's neighbourhood stayed the same between the two tasks,
 * so the documents the instruction left alone anchor the frame and stay put on screen, while
 * those it moved are free to move. A similarity transform keeps a layout's trustworthiness
 * exactly that of its independent fit.
 */
public final class ProjectStage {

    /**
     * @param umap        the UMAP settings
     * @param neighbours  k of the stored neighbour lists and of drift (10)
     * @param trustK      k of trustworthiness (15)
     * @param folds       folds of the k-NN accuracy (5)
     * @param seed        seed of the fold assignment
     * @param threads     threads for the figures (UMAP has its own, {@link Umap#threads()})
     * @param tasks       task names to project, in order (empty: all embedded tasks)
     */
    public record Options(Umap umap, int neighbours, int trustK, int folds, long seed, int threads, List<String> tasks) {
        public static final Options DEFAULT = new Options(Umap.DEFAULT, 10, 15, 5, 42,
                Runtime.getRuntime().availableProcessors(), List.of());

        /** These options for the tasks {@code names}, in this order. */
        public Options withTasks(List<String> names) {
            return new Options(umap, neighbours, trustK, folds, seed, threads, List.copyOf(names));
        }
    }

    /** Above this many documents, the figures are estimated on a sample of documents (as scikit-learn's sample_size); see {@link #querySample}. */
    static final int SAMPLE = 5000;
    private static final int PREVIEW_CHARS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProjectStage() {}

    /** One task's result, for the summary. */
    public record TaskSummary(String name, Map<String, Double> figures, double seconds) {}

    /**
     * Adds one task, already embedded ({@code dev.taskspace.embed.EmbedStage#addTask}), to the
     * project's map: the map's tasks and then {@code name}, projected again. UMAP is seeded, so
     * the tasks already on the map keep their layouts bit for bit and only the new one appears,
     * aligned to the first.
     */
    public static List<TaskSummary> addTask(ProjectDir project, Options o, String name, Reporter reporter) {
        List<String> tasks = new ArrayList<>();
        MapArtefact.read(project.mapDir()).tasks().forEach(t -> tasks.add(t.name()));
        tasks.add(name);
        return run(project, o.withTasks(tasks), reporter);
    }

    /** Runs the stage on {@code project}; returns each task's figures. */
    public static List<TaskSummary> run(ProjectDir project, Options o, Reporter reporter) {
        if (!Files.isRegularFile(project.embeddingsManifest()) && ImportedArtefact.exists(project)) {
            return ImportedLayers.writeMap(project, o); // imported 2-D layouts alone
        }
        Corpus corpus = CorpusArtefact.read(project);
        EmbeddingManifest manifest = EmbeddingArtefact.recorded(project);
        List<String> ids = corpus.documents().stream().map(Document::id).toList();
        checkIds(project, ids);
        if (manifest.documents() != ids.size()) {
            throw new TaskspaceException(project.embeddingsManifest() + " records " + manifest.documents() + " documents where "
                    + "the corpus and ids.txt have " + ids.size() + " (changed by hand or damaged): run 'taskspace embed --replace' again");
        }
        List<EmbeddingManifest.TaskEntry> entries = chooseTasks(manifest, o.tasks(), project);

        int n = ids.size();
        Labels labels = Labels.of(corpus.documents());
        int[] folds = labels.usable(o.folds()) ? Metrics.stratifiedFolds(labels.subsetCodes(), o.folds(), o.seed()) : null;

        List<float[]> axisScores = new ArrayList<>(); // per task, null without an axis (vectors are not kept: memory)
        List<int[][]> knn = new ArrayList<>();
        List<float[][]> layouts = new ArrayList<>();
        List<Map<String, Double>> figures = new ArrayList<>();
        List<TaskSummary> summaries = new ArrayList<>();
        for (EmbeddingManifest.TaskEntry entry : entries) {
            String name = entry.name();
            long start = System.nanoTime();
            float[][] x = EmbeddingArtefact.read(project, name);
            if (x.length != n) throw new TaskspaceException("task " + name + " has " + x.length + " vectors for " + n + " documents: run 'taskspace embed' again");
            // One neighbour search serves the layout and the stored lists (drift, "similar documents").
            // x is scaled to unit length in place (one copy in memory, not two: 4.1 GB at 1M x 1024);
            // the figures below then measure the vectors the layout was made from.
            Umap.Projection projection;
            try (Reporter.Progress bar = reporter.progress("umap " + name, 100, Reporter.Unit.ITEMS)) {
                projection = o.umap().project(x, Math.min(o.neighbours(), n - 1), bar, true);
            }
            float[][] layout = projection.layout();
            int[][] nb = projection.neighbours();
            Map<String, Double> f = new TreeMap<>();
            f.put("trustworthiness", o.trustK() < n / 2.0 ? trustworthiness(x, layout, o) : Double.NaN);
            if (folds != null) {
                float[][] lx = labels.subset(x);
                float[][] ly = labels.subset(layout);
                int[] lf = folds;
                int k = Math.min(10, lx.length - 1);
                f.put("knnAccuracy", knnAccuracy(lx, labels.subsetCodes(), lf, k, true, o));
                f.put("knnAccuracy2d", knnAccuracy(ly, labels.subsetCodes(), lf, k, false, o));
                f.put("silhouette", silhouette(lx, labels.subsetCodes(), true, o));
                f.put("silhouette2d", silhouette(ly, labels.subsetCodes(), false, o));
            }
            float[][] axis = EmbeddingArtefact.readAxis(project, name);
            axisScores.add(axis == null ? null : scores(x, axis));
            knn.add(nb);
            layouts.add(layout);
            figures.add(f);
            summaries.add(new TaskSummary(name, f, (System.nanoTime() - start) / 1e9));
        }

        // Drift, overlap between tasks, and alignment onto the reference (the first task).
        int t = entries.size();
        double[][] taskJaccard = new double[t][t];
        List<float[]> drift = new ArrayList<>();
        List<float[][]> aligned = new ArrayList<>();
        for (int a = 0; a < t; a++) {
            for (int b = 0; b < t; b++) taskJaccard[a][b] = a == b ? 1 : mean(Metrics.jaccard(knn.get(a), knn.get(b)));
            double[] weights = Procrustes.anchorWeights(knn.get(0), knn.get(a));
            float[] d = Drift.of(knn.get(0), knn.get(a));
            drift.add(d);
            if (a == 0) {
                aligned.add(layouts.get(0));
            } else {
                Procrustes.Fit fit = Procrustes.fit(layouts.get(a), layouts.get(0), weights);
                aligned.add(fit.apply(layouts.get(a)));
                figures.get(a).put("alignmentRms", fit.residual() / rmsRadius(layouts.get(0)));
            }
            figures.get(a).put("meanDrift", Change.mean(d));
        }

        List<MapData.TaskLayer> layers = new ArrayList<>();
        for (int a = 0; a < t; a++) {
            EmbeddingManifest.TaskEntry e = entries.get(a);
            layers.add(new MapData.TaskLayer(e.name(), e.instruction(), e.lookFor() == null ? "" : e.lookFor(), aligned.get(a), drift.get(a),
                    knn.get(a), figures.get(a)));
        }
        List<MapData.Axis> axes = new ArrayList<>();
        for (int a = 0; a < t; a++) {
            EmbeddingManifest.TaskEntry e = entries.get(a);
            String name = e.name();
            if (axisScores.get(a) != null) {
                axes.add(new MapData.Axis(name, name, e.axis().negative(), e.axis().positive(), axisScores.get(a)));
            }
        }
        Map<String, Object> importedProvenance = null;
        if (ImportedArtefact.exists(project)) { // layouts made elsewhere, beside these: 2-D only
            ImportedMaps imported = ImportedArtefact.read(project);
            ImportedLayers.Built built = ImportedLayers.build(imported, layouts.get(0), labels, folds, o,
                    layers.stream().map(MapData.TaskLayer::name).toList());
            List<int[][]> knn2d = new ArrayList<>();
            for (float[][] layout : layouts) knn2d.add(Neighbours.knn(layout, Math.min(o.neighbours(), n - 1), false, o.threads()));
            knn2d.addAll(built.knn2d());
            int all = t + built.layers().size();
            double[][] wider = new double[all][all];
            for (int a = 0; a < all; a++) {
                for (int b = 0; b < all; b++) {
                    wider[a][b] = a == b ? 1 : a < t && b < t ? taskJaccard[a][b] : mean(Metrics.jaccard(knn2d.get(a), knn2d.get(b)));
                }
            }
            taskJaccard = wider;
            layers.addAll(built.layers());
            for (MapData.TaskLayer l : built.layers()) summaries.add(new TaskSummary(l.name(), l.figures(), 0));
            importedProvenance = imported.provenance();
        }
        // Regions of every layout (imported ones too), named by the texts, and the category-to-category neighbour counts.
        long regionStart = System.nanoTime();
        RegionLabels namer = new RegionLabels(corpus.documents().stream().map(Document::text).toList());
        layers.replaceAll(l -> withRegions(l, namer, labels));
        reporter.info(String.format(java.util.Locale.ROOT, "regions, their names and the change data: %.1f s",
                (System.nanoTime() - regionStart) / 1e9));
        List<String> previews = new ArrayList<>(n);
        List<String> docLabels = new ArrayList<>(n);
        List<String> texts = new ArrayList<>(n);
        List<Map<String, Object>> meta = new ArrayList<>(n);
        for (Document d : corpus.documents()) {
            previews.add(preview(d.text()));
            docLabels.add(d.label());
            texts.add(d.text());
            meta.add(d.meta());
        }
        if (meta.stream().allMatch(Map::isEmpty)) meta.clear();
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("taskspace", Version.get());
        provenance.put("model", JSON.convertValue(manifest.model(), Map.class));
        provenance.put("corpus", corpus.provenance());
        provenance.put("umap", ordered("neighbours", o.umap().neighbours(), "minDist", o.umap().minDist(),
                "seed", o.umap().seed(), "epochs", o.umap().epochsFor(n), "init", "pca",
                "metric", "euclidean on unit vectors"));
        provenance.put("alignment", "Procrustes (rotation/reflection, scale, shift) onto " + entries.get(0).name()
                + ", weighted by each document's k-NN overlap with it");
        if (importedProvenance != null) {
            provenance.put("imported", importedProvenance);
            provenance.put("importedFigures", ImportedLayers.figuresNote(o));
            provenance.put("taskOverlap", "k-NN overlap in the full spaces between tasks embedded here; "
                    + "of 2-D neighbourhoods for any pair with an imported task");
        }
        provenance.put("figures", ordered("neighbours", o.neighbours(), "trustworthinessK", o.trustK(), "folds", o.folds(),
                "foldSeed", o.seed(), "knnK", 10, "sampleAbove", SAMPLE,
                "evaluatedDocuments", querySample(n)));
        provenance.put("regions", "density peaks of each aligned layout (grid " + Regions.GRID + ", ToMATo merging), named by class-based "
                + "TF-IDF over the full texts with English stop words; see docs/REGIONS.md");
        MapArtefact.write(project.mapDir(), new MapData(ids, docLabels, previews, layers, axes, taskJaccard, provenance, texts, meta));
        return summaries;
    }

    /**
     * The same map with every layer's regions, their names and category counts, from the given
     * full texts (for maps built outside this stage: tests, benchmarks).
     */
    public static MapData withRegions(MapData map, List<String> texts) {
        RegionLabels namer = new RegionLabels(texts);
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < map.ids().size(); i++) docs.add(new Document(map.ids().get(i), map.labels().get(i), texts.get(i), ""));
        Labels labels = Labels.of(docs);
        List<MapData.TaskLayer> layers = map.tasks().stream().map(l -> withRegions(l, namer, labels)).toList();
        return new MapData(map.ids(), map.labels(), map.previews(), layers, map.axes(), map.taskJaccard(), map.provenance(), map.texts(), map.meta());
    }

    /** The layer with its regions ({@link Regions}), their names ({@link RegionLabels}) and category counts ({@link Change}). */
    static MapData.TaskLayer withRegions(MapData.TaskLayer l, RegionLabels namer, Labels labels) {
        int[] regions = Regions.find(l.coords());
        int count = 0;
        for (int r : regions) count = Math.max(count, r + 1);
        int[] sizes = new int[count];
        for (int r : regions) if (r >= 0) sizes[r]++;
        List<List<String>> words = namer.label(regions, count);
        List<MapData.Region> info = new ArrayList<>();
        for (int r = 0; r < count; r++) info.add(new MapData.Region(words.get(r), sizes[r]));
        int[][] categories = labels.usable() ? Change.categoryNeighbours(l.neighbours(), labels.all(), labels.names().size()) : new int[0][0];
        return new MapData.TaskLayer(l.name(), l.instruction(), l.lookFor(), l.coords(), l.drift(), l.neighbours(), l.figures(),
                l.importedFrom(), regions, info, categories);
    }

    /**
     * A map in the order of its keys here: map.json's bytes must not depend on the JVM, and
     * {@code Map.of} iterates in an order that changes from one JVM run to the next.
     */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    /**
     * How many documents the per-document figures (trustworthiness, k-NN accuracy) are
     * evaluated on: all up to {@value #SAMPLE}, then as many as keep the work near 10^8 distance
     * pairs (each evaluated document is still compared with all n), but at least 1,000:
     * 5,000 at 18,846 documents, 1,000 at 100,000.
     */
    static int querySample(int n) {
        if (n <= SAMPLE) return n;
        return (int) Math.max(1000, Math.min(SAMPLE, 100_000_000L / n));
    }

    private static double trustworthiness(float[][] x, float[][] layout, Options o) {
        int sample = querySample(x.length);
        if (sample < x.length) return Metrics.trustworthiness(x, layout, o.trustK(), sample, o.seed(), o.threads());
        return Metrics.trustworthiness(x, layout, o.trustK(), o.threads());
    }

    static double knnAccuracy(float[][] x, int[] labels, int[] folds, int k, boolean cosine, Options o) {
        int sample = querySample(x.length);
        if (sample < x.length) return Metrics.knnAccuracy(x, labels, folds, k, cosine, sample, o.seed(), o.threads());
        return Metrics.knnAccuracy(x, labels, folds, k, cosine, o.threads());
    }

    static double silhouette(float[][] x, int[] labels, boolean cosine, Options o) {
        if (x.length > SAMPLE) return Metrics.silhouette(x, labels, cosine, SAMPLE, o.seed(), o.threads());
        return Metrics.silhouette(x, labels, cosine, o.threads());
    }

    /** cos(x, positive) - cos(x, negative) per document; axis rows: negative, positive. */
    static float[] scores(float[][] x, float[][] axis) {
        float[] neg = Umap.unitLength(axis[0]);
        float[] pos = Umap.unitLength(axis[1]);
        float[] s = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            float[] v = Umap.unitLength(x[i]);
            double dn = 0;
            double dp = 0;
            for (int j = 0; j < v.length; j++) {
                dn += v[j] * neg[j];
                dp += v[j] * pos[j];
            }
            s[i] = (float) (dp - dn);
        }
        return s;
    }

    static String preview(String text) {
        if (text.codePointCount(0, text.length()) <= PREVIEW_CHARS) return text;
        return text.substring(0, text.offsetByCodePoints(0, PREVIEW_CHARS)) + "…";
    }

    static double rmsRadius(float[][] layout) {
        double cx = 0, cy = 0;
        for (float[] p : layout) {
            cx += p[0];
            cy += p[1];
        }
        cx /= layout.length;
        cy /= layout.length;
        double s = 0;
        for (float[] p : layout) s += (p[0] - cx) * (p[0] - cx) + (p[1] - cy) * (p[1] - cy);
        return Math.sqrt(s / layout.length);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    private static void checkIds(ProjectDir project, List<String> ids) {
        try {
            List<String> embedded = Files.readAllLines(project.embeddingIds());
            if (!embedded.equals(ids)) {
                throw new TaskspaceException("the embeddings in " + project.embeddingsDir() + " were made for another corpus: "
                        + "run 'taskspace embed' again");
            }
        } catch (IOException e) {
            throw new TaskspaceException("cannot read " + project.embeddingIds() + ": run 'taskspace embed' again", e);
        }
    }

    private static List<EmbeddingManifest.TaskEntry> chooseTasks(EmbeddingManifest manifest, List<String> names, ProjectDir project) {
        Map<String, EmbeddingManifest.TaskEntry> byName = new LinkedHashMap<>();
        manifest.tasks().forEach(t -> byName.put(t.name(), t));
        if (byName.isEmpty()) throw new TaskspaceException("no tasks embedded in " + project.embeddingsDir() + ": run 'taskspace embed' first");
        if (names.isEmpty()) {
            // The default task first when there is one: it is the reference the others are measured against.
            List<EmbeddingManifest.TaskEntry> all = new ArrayList<>(byName.values());
            all.sort((a, b) -> Boolean.compare(a.instruction() != null, b.instruction() != null));
            return all;
        }
        List<EmbeddingManifest.TaskEntry> out = new ArrayList<>();
        for (String n : names) {
            EmbeddingManifest.TaskEntry t = byName.get(n);
            if (t == null) throw new TaskspaceException("task \"" + n + "\" is not embedded in " + project.embeddingsDir()
                    + " (embedded: " + String.join(", ", byName.keySet()) + ")");
            out.add(t);
        }
        return out;
    }
}
