package dev.taskspace.hub;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Model files from a Hugging Face model repository, kept in the standard Hugging Face cache so
 * that files fetched by Python tools are reused here and files fetched here are reused by them.
 *
 * <pre>{@code
 * HfHub hub = HfHub.fromEnvironment();
 * Snapshot model = hub.fetch("onnx-community/Qwen3-Embedding-0.6B-ONNX", "main",
 *         List.of("onnx/model.onnx", "onnx/model.onnx_data", "tokenizer.json"), reporter);
 * Path onnx = model.file("onnx/model.onnx");
 * }</pre>
 *
 * <p>The environment is read as huggingface_hub reads it:
 * <ul>
 *   <li>cache: {@code HF_HUB_CACHE}, else {@code $HF_HOME/hub}, else
 *       {@code $XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub}
 *       (also on Windows and macOS, like huggingface_hub);</li>
 *   <li>endpoint: {@code HF_ENDPOINT}, else {@code https://huggingface.co};</li>
 *   <li>token: {@code HF_TOKEN} (or the older {@code HUGGING_FACE_HUB_TOKEN}), else the file
 *       {@code HF_TOKEN_PATH} or {@code $HF_HOME/token} that {@code hf auth login} writes. It is
 *       sent as {@code Authorization: Bearer …} to the endpoint only, never to the CDN a
 *       download is redirected to, and never shown. {@code HF_HUB_DISABLE_IMPLICIT_TOKEN=1}
 *       keeps it from being sent;</li>
 *   <li>offline: {@code HF_HUB_OFFLINE=1} (or {@code TRANSFORMERS_OFFLINE=1}, or
 *       {@link #withOffline}) means no network at all;</li>
 *   <li>{@code HF_HUB_DISABLE_SYMLINKS=1}: snapshots hold file contents instead of links.</li>
 * </ul>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class HfHub {
    /** The public hub. */
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    /** The revision to use when none is chosen. */
    public static final String DEFAULT_REVISION = "main";
    /** The end of the "not in the cache" message: what a user can do instead of downloading. */
    static final String LOCAL_FOLDER_HINT = "or pass a local folder with --model DIR";

    private static final Set<String> TRUE = Set.of("1", "ON", "YES", "TRUE");

    private final HubCache cache;
    private final HubApi api;
    private final boolean offline;

    private HfHub(HubCache cache, HubApi api, boolean offline) {
        this.cache = cache;
        this.api = api;
        this.offline = offline;
    }

    /** The hub as this process's environment and user home describe it. */
    public static HfHub fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperty("user.home"));
    }

    /**
     * The hub as {@code env} describes it (see the class comment for the variables).
     *
     * @param env      environment variables; blank values count as unset
     * @param userHome the user's home folder, for the default cache and {@code ~} in paths
     * @throws TaskspaceException if {@code HF_ENDPOINT} is not an http(s) address
     */
    public static HfHub fromEnvironment(Map<String, String> env, String userHome) {
        String xdg = get(env, "XDG_CACHE_HOME");
        String hfHomeVar = get(env, "HF_HOME");
        Path hfHome = hfHomeVar != null ? expand(hfHomeVar, userHome)
                : xdg != null ? expand(xdg, userHome).resolve("huggingface")
                : Path.of(userHome, ".cache", "huggingface");
        String cacheVar = get(env, "HF_HUB_CACHE") != null ? get(env, "HF_HUB_CACHE") : get(env, "HUGGINGFACE_HUB_CACHE");
        Path root = cacheVar != null ? expand(cacheVar, userHome) : hfHome.resolve("hub");

        String endpoint = endpoint(get(env, "HF_ENDPOINT"));

        String token = null;
        String tokenSource = null;
        for (String name : List.of("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN")) {
            if (token == null && cleanToken(get(env, name)) != null) {
                token = cleanToken(get(env, name));
                tokenSource = name;
            }
        }
        if (token == null) {
            String pathVar = get(env, "HF_TOKEN_PATH");
            Path file = pathVar != null ? expand(pathVar, userHome) : hfHome.resolve("token");
            token = readToken(file);
            tokenSource = "the token file " + file;
        }
        if (token == null || isTrue(get(env, "HF_HUB_DISABLE_IMPLICIT_TOKEN"))) {
            token = null;
            tokenSource = null;
        }
        boolean offline = isTrue(get(env, "HF_HUB_OFFLINE")) || isTrue(get(env, "TRANSFORMERS_OFFLINE"));
        boolean symlinks = !isTrue(get(env, "HF_HUB_DISABLE_SYMLINKS"));
        return new HfHub(new HubCache(root, symlinks), new HubApi(endpoint, token, tokenSource), offline);
    }

    /** This hub with downloads switched off (as {@code HF_HUB_OFFLINE=1} does) or on. */
    public HfHub withOffline(boolean offline) {
        return new HfHub(cache, api, offline);
    }

    /** The cache folder, e.g. {@code ~/.cache/huggingface/hub}. */
    public Path cacheRoot() {
        return cache.root();
    }

    /** The hub's address, e.g. {@code https://huggingface.co}, without a trailing slash. */
    public String endpoint() {
        return api.endpoint();
    }

    /** Whether downloads are off: then only the cache is used and no request is made. */
    public boolean offline() {
        return offline;
    }

    /**
     * Lists the files of a model at a revision, with their sizes and hashes and the commit the
     * revision points to: {@code GET {endpoint}/api/models/{repoId}/revision/{revision}?blobs=true}.
     *
     * @param repoId   e.g. {@code onnx-community/Qwen3-Embedding-0.6B-ONNX}
     * @param revision a branch, tag or commit, e.g. {@link #DEFAULT_REVISION}
     * @throws HubException when offline or unreachable ({@link HubException#unreachable()}), or
     *         when the hub refuses: no such model (HTTP 404), private or gated (401/403, the
     *         message says to set {@code HF_TOKEN})
     */
    public RepoListing list(String repoId, String revision) {
        Names.repoId(repoId);
        Names.revision(revision);
        if (offline) {
            throw new HubException("cannot list the files of model " + repoId + ": downloads are off", true, 0, null);
        }
        return api.list(repoId, revision);
    }

    /**
     * The files, if the cache already has all of them for {@code revision}; never uses the
     * network. A branch is looked up through {@code refs/<branch>}, so this finds what the last
     * fetch of that branch (by taskspace or by Python) left.
     */
    public Optional<Snapshot> cached(String repoId, String revision, List<String> paths) {
        Names.repoId(repoId);
        Names.revision(revision);
        return cache.snapshot(repoId, revision, Names.paths(paths));
    }

    /**
     * Returns the local paths of files of a model, downloading those the cache lacks.
     *
     * <p>Online, it lists the revision (one small request) to learn its current commit, then
     * downloads only missing files, each verified (SHA-256 for LFS files, git blob id for the
     * others), resumable, and written atomically; before downloading it reports one line with
     * the total, e.g. {@code downloading 2.40 GB (3 files) from https://huggingface.co/…}. A
     * revision that is a full commit hash already in the cache needs no request at all.
     *
     * <p>Offline, or when the hub cannot be reached or refuses, the cached snapshot of the
     * revision is used if it has every file; if not, a {@link HubException} says in one line
     * which files to fetch, from where, and where they go.
     *
     * @param paths    paths inside the repository, e.g. {@code onnx/model.onnx}
     * @param reporter where the summary line and progress bars go
     * @throws HubException when the hub is needed but off, unreachable or refusing
     * @throws TaskspaceException for anything else (a file the repository lacks, a corrupt or
     *         interrupted download, an unwritable cache), with a one-line message fit for the user
     */
    public Snapshot fetch(String repoId, String revision, List<String> paths, Reporter reporter) {
        Names.repoId(repoId);
        Names.revision(revision);
        List<String> wanted = Names.paths(paths);
        if (offline || Names.isCommit(revision)) {
            Optional<Snapshot> hit = cache.snapshot(repoId, revision, wanted);
            if (hit.isPresent()) return hit.get();
            if (offline) throw new HubException(notCached(repoId, revision, wanted, "downloads are off"), true, 0, null);
        }
        RepoListing listing;
        try {
            listing = api.list(repoId, revision);
        } catch (HubException e) {
            Optional<Snapshot> hit = cache.snapshot(repoId, revision, wanted);
            if (hit.isPresent()) {
                reporter.info(e.getMessage() + "; using the cached copy (commit "
                        + SnapshotFetch.shortCommit(hit.get().commit()) + ")");
                return hit.get();
            }
            if (e.unreachable()) throw new HubException(notCached(repoId, revision, wanted, e.getMessage()), true, 0, e);
            throw e;
        }
        try {
            return new SnapshotFetch(cache, api, listing, revision, wanted, reporter).run();
        } catch (IOException e) {
            throw new TaskspaceException("could not store model " + repoId + " in the Hugging Face cache (" + cache.root()
                    + "): " + e.getClass().getSimpleName() + ": " + Names.oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    /** "model X is not in the Hugging Face cache (…) and <reason>: fetch a and b from … (e.g. `hf download …`) or …". */
    private String notCached(String repoId, String revision, List<String> wanted, String reason) {
        List<String> missing = cache.commit(repoId, revision).map(c -> cache.missing(repoId, c, wanted)).orElse(wanted);
        String rev = revision.equals(DEFAULT_REVISION) ? "" : " --revision " + revision;
        return "model " + repoId + (missing.size() < wanted.size() ? " is only partly" : " is not")
                + " in the Hugging Face cache (" + cache.root() + ") and " + reason + ": fetch " + Names.and(missing)
                + " from " + api.repoUrl(repoId) + " (e.g. `hf download " + repoId + rev + " " + String.join(" ", missing)
                + "`) " + LOCAL_FOLDER_HINT;
    }

    /** Describes the configuration, without the token. */
    @Override
    public String toString() {
        return "HfHub[cache=" + cache.root() + ", endpoint=" + api.endpoint() + ", offline=" + offline + "]";
    }

    private static String endpoint(String value) {
        if (value == null) return DEFAULT_ENDPOINT;
        String e = value.strip();
        while (e.endsWith("/")) e = e.substring(0, e.length() - 1);
        URI uri;
        try {
            uri = URI.create(e);
        } catch (IllegalArgumentException ex) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri == null || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new TaskspaceException("HF_ENDPOINT '" + Names.oneLine(value)
                    + "' is not an http(s) address (e.g. https://huggingface.co)");
        }
        return e;
    }

    private static String readToken(Path file) {
        try {
            return Files.isRegularFile(file) ? cleanToken(Files.readString(file, StandardCharsets.UTF_8)) : null;
        } catch (IOException e) {
            return null; // an unreadable token file is as good as none
        }
    }

    private static String cleanToken(String token) {
        if (token == null) return null;
        String t = token.replace("\r", "").replace("\n", "").strip();
        return t.isEmpty() ? null : t;
    }

    private static Path expand(String path, String userHome) {
        if (path.equals("~")) return Path.of(userHome).toAbsolutePath();
        if (path.startsWith("~/") || path.startsWith("~\\")) return Path.of(userHome, path.substring(2)).toAbsolutePath();
        return Path.of(path).toAbsolutePath();
    }

    private static String get(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    private static boolean isTrue(String value) {
        return value != null && TRUE.contains(value.strip().toUpperCase(Locale.ROOT));
    }
}
