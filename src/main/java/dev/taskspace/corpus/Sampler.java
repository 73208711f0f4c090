package dev.taskspace.corpus;

import dev.taskspace.TaskspaceException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded, reproducible samples.
 *
 * <p>Reproducible means: the same documents, seed and size give the same sample on any JVM.
 * Documents are ordered by id before shuffling (so input order does not matter), and the
 * shuffle is a Fisher-Yates over {@link java.util.Random}, whose sequence the Java language
 * specification fixes. In a stratified sample each label draws from its own generator,
 * seeded from the seed and the label name, so adding or removing a category leaves the
 * other categories' samples unchanged.
 */
public final class Sampler {
    private Sampler() {}

    /**
     * Up to {@code perLabel} documents of each label (all of a label's documents when it has
     * fewer), ordered by label, then id. Unlabelled documents form a group of their own.
     */
    public static List<Document> perLabel(List<Document> docs, int perLabel, long seed) {
        if (perLabel < 1) throw new IllegalArgumentException("the sample size per label must be at least 1, got " + perLabel);
        Map<String, List<Document>> byLabel = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        for (Document d : docs) byLabel.computeIfAbsent(d.label(), k -> new ArrayList<>()).add(d);
        List<Document> out = new ArrayList<>();
        for (Map.Entry<String, List<Document>> e : byLabel.entrySet()) {
            List<Document> group = shuffled(e.getValue(), new Random(labelSeed(seed, e.getKey())));
            List<Document> chosen = new ArrayList<>(group.subList(0, Math.min(perLabel, group.size())));
            chosen.sort(Comparator.comparing(Document::id));
            out.addAll(chosen);
        }
        return out;
    }

    /** Up to {@code n} documents drawn without regard to labels, ordered by id. */
    public static List<Document> random(List<Document> docs, int n, long seed) {
        if (n < 1) throw new IllegalArgumentException("the sample size must be at least 1, got " + n);
        List<Document> chosen = new ArrayList<>(shuffled(docs, new Random(seed)).subList(0, Math.min(n, docs.size())));
        chosen.sort(Comparator.comparing(Document::id));
        return chosen;
    }

    /**
     * The documents with the given ids, in the order given: how a recorded sample is
     * reproduced. Every id must be present.
     */
    public static List<Document> byIds(List<Document> docs, List<String> ids, String idSource) {
        Map<String, Document> index = new HashMap<>();
        for (Document d : docs) index.put(d.id(), d);
        List<Document> out = new ArrayList<>(ids.size());
        List<String> missing = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (String id : ids) {
            if (seen.put(id, true) != null) continue;
            Document d = index.get(id);
            if (d == null) missing.add(id);
            else out.add(d);
        }
        if (!missing.isEmpty()) {
            throw new TaskspaceException(String.format(
                    "%d of the %d ids in %s are not in the corpus (first: \"%s\"); were they recorded from another corpus or with other length bounds?",
                    missing.size(), seen.size(), idSource, missing.get(0)));
        }
        return out;
    }

    private static List<Document> shuffled(List<Document> docs, Random random) {
        List<Document> list = new ArrayList<>(docs);
        list.sort(Comparator.comparing(Document::id));
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Document t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
        return list;
    }

    /** A per-label seed: the seed mixed with a 64-bit FNV-1a hash of the label's UTF-8 bytes. */
    static long labelSeed(long seed, String label) {
        long h = 0xcbf29ce484222325L;
        if (label != null) {
            for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
        }
        return seed * 0x9E3779B97F4A7C15L ^ h;
    }
}
