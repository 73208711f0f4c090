package dev.taskspace.hub;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.internal.AtomicFiles;
import dev.taskspace.internal.Download;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One {@link HfHub#fetch} once the listing is known: works out which files the snapshot
 * lacks, says how much it will download, downloads and verifies each missing blob under its
 * lock, links it into the snapshot, and finally records the revision's commit in
 * {@code refs/}.
 *
 * <p>LFS files are verified by SHA-256 and resume after an interruption (the partial file is
 * {@code blobs/<sha256>.part}). Small non-LFS files are downloaded whole to
 * {@code blobs/<blob id>.unverified}, checked against their size and git blob id, and only
 * then renamed to their blob. A file that fails its check leaves nothing in {@code blobs/}.
 */
final class SnapshotFetch {
    private enum Need { NOTHING, LINK, DOWNLOAD }

    private record Item(RepoFile file, Path blob, Path pointer, Need need) {}

    private final HubCache cache;
    private final HubApi api;
    private final RepoListing listing;
    private final String revision;
    private final List<String> paths;
    private final Reporter reporter;

    SnapshotFetch(HubCache cache, HubApi api, RepoListing listing, String revision, List<String> paths, Reporter reporter) {
        this.cache = cache;
        this.api = api;
        this.listing = listing;
        this.revision = revision;
        this.paths = paths;
        this.reporter = reporter;
    }

    Snapshot run() throws IOException {
        String repoId = listing.repoId();
        String commit = listing.commit();
        List<Item> items = plan();
        List<Item> downloads = items.stream().filter(i -> i.need() == Need.DOWNLOAD).toList();
        if (!downloads.isEmpty()) {
            cache.tag();
            reporter.info(summary(downloads));
        }
        for (Item item : items) {
            if (item.need() == Need.LINK) cache.link(item.blob(), item.pointer(), false);
            if (item.need() == Need.DOWNLOAD) download(item);
        }
        cache.writeRef(repoId, revision, commit);
        return cache.snapshotOf(repoId, commit, paths);
    }

    /** What each requested file needs: nothing (in the snapshot), a link (its blob is there), or a download. */
    private List<Item> plan() {
        String repoId = listing.repoId();
        List<String> absent = paths.stream().filter(p -> !listing.contains(p)).toList();
        if (!absent.isEmpty()) {
            List<String> has = listing.paths();
            String some = has.size() <= 12 ? String.join(", ", has) : String.join(", ", has.subList(0, 12)) + ", …";
            throw new TaskspaceException("model " + repoId + " (" + revision + ", commit " + shortCommit(listing.commit())
                    + ") has no " + Names.and(absent) + "; it has " + (has.isEmpty() ? "no files" : some));
        }
        List<Item> items = new ArrayList<>();
        for (String path : paths) {
            RepoFile file = listing.file(path).orElseThrow();
            if (file.etag() == null) {
                throw new TaskspaceException("the listing of model " + repoId + " from " + api.endpoint()
                        + " gives no hash for " + path + ", so it cannot be verified or cached");
            }
            Path blob = cache.blob(repoId, file.etag());
            Path pointer = cache.pointer(repoId, listing.commit(), path);
            Need need = present(pointer, file.size()) ? Need.NOTHING
                    : present(blob, file.size()) ? Need.LINK : Need.DOWNLOAD;
            items.add(new Item(file, blob, pointer, need));
        }
        return items;
    }

    /** E.g. "downloading 2.40 GB (3 files) from https://huggingface.co/org/name, resuming 1.10 GB fetched before". */
    private String summary(List<Item> downloads) {
        long total = 0;
        long resumed = 0;
        for (Item item : downloads) {
            total += Math.max(0, item.file().size());
            Path part = item.blob().resolveSibling(item.blob().getFileName() + ".part");
            if (item.file().lfs() && Files.isRegularFile(part)) {
                try {
                    resumed += Files.size(part);
                } catch (IOException e) {
                    // only for the message
                }
            }
        }
        int n = downloads.size();
        return "downloading " + Download.size(total) + " (" + n + (n == 1 ? " file" : " files") + ") from "
                + api.repoUrl(listing.repoId()) + (resumed > 0 ? ", resuming " + Download.size(resumed) + " fetched before" : "");
    }

    private void download(Item item) throws IOException {
        RepoFile file = item.file();
        String path = file.path();
        HubCache.BlobLock lock = cache.lock(listing.repoId(), file.etag(),
                () -> reporter.info("waiting for another download of " + path + " into " + cache.root() + " to finish"));
        try {
            if (present(item.blob(), file.size())) { // another process fetched it meanwhile
                cache.link(item.blob(), item.pointer(), false);
                return;
            }
            URI uri = api.resolveUri(listing.repoId(), listing.commit(), path);
            if (file.lfs()) {
                Download.fetch(new Download.Request(uri, item.blob(), file.sha256(), true, api.headers()), path, reporter);
            } else {
                Path staged = item.blob().resolveSibling(file.etag() + ".unverified");
                try {
                    Download.fetch(new Download.Request(uri, staged, null, false, api.headers()), path, reporter);
                    verifyGitBlob(staged, file, uri);
                    AtomicFiles.move(staged, item.blob());
                } finally {
                    Files.deleteIfExists(staged);
                }
            }
            cache.link(item.blob(), item.pointer(), true);
        } finally {
            lock.close();
        }
    }

    /** Checks a non-LFS file against its size and git blob id; deletes it when wrong. */
    private static void verifyGitBlob(Path staged, RepoFile file, URI uri) throws IOException {
        long size = Files.size(staged);
        String problem = null;
        if (file.size() >= 0 && size != file.size()) {
            problem = size + " bytes, expected " + file.size();
        } else if (file.blobId() != null) {
            String actual = gitBlobId(staged);
            if (!actual.equals(file.blobId())) problem = "git blob id " + actual + ", expected " + file.blobId();
        }
        if (problem != null) {
            Files.deleteIfExists(staged);
            throw new TaskspaceException(file.path() + " from " + uri + " is corrupt: " + problem
                    + " (nothing was kept; try again)");
        }
    }

    /** Git's id of a file's content: the SHA-1 of {@code "blob <size>\0"} followed by the bytes. */
    static String gitBlobId(Path file) throws IOException {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1", e);
        }
        sha1.update(("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII));
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) sha1.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(sha1.digest());
    }

    /** Whether {@code file} exists (through links) with the expected size; -1 means any size. */
    private static boolean present(Path file, long size) {
        try {
            return Files.exists(file) && (size < 0 || Files.size(file) == size);
        } catch (IOException e) {
            return false;
        }
    }

    static String shortCommit(String commit) {
        return commit.substring(0, 7);
    }
}
