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
 */
public record MapData(List<String> ids, List<String> labels, List<String> previews, List<TaskLayer> tasks,
        List<Axis> axes, double[][] taskJaccard, Map<String, Object> provenance) {

    public MapData {
        ids = List.copyOf(ids);
        labels = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(labels));
        previews = List.copyOf(previews);
        tasks = List.copyOf(tasks);
        axes = List.copyOf(axes);
        Objects.requireNonNull(taskJaccard, "taskJaccard");
        provenance = Map.copyOf(provenance);
        int n = ids.size();
        if (labels.size() != n || previews.size() != n) throw new IllegalArgumentException("ids, labels and previews differ in length");
        for (TaskLayer t : tasks) {
            if (t.coords().length != n || t.drift().length != n || t.neighbours().length != n) {
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
     * @param drift       1 - k-NN overlap with the reference task, per document [n]
     * @param neighbours  each document's nearest neighbours in this task's full space [n][k]
     * @param figures     named figures (e.g. knnAccuracy, silhouette, trustworthiness); NaN when not defined
     */
    public record TaskLayer(String name, String instruction, String lookFor, float[][] coords, float[] drift,
            int[][] neighbours, Map<String, Double> figures) {
        public TaskLayer {
            Objects.requireNonNull(name, "name");
            figures = Map.copyOf(figures);
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
