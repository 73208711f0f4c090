package dev.taskspace.corpus;

/**
 * The few Python string operations whose exact behaviour the cleaning rules depend on, so
 * that texts match scikit-learn's and the original demo's character for character.
 */
final class PyStrings {
    private PyStrings() {}

    /**
     * Python's {@code str.isspace()} for one code point: Unicode space separators, line and
     * paragraph separators, the ASCII controls 0x09-0x0D and 0x1C-0x1F, and NEL (0x85).
     * Unlike Java's {@link Character#isWhitespace}, it includes no-break spaces (0xA0).
     */
    static boolean isSpace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F) || cp == 0x85 || Character.isSpaceChar(cp);
    }

    /** Python's {@code s.strip()}. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) start++;
        while (end > start && isSpace(s.charAt(end - 1))) end--;
        return s.substring(start, end);
    }

    /** Python's {@code s.strip().strip(c)} when {@code whitespaceFirst}, else {@code s.strip(c)}. */
    static String strip(String s, char c, boolean whitespaceFirst) {
        String t = whitespaceFirst ? strip(s) : s;
        int start = 0;
        int end = t.length();
        while (start < end && t.charAt(start) == c) start++;
        while (end > start && t.charAt(end - 1) == c) end--;
        return t.substring(start, end);
    }

    /** Python's {@code " ".join(s.split())}: every run of whitespace becomes one space, ends trimmed. */
    static String collapseWhitespace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isSpace(cp)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) out.append(' ');
                pendingSpace = false;
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /** Python's {@code s[:n]}: at most {@code n} code points. */
    static String head(String s, int n) {
        if (s.codePointCount(0, s.length()) <= n) return s;
        return s.substring(0, s.offsetByCodePoints(0, n));
    }

    /** Python's {@code len(s)}: the number of code points. */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
