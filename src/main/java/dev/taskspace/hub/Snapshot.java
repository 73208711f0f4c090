package dev.taskspace.hub;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Files of one commit of a model, on disk in the Hugging Face cache.
 *
 * <p>Each path is inside {@link #folder()} ({@code <cache>/models--org--name/snapshots/<commit>})
 * and is usually a symbolic link to a blob. Use the paths as they are, without resolving the
 * links: an ONNX model's external data file ({@code model.onnx_data}) is looked up beside the
 * path the model was opened with, and only the snapshot folder has the files side by side.
 *
 * @param repoId the model id, e.g. {@code onnx-community/Qwen3-Embedding-0.6B-ONNX}
 * @param commit the full commit hash the files belong to
 * @param folder the snapshot folder
 * @param files  the local path of each requested repository path, in the order requested
 */
public record Snapshot(String repoId, String commit, Path folder, Map<String, Path> files) {
    public Snapshot {
        Objects.requireNonNull(repoId, "repoId");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(folder, "folder");
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /**
     * The local path of a repository path, e.g. {@code snapshot.file("tokenizer.json")}.
     *
     * @throws IllegalArgumentException if {@code path} was not among the fetched files
     */
    public Path file(String path) {
        Path p = files.get(path);
        if (p == null) throw new IllegalArgumentException(path + " was not fetched; this snapshot has " + files.keySet());
        return p;
    }
}
