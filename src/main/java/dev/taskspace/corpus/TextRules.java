package dev.taskspace.corpus;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * The original demo's normalisation, applied to every corpus after any source-specific
 * cleaning: remove NUL characters (U+0000) and replace lone surrogates (half of a UTF-16 pair,
 * which JSON escapes can carry) with U+FFFD, collapse all whitespace to single spaces and trim,
 * drop texts shorter than {@code minChars}, cut the rest at {@code maxChars}. Lengths count
 * Unicode code points, as Python's {@code len} does.
 *
 * <p>Before that, one input limit for every format: a text (a JSON Lines field, a CSV cell, a
 * .txt file) longer than {@link #MAX_INPUT_CHARS} characters is refused with its file and line.
 *
 * @param minChars the shortest text kept (at least 1: empty texts are always dropped)
 * @param maxChars where longer texts are cut
 */
public record TextRules(int minChars, int maxChars) {
    /** The original demo's bounds: 100 to 5,000 characters. */
    public static final TextRules DEMO = new TextRules(100, 5000);
    /** Bounds for your own corpus by default: keep everything that is not empty, cut at 5,000. */
    public static final TextRules OWN = new TextRules(1, 5000);

    /** The longest text read from any corpus file, in UTF-16 characters (10 million, about 10 MB of plain text). */
    public static final int MAX_INPUT_CHARS = 10_000_000;

    /** Refuses a text over {@link #MAX_INPUT_CHARS}; {@code where} is its file and line. */
    public static void checkSize(String text, String where) {
        if (text != null && text.length() > MAX_INPUT_CHARS) throw tooLarge(where, text.length());
    }

    static dev.taskspace.TaskspaceException tooLarge(String where, long size) {
        return new dev.taskspace.TaskspaceException(where + ": a text of " + String.format(java.util.Locale.ROOT, "%,d", size)
                + " characters or bytes, over the limit of " + String.format(java.util.Locale.ROOT, "%,d", MAX_INPUT_CHARS)
                + " characters for one text in any format; split it into several documents or shorten it");
    }

    /** Removes NUL and replaces lone surrogates with U+FFFD (the rule for every corpus). */
    public static String safeCharacters(String text) {
        StringBuilder out = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1));
            boolean bad = c == 0 || (Character.isSurrogate(c) && !pair);
            if (bad && out == null) out = new StringBuilder(n).append(text, 0, i);
            if (out != null) {
                if (c == 0) continue;
                if (bad) out.append('\uFFFD');
                else if (pair) out.append(c).append(text.charAt(++i));
                else out.append(c);
            } else if (pair) {
                i++;
            }
        }
        return out == null ? text : out.toString();
    }

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
            String text = PyStrings.collapseWhitespace(safeCharacters(d.text()));
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
