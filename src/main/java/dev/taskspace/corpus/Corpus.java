package dev.taskspace.corpus;

import dev.taskspace.TaskspaceException;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The documents of a corpus stage, with an account of what was left out.
 *
 * @param documents  the documents, ids unique
 * @param dropped    how many inputs were dropped, by reason (e.g. "empty text" -> 3)
 * @param truncated  ids of the documents whose text was cut at the maximum length
 * @param provenance where the documents came from and with which parameters (JSON values)
 */
public record Corpus(List<Document> documents, Map<String, Integer> dropped, Set<String> truncated,
        Map<String, Object> provenance) {

    public Corpus {
        documents = List.copyOf(documents);
        dropped = Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
        truncated = Collections.unmodifiableSet(new LinkedHashSet<>(truncated));
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        Set<String> ids = new HashSet<>();
        for (Document d : documents) {
            if (!ids.add(d.id())) throw new TaskspaceException("the corpus has two documents with id \"" + d.id() + "\"");
        }
    }

    public int size() {
        return documents.size();
    }

    /** Whether any document has a label. */
    public boolean hasLabels() {
        return documents.stream().anyMatch(d -> d.label() != null);
    }

    /** Documents per label, labels sorted; unlabelled documents are counted under null, last. */
    public Map<String, Integer> countsByLabel() {
        Map<String, Integer> counts = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        for (Document d : documents) counts.merge(d.label(), 1, Integer::sum);
        return counts;
    }

    /** The total number of dropped inputs. */
    public int droppedTotal() {
        return dropped.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * A subset of this corpus (a sample), keeping the account of drops and adding to the
     * provenance.
     */
    public Corpus select(List<Document> subset, Map<String, Object> moreProvenance) {
        Map<String, Object> p = new LinkedHashMap<>(provenance);
        p.putAll(moreProvenance);
        Set<String> cut = new LinkedHashSet<>();
        for (Document d : subset) if (truncated.contains(d.id())) cut.add(d.id());
        return new Corpus(subset, dropped, cut, p);
    }
}
