package dev.taskspace.corpus;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * The original demo's normalisation, applied to every corpus after any source-specific
 * cleaning: collapse all whitespace to single spaces and trim, drop texts shorter than
 * {@code minChars}, cut the rest at {@code maxChars}. Lengths count Unicode code points, as
 * Python's {@code len} does.
 *
 * @param minChars the shortest text kept (at least 1: empty texts are always dropped)
 * @param maxChars where longer texts are cut
 */
public record TextRules(int minChars, int maxChars) {
    /** The original demo's bounds: 100 to 5,000 characters. */
    public static final TextRules DEMO = new TextRules(100, 5000);
    /** Bounds for your own corpus by default: keep everything that is not empty, cut at 5,000. */
    public static final TextRules OWN = new TextRules(1, 5000);

    /** Reason a document is dropped for having no text. */
    public static final String EMPTY = "empty text";
    /** Reason a 20 Newsgroups post is dropped when nothing is left after cleaning. */
    public static final String EMPTY_AFTER_CLEANING = "empty after removing headers, footers and quotes";

    public TextRules {
        if (minChars < 1) throw new IllegalArgumentException("the minimum length must be at least 1 character, got " + minChars);
        if (maxChars < minChars) {
            throw new IllegalArgumentException(
                    "the maximum length (" + maxChars + ") must not be below the minimum (" + minChars + ")");
        }
    }

    /** The reason for texts shorter than the minimum. */
    public String tooShort() {
        return "shorter than " + minChars + " characters";
    }

    /**
     * Normalises each document, dropping and counting those that end up empty or too short.
     *
     * @param documents  the documents, texts as loaded (or cleaned)
     * @param emptyReason what to call an empty text (e.g. {@link #EMPTY_AFTER_CLEANING})
     */
    public Corpus apply(List<Document> documents, String emptyReason, Map<String, Object> provenance) {
        Map<String, Integer> dropped = new LinkedHashMap<>();
        List<Document> kept = new java.util.ArrayList<>(documents.size());
        Set<String> truncated = new LinkedHashSet<>();
        for (Document d : documents) {
            String text = PyStrings.collapseWhitespace(d.text());
            int length = PyStrings.length(text);
            if (length == 0) {
                dropped.merge(emptyReason, 1, Integer::sum);
            } else if (length < minChars) {
                dropped.merge(tooShort(), 1, Integer::sum);
            } else {
                if (length > maxChars) {
                    text = PyStrings.head(text, maxChars);
                    truncated.add(d.id());
                }
                kept.add(d.withText(text));
            }
        }
        return new Corpus(kept, dropped, truncated, provenance);
    }
}
