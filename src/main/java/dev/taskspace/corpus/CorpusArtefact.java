package dev.taskspace.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskspace.ProjectDir;
import dev.taskspace.TaskspaceException;
import dev.taskspace.Version;
import dev.taskspace.internal.ArtefactCheck;
import dev.taskspace.internal.ArtefactCommit;
import dev.taskspace.internal.Hashing;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The corpus stage's artefact: {@code corpus.jsonl} (one document per line: {@code id},
 * {@code label}, {@code text}, {@code source}, {@code meta}) and {@code corpus.json}, its
 * manifest (schema version, taskspace version, creation time, SHA-256 of the documents file,
 * provenance and parameters, drops, truncations, summary).
 *
 * <p>The documents file doubles as the record of a sample: its ids, given back to
 * {@code taskspace corpus --ids}, reproduce the sample. Readers accept unknown fields and
 * refuse a newer schema.
 */
public final class CorpusArtefact {
    /** The schema version this build writes and the newest it reads. */
    public static final int SCHEMA = 1;
    /** How readers check this artefact ({@link ArtefactCheck}). */
    public static final ArtefactCheck.Kind KIND = new ArtefactCheck.Kind("taskspace.corpus", SCHEMA, "corpus", "taskspace corpus", "corpus.json");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINES = new ObjectMapper();

    private CorpusArtefact() {}

    /**
     * Writes both files as one commit ({@link ArtefactCommit}): a crash or a full disk at any
     * instant leaves the previous corpus whole, or the new one.
     */
    public static void write(ProjectDir project, Corpus corpus) {
        ArtefactCommit commit = null;
        try {
            commit = ArtefactCommit.begin(project.root());
            MessageDigest md = Hashing.sha256();
            commit.write(project.corpusDocuments().getFileName().toString(), out -> {
                try (OutputStream digesting = new DigestOutputStream(nonClosing(out), md)) {
                    for (Document d : corpus.documents()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("id", d.id());
                        if (d.label() != null) row.put("label", d.label());
                        row.put("text", d.text());
                        row.put("source", d.source());
                        if (!d.meta().isEmpty()) row.put("meta", d.meta());
                        digesting.write(LINES.writeValueAsBytes(row));
                        digesting.write('\n');
                    }
                }
            });
            CorpusSummary summary = CorpusSummary.of(corpus);
            CorpusManifest m = new CorpusManifest(CorpusManifest.KIND, SCHEMA, Version.get(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), corpus.size(), HexFormat.of().formatHex(md.digest()),
                    corpus.provenance(), corpus.dropped(), List.copyOf(corpus.truncated()), summary);
            commit.write(project.corpusManifest().getFileName().toString(), out -> JSON.writeValue(nonClosing(out), m));
            commit.commit();
        } catch (IOException e) {
            if (commit != null) commit.abandon();
            throw new TaskspaceException("cannot write the corpus to " + project + ": " + ArtefactCommit.describe(e)
                    + " (the previous corpus, if any, is unchanged)", e);
        }
    }

    /**
     * The SHA-256 of {@code corpus.jsonl} as the corpus manifest records it (after {@link #read},
     * which checks the file against it, the file's own), without reading the documents; fails
     * as {@link #read} does when there is no corpus.
     */
    public static String recordedSha256(ProjectDir project) {
        return manifest(project).sha256();
    }

    /** The manifest, checked ({@link ArtefactCheck}: kind and schema), without reading the documents. */
    public static CorpusManifest manifest(ProjectDir project) {
        ArtefactCheck.Kind kind = KIND.withCommand("taskspace corpus --out " + project);
        try {
            return JSON.treeToValue(ArtefactCheck.manifest(project.root(), kind), CorpusManifest.class);
        } catch (JsonProcessingException e) {
            throw new TaskspaceException(project.corpusManifest() + " is damaged (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + "): run '" + kind.command() + "' again", e);
        }
    }

    /** Reads the corpus a previous run wrote, checking the manifest's kind, version and checksum ({@link ArtefactCheck}). */
    public static Corpus read(ProjectDir project) {
        CorpusManifest m = manifest(project);
        Path docsFile = project.corpusDocuments();
        ArtefactCheck.verify(project.root(), docsFile, m.sha256(), KIND.withCommand("taskspace corpus --out " + project));
        try {
            List<Document> docs = readDocuments(docsFile);
            return new Corpus(docs, new LinkedHashMap<>(m.dropped()), new LinkedHashSet<>(m.truncated()), m.provenance());
        } catch (IOException e) {
            throw new TaskspaceException("cannot read the corpus in " + project + ": " + e.getMessage(), e);
        }
    }

    /** The ids recorded in a file: a {@code corpus.jsonl} (its {@code id} fields) or plain text, one id per line. */
    public static List<String> readIds(Path file) {
        List<String> ids = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) continue;
                if (s.startsWith("{")) {
                    JsonNode n;
                    try {
                        n = LINES.readTree(s);
                    } catch (JsonProcessingException e) {
                        throw new TaskspaceException(file + ":" + lineNo + ": not valid JSON (" + e.getOriginalMessage() + ")");
                    }
                    if (!n.hasNonNull("id")) throw new TaskspaceException(file + ":" + lineNo + ": no \"id\" field");
                    ids.add(n.get("id").asText());
                } else {
                    ids.add(s);
                }
            }
        } catch (IOException e) {
            throw new TaskspaceException("cannot read the ids in " + file + ": " + e.getMessage(), e);
        }
        if (ids.isEmpty()) throw new TaskspaceException(file + ": no ids in this file");
        return ids;
    }

    private static List<Document> readDocuments(Path file) throws IOException {
        List<Document> docs = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                ObjectNode n;
                try {
                    n = (ObjectNode) LINES.readTree(line);
                } catch (JsonProcessingException | ClassCastException e) {
                    throw new TaskspaceException(file + ":" + lineNo + ": damaged line: run 'taskspace corpus' again");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> meta = n.has("meta") ? LINES.convertValue(n.get("meta"), Map.class) : Map.of();
                docs.add(new Document(n.path("id").asText(), n.hasNonNull("label") ? n.get("label").asText() : null,
                        n.path("text").asText(), n.path("source").asText(), meta));
            }
        }
        return docs;
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
