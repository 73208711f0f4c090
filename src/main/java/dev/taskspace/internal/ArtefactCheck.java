package dev.taskspace.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskspace.TaskspaceException;
import dev.taskspace.Version;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Reads every artefact's manifest and checks its files, in one place and with one wording:
 * the kind ({@code "artefact"}), the schema version, the data files' sizes and SHA-256. Every
 * reader (corpus, embeddings, map, imported layouts) goes through it; {@link ArtefactCommit}
 * is the writing side.
 *
 * <p>The errors, each one line that says what to do:
 * <ul>
 *   <li>{@code no NOUN in DIR (no MANIFEST): run 'COMMAND' first}
 *   <li>{@code MANIFEST is damaged (DETAIL): run 'COMMAND' again}
 *   <li>{@code MANIFEST is not a taskspace NOUN manifest (artefact "KIND"): run 'COMMAND' again}
 *   <li>{@code MANIFEST has schema N, newer than this taskspace (VERSION) reads (S): upgrade taskspace}
 *   <li>{@code FILE is missing, though MANIFEST lists it: run 'COMMAND' again}
 *   <li>{@code MANIFEST does not list NAME: run 'COMMAND' again}
 *   <li>{@code FILE does not match its checksum in MANIFEST (truncated, changed or damaged since it was written): run 'COMMAND' again}
 * </ul>
 */
public final class ArtefactCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ArtefactCheck() {}

    /**
     * One kind of artefact, as its reader checks it.
     *
     * @param kind     the manifest's {@code "artefact"} value, e.g. {@code taskspace.corpus}
     * @param schema   the newest schema version this build reads (and the one it writes)
     * @param noun     what a user calls it: {@code corpus}, {@code embeddings}, {@code map}
     * @param command  the command that makes it, as the errors tell the user to run it
     * @param manifest the manifest's file name in the artefact's folder
     */
    public record Kind(String kind, int schema, String noun, String command, String manifest) {
        public Kind {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(noun, "noun");
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(manifest, "manifest");
            if (schema < 1) throw new IllegalArgumentException("schema must be 1 or more, got " + schema);
        }

        /** The same kind, with the errors naming {@code command} (e.g. with the project's {@code --out}). */
        public Kind withCommand(String command) {
            return new Kind(kind, schema, noun, command, manifest);
        }

        private String again() {
            return ": run '" + command + "' again";
        }
    }

    /** Finishes a commit that a crash interrupted in {@code dir} (nothing when there is none or no folder). */
    public static void recover(Path dir, Kind kind) {
        try {
            if (Files.isDirectory(dir)) ArtefactCommit.recover(dir);
        } catch (IOException e) {
            throw new TaskspaceException("cannot finish the interrupted write of the " + kind.noun() + " in " + dir + ": "
                    + ArtefactCommit.describe(e), e);
        }
    }

    /**
     * The manifest of the artefact in {@code dir}, checked: an interrupted commit finished, then
     * present, valid JSON, of this kind, with a schema this build reads.
     */
    public static ObjectNode manifest(Path dir, Kind kind) {
        ObjectNode m = manifestIfPresent(dir, kind);
        if (m == null) {
            throw new TaskspaceException("no " + kind.noun() + " in " + dir + " (no " + kind.manifest() + "): run '" + kind.command() + "' first");
        }
        return m;
    }

    /** As {@link #manifest}, but null when the folder has no manifest yet. */
    public static ObjectNode manifestIfPresent(Path dir, Kind kind) {
        return read(dir, kind, false);
    }

    /**
     * As {@link #manifestIfPresent}, but null also when the manifest is not JSON at all: for a
     * writer that starts afresh, since nothing in it can be kept.
     */
    public static ObjectNode manifestUnlessDamaged(Path dir, Kind kind) {
        return read(dir, kind, true);
    }

    private static ObjectNode read(Path dir, Kind kind, boolean damagedIsAbsent) {
        recover(dir, kind);
        Path f = dir.resolve(kind.manifest());
        if (!Files.isRegularFile(f)) return null;
        JsonNode n;
        try {
            n = JSON.readTree(f.toFile());
        } catch (JsonProcessingException e) {
            if (damagedIsAbsent) return null;
            throw new TaskspaceException(f + " is damaged (" + e.getOriginalMessage() + ")" + kind.again());
        } catch (IOException e) {
            throw new TaskspaceException("cannot read " + f + ": " + ArtefactCommit.describe(e), e);
        }
        if (!(n instanceof ObjectNode o) || !kind.kind().equals(o.path("artefact").asText()) || o.path("schema").asInt(-1) < 1) {
            String found = n instanceof ObjectNode on ? on.path("artefact").asText("") : "";
            throw new TaskspaceException(f + " is not a taskspace " + kind.noun() + " manifest (artefact \"" + found + "\")" + kind.again());
        }
        int schema = o.path("schema").asInt();
        if (schema > kind.schema()) {
            throw new TaskspaceException(f + " has schema " + schema + ", newer than this taskspace (" + Version.get() + ") reads ("
                    + kind.schema() + "): upgrade taskspace");
        }
        return o;
    }

    /**
     * The bytes of {@code file}, checked against the size and SHA-256 that the manifest in
     * {@code dir} records for it.
     *
     * @param bytes the recorded size, or -1 when the manifest records none
     */
    public static byte[] read(Path dir, Path file, long bytes, String sha256, Kind kind) {
        byte[] b;
        try {
            b = Files.readAllBytes(requirePresent(file, kind));
        } catch (IOException e) {
            throw new TaskspaceException("cannot read " + file + ": " + ArtefactCommit.describe(e), e);
        }
        if ((bytes >= 0 && b.length != bytes) || !Hashing.sha256(b).equals(sha256)) throw mismatch(dir, file, kind);
        return b;
    }

    /** Checks {@code file} against the SHA-256 that the manifest in {@code dir} records, without keeping its bytes. */
    public static void verify(Path dir, Path file, String sha256, Kind kind) {
        read(dir, file, sha256, kind, (in, size) -> null);
    }

    /** Reads one data file from its stream ({@code size} bytes; the stream may be read to its end, closed or not). */
    @FunctionalInterface
    public interface Reader<T> {
        T read(InputStream in, long size) throws IOException;
    }

    /**
     * {@code file} as {@code reader} reads it, checked against the SHA-256 that the manifest in
     * {@code dir} records in the same pass: the bytes are hashed as the reader takes them (and
     * what it leaves is hashed after), so a large file is read once. When the reader fails on a
     * file that does not match its checksum (a truncated file, a damaged header), the error is
     * the checksum's, in the same words as when the file was checked before reading.
     */
    public static <T> T read(Path dir, Path file, String sha256, Kind kind, Reader<T> reader) {
        requirePresent(file, kind);
        MessageDigest md = Hashing.sha256();
        try (InputStream digesting = new DigestInputStream(Files.newInputStream(file), md)) {
            InputStream in = new FilterInputStream(digesting) {
                @Override
                public void close() {} // the reader's close must not stop the hash of what it left
            };
            T value;
            try {
                value = reader.read(in, Files.size(file));
            } catch (IOException | RuntimeException e) {
                requireHash(digesting, md, dir, file, sha256, kind); // a damaged file: the checksum's words
                throw e;
            }
            requireHash(digesting, md, dir, file, sha256, kind);
            return value;
        } catch (IOException e) {
            throw new TaskspaceException("cannot read " + file + ": " + ArtefactCommit.describe(e), e);
        }
    }

    /** Whether {@code file} is present and matches {@code sha256} (for a writer deciding what to keep). */
    public static boolean intact(Path file, String sha256) {
        try {
            return Files.isRegularFile(file) && Hashing.sha256(file).equals(sha256);
        } catch (IOException e) {
            return false;
        }
    }

    /** Hashes what is left of {@code rest} and fails with {@link #mismatch} unless the whole file's SHA-256 is {@code sha256}. */
    private static void requireHash(InputStream rest, MessageDigest md, Path dir, Path file, String sha256, Kind kind) throws IOException {
        rest.transferTo(OutputStream.nullOutputStream());
        if (!HexFormat.of().formatHex(md.digest()).equals(sha256)) throw mismatch(dir, file, kind);
    }

    /** The error for a data file that the manifest lists but that is missing. */
    public static TaskspaceException missing(Path file, Kind kind) {
        return new TaskspaceException(file + " is missing, though " + kind.manifest() + " lists it" + kind.again());
    }

    /** The error for a data file that the artefact needs but its manifest does not list (an edited or damaged manifest). */
    public static TaskspaceException unlisted(Path dir, String name, Kind kind) {
        return new TaskspaceException(dir.resolve(kind.manifest()) + " does not list " + name + kind.again());
    }

    /** The error for a data file that differs from what the manifest in {@code dir} records (size, checksum, shape). */
    public static TaskspaceException mismatch(Path dir, Path file, Kind kind) {
        return new TaskspaceException(file + " does not match its checksum in " + kind.manifest()
                + " (truncated, changed or damaged since it was written)" + kind.again());
    }

    private static Path requirePresent(Path file, Kind kind) {
        if (!Files.isRegularFile(file)) throw missing(file, kind);
        return file;
    }
}
