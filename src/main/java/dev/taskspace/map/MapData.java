package dev.taskspace.map;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the page shows: the documents, one aligned 2-D layout per task with its figures,
 * drift and nearest neighbours, the zero-shot scores, and where it all came from.
 *
 * @param ids        document ids [n]
 * @param labels     each document's label, or null [n]
 * @param previews   the first ~200 characters of each text [n]
 * @param tasks      one entry per task, the reference (drift = 0) first
 * @param axes       zero-shot scores, one per axis
 * @param taskJaccard mean k-NN overlap between tasks in the full spaces [tasks][tasks]
 * @param provenance model, backend, precision, parameters, corpus summary, versions (JSON values)
 * @param texts      each document's whole text [n], or empty when the map has none (the page then reads previews)
 * @param meta       each document's other corpus fields [n] (JSON-compatible values), or empty when none has any
 */
public record MapData(List<String> ids, List<String> labels, List<String> previews, List<TaskLayer> tasks,
        List<Axis> axes, double[][] taskJaccard, Map<String, Object> provenance, List<String> texts,
        List<Map<String, Object>> meta) {

    /** A map without whole texts or metadata. */
    public MapData(List<String> ids, List<String> labels, List<String> previews, List<TaskLayer> tasks,
            List<Axis> axes, double[][] taskJaccard, Map<String, Object> provenance) {
        this(ids, labels, previews, tasks, axes, taskJaccard, provenance, List.of(), List.of());
    }

    /** The same map with whole texts and metadata ({@code meta} may be empty). */
    public MapData withTexts(List<String> wholeTexts, List<Map<String, Object>> metadata) {
        return new MapData(ids, labels, previews, tasks, axes, taskJaccard, provenance, wholeTexts, metadata);
    }

    /** Whether the map carries whole texts. */
    public boolean hasTexts() {
        return !texts.isEmpty() || ids.isEmpty();
    }

    /** Document i's whole text, or its preview when the map has no texts. */
    public String text(int i) {
        return texts.isEmpty() ? previews.get(i) : texts.get(i);
    }

    /** Document i's metadata (empty when it has none). */
    public Map<String, Object> metaOf(int i) {
        return meta.isEmpty() ? Map.of() : meta.get(i);
    }

    public MapData {
        ids = List.copyOf(ids);
        labels = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(labels));
        previews = List.copyOf(previews);
        tasks = List.copyOf(tasks);
        axes = List.copyOf(axes);
        Objects.requireNonNull(taskJaccard, "taskJaccard");
        Map.copyOf(provenance); // no null keys or values
        // in the caller's order, not Map.copyOf's, which changes from one JVM run to the next: map.json's bytes must not
        provenance = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
        texts = List.copyOf(texts);
        meta = meta.stream().map(m -> java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m))).toList();
        int n = ids.size();
        if (labels.size() != n || previews.size() != n) throw new IllegalArgumentException("ids, labels and previews differ in length");
        if (!texts.isEmpty() && texts.size() != n) throw new IllegalArgumentException(texts.size() + " texts for " + n + " documents");
        if (!meta.isEmpty() && meta.size() != n) throw new IllegalArgumentException(meta.size() + " metadata rows for " + n + " documents");
        for (TaskLayer t : tasks) {
            if (t.coords().length != n || t.drift().length != n || t.neighbours().length != n || t.regions().length != n) {
                throw new IllegalArgumentException("task " + t.name() + " does not have " + n + " documents");
            }
        }
        for (Axis a : axes) if (a.scores().length != n) throw new IllegalArgumentException("axis " + a.name() + " does not have " + n + " scores");
    }

    /**
     * One task's layer of the map.
     *
     * @param name        the task
     * @param instruction its instruction, or null
     * @param lookFor     what to look for in it
     * @param coords      aligned 2-D positions [n][2]
     * @param drift       per document, the share of its k nearest neighbours that are new against the first task [n] ({@link Drift})
     * @param neighbours  each document's nearest neighbours in this task's full space [n][k]
     * @param figures     named figures (e.g. knnAccuracy, silhouette, trustworthiness); NaN when not defined
     * @param importedFrom null for a task embedded here; for a 2-D layout imported from elsewhere
     *                    (taskspace import), the model that made it: its neighbours, drift and
     *                    figures are then of 2-D coordinates only
     * @param regions     each document's region on this task's layout, -1 for none [n]
     * @param regionInfo  the regions, indexed by the numbers in {@code regions}: their names and sizes
     * @param categoryNeighbours [labels][labels] how often a document of category a (labels in
     *                    sorted order) has a neighbour of category b; empty without labels
     */
    public record TaskLayer(String name, String instruction, String lookFor, float[][] coords, float[] drift,
            int[][] neighbours, Map<String, Double> figures, String importedFrom, int[] regions, List<Region> regionInfo,
            int[][] categoryNeighbours) {
        public TaskLayer {
            Objects.requireNonNull(name, "name");
            figures = Map.copyOf(figures);
            regionInfo = List.copyOf(regionInfo);
            Objects.requireNonNull(regions, "regions");
            Objects.requireNonNull(categoryNeighbours, "categoryNeighbours");
            for (int r : regions) {
                if (r < -1 || r >= regionInfo.size()) throw new IllegalArgumentException("task " + name + ": region " + r + " of " + regionInfo.size());
            }
        }

        /** A layer without regions or category counts (tests, imported layers). */
        public TaskLayer(String name, String instruction, String lookFor, float[][] coords, float[] drift, int[][] neighbours,
                Map<String, Double> figures, String importedFrom) {
            this(name, instruction, lookFor, coords, drift, neighbours, figures, importedFrom, noRegions(coords.length), List.of(), new int[0][0]);
        }

        /** A task embedded here, without regions or category counts. */
        public TaskLayer(String name, String instruction, String lookFor, float[][] coords, float[] drift,
                int[][] neighbours, Map<String, Double> figures) {
            this(name, instruction, lookFor, coords, drift, neighbours, figures, null);
        }

        /** Whether this layer was imported as 2-D coordinates. */
        public boolean imported() {
            return importedFrom != null;
        }

        private static int[] noRegions(int n) {
            int[] r = new int[n];
            java.util.Arrays.fill(r, -1);
            return r;
        }
    }

    /**
     * A region of one task's layout (see dev.taskspace.project.Regions), named by its texts.
     *
     * @param words its most distinctive words, most distinctive first (may be empty)
     * @param size  how many documents it holds
     */
    public record Region(List<String> words, int size) {
        public Region {
            words = List.copyOf(words);
        }
    }

    /**
     * A zero-shot axis: each document's score between two label descriptions under one task.
     *
     * @param name     e.g. {@code sentiment}
     * @param task     the task whose instruction embedded the labels and documents
     * @param negative the low end's label text
     * @param positive the high end's label text
     * @param scores   cos(doc, positive) - cos(doc, negative) [n]
     */
    public record Axis(String name, String task, String negative, String positive, float[] scores) {}
}
