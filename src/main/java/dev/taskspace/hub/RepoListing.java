package dev.taskspace.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The files of one commit of a model repository, with their sizes and hashes, as
 * {@link HfHub#list} gets them from the hub's API. Use it to choose files by what exists:
 *
 * <pre>{@code
 * RepoListing listing = hub.list("onnx-community/Qwen3-Embedding-0.6B-ONNX", "main");
 * List<String> files = listing.contains("onnx/model.onnx_data")
 *         ? List.of("onnx/model.onnx", "onnx/model.onnx_data", "tokenizer.json")
 *         : List.of("onnx/model.onnx", "tokenizer.json");
 * }</pre>
 *
 * @param repoId the model id, e.g. {@code onnx-community/Qwen3-Embedding-0.6B-ONNX}
 * @param commit the full commit hash that the revision pointed to when listed
 * @param files  every file of the repository at that commit
 */
public record RepoListing(String repoId, String commit, List<RepoFile> files) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RepoListing {
        Objects.requireNonNull(repoId, "repoId");
        if (!Names.isCommit(commit)) throw new IllegalArgumentException("commit " + commit);
        files = List.copyOf(files);
    }

    /** Whether the repository has a file at {@code path}, e.g. {@code "onnx/model.onnx_data"}. */
    public boolean contains(String path) {
        return file(path).isPresent();
    }

    /** The file at {@code path}, if the repository has one. */
    public Optional<RepoFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /** The size in bytes of the file at {@code path}; -1 if there is no such file or the hub did not say. */
    public long size(String path) {
        return file(path).map(RepoFile::size).orElse(-1L);
    }

    /** The paths of all files, in the hub's order. */
    public List<String> paths() {
        return files.stream().map(RepoFile::path).toList();
    }

    /**
     * Reads the answer of {@code GET /api/models/{repo}/revision/{revision}?blobs=true}:
     * {@code {"sha": "<commit>", "siblings": [{"rfilename", "size", "blobId", "lfs": {"sha256", "size"}}]}}.
     * Unknown fields are ignored; a hash that is not well formed counts as absent.
     *
     * @throws IOException if the text is not such a listing
     */
    static RepoListing parse(String repoId, byte[] json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.isObject()) throw new IOException("not a JSON object");
        String commit = root.path("sha").asText("").toLowerCase(Locale.ROOT);
        if (!Names.isCommit(commit)) throw new IOException("no commit hash in field \"sha\"");
        JsonNode siblings = root.path("siblings");
        if (!siblings.isArray()) throw new IOException("no \"siblings\" array");
        List<RepoFile> files = new ArrayList<>();
        for (JsonNode s : siblings) {
            String path = s.path("rfilename").asText(null);
            if (path == null || path.isEmpty()) continue;
            JsonNode lfs = s.path("lfs");
            long size = s.path("size").canConvertToLong() ? s.path("size").asLong()
                    : lfs.path("size").canConvertToLong() ? lfs.path("size").asLong() : -1;
            String blobId = lower(s.path("blobId").asText(null));
            String sha256 = lower(lfs.path("sha256").asText(null));
            files.add(new RepoFile(path, Math.max(size, -1),
                    Names.isCommit(blobId) ? blobId : null, Names.isSha256(sha256) ? sha256 : null));
        }
        return new RepoListing(repoId, commit, files);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
