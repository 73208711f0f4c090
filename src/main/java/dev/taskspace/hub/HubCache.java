package dev.taskspace.hub;

import dev.taskspace.internal.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Hugging Face cache layout, as huggingface_hub writes and reads it:
 *
 * <pre>
 * &lt;root&gt;/models--org--name/refs/main                      the commit hash that main pointed to
 * &lt;root&gt;/models--org--name/blobs/&lt;etag&gt;                    file content (SHA-256 for LFS files, git blob id otherwise)
 * &lt;root&gt;/models--org--name/snapshots/&lt;commit&gt;/onnx/model.onnx -&gt; ../../../blobs/&lt;etag&gt;
 * &lt;root&gt;/.locks/models--org--name/&lt;etag&gt;.lock              held while a blob is downloaded
 * </pre>
 *
 * Where symbolic links cannot be made (Windows without the privilege, or
 * {@code HF_HUB_DISABLE_SYMLINKS=1}), the snapshot holds the content itself, as
 * huggingface_hub does: a new blob is moved there, an existing one copied.
 */
final class HubCache {
    private static final String CACHEDIR_TAG = """
            Signature: 8a477f597d28d172789f06886806bc55
            # This file is a cache directory tag created by taskspace (Hugging Face cache layout).
            # For information about cache directory tags, see https://bford.info/cachedir/
            """;
    /** One lock per blob inside this JVM; file locks only exclude other processes. */
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path root;
    private final boolean symlinks;

    HubCache(Path root, boolean symlinks) {
        this.root = root.toAbsolutePath().normalize();
        this.symlinks = symlinks;
    }

    Path root() {
        return root;
    }

    Path repoFolder(String repoId) {
        return root.resolve(Names.repoFolder(repoId));
    }

    Path snapshotFolder(String repoId, String commit) {
        return repoFolder(repoId).resolve("snapshots").resolve(commit);
    }

    Path blob(String repoId, String etag) {
        return repoFolder(repoId).resolve("blobs").resolve(etag);
    }

    /** Where a repository file of a commit lives: {@code snapshots/<commit>/<path>}. */
    Path pointer(String repoId, String commit, String path) {
        Path folder = snapshotFolder(repoId, commit);
        Path p = folder.resolve(path).normalize();
        if (!p.startsWith(folder) || p.equals(folder)) throw new IllegalArgumentException("path " + path);
        return p;
    }

    /** The commit that {@code revision} points to, known without the network: a commit hash is itself, a branch needs its ref. */
    Optional<String> commit(String repoId, String revision) {
        if (Names.isCommit(revision)) return Optional.of(revision);
        Path ref = repoFolder(repoId).resolve("refs").resolve(revision);
        try {
            String commit = Files.isRegularFile(ref) ? Files.readString(ref, StandardCharsets.UTF_8).strip() : "";
            return Names.isCommit(commit) ? Optional.of(commit) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // unreadable ref: as if not cached
        }
    }

    /** Those of {@code paths} that the snapshot of {@code commit} lacks (a dangling link counts as missing). */
    List<String> missing(String repoId, String commit, List<String> paths) {
        List<String> missing = new ArrayList<>();
        for (String path : paths) {
            if (!Files.exists(pointer(repoId, commit, path))) missing.add(path);
        }
        return missing;
    }

    /** The snapshot with all of {@code paths}, if the cache has them for {@code revision}. */
    Optional<Snapshot> snapshot(String repoId, String revision, List<String> paths) {
        Optional<String> commit = commit(repoId, revision);
        if (commit.isEmpty() || !missing(repoId, commit.get(), paths).isEmpty()) return Optional.empty();
        return Optional.of(snapshotOf(repoId, commit.get(), paths));
    }

    Snapshot snapshotOf(String repoId, String commit, List<String> paths) {
        Map<String, Path> files = new LinkedHashMap<>();
        for (String path : paths) files.put(path, pointer(repoId, commit, path));
        return new Snapshot(repoId, commit, snapshotFolder(repoId, commit), files);
    }

    /** Records that {@code revision} (a branch or tag) now points to {@code commit}; a commit hash needs no ref. */
    void writeRef(String repoId, String revision, String commit) throws IOException {
        if (revision.equals(commit) || commit(repoId, revision).filter(commit::equals).isPresent()) return;
        Path ref = repoFolder(repoId).resolve("refs").resolve(revision);
        Files.createDirectories(ref.getParent());
        // Created plainly (umask permissions), then renamed: a shared cache's refs must stay as
        // readable as the files huggingface_hub writes.
        Path tmp = ref.resolveSibling("." + ref.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(tmp, commit, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            AtomicFiles.move(tmp, ref);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Makes {@code pointer} show {@code blob}: a relative symbolic link
     * ({@code ../../blobs/<etag>}, one more {@code ../} per sub-folder), or where links cannot
     * be made, the content itself (moved when {@code newBlob}, else copied).
     */
    void link(Path blob, Path pointer, boolean newBlob) throws IOException {
        Files.createDirectories(pointer.getParent());
        Path tmp = pointer.resolveSibling("." + pointer.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            if (symlinks && createLink(tmp, pointer.getParent().relativize(blob))) {
                AtomicFiles.move(tmp, pointer); // renames the link itself, over any older one
            } else if (newBlob) {
                AtomicFiles.move(blob, pointer);
            } else {
                Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING);
                AtomicFiles.move(tmp, pointer);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean createLink(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
            return true;
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // Windows without developer mode: "A required privilege is not held by the client".
            return false;
        }
    }

    /** Tags the cache root so that backup tools skip it, as huggingface_hub does; best effort. */
    void tag() {
        Path tag = root.resolve("CACHEDIR.TAG");
        try {
            if (!Files.exists(tag)) {
                Files.createDirectories(root);
                Files.writeString(tag, CACHEDIR_TAG, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            }
        } catch (IOException e) {
            // a read-only or contended cache root still works without the tag
        }
    }

    /**
     * Takes the lock of one blob ({@code .locks/models--org--name/<etag>.lock}, where
     * huggingface_hub keeps its own), waiting for another thread or taskspace process that
     * holds it; {@code onWait} runs once before waiting.
     */
    BlobLock lock(String repoId, String etag, Runnable onWait) throws IOException {
        Path file = root.resolve(".locks").resolve(Names.repoFolder(repoId)).resolve(etag + ".lock");
        Files.createDirectories(file.getParent());
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(file, k -> new ReentrantLock());
        boolean waited = false;
        if (!jvm.tryLock()) {
            onWait.run();
            waited = true;
            jvm.lock();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                if (!waited) onWait.run();
                lock = channel.lock();
            }
            return new BlobLock(jvm, channel, lock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) channel.close();
            jvm.unlock();
            throw e;
        }
    }

    /** A held blob lock; closing releases it. */
    static final class BlobLock implements AutoCloseable {
        private final ReentrantLock jvm;
        private final FileChannel channel;
        private final FileLock lock;

        private BlobLock(ReentrantLock jvm, FileChannel channel, FileLock lock) {
            this.jvm = jvm;
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() throws IOException {
            try {
                lock.release();
                channel.close();
            } finally {
                jvm.unlock();
            }
        }
    }
}
