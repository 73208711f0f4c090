package dev.taskspace.imported;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.embed.Task;
import dev.taskspace.embed.Tasks;
import dev.taskspace.internal.Download;
import dev.taskspace.internal.Hashing;
import dev.taskspace.internal.UserDirs;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The original Python demo's published maps (jackliddle/newsgroups-qwen-embed, MIT licence):
 * 800 posts of 20 Newsgroups, 10 categories x 80, laid out in 2-D under four instructions by
 * real Qwen3-Embedding-0.6B through the SiliconFlow API, one independent UMAP per task. No
 * vectors are published: only 2-D figures can be measured on it.
 */
public final class OriginalDemo {
    /** Where the original demo's site serves its data. */
    public static final URI CANONICAL_URL = URI.create("https://jackliddle.github.io/newsgroups-qwen-embed/data.json");
    /** SHA-256 of the published file (1,234,932 bytes). */
    public static final String CANONICAL_SHA256 = "30d03b546ab50bdb38ccde960234ed192bd6f9762d6feafbcad924f535d8bb9f";
    /** A local copy of the file (like {@code --original}). */
    public static final String ENV_PATH = "TASKSPACE_ORIGINAL";
    /** A mirror to download from instead. */
    public static final String ENV_URL = "TASKSPACE_ORIGINAL_URL";
    static final String FILE_NAME = "newsgroups-qwen-embed-data.json";
    /** The model that made the layouts, as the page names it. */
    public static final String MODEL = "Qwen3-Embedding-0.6B";

    private OriginalDemo() {}

    /**
     * Where to get the file.
     *
     * @param local    a local copy, or null to use the cache
     * @param cacheDir the user cache folder; the file lives in {@code <cacheDir>/datasets}
     * @param url      where to download from when the cache has no copy
     * @param sha256   the file's expected SHA-256
     * @param offline  never download
     */
    public record Source(Path local, Path cacheDir, URI url, String sha256, boolean offline) {
        public Source {
            Objects.requireNonNull(cacheDir, "cacheDir");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(sha256, "sha256");
        }

        /** {@code TASKSPACE_ORIGINAL}, else the cache, downloading from {@code TASKSPACE_ORIGINAL_URL} or the canonical address. */
        public static Source fromEnvironment(Map<String, String> env) {
            String local = env.get(ENV_PATH);
            String url = env.get(ENV_URL);
            return new Source(local == null || local.isBlank() ? null : Path.of(local.strip()), UserDirs.cacheDirFrom(env),
                    url == null || url.isBlank() ? CANONICAL_URL : URI.create(url.strip()), CANONICAL_SHA256, UserDirs.offline(env));
        }

        public Source withLocal(Path file) {
            return new Source(file, cacheDir, url, sha256, offline);
        }

        public Source withCacheDir(Path dir) {
            return new Source(local, dir, url, sha256, offline);
        }

        public Source withOffline(boolean off) {
            return new Source(local, cacheDir, url, sha256, off);
        }

        /** The cache location of the file. */
        public Path cached() {
            return cacheDir.resolve("datasets").resolve(FILE_NAME);
        }
    }

    /** Whether the file is at hand without downloading: a local copy or a verified cached one. */
    public static boolean atHand(Source source) {
        if (source.local() != null) return Files.isRegularFile(source.local());
        return Files.isRegularFile(source.cached()) && source.sha256().equalsIgnoreCase(sha256(source.cached()));
    }

    /** The file: the local copy if given, else the cached one, downloading and verifying it first if needed. */
    public static Path locate(Source source, Reporter reporter) {
        if (source.local() != null) {
            if (!Files.isRegularFile(source.local())) {
                throw new TaskspaceException("the original demo's data " + source.local() + " (--original or " + ENV_PATH
                        + ") does not exist: give its data.json");
            }
            return source.local();
        }
        return Download.cachedOrFetch(new Download.Request(source.url(), source.cached(), source.sha256()), FILE_NAME,
                "the original demo's data", "its maps, about 1.2 MB", source.offline(), howToGiveLocalCopy(), reporter);
    }

    /** Whether {@code file} is a copy of the original demo's published file (by its SHA-256). */
    public static boolean isOriginal(Path file) {
        return Files.isRegularFile(file) && CANONICAL_SHA256.equals(sha256(file));
    }

    /** Reads the original demo's file, with its provenance. */
    public static ImportedMaps read(Path file) {
        ImportedMaps maps = LayoutFile.read(file, LayoutFile.Fields.DEFAULT, provenance(file));
        return maps;
    }

    /** What the original's layouts are, exactly. */
    static Map<String, Object> provenance(Path file) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("source", "the original Python demo (github.com/jackliddle/newsgroups-qwen-embed, MIT licence), " + CANONICAL_URL);
        p.put("sha256", sha256(file));
        p.put("model", Map.of("id", MODEL, "backend", "SiliconFlow API (Qwen/Qwen3-Embedding-0.6B, 1024 dimensions)",
                "instructionAware", true));
        p.put("prompt", "Instruct: {instruction}\\nQuery: {text} (the original's prompt: a space after \"Query:\", "
                + "which taskspace does not send; no instruction: the raw text)");
        Map<String, String> instructions = new LinkedHashMap<>();
        for (Task t : Tasks.DEMO) instructions.put(t.name(), t.instruction() == null ? "(none)" : t.instruction());
        p.put("instructions", instructions);
        p.put("projection", "umap-learn, one independent UMAP per task (n_neighbors 15, min_dist 0.1, random_state 42, "
                + "euclidean on the raw API vectors); the four frames were not aligned");
        p.put("vectors", "none published: only 2-D coordinates, so the full-space figures (kNN accuracy, silhouette, "
                + "trustworthiness, neighbours in the full space) are not available");
        return p;
    }

    /** The instruction and what to look for of an original task, when it is one of the demo's. */
    public static Task task(String name) {
        return Tasks.DEMO.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    private static String howToGiveLocalCopy() {
        return "pass a local copy with --original FILE or set " + ENV_PATH + " (the file is " + CANONICAL_URL + ")";
    }

    private static String sha256(Path file) {
        try {
            return Hashing.sha256(file);
        } catch (IOException e) {
            throw new TaskspaceException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

}
