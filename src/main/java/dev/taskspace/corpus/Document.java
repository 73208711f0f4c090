package dev.taskspace.corpus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One text of a corpus.
 *
 * @param id     unique within its corpus, stable across runs (e.g. {@code train/sci.med/58080})
 * @param label  the category, or null when the corpus has none
 * @param text   the cleaned text
 * @param source where it came from (e.g. {@code 20news-bydate}, or a file name)
 * @param meta   any other fields of the input, in input order (JSON-compatible values)
 */
public record Document(String id, String label, String text, String source, Map<String, Object> meta) {
    public Document {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        if (id.isBlank()) throw new IllegalArgumentException("a document id must not be blank");
        if (label != null && label.isBlank()) label = null;
        meta = meta == null || meta.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    }

    public Document(String id, String label, String text, String source) {
        this(id, label, text, source, Map.of());
    }

    /** The same document with another text. */
    public Document withText(String newText) {
        return new Document(id, label, newText, source, meta);
    }
}
