package dev.taskspace.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes headers, footers and quotes from a newsgroup post exactly as scikit-learn's
 * {@code fetch_20newsgroups(remove=('headers', 'footers', 'quotes'))} does, in that order
 * ({@code sklearn/datasets/_twenty_newsgroups.py}: {@code strip_newsgroup_header},
 * {@code strip_newsgroup_footer}, {@code strip_newsgroup_quoting}).
 *
 * <p>One deliberate difference: line endings are normalised ({@code \r\n} to {@code \n})
 * first. scikit-learn keeps {@code \r\n}, finds no blank line after the headers of such a
 * post and so empties it (5 posts of the canonical archive are stored that way); here every
 * copy of the dataset, whatever its line endings, cleans the same way.
 */
public final class NewsgroupsCleaner {
    private static final Pattern QUOTE = Pattern.compile(
            "(writes in|writes:|wrote:|says:|said:|^In article|^Quoted from|^\\||^>)");

    private NewsgroupsCleaner() {}

    /** Headers, then footers, then quotes, after normalising line endings. */
    public static String clean(String post) {
        String text = post.replace("\r\n", "\n");
        return stripQuotes(stripFooter(stripHeader(text)));
    }

    /**
     * Everything after the first blank line ({@code "\n\n"}); a post without one has no body
     * and becomes empty, as in scikit-learn.
     */
    public static String stripHeader(String text) {
        int i = text.indexOf("\n\n");
        return i < 0 ? "" : text.substring(i + 2);
    }

    /**
     * Drops everything from the last line that is empty or only dashes (a signature
     * separator), unless that line is the first one. Like scikit-learn, the lines are taken
     * from the text with surrounding whitespace stripped, and the text is returned unchanged
     * when no such line exists or it is the first line.
     */
    public static String stripFooter(String text) {
        String[] lines = splitLines(PyStrings.strip(text));
        int lineNum = lines.length - 1;
        for (; lineNum >= 0; lineNum--) {
            if (PyStrings.strip(lines[lineNum], '-', true).isEmpty()) break;
        }
        if (lineNum > 0) return String.join("\n", java.util.Arrays.copyOf(lines, lineNum));
        return text;
    }

    /**
     * Drops every line that quotes another post: lines containing {@code writes in},
     * {@code writes:}, {@code wrote:}, {@code says:} or {@code said:}, and lines starting
     * with {@code In article}, {@code Quoted from}, {@code |} or {@code >}.
     */
    public static String stripQuotes(String text) {
        List<String> good = new ArrayList<>();
        for (String line : splitLines(text)) {
            if (!QUOTE.matcher(line).find()) good.add(line);
        }
        return String.join("\n", good);
    }

    /** Python's {@code str.split("\n")}: keeps trailing empty strings. */
    static String[] splitLines(String text) {
        return text.split("\n", -1);
    }
}
