package dev.taskspace.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskspace.internal.Hashing;
import dev.taskspace.testing.LoopbackServer;
import dev.taskspace.testing.LoopbackServer.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A fake Hugging Face hub for one model repository, served by {@link LoopbackServer}s the way
 * huggingface.co serves it: the API listing, {@code resolve/} URLs that answer small files
 * directly and redirect LFS files (302) to a "CDN" on another origin, which honours Range.
 */
public final class FakeHub {
    static final String REPO = "test-org/tiny-embedder";
    public static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    static final String COMMIT_2 = "89abcdef0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    final LoopbackServer hub;
    final LoopbackServer cdn;
    final String repo;
    final String commit;
    private final List<FakeFile> files = new ArrayList<>();

    /** A file of the repository; LFS files are stored by SHA-256, the others by git blob id. */
    record FakeFile(String path, byte[] content, boolean lfs) {
        String sha256() {
            return Hashing.sha256(content);
        }

        /** Git's blob id: of the content for a plain file, of the LFS pointer text for an LFS file. */
        String blobId() {
            return gitBlobId(lfs ? pointerText().getBytes(StandardCharsets.UTF_8) : content);
        }

        /** The name of the blob in the Hugging Face cache. */
        String etag() {
            return lfs ? sha256() : blobId();
        }

        String pointerText() {
            return "version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256() + "\nsize " + content.length + "\n";
        }
    }

    public FakeHub(LoopbackServer hub, LoopbackServer cdn, String repo, String commit) {
        this.hub = hub;
        this.cdn = cdn;
        this.repo = repo;
        this.commit = commit;
    }

    /** The usual test model: an LFS model file, its LFS external data, and a small tokenizer.json. */
    static FakeHub standard(LoopbackServer hub, LoopbackServer cdn) {
        return new FakeHub(hub, cdn, REPO, COMMIT)
                .lfs("onnx/model.onnx", randomBytes(1, 150_000))
                .lfs("onnx/model.onnx_data", randomBytes(2, 400_000))
                .small("tokenizer.json", "{\"version\": \"1.0\", \"model\": {\"type\": \"BPE\"}}\n".getBytes(StandardCharsets.UTF_8))
                .small("README.md", "# tiny embedder\n".getBytes(StandardCharsets.UTF_8));
    }

    public FakeHub lfs(String path, byte[] content) {
        files.add(new FakeFile(path, content, true));
        return this;
    }

    public FakeHub small(String path, byte[] content) {
        files.add(new FakeFile(path, content, false));
        return this;
    }

    FakeFile file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
    }

    /** Scripts the servers: the listing of {@code main} and of the commit, and every file. */
    public FakeHub serve() {
        Response listing = Response.bytes(listingJson().getBytes(StandardCharsets.UTF_8))
                .withHeader("Content-Type", "application/json");
        hub.on(listingPath("main"), listing);
        hub.on(listingPath(commit), listing);
        for (FakeFile f : files) {
            if (f.lfs()) {
                hub.on(resolvePath(f.path()), Response.redirect(cdn.uri(cdnPath(f.path())))
                        .withHeader("X-Linked-Etag", "\"" + f.sha256() + "\""));
                cdn.on(cdnPath(f.path()), Response.bytes(f.content()).withRanges());
            } else {
                hub.on(resolvePath(f.path()), Response.bytes(f.content()).withHeader("ETag", "\"" + f.blobId() + "\""));
            }
        }
        return this;
    }

    /** What {@code GET /api/models/{repo}/revision/{rev}?blobs=true} answers. */
    String listingJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("_id", "66f0c0ffee");
        root.put("id", repo);
        root.put("sha", commit);
        root.put("private", false);
        ArrayNode siblings = root.putArray("siblings");
        for (FakeFile f : files) {
            ObjectNode s = siblings.addObject();
            s.put("rfilename", f.path());
            s.put("blobId", f.blobId());
            s.put("size", f.content().length);
            if (f.lfs()) {
                ObjectNode lfs = s.putObject("lfs");
                lfs.put("sha256", f.sha256());
                lfs.put("size", f.content().length);
                lfs.put("pointerSize", f.pointerText().length());
            }
        }
        return root.toString();
    }

    public String listingPath(String revision) {
        return "/api/models/" + repo + "/revision/" + revision;
    }

    String resolvePath(String path) {
        return "/" + repo + "/resolve/" + commit + "/" + path;
    }

    String cdnPath(String path) {
        return "/repos/aa/bb/" + file(path).sha256();
    }

    /** The endpoint, as HF_ENDPOINT would be set, e.g. {@code http://127.0.0.1:41234}. */
    public String endpoint() {
        String uri = hub.uri("/").toString();
        return uri.substring(0, uri.length() - 1);
    }

    /** An environment with this hub as the endpoint and {@code hfHome} as HF_HOME. */
    public Map<String, String> env(Path hfHome, String... more) {
        Map<String, String> env = new HashMap<>();
        env.put("HF_HOME", hfHome.toString());
        env.put("HF_ENDPOINT", endpoint());
        for (int i = 0; i + 1 < more.length; i += 2) env.put(more[i], more[i + 1]);
        return env;
    }

    /** Where the cache keeps this repository under {@code root}. */
    Path repoFolder(Path root) {
        return root.resolve("models--" + repo.replace("/", "--"));
    }

    static byte[] randomBytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String gitBlobId(byte[] content) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names in a folder, sorted; empty if it does not exist. */
    static List<String> names(Path folder) {
        if (!Files.isDirectory(folder)) return List.of();
        try (var s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
