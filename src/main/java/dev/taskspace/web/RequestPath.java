package dev.taskspace.web;

import java.util.regex.Pattern;

/**
 * Checks a request's raw path before anything looks it up. The server only ever serves names
 * from fixed lists, so these rules are a second fence: they refuse, with 400, what no page
 * request needs: percent-encoding (so no encoded {@code ..} or {@code /}), backslashes,
 * empty, {@code .} and {@code ..} segments, hidden names, and anything outside
 * {@code [A-Za-z0-9._-]}.
 */
final class RequestPath {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private RequestPath() {}

    /** Thrown for a path the server will not look up. */
    static final class BadPath extends Exception {
        private static final long serialVersionUID = 1L;

        BadPath(String message) {
            super(message);
        }
    }

    /**
     * The path without its leading slash ({@code ""} for the root), from a request's raw
     * (undecoded) path.
     */
    static String check(String rawPath) throws BadPath {
        if (rawPath == null || !rawPath.startsWith("/")) throw new BadPath("the path must start with /");
        if (rawPath.indexOf('%') >= 0) throw new BadPath("encoded characters are not served");
        String rest = rawPath.substring(1);
        if (rest.isEmpty()) return "";
        if (!isSafeRelative(rest)) throw new BadPath("not a path this server serves");
        return rest;
    }

    /** A relative path of plain segments: no empty, dot-leading or special-character segment. */
    static boolean isSafeRelative(String path) {
        if (path.isEmpty() || path.length() > 200) return false;
        for (String segment : path.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) return false;
        }
        return true;
    }
}
