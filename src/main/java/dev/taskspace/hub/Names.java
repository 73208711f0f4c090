package dev.taskspace.hub;

import dev.taskspace.TaskspaceException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks the names that become URLs and cache paths: repository ids, revisions, paths in a
 * repository, commit and blob hashes. Everything that reaches the file system passes here
 * first, so a hostile name (or a hostile server's answer) cannot write outside the cache.
 */
final class Names {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_REPO_ID = 96;

    private Names() {}

    /** Checks a model id such as {@code onnx-community/Qwen3-Embedding-0.6B-ONNX} (or a legacy {@code gpt2}). */
    static String repoId(String repoId) {
        if (repoId == null || repoId.isBlank()) throw new TaskspaceException("no Hugging Face model id given (expected org/name)");
        String[] parts = repoId.split("/", -1);
        boolean ok = parts.length <= 2 && repoId.length() <= MAX_REPO_ID && !repoId.contains("--") && !repoId.contains("..");
        for (String p : parts) ok &= SEGMENT.matcher(p).matches();
        if (!ok) {
            throw new TaskspaceException("'" + oneLine(repoId) + "' is not a Hugging Face model id"
                    + " (expected org/name, e.g. onnx-community/Qwen3-Embedding-0.6B-ONNX)");
        }
        return repoId;
    }

    /** Checks a revision: a branch, a tag or a commit hash, e.g. {@code main}, {@code v1.0}, {@code refs/pr/1}. */
    static String revision(String revision) {
        if (revision == null || revision.isBlank()) throw new TaskspaceException("no revision given (e.g. main)");
        if (!relative(revision) || revision.chars().anyMatch(Character::isWhitespace)) {
            throw new TaskspaceException("'" + oneLine(revision) + "' is not a usable revision (a branch, tag or commit, e.g. main)");
        }
        return revision;
    }

    /** Checks a file path inside a repository, e.g. {@code onnx/model.onnx}. */
    static String path(String path) {
        if (path == null || !relative(path)) {
            throw new TaskspaceException("'" + oneLine(String.valueOf(path))
                    + "' is not a file path inside a repository (expected e.g. onnx/model.onnx)");
        }
        return path;
    }

    /** Checks a list of paths: at least one, each valid, none twice. */
    static List<String> paths(List<String> paths) {
        if (paths == null || paths.isEmpty()) throw new TaskspaceException("no files named to fetch");
        paths.forEach(Names::path);
        if (paths.stream().distinct().count() != paths.size()) {
            throw new TaskspaceException("a file is named twice in " + paths);
        }
        return List.copyOf(paths);
    }

    /** Whether {@code s} is a full commit hash (40 lowercase hex digits), as the cache's folder names are. */
    static boolean isCommit(String s) {
        return s != null && COMMIT.matcher(s).matches();
    }

    static boolean isSha256(String s) {
        return s != null && SHA256.matcher(s).matches();
    }

    /** The folder name of a model in the cache: {@code models--org--name}. */
    static String repoFolder(String repoId) {
        return "models--" + repoId.replace("/", "--");
    }

    /** "a", "a and b", "a, b and c". */
    static String and(List<String> items) {
        if (items.size() == 1) return items.get(0);
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** A text made safe to quote in a one-line message: control characters become spaces, long texts are cut. */
    static String oneLine(String s) {
        String flat = s.replaceAll("\\p{Cntrl}", " ").strip();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
    }

    /** Slash-separated, not absolute, no empty, "." or ".." segment, no backslash or control character. */
    private static boolean relative(String s) {
        if (s.isEmpty() || s.startsWith("/") || s.indexOf('\\') >= 0 || s.chars().anyMatch(Character::isISOControl)) {
            return false;
        }
        for (String segment : s.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) return false;
        }
        return true;
    }
}
