package dev.taskspace.imported;

import dev.taskspace.corpus.Document;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * 2-D layouts made elsewhere (the original Python demo, a notebook with umap-learn): the
 * documents and, per task, one independent 2-D position per document. No high-dimensional
 * vectors come with them, so only figures of 2-D coordinates can be measured on them.
 *
 * @param documents  the documents, in file order (ids unique)
 * @param tasks      task names, in file order (letters, digits, '-' and '_')
 * @param coords     [tasks][n][2] each task's layout as the file gives it (not aligned)
 * @param provenance what made the layouts (model, API, prompt, projection) and the file (JSON values)
 */
public record ImportedMaps(List<Document> documents, List<String> tasks, float[][][] coords, Map<String, Object> provenance) {
    /** What a task name may be: it becomes a task of the map, a button of the page and part of its address. */
    public static final Pattern TASK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

    public ImportedMaps {
        documents = List.copyOf(documents);
        tasks = List.copyOf(tasks);
        Objects.requireNonNull(coords, "coords");
        provenance = Map.copyOf(provenance);
        int n = documents.size();
        if (coords.length != tasks.size()) throw new IllegalArgumentException(tasks.size() + " tasks but " + coords.length + " layouts");
        for (int t = 0; t < coords.length; t++) {
            if (!TASK_NAME.matcher(tasks.get(t)).matches()) throw new IllegalArgumentException("bad task name \"" + tasks.get(t) + "\"");
            if (coords[t].length != n) throw new IllegalArgumentException("task " + tasks.get(t) + " has " + coords[t].length + " positions for " + n + " documents");
            for (float[] p : coords[t]) {
                if (p.length != 2 || !Float.isFinite(p[0]) || !Float.isFinite(p[1])) {
                    throw new IllegalArgumentException("task " + tasks.get(t) + " has a position that is not two finite numbers");
                }
            }
        }
    }

    public int size() {
        return documents.size();
    }

    /** The model that made the layouts, as provenance names it, for the page's "imported" mark. */
    public String model() {
        Object m = provenance.get("model");
        if (m instanceof Map<?, ?> map && map.get("id") != null) return String.valueOf(map.get("id"));
        return m == null ? "unknown model" : String.valueOf(m);
    }

    /** The same layouts with other documents (e.g. ids matched back to their source), same order and count. */
    public ImportedMaps withDocuments(List<Document> docs, Map<String, Object> moreProvenance) {
        if (docs.size() != documents.size()) throw new IllegalArgumentException("document count changed");
        Map<String, Object> p = new java.util.LinkedHashMap<>(provenance);
        p.putAll(moreProvenance);
        return new ImportedMaps(docs, tasks, coords, p);
    }
}
