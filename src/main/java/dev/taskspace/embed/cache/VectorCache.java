package dev.taskspace.embed.cache;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.internal.AtomicFiles;
import dev.taskspace.internal.Hashing;
import dev.taskspace.internal.UserDirs;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Vectors kept on disk across runs and processes, so that no text is embedded twice with the
 * same model, settings and instruction, and an interrupted run loses at most the batches that
 * were in flight.
 *
 * <pre>
 * &lt;cache&gt;/vectors/
 *   &lt;key id&gt;/              one folder per {@link CacheKey}
 *     key.json               what the key stands for (model, instruction, ...)
 *     seg-…​.vec             append-only segments: one per process that wrote (see {@code Segments})
 * </pre>
 *
 * Every record carries its own checksum; a damaged or unfinished record is reported and never
 * used, and its text is simply embedded again. Several processes may share the folder: each
 * appends only to segments it created.
 */
public final class VectorCache {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final SecureRandom random = new SecureRandom();

    /** A cache in {@code dir} (usually {@code <cache folder>/vectors}); created when first written. */
    public VectorCache(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    /**
     * The cache the command line uses: {@code <cache folder>/vectors}, the cache folder being
     * {@code TASKSPACE_CACHE}, else the platform's user cache. Vectors the command line made are
     * found here, and the other way round.
     */
    public static VectorCache defaults() {
        return fromEnvironment(System.getenv());
    }

    /** As {@link #defaults()}, reading {@code env} instead of the process's environment. */
    public static VectorCache fromEnvironment(Map<String, String> env) {
        return new VectorCache(UserDirs.cacheDirFrom(env).resolve("vectors"));
    }

    /** The cache's folder. */
    public Path dir() {
        return dir;
    }

    /** The SHA-256 of a text's UTF-8 bytes: how records are found. */
    public static byte[] hash(String text) {
        return Hashing.sha256().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads every intact vector stored under {@code key} and opens the key's folder for new
     * ones. Damaged or unfinished records are reported through {@code reporter}.
     */
    public Shelf open(CacheKey key, Reporter reporter) {
        Path folder = dir.resolve(key.id());
        Map<Key, float[]> vectors = new HashMap<>();
        int damaged = 0;
        List<String> notes = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> segments = Files.newDirectoryStream(folder, "seg-*.vec")) {
                for (Path s : segments) {
                    Segments.Scan scan = Segments.read(s, (h, v) -> vectors.put(Key.of(h), v));
                    if (scan.badHeader()) notes.add(s.getFileName() + " is not a vector segment: ignored");
                    if (scan.damaged() > 0) notes.add(scan.damaged() + " damaged record(s) in " + s.getFileName());
                    if (scan.unfinishedTail()) notes.add("an unfinished record at the end of " + s.getFileName() + " (an interrupted run)");
                    damaged += scan.damaged();
                }
            } catch (IOException e) {
                throw new TaskspaceException("cannot read the vector cache " + folder + ": " + e.getMessage()
                        + " (--no-cache runs without it)", e);
            }
        }
        for (String n : notes) reporter.info("vector cache " + folder + ": " + n + "; not used, those texts are embedded again");
        return new Shelf(key, folder, vectors, damaged, reporter);
    }

    /** A text's SHA-256 as a map key: its four 64-bit words, compared and hashed without a hex string. */
    private record Key(long a, long b, long c, long d) {
        static Key of(byte[] sha256) {
            java.nio.ByteBuffer w = java.nio.ByteBuffer.wrap(sha256);
            return new Key(w.getLong(0), w.getLong(8), w.getLong(16), w.getLong(24));
        }
    }

    /**
     * The vectors of one key: those found on disk, and a segment of this process's own for new
     * ones (created at the first {@link #put}). Thread-safe.
     */
    public final class Shelf implements AutoCloseable {
        private final CacheKey key;
        private final Path folder;
        private final Map<Key, float[]> vectors;
        private final int damaged;
        private final Reporter reporter;
        private FileChannel segment; // guarded by this
        private boolean broken; // guarded by this: writing failed once, said so, stopped trying
        private long written; // guarded by this: the segment's bytes appended so far
        private final Object forcing = new Object();
        private long forced; // guarded by forcing: the segment's bytes known to be on disk

        private Shelf(CacheKey key, Path folder, Map<Key, float[]> vectors, int damaged, Reporter reporter) {
            this.key = key;
            this.folder = folder;
            this.vectors = vectors;
            this.damaged = damaged;
            this.reporter = reporter;
        }

        /** The stored vector of the text with this {@link #hash}, or null. */
        public synchronized float[] get(byte[] textHash) {
            return vectors.get(Key.of(textHash));
        }

        /** How many stored vectors this key has. */
        public synchronized int size() {
            return vectors.size();
        }

        /** Damaged records found when opening (unfinished ones at a segment's end not counted). */
        public int damaged() {
            return damaged;
        }

        /**
         * Stores vectors, {@code vectors[i]} for the text with hash {@code hashes[i]}: appended to
         * this process's segment and forced to disk before this returns. Batches put at the same
         * time share one force (a group commit), and encoding and forcing hold no lock, so
         * concurrent callers do not queue behind each other's disk waits. A failure to write is
         * reported once and the run goes on without storing.
         */
        public void put(byte[][] hashes, float[][] vectors) {
            java.nio.ByteBuffer records = Segments.encode(hashes, vectors);
            FileChannel ch;
            long end;
            synchronized (this) {
                for (int i = 0; i < hashes.length; i++) this.vectors.put(Key.of(hashes[i]), vectors[i]);
                if (broken) return;
                try {
                    if (segment == null) segment = newSegment();
                    written += Segments.write(segment, records);
                } catch (IOException | RuntimeException e) {
                    fail(e);
                    return;
                }
                ch = segment;
                end = written;
            }
            synchronized (forcing) {
                if (forced >= end) return; // a force that began after this batch was written covered it
                long upTo;
                synchronized (this) {
                    upTo = written;
                }
                try {
                    ch.force(false);
                    forced = upTo;
                } catch (IOException | RuntimeException e) {
                    synchronized (this) {
                        if (!broken) fail(e);
                    }
                }
            }
        }

        private void fail(Exception e) { // guarded by this
            broken = true;
            reporter.info("vector cache " + folder + ": cannot write (" + e.getMessage() + "); this run's vectors are not kept");
        }

        private FileChannel newSegment() throws IOException {
            Files.createDirectories(folder);
            Path keyFile = folder.resolve("key.json");
            if (!Files.isRegularFile(keyFile)) AtomicFiles.writeString(keyFile, key.describe() + "\n");
            String name = "seg-" + STAMP.format(Instant.now()) + "-" + ProcessHandle.current().pid() + "-"
                    + Long.toHexString(random.nextLong()) + ".vec";
            FileChannel ch = Segments.create(folder.resolve(name));
            ch.force(true);
            return ch;
        }

        /** Closes this process's segment; what was put stays stored. */
        @Override
        public synchronized void close() {
            if (segment == null) return;
            try {
                segment.close();
            } catch (IOException e) {
                reporter.info("vector cache " + folder + ": cannot close a segment (" + e.getMessage() + ")");
            }
            segment = null;
        }
    }
}
