package dev.taskspace.project;

import dev.taskspace.corpus.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Category labels as integer codes, for the label-based figures. Documents without a label
 * take no part in them; with fewer than two labels the figures are omitted, not faked.
 *
 * @param names  the distinct labels, sorted; code i is names[i]
 * @param all    each document's code, -1 for none [n]
 * @param index  the documents that have a label
 */
record Labels(List<String> names, int[] all, int[] index) {

    static Labels of(List<Document> docs) {
        TreeMap<String, Integer> codes = new TreeMap<>();
        for (Document d : docs) if (d.label() != null) codes.putIfAbsent(d.label(), 0);
        List<String> names = new ArrayList<>(codes.keySet());
        for (int i = 0; i < names.size(); i++) codes.put(names.get(i), i);
        int[] all = new int[docs.size()];
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            String l = docs.get(i).label();
            all[i] = l == null ? -1 : codes.get(l);
            if (l != null) idx.add(i);
        }
        return new Labels(names, all, idx.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Whether labels can be compared at all: two labels or more. */
    boolean usable() {
        return names.size() >= 2;
    }

    /**
     * Whether the label figures can be computed: two labels or more, and at least as many
     * labelled documents as cross-validation folds and as labels plus one (scikit-learn's
     * silhouette needs 2 &le; labels &le; n - 1). A 3-document corpus gets a map without them.
     */
    boolean usable(int folds) {
        return usable() && index.length >= Math.max(folds, names.size() + 1);
    }

    int[] subsetCodes() {
        return subset(all);
    }

    int[] subset(int[] v) {
        int[] out = new int[index.length];
        for (int i = 0; i < index.length; i++) out[i] = v[index[i]];
        return out;
    }

    float[][] subset(float[][] v) {
        float[][] out = new float[index.length][];
        for (int i = 0; i < index.length; i++) out[i] = v[index[i]];
        return out;
    }
}
