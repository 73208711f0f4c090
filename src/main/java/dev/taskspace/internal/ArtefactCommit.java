package dev.taskspace.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Commits the files of one artefact together, so that a crash or a full disk at any instant
 * leaves either the previous artefact or the new one, whole; never a mix.
 *
 * <ol>
 *   <li>Every new file is written beside the old ones as {@code .NAME.GEN.stage} and flushed
 *       to disk (a full disk fails here: nothing of the old artefact was touched, and the staged
 *       files are deleted).
 *   <li>The commit point: one journal file, {@value #JOURNAL}, naming every staged file and its
 *       final name, written atomically (temp + rename).
 *   <li>The staged files are renamed over the old ones, then the journal is deleted.
 * </ol>
 *
 * A crash between 2 and 3 leaves a journal; the next reader or writer of the folder finishes the
 * renames first ({@link #recover}), so the new artefact appears whole. Staged and temporary
 * files of a run that died before its commit point are deleted by the next writer
 * ({@link #begin}). Readers call {@link #recover} and never delete anything.
 *
 * <p>Every stage writes through this class: the corpus ({@code corpus.jsonl} +
 * {@code corpus.json}), each finished embedding task ({@code TASK.npy} + {@code embeddings.json}),
 * the map (its arrays + {@code map.json}); so does {@code taskspace import}.
 */
public final class ArtefactCommit {
    /** The journal's name; its presence means "committed, renames maybe unfinished". */
    public static final String JOURNAL = ".taskspace-commit";
    private static final Pattern LEFTOVER = Pattern.compile("\\..+\\.[0-9a-f]{8,16}\\.(stage|tmp)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final String generation;
    private final Map<String, Path> staged = new LinkedHashMap<>();
    private final List<String> deletions = new ArrayList<>();
    private boolean done;

    private ArtefactCommit(Path dir) {
        this.dir = dir;
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        this.generation = HexFormat.of().formatHex(b);
    }

    /**
     * Starts a commit into {@code dir} (created if missing): finishes a committed one that a
     * crash interrupted, and deletes what uncommitted runs left behind.
     */
    public static ArtefactCommit begin(Path dir) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        for (Path p = d; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new IOException(p + " is a file, not a folder: give --out a folder (new or existing)");
            }
        }
        Files.createDirectories(d);
        recover(d);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(d)) {
            for (Path f : files) {
                if (LEFTOVER.matcher(f.getFileName().toString()).matches()) Files.deleteIfExists(f);
            }
        }
        return new ArtefactCommit(d);
    }

    /** Stages the new content of {@code name} (a plain file name in the folder). */
    public Path write(String name, AtomicFiles.Writer writer) throws IOException {
        if (done) throw new IllegalStateException("committed already");
        if (name.contains("/") || name.contains("\\") || name.startsWith(".") || name.contains("\n") || name.contains("\t")) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        Path stage = dir.resolve("." + name + "." + generation + ".stage");
        staged.put(name, stage); // before writing: a failure part-way deletes it too
        try (FileChannel ch = FileChannel.open(stage, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
            writer.write(out);
            out.flush();
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            abandon();
            throw e;
        }
        return stage;
    }

    /** Stages bytes as {@code name}. */
    public Path write(String name, byte[] bytes) throws IOException {
        return write(name, out -> out.write(bytes));
    }

    /** The staged file of {@code name} (to checksum it), or null. */
    public Path staged(String name) {
        return staged.get(name);
    }

    /** Deletes {@code name} from the folder as part of this commit (after the renames). */
    public void delete(String name) {
        if (name.contains("/") || name.contains("\\") || name.contains("\n") || name.contains("\t")) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        deletions.add(name);
    }

    /** The commit point, then the renames. On failure before the journal exists, nothing changed. */
    public void commit() throws IOException {
        if (done) throw new IllegalStateException("committed already");
        StringBuilder journal = new StringBuilder();
        for (Map.Entry<String, Path> e : staged.entrySet()) {
            journal.append("move\t").append(e.getValue().getFileName()).append('\t').append(e.getKey()).append('\n');
        }
        for (String name : deletions) journal.append("delete\t").append(name).append('\n');
        journal.append("end\n");
        try {
            AtomicFiles.write(dir.resolve(JOURNAL), out -> out.write(journal.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            abandon();
            throw e;
        }
        syncDir(dir);
        done = true;
        recover(dir);
    }

    /** Deletes the staged files (a run that gives up before its commit point). */
    public void abandon() {
        for (Path p : staged.values()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // the next begin() deletes it
            }
        }
        staged.clear();
    }

    /**
     * Finishes a commit that a crash interrupted after its commit point (no-op without a
     * journal). Safe to run from readers and concurrently: every step may already be done.
     */
    public static void recover(Path dir) throws IOException {
        Path journal = dir.resolve(JOURNAL);
        List<String> lines;
        try {
            lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        }
        if (lines.isEmpty() || !lines.get(lines.size() - 1).equals("end")) {
            Files.deleteIfExists(journal); // cannot happen (written atomically); an unfinished one was never a commit
            return;
        }
        for (String line : lines) {
            String[] p = line.split("\t");
            if (p[0].equals("move") && p.length == 3) {
                Path from = dir.resolve(p[1]);
                if (Files.exists(from)) {
                    try {
                        AtomicFiles.move(from, dir.resolve(p[2]));
                    } catch (NoSuchFileException concurrent) {
                        // another process finished this rename
                    }
                }
            } else if (p[0].equals("delete") && p.length == 2) {
                Files.deleteIfExists(dir.resolve(p[1]));
            }
        }
        syncDir(dir);
        Files.deleteIfExists(journal);
    }

    private static void syncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every file system syncs a folder; the renames are still atomic
        }
    }

    /** An I/O failure as a user reads it: a full disk says so. */
    public static String describe(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("No space left") || m.contains("Disk quota")) return "the disk is full (" + m + "): free some space and run it again";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied on " + m + ": choose a folder you may write to";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or folder: " + m;
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason() + ": " + f.getFile();
        return m;
    }
}
