package dev.taskspace.project;

import dev.taskspace.ProjectDir;
import dev.taskspace.Version;
import dev.taskspace.corpus.Corpus;
import dev.taskspace.corpus.CorpusArtefact;
import dev.taskspace.corpus.Document;
import dev.taskspace.imported.ImportedArtefact;
import dev.taskspace.imported.ImportedMaps;
import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Imported 2-D layouts as tasks of a map: aligned into the map's frame, with the figures that
 * 2-D coordinates allow and nothing else.
 *
 * <ul>
 *   <li>{@code knnAccuracy2d}, {@code silhouette2d}: as for any task, on the imported
 *       coordinates (before alignment, which changes neither);
 *   <li>{@code meanDrift} and each document's drift: the share of its 10 nearest neighbours
 *       <em>on the imported maps</em> that are new against the first imported map's ({@link dev.taskspace.map.Drift});
 *   <li>{@code knnAccuracy}, {@code silhouette}, {@code trustworthiness}: not available (no
 *       vectors were imported), written as null, never estimated;
 *   <li>the stored neighbour lists are 2-D neighbours, and the task-to-task overlap of any pair
 *       with an imported task is the overlap of 2-D neighbourhoods.
 * </ul>
 */
public final class ImportedLayers {
    /** The figures an imported task cannot have. */
    static final List<String> FULL_SPACE = List.of("knnAccuracy", "silhouette", "trustworthiness");

    private ImportedLayers() {}

    /**
     * The imported tasks' layers and 2-D neighbour lists.
     *
     * @param reference the map's reference layout (its frame), or null: the first imported layout is the frame
     * @param taken     names already used by the map's other tasks (beside them, imported names get the model's
     *                  short name appended: sentiment-qwen3)
     */
    record Built(List<MapData.TaskLayer> layers, List<int[][]> knn2d) {}

    static Built build(ImportedMaps imported, float[][] reference, Labels labels, int[] folds, ProjectStage.Options o,
            List<String> taken) {
        int n = imported.size();
        int k = Math.min(o.neighbours(), n - 1);
        List<int[][]> knn = new ArrayList<>();
        for (float[][] layout : imported.coords()) knn.add(Neighbours.knn(layout, k, false, o.threads()));
        float[][] frame = reference == null ? imported.coords()[0] : reference;
        int[][] frameKnn = reference == null ? knn.get(0) : Neighbours.knn(reference, k, false, o.threads());
        @SuppressWarnings("unchecked")
        Map<String, Object> instructions = imported.provenance().get("instructions") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of();
        String model = imported.model();
        List<MapData.TaskLayer> layers = new ArrayList<>();
        for (int a = 0; a < imported.tasks().size(); a++) {
            float[][] layout = imported.coords()[a];
            Map<String, Double> f = new TreeMap<>();
            for (String key : FULL_SPACE) f.put(key, Double.NaN);
            if (folds != null) {
                int kk = Math.min(10, labels.index().length - 1);
                f.put("knnAccuracy2d", ProjectStage.knnAccuracy(labels.subset(layout), labels.subsetCodes(), folds, kk, false, o));
                f.put("silhouette2d", ProjectStage.silhouette(labels.subset(layout), labels.subsetCodes(), false, o));
            }
            float[] drift = dev.taskspace.map.Drift.of(knn.get(0), knn.get(a));
            f.put("meanDrift", Change.mean(drift));
            float[][] aligned = layout;
            if (layout != frame) {
                Procrustes.Fit fit = Procrustes.fit(layout, frame, Procrustes.anchorWeights(frameKnn, knn.get(a)));
                aligned = fit.apply(layout);
                f.put("alignmentRms", fit.residual() / ProjectStage.rmsRadius(frame));
            }
            String name = imported.tasks().get(a);
            if (reference != null) name = name + "-" + shortName(model); // beside tasks embedded here: say whose map it is
            if (taken.contains(name)) name = name + "-imported";
            Object instruction = instructions.get(imported.tasks().get(a));
            String text = instruction == null || "(none)".equals(instruction) ? null : String.valueOf(instruction);
            dev.taskspace.embed.Task demo = dev.taskspace.imported.OriginalDemo.task(imported.tasks().get(a));
            String lookFor = demo != null && java.util.Objects.equals(demo.instruction(), text) ? demo.lookFor() : "";
            layers.add(new MapData.TaskLayer(name, text, lookFor, aligned, drift, knn.get(a), f, model));
        }
        return new Built(layers, knn);
    }

    /** The map of a project that has imported layouts and no embeddings: the imported tasks alone. */
    public static List<ProjectStage.TaskSummary> writeMap(ProjectDir project, ProjectStage.Options o) {
        long start = System.nanoTime();
        Corpus corpus = CorpusArtefact.read(project);
        ImportedMaps imported = ImportedArtefact.read(project);
        Labels labels = Labels.of(corpus.documents());
        int[] folds = labels.usable(o.folds()) ? Metrics.stratifiedFolds(labels.subsetCodes(), o.folds(), o.seed()) : null;
        Built built = build(imported, null, labels, folds, o, List.of());
        int t = built.layers().size();
        double[][] jaccard = new double[t][t];
        for (int a = 0; a < t; a++) {
            for (int b = 0; b < t; b++) jaccard[a][b] = a == b ? 1 : ProjectStage.mean(Metrics.jaccard(built.knn2d().get(a), built.knn2d().get(b)));
        }
        List<String> previews = new ArrayList<>();
        List<String> docLabels = new ArrayList<>();
        for (Document d : corpus.documents()) {
            previews.add(ProjectStage.preview(d.text()));
            docLabels.add(d.label());
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("taskspace", Version.get());
        provenance.put("model", imported.provenance().getOrDefault("model", Map.of("id", imported.model())));
        provenance.put("corpus", corpus.provenance());
        provenance.put("imported", imported.provenance());
        provenance.put("alignment", "Procrustes (rotation/reflection, scale, shift) onto " + imported.tasks().get(0)
                + ", weighted by each document's 2-D k-NN overlap with it");
        provenance.put("figures", figuresNote(o));
        RegionLabels namer = new RegionLabels(corpus.documents().stream().map(Document::text).toList());
        List<MapData.TaskLayer> layers = built.layers().stream().map(l -> ProjectStage.withRegions(l, namer, labels)).toList();
        MapArtefact.write(project.mapDir(), new MapData(corpus.documents().stream().map(Document::id).toList(), docLabels, previews,
                layers, List.of(), jaccard, provenance));
        double seconds = (System.nanoTime() - start) / 1e9;
        return built.layers().stream().map(l -> new ProjectStage.TaskSummary(l.name(), l.figures(), seconds / t)).toList();
    }

    /** What the figures of imported tasks are, for the map's provenance. */
    static Map<String, Object> figuresNote(ProjectStage.Options o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("imported", "2-D only: kNN accuracy (k=10, " + o.folds() + "-fold) and silhouette on the imported coordinates; "
                + "drift and task overlap from 2-D neighbourhoods (k=" + o.neighbours() + "); full-space figures not available");
        m.put("knnK", 10);
        m.put("folds", o.folds());
        m.put("foldSeed", o.seed());
        m.put("neighbours", o.neighbours());
        return m;
    }

    static String shortName(String model) {
        String s = model.toLowerCase(Locale.ROOT);
        int dash = s.indexOf('-');
        s = dash > 0 ? s.substring(0, dash) : s;
        s = s.replaceAll("[^a-z0-9]+", "");
        return s.isEmpty() ? "imported" : s;
    }
}
