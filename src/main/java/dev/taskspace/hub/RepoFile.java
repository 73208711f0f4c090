package dev.taskspace.hub;

import java.util.Locale;
import java.util.Objects;

/**
 * One file of a model repository, as the hub lists it.
 *
 * <p>Large files are stored with Git LFS: for them {@link #sha256()} is the SHA-256 of the
 * content, and the cache names their blob after it. Small files are plain git blobs: the
 * cache names them after their git blob id, which is the SHA-1 of {@code "blob <size>\0"}
 * followed by the content. {@link #etag()} gives the right name either way.
 *
 * @param path   the path inside the repository, with forward slashes, e.g. {@code onnx/model.onnx}
 * @param size   the content's size in bytes, or -1 when the hub did not say
 * @param blobId git's blob id (40 hex digits); for an LFS file it names the small pointer file,
 *               not the content. Null when the hub did not say
 * @param sha256 the SHA-256 of the content (64 hex digits) for an LFS file, else null
 */
public record RepoFile(String path, long size, String blobId, String sha256) {
    public RepoFile {
        Objects.requireNonNull(path, "path");
        if (size < -1) throw new IllegalArgumentException("size " + size);
        blobId = blobId == null ? null : blobId.toLowerCase(Locale.ROOT);
        sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
        if (blobId != null && !Names.isCommit(blobId)) throw new IllegalArgumentException("git blob id " + blobId);
        if (sha256 != null && !Names.isSha256(sha256)) throw new IllegalArgumentException("SHA-256 " + sha256);
    }

    /** Whether the file is stored with Git LFS (and so has a {@link #sha256()}). */
    public boolean lfs() {
        return sha256 != null;
    }

    /**
     * The name of the file's blob in the cache, as huggingface_hub names it: the SHA-256 for
     * an LFS file, the git blob id otherwise (the hub's ETag). Null if the hub gave neither.
     */
    public String etag() {
        return lfs() ? sha256 : blobId;
    }
}
